// receipt.js - the receipt "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
// printed at the counter after acceptance: unit, dossier code,
// applicant, procedure, received and due times, components, fees and a
// QR code (drawn by the server) that opens the tracking page; and the
// handover record "Biên bản giao nhận kết quả" printed when the result
// is handed over: the results, who received them with which paper,
// when, and the two signatures.
import { el, fmtMoney, fmtTime } from './common.js';

// The tracking page address a receipt's QR code carries.
export function trackingUrl(code, secret) {
	const u = new URL('/', location.origin);
	u.searchParams.set('code', code);
	if (secret) u.searchParams.set('secret', secret);
	return u.toString();
}

function when(iso) {
	const s = fmtTime(iso);
	const [date, time] = s.split(' ');
	return time ? `${time}, ngày ${date}` : s;
}

// d: GET /dossiers/{code}; unit: GET /units/{code}; fees: whole dong.
export function receipt(d, unit, fee, url) {
	const comps = (d.portal && d.portal.TaiLieuNop) || [];
	const qrSrc = '/api/v1/qr.svg?text=' + encodeURIComponent(url);
	return el('article', { class: 'receipt', id: 'receipt-doc', dataset: { code: d.code, url } },
		el('div', { class: 'r-head' },
			el('div', {}, el('div', {}, 'TỈNH BÌNH AN'), el('div', { class: 'u', id: 'r-unit' }, unit ? unit.name : d.unit_code),
				el('div', { class: 'small' }, 'Bộ phận Tiếp nhận và Trả kết quả')),
			el('div', { class: 'motto' }, el('b', {}, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
				el('b', {}, 'Độc lập - Tự do - Hạnh phúc'))),
		el('div', { class: 'r-title' }, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'),
		el('div', { class: 'r-code' }, 'Mã hồ sơ: ', el('b', { id: 'r-code' }, d.code)),
		el('div', { class: 'r-body' },
			el('div', {},
				el('p', {}, 'Bộ phận Tiếp nhận và Trả kết quả: ', el('b', {}, unit ? unit.name : d.unit_code)),
				el('p', {}, 'Tiếp nhận hồ sơ của: ', el('b', { id: 'r-applicant' }, d.applicant_name || ''),
					d.applicant_id ? ` (số giấy tờ: ${d.applicant_id})` : ''),
				d.portal && d.portal.SoDienThoai ? el('p', {}, 'Số điện thoại: ', d.portal.SoDienThoai) : null,
				el('p', {}, 'Nội dung yêu cầu giải quyết: ', el('b', { id: 'r-procedure' }, d.procedure_name || d.procedure_code)),
				el('p', {}, 'Kênh nộp: ', d.channel_name || ''),
				el('p', {}, 'Thành phần hồ sơ:'),
				comps.length ? el('ol', { id: 'r-components' }, comps.map((c) =>
					el('li', {}, c.MaThanhPhanHoSo || c.TenTepDinhKem,
						c.TenTepDinhKem && c.TenTepDinhKem !== c.MaThanhPhanHoSo ? ` (${c.TenTepDinhKem})` : '')))
					: el('p', { id: 'r-components' }, '(không có)'),
				el('p', {}, 'Phí, lệ phí: ', el('b', { id: 'r-fee' }, fmtMoney(fee))),
				el('p', {}, 'Thời gian nhận hồ sơ: ', el('span', { id: 'r-received' }, when(d.received))),
				el('p', { class: 'due' }, 'Thời gian trả kết quả: ', el('span', { id: 'r-due' }, when(d.due))),
				el('p', { class: 'small' }, 'Tra cứu tình trạng hồ sơ bằng mã QR hoặc tại trang Dịch vụ công.')),
			el('div', { class: 'qr' },
				el('img', { id: 'r-qr', src: qrSrc, alt: 'QR', width: 140, height: 140 }),
				el('div', { class: 'cap' }, 'Quét để tra cứu'))),
		el('div', { class: 'r-sign' },
			el('div', {}, el('b', {}, 'NGƯỜI NỘP HỒ SƠ'), el('div', { class: 'small' }, '(Ký và ghi rõ họ tên)')),
			el('div', {}, el('b', {}, 'NGƯỜI TIẾP NHẬN HỒ SƠ'), el('div', { class: 'small' }, '(Ký và ghi rõ họ tên)'))));
}

function head(unit, d) {
	return el('div', { class: 'r-head' },
		el('div', {}, el('div', {}, 'TỈNH BÌNH AN'), el('div', { class: 'u' }, unit ? unit.name : d.unit_code),
			el('div', { class: 'small' }, 'Bộ phận Tiếp nhận và Trả kết quả')),
		el('div', { class: 'motto' }, el('b', {}, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
			el('b', {}, 'Độc lập - Tự do - Hạnh phúc')));
}

// d: GET /dossiers/{code} before; after: the dossier the return answered;
// recipient: {name, id, proxy, post}; clerk: the account handing over.
export function handoverRecord(d, after, unit, recipient, clerk) {
	const results = (d.portal && d.portal.DanhSachGiayToKetQua) || [];
	return el('article', { class: 'receipt', id: 'handover-doc', dataset: { code: d.code } },
		head(unit, d),
		el('div', { class: 'r-title' }, 'Biên bản giao nhận kết quả giải quyết thủ tục hành chính'),
		el('div', { class: 'r-code' }, 'Mã hồ sơ: ', el('b', { id: 'h-code' }, d.code)),
		el('p', {}, 'Người nộp hồ sơ: ', el('b', {}, d.applicant_name || ''), d.applicant_id ? ` (số giấy tờ: ${d.applicant_id})` : ''),
		el('p', {}, 'Thủ tục: ', el('b', {}, d.procedure_name || d.procedure_code)),
		el('p', {}, 'Kết quả giao:'),
		results.length ? el('ol', { id: 'h-doc-results' }, results.map((r) =>
			el('li', {}, r.TenGiayTo || '', r.MaGiayToKetQua ? ` (số, ký hiệu: ${r.MaGiayToKetQua})` : '')))
			: el('p', { id: 'h-doc-results' }, '(không ghi)'),
		recipient.post
			? el('p', {}, 'Hình thức trả: qua dịch vụ bưu chính công ích, người nhận: ', el('b', { id: 'h-recipient' }, recipient.name))
			: el('p', {}, 'Người nhận kết quả: ', el('b', { id: 'h-recipient' }, recipient.name),
				`, số giấy tờ: ${recipient.id}`, recipient.proxy ? ' (nhận thay theo giấy ủy quyền)' : ''),
		el('p', {}, 'Thời gian giao: ', el('span', { id: 'h-when' }, when(after.returned))),
		el('p', {}, 'Người giao: ', clerk),
		el('div', { class: 'r-sign' },
			el('div', {}, el('b', {}, 'NGƯỜI NHẬN KẾT QUẢ'), el('div', { class: 'small' }, '(Ký và ghi rõ họ tên)')),
			el('div', {}, el('b', {}, 'NGƯỜI TRẢ KẾT QUẢ'), el('div', { class: 'small' }, '(Ký và ghi rõ họ tên)'))));
}
