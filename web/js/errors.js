// errors.js - what every error the pages can receive says, in Vietnamese
// and in English: the server's error answers carry a stable reason key
// and the field at fault ({"error": {"code", "reason", "field",
// "message"}}, docs/internals/http.md); the pages show these words, never
// the server's message for developers. A reason not listed here falls
// back to its code's words, a field not listed to its own name.

// {field}: the field's label; {wait}: seconds to wait (Retry-After).
const REASONS = {
	// the applicant's data
	citizen_id: ['{field}: số căn cước công dân gồm đúng 12 chữ số (3 số đầu là mã tỉnh nơi sinh).',
		'{field}: a citizen ID has exactly 12 digits (the first three are the province of birth).'],
	required: ['{field}: chưa được điền.', '{field}: is required.'],
	too_long: ['{field}: quá dài, vui lòng rút gọn.', '{field}: is too long; please shorten it.'],
	too_many: ['{field}: quá nhiều mục.', '{field}: has too many entries.'],
	applicant_kind: ['{field}: chọn công dân, doanh nghiệp hoặc cơ quan, tổ chức.', '{field}: choose citizen, business or agency.'],
	email: ['{field}: không phải địa chỉ thư điện tử.', '{field}: is not an e-mail address.'],
	phone: ['{field}: chỉ gồm chữ số và các dấu + . - ( ).', '{field}: only digits and + . - ( ) are allowed.'],
	not_text: ['{field}: giá trị không hợp lệ.', '{field}: the value is not valid.'],
	bad_value: ['{field}: giá trị không hợp lệ.', '{field}: the value is not valid.'],
	not_a_field: ['{field}: không phải thông tin của hồ sơ.', '{field}: is not part of a filing.'],
	not_filers: ['{field}: do hệ thống hoặc cán bộ ghi nhận, người nộp không khai.', '{field}: is recorded by the system or staff, not declared by the applicant.'],
	not_utf8: ['Dữ liệu có ký tự không hợp lệ.', 'The data holds characters that are not valid.'],
	// procedures, units, channels
	procedure_unknown: ['{field}: không có thủ tục này.', '{field}: no such procedure.'],
	not_offered: ['{field}: đơn vị đã chọn không tiếp nhận thủ tục này; vui lòng chọn đơn vị có thẩm quyền.',
		'{field}: the chosen unit does not handle this procedure; please choose one that does.'],
	unit_unknown: ['{field}: không có đơn vị này.', '{field}: no such unit.'],
	unit_closed: ['{field}: đơn vị đã sáp nhập hoặc giải thể, không còn tiếp nhận; chọn đơn vị kế thừa.',
		'{field}: the unit was merged or closed and takes nothing; choose its successor.'],
	no_online_service: ['Thủ tục này chưa có dịch vụ công trực tuyến; vui lòng nộp tại bộ phận một cửa hoặc qua bưu chính.',
		'This procedure has no online service; please file it at the counter or by post.'],
	online_only: ['Thủ tục này hiện chỉ tiếp nhận trực tuyến; không nhận hồ sơ trực tiếp hoặc qua bưu chính.',
		'This procedure is online-only at present; direct and postal filings are refused.'],
	unit_share_used: ['Đơn vị đã nhận đủ số hồ sơ trực tuyến trong ngày; vui lòng nộp tại quầy hoặc nộp lại vào ngày mai.',
		'The unit has taken all its online filings for today; please file at its counter or online tomorrow.'],
	// dossiers and steps
	dossier_unknown: ['Không tìm thấy hồ sơ (mã không đúng hoặc hồ sơ không thuộc đơn vị của bạn).',
		'No such dossier (a wrong code, or not one of your units\' dossiers).'],
	tracking_unknown: ['Không tìm thấy hồ sơ với mã hồ sơ và mã bí mật này.', 'No dossier with this code and tracking secret.'],
	wrong_status: ['Trạng thái hiện tại của hồ sơ không cho phép thao tác này (có thể đã có người xử lý); tải lại để xem trạng thái mới.',
		'The dossier\'s status does not allow this (someone may have handled it already); reload to see it.'],
	note_required: ['{field}: vui lòng ghi lý do.', '{field}: please give the reason.'],
	already_there: ['{field}: hồ sơ đang ở đơn vị này; chọn đơn vị khác.', '{field}: the dossier is at this unit already; choose another.'],
	outside_units: ['{field}: đơn vị này không thuộc phạm vi tài khoản của bạn.', '{field}: this unit is outside your account\'s units.'],
	key_reused: ['Lần gửi trước có thể đã được ghi nhận; vui lòng kiểm tra danh sách hồ sơ trước khi gửi lại.',
		'The previous submission may have gone through; please check the list before sending again.'],
	key_malformed: ['Yêu cầu không hợp lệ; vui lòng tải lại trang.', 'The request is not valid; please reload the page.'],
	not_returned: ['Chỉ đánh giá được sau khi đã nhận kết quả.', 'A dossier can be rated once its result is handed over.'],
	already_rated: ['Hồ sơ này đã được đánh giá.', 'This dossier has been rated already.'],
	// accounts and sessions
	login_failed: ['Sai tên đăng nhập hoặc mật khẩu.', 'Wrong username or password.'],
	login_throttled: ['Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {wait} giây.', 'Too many failed sign-ins; please try again in {wait} seconds.'],
	signed_out: ['Vui lòng đăng nhập.', 'Please sign in.'],
	csrf: ['Phiên làm việc của trang không còn khớp; vui lòng tải lại trang.', 'This page\'s session no longer matches; please reload the page.'],
	forbidden: ['Tài khoản của bạn không được làm việc này.', 'Your account may not do this.'],
	write_limited: ['Đã gửi quá nhiều hồ sơ, đánh giá hoặc phản ánh trong một giờ từ địa chỉ này; vui lòng thử lại sau {wait} giây.',
		'Too many filings, ratings or feedback from this address within the hour; please try again in {wait} seconds.'],
	upload_limited: ['Đã tải lên quá nhiều tệp trong một giờ từ địa chỉ này; vui lòng thử lại sau {wait} giây.',
		'Too many uploads from this address within the hour; please try again in {wait} seconds.'],
	// the codes, for reasons without words of their own
	unsupported_media_type: ['{field}: loại dữ liệu gửi lên không được nhận.', '{field}: this kind of content is not taken.'],
	invalid_input: ['{field}: giá trị không hợp lệ.', '{field}: the value is not valid.'],
	not_found: ['{field}: không tìm thấy.', '{field}: not found.'],
	wrong_state: ['Trạng thái hiện tại không cho phép thao tác này.', 'The current status does not allow this.'],
	rule_violation: ['Quy định không cho phép thao tác này.', 'A rule does not allow this.'],
	conflict: ['{field}: trùng với dữ liệu đã có.', '{field}: clashes with what is stored already.'],
	too_large: ['{field}: dữ liệu gửi lên quá lớn.', '{field}: what was sent is too large.'],
	too_many_requests: ['Quá nhiều yêu cầu; vui lòng thử lại sau {wait} giây.', 'Too many requests; please try again in {wait} seconds.'],
	unauthorized: ['Vui lòng đăng nhập.', 'Please sign in.'],
	busy: ['Máy chủ đang bận; chưa có gì thay đổi, vui lòng thử lại sau {wait} giây.', 'The server is busy; nothing changed, please try again in {wait} seconds.'],
	unavailable: ['Máy chủ đang khởi động lại; chưa có gì thay đổi, vui lòng thử lại.', 'The server is restarting; nothing changed, please try again.'],
	method_not_allowed: ['Trang đã gửi một yêu cầu máy chủ không nhận; vui lòng tải lại trang.', 'The page sent a request the server does not take; please reload the page.'],
	server: ['Máy chủ gặp lỗi; thao tác chưa được thực hiện, vui lòng thử lại.', 'The server failed; nothing was done, please try again.'],
	network: ['Không kết nối được máy chủ; kiểm tra mạng rồi gửi lại (hồ sơ không bị gửi hai lần).',
		'Cannot reach the server; check the network and send again (nothing is sent twice).'],
};

const FIELDS = {
	MaTTHC: ['Thủ tục', 'Procedure'], DonViXuLy: ['Đơn vị tiếp nhận', 'Unit'],
	ChuHoSo: ['Người nộp / tổ chức', 'Applicant'], SoGiayToChuHoSo: ['Số CCCD / giấy tờ', 'Citizen ID / document number'],
	LoaiGiayToChuHoSo: ['Loại giấy tờ', 'Document type'], LoaiDoiTuong: ['Đối tượng', 'Applicant type'],
	SoDienThoai: ['Số điện thoại', 'Phone'], Email: ['Thư điện tử', 'E-mail'], TrichYeuHoSo: ['Trích yếu', 'Summary'],
	KenhThucHien: ['Kênh nộp', 'Channel'], TaiLieuNop: ['Thành phần hồ sơ', 'Dossier components'],
	MaThanhPhanHoSo: ['tên giấy tờ', 'document'], TenTepDinhKem: ['tên tệp', 'file name'],
	DuongDanTaiTepTin: ['đường dẫn tệp', 'file address'],
	MaHoSo: ['Mã hồ sơ', 'Dossier code'], code: ['Mã hồ sơ', 'Dossier code'], secret: ['Mã bí mật', 'Tracking secret'],
	TrangThaiHoSo: ['Trạng thái', 'Status'], note: ['Ghi chú / lý do', 'Note / reason'], to: ['Đơn vị chuyển đến', 'Receiving unit'],
	new_due: ['Ngày hẹn trả mới', 'New appointment'], results: ['Giấy tờ kết quả', 'Result document'],
	name: ['tên', 'name'], url: ['đường dẫn', 'address'],
	decision: ['Quyết định', 'Decision'], username: ['Tên đăng nhập', 'Username'], password: ['Mật khẩu', 'Password'],
	text: ['Nội dung', 'Text'], rating: ['Đánh giá', 'Rating'], unit: ['Đơn vị', 'Unit'], period: ['Kỳ báo cáo', 'Period'],
	'Idempotency-Key': ['Lần gửi', 'Submission'], files: ['Tệp', 'Files'], upload: ['Tệp tải lên', 'Upload'],
	component: ['Thành phần hồ sơ', 'Dossier component'], body: ['Dữ liệu gửi lên', 'The request'], q: ['Từ khóa', 'Search words'],
};

const SERVER_FAILURES = ['internal', 'internal_error', 'database_error', 'io_error', 'out_of_memory', 'checksum_mismatch'];

// "TaiLieuNop[1].MaThanhPhanHoSo" as "Thành phần hồ sơ 2, tên giấy tờ".
export function fieldLabel(field, lang) {
	const i = lang === 'en' ? 1 : 0;
	return field.split('.').map((part) => {
		const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(part);
		if (!m) return part;
		const label = FIELDS[m[1]] ? FIELDS[m[1]][i] : m[1];
		return m[2] === undefined ? label : `${label} ${Number(m[2]) + 1}`;
	}).join(', ');
}

// The words of an ApiError (status, code, reason, field, wait) in lang.
export function errorWords(e, lang) {
	const i = lang === 'en' ? 1 : 0;
	let key = e.reason || e.code;
	if (e.status === 0) key = 'network';
	else if (e.status >= 500 && (SERVER_FAILURES.includes(key) || !REASONS[key])) key = 'server';
	const words = REASONS[key] || REASONS[e.code] || REASONS.invalid_input;
	let text = words[i];
	text = e.field ? text.replace('{field}', fieldLabel(e.field, lang)) : text.replace(/^\{field\}: (.)/, (_, c) => c.toUpperCase());
	return text.replace('{wait}', String(e.wait || 30));
}
