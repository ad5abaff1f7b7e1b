// portal.js - the public portal (index.html): search the procedure
// catalogue, file a dossier online with its components, track a dossier
// by code and secret, rate it once the result is returned (status 10) and
// send feedback about it.
import {
	addWords, api, apiUpload, chrome, componentChecklist, el, errText, fmtMoney, fmtTime, inService, loadSession, notice, onLangChange, qs,
	statusBadge, t, translate, showError, Submission,
} from './common.js';

addWords({
	vi: {
		'tab.search': 'Tra cứu thủ tục', 'tab.file': 'Nộp hồ sơ trực tuyến', 'tab.track': 'Tra cứu hồ sơ',
		'search.title': 'Tra cứu thủ tục hành chính', 'search.label': 'Tên hoặc mã thủ tục',
		'search.ph': 'Ví dụ: dang ky ho kinh doanh', 'search.go': 'Tìm kiếm',
		'search.count': 'Tìm thấy {n} thủ tục', 'search.file': 'Nộp hồ sơ',
		'limit.working_days': 'ngày làm việc', 'limit.calendar_days': 'ngày', 'limit.working_hours': 'giờ làm việc',
		'online.full': 'DVC trực tuyến toàn trình', 'online.partial': 'DVC trực tuyến một phần', 'online.none': 'Nộp trực tiếp',
		'online_only': 'Chỉ nhận trực tuyến',
		'file.title': 'Nộp hồ sơ trực tuyến', 'file.unit': 'Cơ quan tiếp nhận',
		'file.name': 'Họ và tên người nộp / tên tổ chức', 'file.kind': 'Đối tượng',
		'kind.1': 'Công dân', 'kind.2': 'Doanh nghiệp', 'kind.3': 'Cơ quan, tổ chức',
		'file.id': 'Số CCCD / mã số doanh nghiệp', 'file.phone': 'Số điện thoại', 'file.email': 'Thư điện tử',
		'file.summary': 'Trích yếu nội dung', 'file.comp_help': 'Ghi tên từng giấy tờ và chọn tệp đính kèm.',
		'file.checklist_help': 'Tải lên tệp của từng thành phần hồ sơ; thành phần bắt buộc phải có tệp.',
		'file.add_comp': '+ Thêm thành phần', 'file.comp_name': 'Tên giấy tờ', 'file.comp_file': 'Tệp đính kèm',
		'file.remove': 'Xóa', 'file.submit': 'Nộp hồ sơ',
		'file.done': 'Hồ sơ đã được gửi. Vui lòng lưu mã hồ sơ và mã bí mật để tra cứu.',
		'file.keep': 'Mã bí mật chỉ hiển thị một lần.', 'file.track': 'Theo dõi hồ sơ này',
		'file.another': 'Nộp hồ sơ khác', 'file.pick': '— Chọn —',
		'track.title': 'Tra cứu tình trạng hồ sơ', 'track.go': 'Tra cứu',
		'track.none': 'Không tìm thấy hồ sơ với mã và mã bí mật này.',
		'track.results': 'Kết quả điện tử', 'track.result_file': 'Tải kết quả',
		'track.result_sig': 'Chữ ký số (.p7s)', 'track.result_verify': 'Xác thực',
		'track.result_signed': 'ký lúc',
		'track.forms': 'Biểu mẫu (PDF)', 'form.01': 'Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)',
		'form.03': 'Phiếu từ chối tiếp nhận (mẫu 03)', 'form.06': 'Phiếu kiểm soát quá trình giải quyết (mẫu 06)',
		'rate.title': 'Đánh giá mức độ hài lòng', 'rate.send': 'Gửi đánh giá', 'rate.thanks': 'Cảm ơn bạn đã đánh giá.',
		'rate.satisfied': 'Hài lòng', 'rate.neutral': 'Bình thường', 'rate.dissatisfied': 'Không hài lòng',
		'rate.pick': 'Vui lòng chọn một mức đánh giá.', 'rate.done': 'Hồ sơ này đã được đánh giá.',
		'fb.id': 'Mã phản ánh',
		'fb.title': 'Phản ánh, kiến nghị', 'fb.text': 'Nội dung phản ánh', 'fb.send': 'Gửi phản ánh',
		'fb.thanks': 'Phản ánh của bạn đã được ghi nhận.',
		'pay.title': 'Phí, lệ phí', 'pay.charged': 'Phải nộp', 'pay.paid': 'Đã nộp', 'pay.owed': 'Còn phải nộp',
		'pay.before.processing': 'Cần nộp trước khi hồ sơ được giải quyết.',
		'pay.before.result': 'Cần nộp trước khi nhận kết quả.',
		'pay.go': 'Thanh toán trực tuyến', 'pay.order': 'Đơn', 'pay.receipt': 'Biên lai điện tử (PDF)',
		'pay.receipt_cancelled': 'Biên lai đã hủy', 'pay.old': 'Lệ phí của hồ sơ này do hệ thống cũ ghi nhận.',
		'pay.back_paid': 'Thanh toán thành công. Biên lai điện tử đã được lập.',
		'pay.back_pending': 'Đang chờ cổng thanh toán xác nhận; hồ sơ chưa được ghi nhận là đã nộp phí.',
		'pay.none': 'Hồ sơ không phải nộp phí, lệ phí.',
	},
	en: {
		'tab.search': 'Find a procedure', 'tab.file': 'File online', 'tab.track': 'Track a dossier',
		'search.title': 'Administrative procedure catalogue', 'search.label': 'Name or code of the procedure',
		'search.ph': 'e.g. household business registration', 'search.go': 'Search',
		'search.count': '{n} procedures found', 'search.file': 'File a dossier',
		'limit.working_days': 'working days', 'limit.calendar_days': 'days', 'limit.working_hours': 'working hours',
		'online.full': 'Full online service', 'online.partial': 'Partial online service', 'online.none': 'In person',
		'online_only': 'Online only',
		'file.title': 'File a dossier online', 'file.unit': 'Receiving agency',
		'file.name': 'Applicant or organisation name', 'file.kind': 'Applicant type',
		'kind.1': 'Citizen', 'kind.2': 'Business', 'kind.3': 'Agency or organisation',
		'file.id': 'Citizen ID / enterprise code', 'file.phone': 'Phone', 'file.email': 'Email',
		'file.summary': 'Summary', 'file.comp_help': 'Name each document and pick its file.',
		'file.checklist_help': 'Upload the file of each component; a required component must have its file.',
		'file.add_comp': '+ Add a component', 'file.comp_name': 'Document', 'file.comp_file': 'File',
		'file.remove': 'Remove', 'file.submit': 'Submit',
		'file.done': 'Your dossier was sent. Keep the dossier code and the secret to track it.',
		'file.keep': 'The secret is shown only once.', 'file.track': 'Track this dossier',
		'file.another': 'File another', 'file.pick': '— Choose —',
		'track.title': 'Track a dossier', 'track.go': 'Track',
		'track.none': 'No dossier with this code and secret.',
		'track.results': 'Electronic results', 'track.result_file': 'Download the result',
		'track.result_sig': 'Signature (.p7s)', 'track.result_verify': 'Verify',
		'track.result_signed': 'signed',
		'track.forms': 'Forms (PDF)', 'form.01': 'Receipt and appointment (form 01)',
		'form.03': 'Refusal (form 03)', 'form.06': 'Dossier control slip (form 06)',
		'rate.title': 'Rate your satisfaction', 'rate.send': 'Send rating', 'rate.thanks': 'Thank you for your rating.',
		'rate.satisfied': 'Satisfied', 'rate.neutral': 'Neutral', 'rate.dissatisfied': 'Dissatisfied',
		'rate.pick': 'Please choose a rating.', 'rate.done': 'This dossier has been rated already.',
		'fb.id': 'Feedback number',
		'fb.title': 'Feedback', 'fb.text': 'Your feedback', 'fb.send': 'Send feedback',
		'fb.thanks': 'Your feedback was recorded.',
		'pay.title': 'Fees', 'pay.charged': 'Charged', 'pay.paid': 'Paid', 'pay.owed': 'Still owed',
		'pay.before.processing': 'To be paid before the dossier is processed.',
		'pay.before.result': 'To be paid before the result is handed over.',
		'pay.go': 'Pay online', 'pay.order': 'Order', 'pay.receipt': 'Electronic receipt (PDF)',
		'pay.receipt_cancelled': 'Receipt cancelled', 'pay.old': 'The fees of this dossier were recorded by the old system.',
		'pay.back_paid': 'Payment confirmed. The electronic receipt was issued.',
		'pay.back_pending': 'Waiting for the payment gateway to confirm; the fee is not recorded as paid yet.',
		'pay.none': 'This dossier has no fees to pay.',
	},
});

const $ = (id) => document.getElementById(id);
let procedures = [];  // the last search
let units = [];
let lastTrack = null; // {code, secret, data}

// ---- tabs -----------------------------------------------------------------

function showTab(name) {
	for (const n of ['search', 'file', 'track']) {
		$(n).hidden = n !== name;
		$('tab-' + n).setAttribute('aria-selected', String(n === name));
	}
}

// ---- catalogue --------------------------------------------------------------

function procItem(p) {
	const limit = `${p.limit.value} ${t('limit.' + p.limit.unit)}`;
	return el('li', { dataset: { code: p.code } },
		el('div', {},
			el('div', { class: 'pname' }, p.name),
			el('div', { class: 'muted small' },
				`${p.code} · ${p.field_name || ''} · ${limit} · ${fmtMoney(p.fee_total)} · ${t('online.' + p.online_level)}`),
			p.online_only.length ? el('span', { class: 'badge s5' }, t('online_only')) : null),
		el('button', { class: 'btn small', type: 'button', onclick: () => startFiling(p.code) }, t('search.file')));
}

function showProcedures() {
	$('search-count').textContent = t('search.count').replace('{n}', procedures.length);
	$('results').replaceChildren(...procedures.slice(0, 50).map(procItem));
}

async function search(q) {
	try {
		const r = await api('GET', '/procedures' + qs({ q }));
		procedures = r.procedures;
		showProcedures();
	} catch (e) {
		notice($('results'), 'error', errText(e));
	}
}

// ---- filing -------------------------------------------------------------------

function componentRow(name = '', file = '') {
	const fileName = el('input', { class: 'c-file', value: file, readonly: true, placeholder: '…' });
	const picker = el('input', { type: 'file', class: 'c-pick', onchange: (ev) => {
		const f = ev.target.files[0];
		if (f) fileName.value = f.name;
	} });
	const row = el('div', { class: 'comp-row' },
		el('label', {}, el('span', { 'data-i18n': 'file.comp_name' }), el('input', { class: 'c-name', value: name })),
		el('label', {}, el('span', { 'data-i18n': 'file.comp_file' }), picker, fileName),
		el('button', { class: 'btn secondary small', type: 'button', 'data-i18n': 'file.remove', onclick: () => row.remove() }));
	translate(row);
	return row;
}

function fillSelects(selected) {
	const pick = el('option', { value: '' }, t('file.pick'));
	const list = procedures.length ? procedures : [];
	$('f-proc').replaceChildren(pick, ...list.map((p) => el('option', { value: p.code, selected: p.code === selected }, `${p.code} — ${p.name}`)));
	if (selected && !list.some((p) => p.code === selected)) $('f-proc').append(el('option', { value: selected, selected: true }, selected));
	const cur = $('f-unit').value;
	$('f-unit').replaceChildren(el('option', { value: '' }, t('file.pick')),
		...units.map((u) => el('option', { value: u.code, selected: u.code === cur }, `${u.name} (${u.code})`)));
}

// The procedure's components as a checklist to upload; free rows (a
// name and a file) for a procedure that lists none.
let checklist = null; // the components of the procedure on the form
async function loadChecklist(code) {
	checklist = null;
	$('components').replaceChildren();
	if (code) {
		try {
			const p = await api('GET', `/procedures/${encodeURIComponent(code)}`);
			if (p.components && p.components.length) checklist = p.components;
		} catch { checklist = null; }
	}
	$('add-comp').hidden = !!checklist;
	$('comp-help').setAttribute('data-i18n', checklist ? 'file.checklist_help' : 'file.comp_help');
	$('comp-help').textContent = t(checklist ? 'file.checklist_help' : 'file.comp_help');
	$('components').replaceChildren(...(checklist ? componentChecklist(checklist, null, code) : [componentRow()]));
}

function startFiling(code) {
	fillSelects(code);
	$('filed').hidden = true;
	$('file-form').hidden = false;
	loadChecklist($('f-proc').value);
	showTab('file');
	$('f-unit').focus();
}

// The files chosen, each with its component's code.
function chosenFiles() {
	return [...document.querySelectorAll('#components .comp-row')].map((r) => {
		const f = r.querySelector('.c-pick').files[0];
		const code = r.dataset.code || (r.querySelector('.c-name') ? r.querySelector('.c-name').value.trim() : '') || (f && f.name);
		return f ? { code, file: f } : null;
	}).filter(Boolean);
}

function filingBody() {
	// free rows without a file are declared by name; every file goes
	// through the upload, and the system marks what it holds as
	// digitized (no flag is the citizen's to set)
	const comps = checklist ? [] : [...document.querySelectorAll('#components .comp-row')]
		.filter((r) => !r.querySelector('.c-pick').files[0])
		.map((r) => r.querySelector('.c-name').value.trim())
		.filter(Boolean)
		.map((name) => ({ MaThanhPhanHoSo: name }));
	const body = {
		MaTTHC: $('f-proc').value, DonViXuLy: $('f-unit').value, KenhThucHien: '2',
		ChuHoSo: $('f-name').value.trim(), SoGiayToChuHoSo: $('f-id').value.trim(),
		LoaiDoiTuong: $('f-kind').value, TaiLieuNop: comps,
	};
	if ($('f-phone').value.trim()) body.SoDienThoai = $('f-phone').value.trim();
	if ($('f-email').value.trim()) body.Email = $('f-email').value.trim();
	if ($('f-summary').value.trim()) body.TrichYeuHoSo = $('f-summary').value.trim();
	return body;
}

function showFiled(r) {
	const link = `?code=${encodeURIComponent(r.code)}&secret=${encodeURIComponent(r.secret)}`;
	$('filed').replaceChildren(
		el('div', { class: 'notice success', role: 'status' }, t('file.done')),
		el('dl', { class: 'kv' },
			el('dt', {}, t('code')), el('dd', {}, el('span', { class: 'secret', id: 'filed-code' }, r.code)),
			el('dt', {}, t('secret')), el('dd', {}, el('span', { class: 'secret', id: 'filed-secret' }, r.secret)),
			el('dt', {}, t('procedure')), el('dd', {}, r.dossier.procedure_name || r.dossier.procedure_code),
			el('dt', {}, t('status')), el('dd', {}, statusBadge(r.dossier.status))),
		el('p', { class: 'muted small' }, t('file.keep')),
		el('div', { class: 'actions' },
			el('a', { class: 'btn', href: link, id: 'filed-track' }, t('file.track')),
			el('button', { class: 'btn secondary', type: 'button', onclick: () => {
				$('file-form').reset();
				startFiling('');
			} }, t('file.another'))));
	$('file-form').hidden = true;
	$('filed').hidden = false;
	payPanel(r.code, r.secret).then((p) => $('filed').append(p));
}

// Sent with a request key: a filing sent again after its answer was lost
// gets the first one's code and secret back instead of a second dossier.
let filing = null;
async function submitFiling(ev) {
	ev.preventDefault();
	$('file-msg').replaceChildren();
	filing = filing || new Submission($('file-submit'));
	try {
		const files = chosenFiles();
		let upload = '';
		if (files.length) {
			upload = (await api('POST', '/public/uploads')).upload;
			for (const f of files) {
				notice($('file-msg'), 'info', t('comp.uploading').replace('{name}', f.file.name));
				await apiUpload(`/public/uploads/${upload}/files${qs({ component: f.code })}`, f.file);
			}
			$('file-msg').replaceChildren();
		}
		showFiled(await filing.send('POST', '/dossiers' + qs({ upload }), filingBody()));
	} catch (e) {
		showError($('file-msg'), e, $('file-form'));
	}
}

// ---- fees and payments ------------------------------------------------------------

// An amount as owed or paid: 0 is 0 đ here, not "free".
const dong = (n) => `${new Intl.NumberFormat('vi-VN').format(n || 0)} đ`;

// Where the citizen went to pay from: the secret comes back with them
// from the gateway, which must never see it.
const PAY_KEY = 'motcua.pay';

async function startPayment(code, secret, msg, button) {
	button.disabled = true;
	try {
		const r = await api('POST', `/public/dossiers/${encodeURIComponent(code)}/pay`,
			{ secret, lang: document.documentElement.lang === 'en' ? 'en' : 'vi' });
		sessionStorage.setItem(PAY_KEY, JSON.stringify({ code, secret }));
		location.assign(r.url);
	} catch (e) {
		notice(msg, 'error', errText(e));
		button.disabled = false;
	}
}

function paymentRow(code, secret, p) {
	const receipt = p.receipt
		? (p.receipt.cancelled
			? el('span', { class: 'muted' }, `${t('pay.receipt_cancelled')}: ${p.receipt.cancel_reason || ''}`)
			: el('a', { href: `/api/v1/public/dossiers/${encodeURIComponent(code)}/receipts/${p.order}.pdf${qs({ secret })}`,
				target: '_blank', rel: 'noopener', id: `receipt-${p.order}` },
			`${t('pay.receipt')} ${p.receipt.series} ${String(p.receipt.number).padStart(7, '0')}`))
		: null;
	return el('li', { dataset: { order: p.order, status: p.status } },
		`${t('pay.order')} ${p.order}: ${dong(p.amount)} · ${p.method_name} · `,
		el('b', { class: 'pay-status' }, p.status_name), receipt ? ' · ' : '', receipt);
}

// What the dossier owes and has paid, its payments and receipts, and the
// Pay button while anything is owed.
async function payPanel(code, secret) {
	const host = el('div', { class: 'card', id: 'pay-panel' });
	let s;
	try {
		s = await api('GET', `/public/dossiers/${encodeURIComponent(code)}/payments${qs({ secret })}`);
	} catch (e) {
		notice(host, 'error', errText(e));
		return host;
	}
	host.append(el('h3', {}, t('pay.title')));
	if (!s.charged && !s.payments.length) {
		host.append(el('p', { class: 'muted', id: 'pay-none' }, t('pay.none')));
		return host;
	}
	host.append(el('dl', { class: 'kv' },
		el('dt', {}, t('pay.charged')), el('dd', { id: 'pay-charged' }, dong(s.charged)),
		el('dt', {}, t('pay.paid')), el('dd', { id: 'pay-paid' }, dong(s.paid)),
		el('dt', {}, t('pay.owed')), el('dd', { id: 'pay-owed' }, dong(s.owed))));
	if (s.owed && s.pay_before !== 'none') host.append(el('p', { class: 'small' }, t('pay.before.' + s.pay_before)));
	if (s.payments.length) host.append(el('ul', { id: 'pay-list' }, s.payments.map((p) => paymentRow(code, secret, p))));
	const msg = el('div');
	host.append(msg);
	if (!s.numbered_here) host.append(el('p', { class: 'muted small' }, t('pay.old')));
	else if (s.owed > 0) {
		const button = el('button', { class: 'btn', type: 'button', id: 'pay-btn' }, `${t('pay.go')} ${dong(s.owed)}`);
		button.addEventListener('click', () => startPayment(code, secret, msg, button));
		host.append(el('div', { class: 'actions' }, button));
	}
	return host;
}

// ---- tracking ------------------------------------------------------------------

function historyList(steps) {
	return el('ol', { class: 'timeline' }, steps.map((s) =>
		el('li', {},
			el('div', { class: 'when' }, fmtTime(s.at)),
			el('div', {}, statusBadge(s.new_status), s.note ? ` — ${s.note}` : ''))));
}

function trackCard(d) {
	return el('div', { id: 'track-card' },
		el('h3', {}, d.procedure_name || d.procedure_code),
		el('dl', { class: 'kv' },
			el('dt', {}, t('code')), el('dd', { id: 'track-code' }, d.code),
			el('dt', {}, t('status')), el('dd', { id: 'track-status' }, statusBadge(d.status)),
			el('dt', {}, t('submitted')), el('dd', {}, fmtTime(d.submitted) || '–'),
			el('dt', {}, t('received')), el('dd', {}, fmtTime(d.received) || '–'),
			el('dt', {}, t('due')), el('dd', { id: 'track-due' }, fmtTime(d.due) || '–'),
			d.finished ? [el('dt', {}, t('finished')), el('dd', {}, fmtTime(d.finished))] : null,
			d.returned ? [el('dt', {}, t('returned')), el('dd', {}, fmtTime(d.returned))] : null),
		el('h3', {}, t('history')),
		historyList(d.history),
		el('div', { id: 'after-result' }));
}

// The printed forms of the dossier as PDF: the receipt once received,
// the refusal of a refused dossier, the control slip always.
function formLinks(d, secret) {
	const forms = [d.received ? '01' : null, d.status === 3 || d.status === 8 ? '03' : null, '06'];
	const href = (n) => `/api/v1/public/dossiers/${encodeURIComponent(d.code)}/forms/${n}.pdf${qs({ secret })}`;
	return el('div', { id: 'track-forms' }, el('h3', {}, t('track.forms')),
		el('ul', {}, forms.filter(Boolean).map((n) =>
			el('li', {}, el('a', { href: href(n), target: '_blank', rel: 'noopener', id: `track-form-${n}` }, t('form.' + n))))));
}

// The electronic results the unit signed: the file and its .p7s, each
// downloaded with the secret, and the public verification page with a QR
// code that opens it (to print beside the result).
function resultLinks(d, secret) {
	const signed = (d.results || []).filter((r) => r.file && r.signature);
	if (!signed.length) return null;
	const href = (sha) => `/api/v1/public/dossiers/${encodeURIComponent(d.code)}/results/${sha}${qs({ secret })}`;
	const verify = `${location.origin}/verify.html${qs({ code: d.code })}`;
	return el('div', { id: 'track-results' }, el('h3', {}, t('track.results')),
		el('ul', {}, signed.map((r, i) => el('li', { 'data-file': r.file },
			el('strong', {}, r.name || ''), r.number ? ` (${r.number})` : '',
			` — ${t('track.result_signed')} ${fmtTime(r.signed_at)}: `,
			el('a', { href: href(r.file), id: `track-result-${i}`, download: '' }, t('track.result_file')), ' · ',
			el('a', { href: href(r.signature), id: `track-result-sig-${i}`, download: '' }, t('track.result_sig')), ' · ',
			el('a', { href: verify, id: `track-result-verify-${i}` }, t('track.result_verify'))))),
		el('img', { class: 'qr', alt: t('track.result_verify'), width: 120, height: 120,
			src: `/api/v1/qr.svg${qs({ text: verify })}`, id: 'track-results-qr' }));
}

// The three answers of the national satisfaction survey.
const RATINGS = ['satisfied', 'neutral', 'dissatisfied'];

function ratingForm(code, secret) {
	let rating = '';
	const buttons = RATINGS.map((r) => el('button', { type: 'button', class: 'choice', 'data-rating': r, onclick: () => {
		rating = r;
		buttons.forEach((b) => b.classList.toggle('on', b.dataset.rating === r));
	} }, t('rate.' + r)));
	const msg = el('div');
	const send = el('button', { class: 'btn', type: 'submit' }, t('rate.send'));
	const form = el('form', { class: 'card', id: 'rating-form' },
		el('h3', {}, t('rate.title')), el('div', { class: 'choices' }, buttons), msg,
		el('div', { class: 'actions' }, send));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		if (!rating) { notice(msg, 'error', t('rate.pick')); return; }
		try {
			await api('POST', `/public/dossiers/${encodeURIComponent(code)}/rating`, { secret, rating });
			notice(msg, 'success', t('rate.thanks'));
			send.disabled = true;
		} catch (e) {
			notice(msg, 'error', e.status === 409 ? t('rate.done') : errText(e));
		}
	});
	return form;
}

function feedbackForm(code, secret) {
	const text = el('textarea', { required: true, maxlength: 4000 });
	const msg = el('div');
	const form = el('form', { class: 'card', id: 'feedback-form' },
		el('h3', {}, t('fb.title')), el('label', {}, t('fb.text'), text), msg,
		el('div', { class: 'actions' }, el('button', { class: 'btn secondary', type: 'submit' }, t('fb.send'))));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		try {
			const r = await api('POST', '/public/feedback', { dossier: code, secret, text: text.value });
			notice(msg, 'success', `${t('fb.thanks')} ${t('fb.id')}: ${r.id}`);
			text.value = '';
		} catch (e) { notice(msg, 'error', errText(e)); }
	});
	return form;
}

// Rating once the result is returned (status 10); feedback at any time.
function afterResult(d, secret) {
	const host = $('after-result');
	if (d.status === 10) host.append(ratingForm(d.code, secret));
	host.append(feedbackForm(d.code, secret));
}

async function track(code, secret) {
	$('track-msg').replaceChildren();
	$('track-result').replaceChildren();
	try {
		const d = await api('GET', `/public/dossiers/${encodeURIComponent(code)}${qs({ secret })}`);
		lastTrack = { code, secret, data: d };
		$('track-result').append(...[trackCard(d), resultLinks(d, secret), await payPanel(code, secret), formLinks(d, secret)].filter(Boolean));
		afterResult(d, secret);
	} catch (e) {
		lastTrack = null;
		notice($('track-msg'), 'error', e.status === 404 ? t('track.none') : errText(e));
	}
}

// ---- start ---------------------------------------------------------------------

async function main() {
	chrome('index.html');
	translate();
	$('tab-search').addEventListener('click', () => showTab('search'));
	$('tab-file').addEventListener('click', () => startFiling($('f-proc').value));
	$('tab-track').addEventListener('click', () => showTab('track'));
	$('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); search($('q').value.trim()); });
	$('add-comp').addEventListener('click', () => $('components').append(componentRow()));
	$('f-proc').addEventListener('change', () => loadChecklist($('f-proc').value));
	$('file-form').addEventListener('submit', submitFiling);
	$('track-form').addEventListener('submit', (ev) => {
		ev.preventDefault();
		// codes are upper case (…-H56-…); people type them as they come
		track($('t-code').value.trim().toUpperCase(), $('t-secret').value.trim().toLowerCase());
	});
	onLangChange(() => {
		showProcedures();
		fillSelects($('f-proc').value);
		if (lastTrack) track(lastTrack.code, lastTrack.secret);
	});
	// a staff member's browser carries a session: its posts need the CSRF token
	await loadSession();
	const params = new URLSearchParams(location.search);
	api('GET', '/units').then((r) => {
		units = r.units.filter((u) => inService(u));
		fillSelects($('f-proc').value);
	}).catch(() => {});
	await search('');
	// back from the payment gateway: the secret kept before leaving
	let back = null;
	if (params.get('order')) {
		try { back = JSON.parse(sessionStorage.getItem(PAY_KEY) || 'null'); } catch { back = null; }
		if (back && back.code !== params.get('code')) back = null;
	}
	if (params.get('code')) {
		const secret = params.get('secret') || (back ? back.secret : '');
		$('t-code').value = params.get('code');
		$('t-secret').value = secret;
		showTab('track');
		if (secret) await track(params.get('code'), secret);
		if (params.get('order'))
			$('track-msg').prepend(el('div', { class: `notice ${params.get('paid') === '1' ? 'success' : 'info'}`,
				role: 'status', id: 'pay-back' },
			t(params.get('paid') === '1' ? 'pay.back_paid' : 'pay.back_pending')));
	} else {
		showTab('search');
	}
	document.body.dataset.ready = '1';
}

main();
