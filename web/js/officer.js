// officer.js - the officer desk (officer.html): the inbox of the unit's
// open dossiers in due-time order, overdue and due-today rows marked,
// and every processing step on the selected dossier: start, transfer,
// request and complete a supplement, request and fulfil a financial
// obligation, finish with a result document, stop.
import {
	addWords, api, apiUpload, chrome, el, errText, fmtTime, inService, notice, onLangChange, qs, requireRole,
	statusBadge, t, todayVN, translate,
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
		'who': 'Người thực hiện', 'need': 'Vui lòng điền: ',
		'op.reschedule': 'Xin lỗi, hẹn lại ngày trả', 'new_due': 'Ngày giờ hẹn trả mới', 'forms': 'Biểu mẫu (PDF)',
		'form.01': 'Mẫu 01 tiếp nhận', 'form.02': 'Mẫu 02 bổ sung', 'form.03': 'Mẫu 03 từ chối',
		'form.04': 'Mẫu 04 xin lỗi', 'form.06': 'Mẫu 06 kiểm soát',
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
		'who': 'By', 'need': 'Please fill in: ',
		'op.reschedule': 'Apologise, new appointment', 'new_due': 'New appointment', 'forms': 'Forms (PDF)',
		'form.01': 'Form 01 receipt', 'form.02': 'Form 02 supplement', 'form.03': 'Form 03 refusal',
		'form.04': 'Form 04 apology', 'form.06': 'Form 06 control slip',
	},
});

const $ = (id) => document.getElementById(id);
const OPEN = [2, 4, 5, 6];
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
let selected = null;
let items = [];

function dueClass(d) {
	if (d.overdue) return 'overdue';
	if (d.due && d.due.slice(0, 10) === todayVN() && OPEN.includes(d.status)) return 'due-today';
	return '';
}

function row(d) {
	const cls = [dueClass(d), 'clickable', selected === d.code ? 'selected' : ''].filter(Boolean).join(' ');
	const flag = d.overdue ? el('span', { class: 'badge late' }, t('overdue'))
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

function field(name) {
	if (name === 'to')
		return el('label', {}, t('to'), el('select', { name }, units.map((u) => el('option', { value: u.code }, `${u.name} (${u.code})`))));
	if (name === 'note') return el('label', {}, t('note'), el('textarea', { name }));
	if (name === 'new_due') return el('label', {}, t('new_due'), el('input', { name, type: 'datetime-local' }));
	if (name === 'result.file') return el('label', {}, t(name), el('input', { name, type: 'file' }));
	return el('label', {}, t(name), el('input', { name }));
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
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const missing = (REQUIRED[op] || []).filter((n) => !form.elements.namedItem(n).value.trim());
		if (missing.length) return notice($('op-msg'), 'error', t('need') + missing.map(t).join(', '));
		try {
			const body = opBody(op, form);
			const sha = await resultFile(d, op, form);
			if (sha) body.results = [{ name: body.results[0].name, code: body.results[0].code, file: sha }];
			const r = await api('POST', `/dossiers/${encodeURIComponent(d.code)}/${op}`, body);
			await loadInbox();
			await openDossier(d.code);
			notice($('op-msg'), 'success', t('done').replace('{code}', d.code).replace('{status}', t('st.' + r.dossier.status)));
		} catch (e) {
			notice($('op-msg'), 'error', errText(e));
		}
	});
	return form;
}

function events(list) {
	return el('div', { class: 'table-wrap' }, el('table', {},
		el('thead', {}, el('tr', {}, el('th', {}, t('received')), el('th', {}, t('status')), el('th', {}, t('who')),
			el('th', {}, t('unit')), el('th', {}, t('note')))),
		el('tbody', {}, list.map((e) => el('tr', {}, el('td', {}, fmtTime(e.at)), el('td', {}, statusBadge(e.new_status)),
			el('td', {}, e.actor || ''), el('td', {}, e.unit_code || ''), el('td', {}, e.note || ''))))));
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

async function openDossier(code) {
	selected = code;
	render();
	const host = $('detail');
	try {
		const d = await api('GET', `/dossiers/${encodeURIComponent(code)}`);
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
			pick, el('div', { id: 'op-msg' }), el('div', { id: 'op-form' }), formLinks(d),
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
	onLangChange(() => { render(); if (selected) openDossier(selected); });
	const u = await api('GET', '/units');
	units = u.units.filter((x) => inService(x) && x.code !== me.unit);
	await loadInbox();
	document.body.dataset.ready = '1';
}

main();
