// officer.js - the officer desk (officer.html): the inbox of the unit's
// open dossiers in due-time order, overdue and due-today rows marked,
// and every processing step on the selected dossier: start, transfer,
// request and complete a supplement, request and fulfil a financial
// obligation, finish with a result document, stop; and the list of the
// dossiers the unit transferred to others, with their status now.
import {
	addWords, api, apiUpload, chrome, clearMarks, el, errText, fmtTime, inService, notice, onLangChange, qs, requireRole,
	showError, statusBadge, Submission, t, todayVN, translate,
} from './common.js';

addWords({
	vi: {
		'inbox.title': 'Hồ sơ cần xử lý', 'inbox.open': 'Đang mở (tất cả)', 'inbox.q': 'Tìm theo mã, tên, số giấy tờ',
		'inbox.q_ph': 'Ví dụ: nguyen van', 'inbox.go': 'Lọc', 'inbox.count': '{n} hồ sơ',
		'op.start': 'Bắt đầu xử lý', 'op.transfer': 'Chuyển xử lý (liên thông)', 'op.request-supplement': 'Yêu cầu bổ sung',
		'op.complete-supplement': 'Đã nhận bổ sung', 'op.request-financial': 'Yêu cầu nghĩa vụ tài chính',
		'op.fulfil-financial': 'Đã thực hiện nghĩa vụ tài chính', 'op.finish': 'Hoàn thành, có kết quả',
		'op.stop': 'Dừng xử lý (từ chối)',
		'to': 'Chuyển đến đơn vị', 'result.name': 'Tên giấy tờ kết quả', 'result.url': 'Đường dẫn (liên kết, không phải kết quả điện tử)',
		'result.file': 'Tệp kết quả (đơn vị ký số khi hoàn thành)',
		'result.code': 'Số, ký hiệu', 'done': 'Đã cập nhật hồ sơ {code}: {status}.', 'events': 'Nhật ký xử lý',
		'fee.title': 'Phí, lệ phí', 'fee.charged': 'Phải nộp', 'fee.paid': 'Đã nộp', 'fee.owed': 'Còn phải nộp',
		'fee.before.processing': 'Phải nộp trước khi xử lý', 'fee.before.result': 'Phải nộp trước khi trả kết quả',
		'fee.exempt': 'Miễn phí, lệ phí', 'fee.line': 'Khoản phí', 'fee.reason': 'Căn cứ miễn (văn bản, điều khoản)',
		'fee.exempted': 'Đã ghi nhận miễn {fee}.', 'fee.receipt': 'Biên lai',
		'files': 'Tệp thành phần hồ sơ (tải về được ghi nhật ký)', 'file.role.result': 'kết quả',
		'file.role.component': 'thành phần', 'file.role.supplement': 'bổ sung', 'file.role.signature': 'chữ ký số',
		'who': 'Người thực hiện', 'need': 'Vui lòng điền: ',
		'op.reschedule': 'Xin lỗi, hẹn lại ngày trả', 'new_due': 'Ngày giờ hẹn trả mới', 'forms': 'Biểu mẫu (PDF)',
		'form.01': 'Mẫu 01 tiếp nhận', 'form.02': 'Mẫu 02 bổ sung', 'form.03': 'Mẫu 03 từ chối',
		'form.04': 'Mẫu 04 xin lỗi', 'form.06': 'Mẫu 06 kiểm soát',
		'ev.at': 'Thời điểm', 'ev.action': 'Thao tác', 'ev.status': 'Trạng thái sau đó', 'paused': 'Tạm dừng, chờ bổ sung',
		'act.register': 'Nộp trực tuyến', 'act.accept': 'Tiếp nhận', 'act.refuse': 'Từ chối tiếp nhận',
		'act.ask-supplement': 'Yêu cầu bổ sung khi tiếp nhận', 'act.start': 'Bắt đầu xử lý', 'act.transfer': 'Chuyển xử lý',
		'act.request-supplement': 'Yêu cầu bổ sung', 'act.complete-supplement': 'Nhận bổ sung',
		'act.request-financial': 'Yêu cầu nghĩa vụ tài chính', 'act.fulfil-financial': 'Hoàn thành nghĩa vụ tài chính',
		'act.finish': 'Có kết quả', 'act.stop': 'Dừng xử lý', 'act.return': 'Trả kết quả', 'act.reschedule': 'Hẹn lại ngày trả',
		'act.withdraw': 'Rút hồ sơ', 'act.import': 'Nhập từ hệ thống cũ', 'act.recompute-due': 'Tính lại hạn trả',
		'transferred': 'Đã chuyển hồ sơ {code} đến {unit}. Hồ sơ nằm trong danh sách “Hồ sơ đã chuyển đi” bên dưới.',
		'sent.title': 'Hồ sơ đã chuyển đi (liên thông)', 'sent.at': 'Ngày chuyển', 'sent.to': 'Chuyển đến',
		'sent.help': 'Hồ sơ đơn vị đã chuyển cho đơn vị khác, với trạng thái hiện tại để theo dõi.',
		'waiting.counter': 'Hồ sơ nộp trực tuyến, đang chờ bộ phận một cửa tiếp nhận.',
	},
	en: {
		'inbox.title': 'Dossiers to process', 'inbox.open': 'Open (all)', 'inbox.q': 'Code, name or ID',
		'inbox.q_ph': 'e.g. nguyen van', 'inbox.go': 'Filter', 'inbox.count': '{n} dossiers',
		'op.start': 'Start processing', 'op.transfer': 'Transfer to another unit', 'op.request-supplement': 'Ask for a supplement',
		'op.complete-supplement': 'Supplement received', 'op.request-financial': 'Request financial obligation',
		'op.fulfil-financial': 'Obligation fulfilled', 'op.finish': 'Finish with a result',
		'op.stop': 'Stop (refuse after appraisal)',
		'to': 'Transfer to unit', 'result.name': 'Result document name', 'result.url': 'Address (a link, not an electronic result)',
		'result.file': 'Result file (the unit signs it on finishing)',
		'result.code': 'Document number', 'done': 'Dossier {code} updated: {status}.', 'events': 'Event log',
		'files': 'Component files (each download is logged)', 'file.role.result': 'result',
		'file.role.component': 'component', 'file.role.supplement': 'supplement', 'file.role.signature': 'signature',
		'who': 'By', 'need': 'Please fill in: ',
		'op.reschedule': 'Apologise, new appointment', 'new_due': 'New appointment', 'forms': 'Forms (PDF)',
		'fee.title': 'Fees', 'fee.charged': 'Charged', 'fee.paid': 'Paid', 'fee.owed': 'Still owed',
		'fee.before.processing': 'To be paid before processing', 'fee.before.result': 'To be paid before the result is returned',
		'fee.exempt': 'Exempt from a fee', 'fee.line': 'Fee', 'fee.reason': 'Legal ground of the exemption',
		'fee.exempted': 'Exemption from {fee} recorded.', 'fee.receipt': 'Receipt',
		'form.01': 'Form 01 receipt', 'form.02': 'Form 02 supplement', 'form.03': 'Form 03 refusal',
		'form.04': 'Form 04 apology', 'form.06': 'Form 06 control slip',
		'ev.at': 'When', 'ev.action': 'Step', 'ev.status': 'Status after', 'paused': 'Paused, waiting for a supplement',
		'act.register': 'Filed online', 'act.accept': 'Accepted', 'act.refuse': 'Refused at reception',
		'act.ask-supplement': 'Supplement asked at reception', 'act.start': 'Processing started', 'act.transfer': 'Transferred',
		'act.request-supplement': 'Supplement requested', 'act.complete-supplement': 'Supplement received',
		'act.request-financial': 'Financial obligation requested', 'act.fulfil-financial': 'Financial obligation fulfilled',
		'act.finish': 'Result ready', 'act.stop': 'Stopped', 'act.return': 'Result handed over', 'act.reschedule': 'New appointment',
		'act.withdraw': 'Withdrawn', 'act.import': 'Imported from the old system', 'act.recompute-due': 'Due date recomputed',
		'transferred': 'Dossier {code} transferred to {unit}. It is listed under “Dossiers sent” below.',
		'sent.title': 'Dossiers sent to other units', 'sent.at': 'Sent', 'sent.to': 'Sent to',
		'sent.help': 'Dossiers your units transferred to another unit, with their status now, to follow them up.',
		'waiting.counter': 'Filed online, waiting for reception at the one-stop counter.',
	},
});

const $ = (id) => document.getElementById(id);
// open: from an online filing waiting at the counter (1) to a result not
// yet ready
const OPEN = [1, 2, 4, 5, 6];
// The operations an officer may take in each status, with the inputs each needs.
const OPS = {
	2: ['start', 'transfer', 'stop'],
	4: ['finish', 'request-supplement', 'request-financial', 'transfer', 'stop'],
	5: ['complete-supplement'],
	6: ['fulfil-financial', 'stop'],
};
const INPUTS = {
	transfer: ['to', 'note'], 'request-supplement': ['note'], 'request-financial': ['note'],
	finish: ['result.name', 'result.code', 'result.file', 'result.url', 'note'], stop: ['note'], reschedule: ['new_due', 'note'],
};
const REQUIRED = { transfer: ['to'], 'request-supplement': ['note'], stop: ['note'], finish: ['result.name'],
	reschedule: ['new_due', 'note'] };
let units = [];
let allUnits = [];
let selected = null;
let items = [];

function dueClass(d) {
	if (d.overdue) return 'overdue';
	if (d.due && d.due.slice(0, 10) === todayVN() && OPEN.includes(d.status)) return 'due-today';
	return '';
}

function row(d) {
	const cls = [dueClass(d), 'clickable', selected === d.code ? 'selected' : ''].filter(Boolean).join(' ');
	// a supplement pauses the clock: no due date runs meanwhile
	const flag = d.status === 5 ? el('span', { class: 'badge paused' }, t('paused'))
		: d.overdue ? el('span', { class: 'badge late' }, t('overdue'))
			: dueClass(d) === 'due-today' ? el('span', { class: 'badge today' }, t('due_today')) : null;
	return el('tr', { class: cls, dataset: { code: d.code }, tabindex: 0, onclick: () => openDossier(d.code),
		onkeydown: (ev) => { if (ev.key === 'Enter') openDossier(d.code); } },
		el('td', {}, d.code), el('td', {}, d.procedure_name || d.procedure_code), el('td', {}, d.applicant_name || ''),
		el('td', {}, statusBadge(d.status)), el('td', {}, fmtTime(d.received)), el('td', {}, fmtTime(d.due), ' ', flag));
}

function render() {
	$('inbox-count').textContent = t('inbox.count').replace('{n}', items.length);
	$('inbox').tBodies[0].replaceChildren(...(items.length ? items.map(row)
		: [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('none')))]));
}

async function loadInbox() {
	const f = $('f-status').value, q = $('f-q').value.trim();
	const queries = f === 'open' ? OPEN.map((s) => ({ status: s }))
		: f === 'overdue' ? [{ overdue: 1 }] : [{ status: f }];
	try {
		const lists = await Promise.all(queries.map((x) => api('GET', '/dossiers' + qs({ ...x, q, limit: 500 }))));
		items = lists.flatMap((l) => l.items).sort((a, b) => (a.due || '9').localeCompare(b.due || '9'));
		render();
	} catch (e) {
		notice($('inbox-msg'), 'error', errText(e));
	}
}

// The API's name of an input (the field an error names).
const API_FIELD = { 'result.name': 'results', 'result.code': 'results[0].code', 'result.url': 'results[0].url' };

function field(name) {
	const dataset = { field: API_FIELD[name] || name };
	if (name === 'to')
		return el('label', {}, t('to'), el('select', { name, dataset }, units.map((u) => el('option', { value: u.code }, `${u.name} (${u.code})`))));
	if (name === 'note') return el('label', {}, t('note'), el('textarea', { name, dataset }));
	if (name === 'new_due') return el('label', {}, t('new_due'), el('input', { name, type: 'datetime-local', dataset }));
	if (name === 'result.file') return el('label', {}, t(name), el('input', { name, type: 'file', dataset }));
	return el('label', {}, t(name), el('input', { name, dataset }));
}

// finish with a file: upload it as the dossier's result file first
// (POST .../files?role=result), then name it in the finish, which signs
// it with the unit's key and issues the electronic result.
async function resultFile(d, op, form) {
	const input = form.elements.namedItem('result.file');
	const file = op === 'finish' && input && input.files[0];
	if (!file) return null;
	const f = await apiUpload(`/dossiers/${encodeURIComponent(d.code)}/files${qs({ role: 'result' })}`, file);
	return (f.file || f).sha256;
}

function opBody(op, form) {
	const v = (n) => { const x = form.elements.namedItem(n); return x ? x.value.trim() : ''; };
	const body = {};
	if (v('note')) body.note = v('note');
	if (op === 'transfer') body.to = v('to');
	if (op === 'reschedule') body.new_due = v('new_due').replace('T', ' ').slice(0, 16);
	if (op === 'finish') body.results = [{ name: v('result.name'), code: v('result.code') || null, url: v('result.url') || null }];
	return body;
}

function opForm(d, op) {
	const form = el('form', { class: 'card', dataset: { op } },
		el('h3', {}, t('op.' + op)), el('div', { class: 'grid two' }, (INPUTS[op] || []).map(field)),
		el('div', { class: 'actions' }, el('button', { class: 'btn', type: 'submit' }, t('op.' + op))));
	const sub = new Submission(form.querySelector('button[type=submit]'));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		clearMarks(form);
		const missing = (REQUIRED[op] || []).filter((n) => !form.elements.namedItem(n).value.trim());
		if (missing.length)
			return showError($('op-msg'), { message: t('need') + missing.map(t).join(', '), field: API_FIELD[missing[0]] || missing[0] }, form);
		try {
			const body = opBody(op, form);
			const sha = await resultFile(d, op, form);
			if (sha) body.results = [{ name: body.results[0].name, code: body.results[0].code, file: sha }];
			const r = await sub.send('POST', `/dossiers/${encodeURIComponent(d.code)}/${op}`, body);
			if (op === 'transfer') return transferred(d, body.to);
			await loadInbox();
			await openDossier(d.code);
			notice($('op-msg'), 'success', t('done').replace('{code}', d.code).replace('{status}', t('st.' + r.dossier.status)));
		} catch (e) {
			showError($('op-msg'), e, form);
		}
	});
	return form;
}

function unitLabel(code) {
	const u = allUnits.find((x) => x.code === code);
	return u ? `${u.name} (${code})` : code;
}

// The dossier left the unit's reach: say where it went (it cannot be
// opened any more) and list it among those sent.
async function transferred(d, to) {
	selected = null;
	$('detail').replaceChildren(el('div', { class: 'notice success', role: 'status', id: 'transfer-done', dataset: { code: d.code, to } },
		t('transferred').replace('{code}', d.code).replace('{unit}', unitLabel(to))));
	await Promise.all([loadInbox(), loadSent()]);
}

function sentRow(x) {
	const d = x.dossier;
	return el('tr', { dataset: { code: d.code, to: x.to }, class: d.overdue ? 'overdue' : null },
		el('td', {}, fmtTime(x.at)), el('td', {}, d.code), el('td', {}, d.applicant_name || ''),
		el('td', {}, unitLabel(d.unit_code), d.unit_code !== x.to ? el('div', { class: 'muted small' }, t('sent.to'), ': ', unitLabel(x.to)) : null),
		el('td', {}, statusBadge(d.status)),
		el('td', {}, fmtTime(d.due), d.overdue ? [' ', el('span', { class: 'badge late' }, t('overdue'))] : null));
}

async function loadSent() {
	try {
		const r = await api('GET', '/transfers' + qs({ limit: 100 }));
		$('sent').tBodies[0].replaceChildren(...(r.items.length ? r.items.map(sentRow)
			: [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('none')))]));
	} catch (e) {
		notice($('sent-msg'), 'error', errText(e));
	}
}

// The log: when, what was done (the step's name), the status after it,
// who, at which unit (by name), and the note.
function events(list) {
	const unitName = (code) => (allUnits.find((u) => u.code === code) || {}).name || code || '';
	return el('div', { class: 'table-wrap' }, el('table', { id: 'events' },
		el('thead', {}, el('tr', {}, el('th', {}, t('ev.at')), el('th', {}, t('ev.action')), el('th', {}, t('ev.status')),
			el('th', {}, t('who')), el('th', {}, t('unit')), el('th', {}, t('note')))),
		el('tbody', {}, list.map((e) => el('tr', { dataset: { action: e.action } }, el('td', {}, fmtTime(e.at)),
			el('td', {}, t('act.' + e.action) === 'act.' + e.action ? e.action : t('act.' + e.action)),
			el('td', {}, statusBadge(e.new_status)), el('td', {}, e.actor || ''),
			el('td', { title: e.unit_code || '' }, unitName(e.unit_code)), el('td', {}, e.note || ''))))));
}

// The printed forms this dossier has content for, as PDF (forms.md).
function formLinks(d) {
	const did = (a) => (d.events || []).some((e) => e.action === a);
	const forms = [d.received ? '01' : null, did('request-supplement') || did('ask-supplement') ? '02' : null,
		d.status === 3 || d.status === 8 ? '03' : null, did('reschedule') ? '04' : null, '06'];
	return el('div', { class: 'actions', id: 'forms' }, el('span', { class: 'muted' }, t('forms')),
		forms.filter(Boolean).map((n) => el('a', { class: 'btn secondary small', target: '_blank', rel: 'noopener',
			id: `form-${n}`, href: `/api/v1/dossiers/${encodeURIComponent(d.code)}/forms/${n}.pdf` }, t('form.' + n))));
}

const dong = (n) => `${new Intl.NumberFormat('vi-VN').format(n || 0)} đ`;

// What the dossier owes and has paid, its payments with their receipts,
// and the exemption of a fee line with its legal ground.
async function feePanel(d) {
	const host = el('div', { id: 'fees' });
	let s;
	try {
		s = await api('GET', `/dossiers/${encodeURIComponent(d.code)}/payments`);
	} catch (e) {
		notice(host, 'error', errText(e));
		return host;
	}
	const href = (p) => `/api/v1/dossiers/${encodeURIComponent(d.code)}/receipts/${p.order}.pdf`;
	host.append(el('h3', {}, t('fee.title')),
		el('dl', { class: 'kv' },
			el('dt', {}, t('fee.charged')), el('dd', { id: 'fee-charged' }, dong(s.charged)),
			el('dt', {}, t('fee.paid')), el('dd', { id: 'fee-paid' }, dong(s.paid)),
			el('dt', {}, t('fee.owed')), el('dd', { id: 'fee-owed' }, dong(s.owed),
				s.owed && s.pay_before !== 'none' ? ` (${t('fee.before.' + s.pay_before)})` : '')),
		el('ul', {}, s.payments.map((p) => el('li', {}, `#${p.order} ${dong(p.amount)} · ${p.method_name} · ${p.status_name}`,
			p.receipt ? [' · ', el('a', { href: href(p), target: '_blank', rel: 'noopener' },
				`${t('fee.receipt')} ${p.receipt.series} ${String(p.receipt.number).padStart(7, '0')}`)] : null))));
	const lines = (d.portal.DanhSachLePhi || []).filter((f) => Number(f.Gia) > 0);
	if (!lines.length || !s.numbered_here) return host;
	const pick = el('select', { name: 'fee' }, lines.map((f) => el('option', { value: f.MaPhiLePhi }, `${f.TenPhiLePhi || f.MaPhiLePhi} (${dong(Number(f.Gia))})`)));
	const reason = el('input', { name: 'reason', required: true, maxlength: 2000 });
	const msg = el('div');
	const form = el('form', { class: 'card', id: 'exempt-form' }, el('h4', {}, t('fee.exempt')),
		el('label', {}, t('fee.line'), pick), el('label', {}, t('fee.reason'), reason), msg,
		el('div', { class: 'actions' }, el('button', { class: 'btn secondary small', type: 'submit' }, t('fee.exempt'))));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		try {
			await api('POST', `/dossiers/${encodeURIComponent(d.code)}/fees/exempt`, { fee: pick.value, reason: reason.value.trim() });
			await openDossier(d.code);
			notice($('op-msg'), 'success', t('fee.exempted').replace('{fee}', pick.value));
		} catch (e) { notice(msg, 'error', errText(e)); }
	});
	host.append(form);
	return host;
}

// The files the dossier holds, each a download (the opening is logged).
function fileList(code, files) {
	if (!files.length) return el('p', { class: 'muted', id: 'files' }, t('comp.none'));
	return el('ul', { class: 'files', id: 'files' }, files.map((f) => el('li', { dataset: { sha: f.sha256 } },
		el('a', { href: `/api/v1/dossiers/${encodeURIComponent(code)}/files/${f.sha256}`, download: f.name, class: 'file-link' }, f.name),
		el('span', { class: 'muted small' }, ` — ${f.component || t('file.role.' + f.role)}, ${Math.max(1, Math.round(f.size / 1024))} KB, ${f.added_by || ''} ${fmtTime(f.added_at)}`))));
}

async function openDossier(code) {
	selected = code;
	render();
	const host = $('detail');
	try {
		const d = await api('GET', `/dossiers/${encodeURIComponent(code)}`);
		const files = (await api('GET', `/dossiers/${encodeURIComponent(code)}/files`)).files;
		// a late dossier gets its apology and new date (form 04)
		const ops = (OPS[d.status] || []).concat(d.overdue ? ['reschedule'] : []);
		const pick = el('div', { class: 'actions', id: 'ops' }, ops.map((op) => el('button', {
			class: 'btn secondary small', type: 'button', dataset: { op },
			onclick: () => $('op-form').replaceChildren(opForm(d, op)) }, t('op.' + op))));
		host.replaceChildren(
			el('h2', {}, d.code, ' ', statusBadge(d.status)),
			el('dl', { class: 'kv' },
				el('dt', {}, t('procedure')), el('dd', {}, d.procedure_name || d.procedure_code),
				el('dt', {}, t('applicant')), el('dd', {}, `${d.applicant_name || ''} (${d.applicant_id || ''})`),
				el('dt', {}, t('channel')), el('dd', {}, t('ch.' + d.channel)),
				el('dt', {}, t('received')), el('dd', {}, fmtTime(d.received)),
				el('dt', {}, t('due')), el('dd', {}, fmtTime(d.due), d.overdue ? [' ', el('span', { class: 'badge late' }, t('overdue'))] : null),
				el('dt', {}, t('components')), el('dd', {}, (d.portal.TaiLieuNop || []).map((c) => c.MaThanhPhanHoSo).join('; ') || '–')),
			d.status === 1 ? el('div', { class: 'notice info' }, t('waiting.counter')) : '',
			el('h3', {}, t('files')), fileList(d.code, files),
			pick, el('div', { id: 'op-msg' }), el('div', { id: 'op-form' }), formLinks(d), await feePanel(d),
			el('h3', {}, t('events')), events(d.events));
		host.hidden = false;
	} catch (e) {
		host.hidden = false;
		notice(host, 'error', errText(e));
	}
}

async function main() {
	chrome('officer.html');
	const me = await requireRole($('main'), ['officer', 'admin', 'leader'], 'canbo / demo');
	$('desk').hidden = false;
	translate();
	$('filter').addEventListener('submit', (ev) => { ev.preventDefault(); loadInbox(); });
	$('f-status').addEventListener('change', loadInbox);
	onLangChange(() => { render(); loadSent(); if (selected) openDossier(selected); });
	const u = await api('GET', '/units');
	allUnits = u.units;
	units = u.units.filter((x) => inService(x) && x.code !== me.unit);
	await Promise.all([loadInbox(), loadSent()]);
	document.body.dataset.ready = '1';
}

main();
