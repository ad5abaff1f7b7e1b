// counter.js - the one-stop counter (counter.html), for clerks: the queue
// of online filings waiting for reception (oldest first, counted per
// unit), receive one of them or a walk-in filing (accept, ask for a
// supplement, refuse), print the receipt with its QR code, and hand over
// results (also record completed supplements and paid obligations).
import {
	addWords, api, apiUpload, chrome, componentChecklist, clearMarks, el, errText, fmtTime, inService, notice, onLangChange, qs, requireRole,
	showError, statusBadge, Submission, t, translate,
} from './common.js';
import { handoverRecord, receipt, trackingUrl } from './receipt.js';

addWords({
	vi: {
		'queue.title': 'Hồ sơ trực tuyến chờ tiếp nhận', 'queue.by_unit': 'Số hồ sơ chờ theo đơn vị',
		'queue.help': 'Hồ sơ công dân đã nộp trực tuyến, chưa được tiếp nhận; hồ sơ nộp sớm nhất ở trên cùng. Chọn một hồ sơ để xem và tiếp nhận.',
		'queue.all': 'Tất cả', 'queue.open': 'Xem, tiếp nhận', 'queue.empty': 'Không có hồ sơ trực tuyến nào chờ tiếp nhận.',
		'queue.more': 'Đang hiện {n} hồ sơ sớm nhất trên tổng số {total}.',
		'tab.online': 'Tiếp nhận hồ sơ trực tuyến', 'tab.walkin': 'Tiếp nhận trực tiếp', 'tab.return': 'Trả kết quả',
		'online.title': 'Tiếp nhận hồ sơ đã đăng ký trực tuyến', 'online.secret': 'Mã bí mật (công dân cung cấp, nếu có)',
		'online.load': 'Tìm hồ sơ', 'online.not_registered': 'Hồ sơ này không ở trạng thái chờ tiếp nhận.',
		'walkin.title': 'Tiếp nhận hồ sơ nộp trực tiếp', 'walkin.find': 'Gõ để lọc thủ tục (không dấu cũng được)',
		'walkin.name': 'Người nộp / tổ chức', 'walkin.kind': 'Đối tượng', 'walkin.id': 'Số CCCD / mã số doanh nghiệp',
		'walkin.phone': 'Số điện thoại', 'walkin.add': '+ Thêm thành phần', 'walkin.comp': 'Tên giấy tờ', 'walkin.received': 'Đã nhận bản giấy',
		'kind.1': 'Công dân', 'kind.2': 'Doanh nghiệp', 'kind.3': 'Cơ quan, tổ chức',
		'act.accept': 'Tiếp nhận', 'act.supplement': 'Yêu cầu bổ sung', 'act.refuse': 'Từ chối tiếp nhận',
		'act.need_note': 'Vui lòng ghi lý do.',
		'done.accept': 'Đã tiếp nhận hồ sơ {code}.', 'done.supplement': 'Đã yêu cầu bổ sung hồ sơ {code}.',
		'done.refuse': 'Đã từ chối tiếp nhận hồ sơ {code}.', 'done.secret': 'Mã bí mật tra cứu giao cho công dân: ',
		'return.title': 'Hồ sơ chờ trả kết quả và việc tại quầy',
		'return.help': 'Hồ sơ đã xử lý xong (trả kết quả), chờ bổ sung và chờ nghĩa vụ tài chính của đơn vị.',
		'return.reload': 'Tải lại', 'return.post': 'Trả qua bưu chính', 'return.go': 'Trả kết quả',
		'return.supplement': 'Đã nhận bổ sung', 'return.financial': 'Đã nộp nghĩa vụ tài chính',
		'return.done': 'Đã cập nhật hồ sơ {code}.',
		'return.q': 'Tìm hồ sơ (mã, tên hoặc số giấy tờ người nộp)', 'return.q_ph': 'Ví dụ: nguyen van an', 'return.find': 'Tìm',
		'return.count': '{n} hồ sơ', 'handover.title': 'Trả kết quả hồ sơ {code}',
		'handover.name': 'Họ tên người nhận', 'handover.id': 'Số CCCD / giấy tờ của người nhận',
		'handover.proxy': 'Người nhận thay, có giấy ủy quyền', 'handover.go': 'Xác nhận trả kết quả', 'handover.cancel': 'Hủy',
		'handover.results': 'Kết quả', 'handover.mismatch': 'Số giấy tờ người nhận không khớp với người nộp hồ sơ; nếu nhận thay, đánh dấu “Người nhận thay” sau khi kiểm tra giấy ủy quyền.',
		'handover.need_id': 'Vui lòng nhập số CCCD / giấy tờ của người nhận và đối chiếu với giấy tờ gốc.',
		'handover.done': 'Đã trả kết quả hồ sơ {code} cho {name}. In biên bản giao nhận bên dưới.',
		'handover.print': 'In biên bản giao nhận',
		'receipt.print': 'In giấy tiếp nhận', 'receipt.close': 'Đóng',
		'receipt.pdf': 'Giấy tiếp nhận (PDF, mẫu 01)',
		'form.02': 'In phiếu yêu cầu bổ sung (PDF, mẫu 02)', 'form.03': 'In phiếu từ chối tiếp nhận (PDF, mẫu 03)',
	},
	en: {
		'queue.title': 'Online filings waiting for reception', 'queue.by_unit': 'Waiting filings by unit',
		'queue.help': 'Dossiers citizens filed online that nobody has received yet, the oldest first. Pick one to look at it and receive it.',
		'queue.all': 'All', 'queue.open': 'Open, receive', 'queue.empty': 'No online filing is waiting for reception.',
		'queue.more': 'Showing the {n} oldest of {total}.',
		'tab.online': 'Online registrations', 'tab.walkin': 'Walk-in filing', 'tab.return': 'Return results',
		'online.title': 'Receive a dossier registered online', 'online.secret': 'Tracking secret (from the applicant, optional)',
		'online.load': 'Find', 'online.not_registered': 'This dossier is not waiting for reception.',
		'walkin.title': 'Receive a walk-in filing', 'walkin.find': 'Type to filter procedures',
		'walkin.name': 'Applicant / organisation', 'walkin.kind': 'Applicant type', 'walkin.id': 'Citizen ID / enterprise code',
		'walkin.phone': 'Phone', 'walkin.add': '+ Add a component', 'walkin.comp': 'Document', 'walkin.received': 'Paper received',
		'kind.1': 'Citizen', 'kind.2': 'Business', 'kind.3': 'Agency or organisation',
		'act.accept': 'Accept', 'act.supplement': 'Ask for a supplement', 'act.refuse': 'Refuse',
		'act.need_note': 'Please give the reason.',
		'done.accept': 'Dossier {code} accepted.', 'done.supplement': 'Supplement requested for {code}.',
		'done.refuse': 'Dossier {code} refused.', 'done.secret': 'Tracking secret for the applicant: ',
		'return.title': 'Results to hand over and counter work',
		'return.help': 'Finished dossiers (hand over the result), supplements and financial obligations of your units.',
		'return.reload': 'Reload', 'return.post': 'By public postal service', 'return.go': 'Hand over result',
		'return.supplement': 'Supplement received', 'return.financial': 'Obligation paid',
		'return.done': 'Dossier {code} updated.',
		'return.q': 'Find a dossier (code, applicant name or ID)', 'return.q_ph': 'e.g. nguyen van an', 'return.find': 'Find',
		'return.count': '{n} dossiers', 'handover.title': 'Hand over the result of {code}',
		'handover.name': 'Recipient\'s full name', 'handover.id': 'Recipient\'s citizen ID / document number',
		'handover.proxy': 'Collected on the applicant\'s behalf, with a power of attorney', 'handover.go': 'Confirm the handover', 'handover.cancel': 'Cancel',
		'handover.results': 'Results', 'handover.mismatch': 'The recipient\'s ID is not the applicant\'s; if someone collects on their behalf, tick the box after checking the power of attorney.',
		'handover.need_id': 'Please type the recipient\'s citizen ID or document number, checked against the original.',
		'handover.done': 'Result of {code} handed over to {name}. Print the handover record below.',
		'handover.print': 'Print the handover record',
		'receipt.print': 'Print receipt', 'receipt.close': 'Close',
		'receipt.pdf': 'Receipt (PDF, form 01)',
		'form.02': 'Print the supplement request (PDF, form 02)', 'form.03': 'Print the refusal (PDF, form 03)',
	},
});

const $ = (id) => document.getElementById(id);
let me = null;
let procs = [];
let units = [];

function showTab(name) {
	for (const n of ['online', 'walkin', 'return']) {
		$(n).hidden = n !== name;
		$('tab-' + n).setAttribute('aria-selected', String(n === name));
	}
	if (name === 'return') loadDesk();
	if (name === 'online') loadQueue();
}

// Units in the account's subtree.
function inScope(all, root) {
	const byCode = new Map(all.map((u) => [u.code, u]));
	return all.filter((u) => {
		for (let c = u.code; c; c = byCode.get(c) && byCode.get(c).parent) if (c === root) return true;
		return false;
	});
}

// ---- receipt ---------------------------------------------------------------

async function showReceipt(code, secret) {
	const d = await api('GET', `/dossiers/${encodeURIComponent(code)}`);
	const [unit, proc] = await Promise.all([
		api('GET', `/units/${encodeURIComponent(d.unit_code)}`).catch(() => null),
		api('GET', `/procedures/${encodeURIComponent(d.procedure_code)}`).catch(() => null)]);
	const portalFees = (d.portal.DanhSachLePhi || []).reduce((s, f) => s + Number(f.Gia || 0), 0);
	const fee = portalFees || (proc ? proc.fee_total : 0);
	$('receipt').replaceChildren(receipt(d, unit, fee, trackingUrl(code, secret)));
	// the official form 01, with the secret printed while the counter holds it
	const q = secret ? `?secret=${encodeURIComponent(secret)}` : '';
	$('receipt-pdf').href = `/api/v1/dossiers/${encodeURIComponent(code)}/forms/01.pdf${q}`;
	$('receipt-card').hidden = false;
	$('receipt-card').scrollIntoView({ block: 'start' });
}

// The receipt on screen belongs to the last accepted dossier only: any
// other decision (or a new attempt) takes it away first.
function hideReceipt() {
	$('handover-card').hidden = true;
	$('receipt-card').hidden = true;
	$('receipt').replaceChildren();
	$('receipt-pdf').removeAttribute('href');
}

// The message of a decision, with the form it gives the applicant: the
// receipt (01) is drawn below, a supplement request (02) or a refusal
// (03) is a PDF to print.
function decisionDone(host, decision, code, secret) {
	const msg = el('div', { class: 'notice success', role: 'status', id: 'decision-done', dataset: { code } },
		t('done.' + decision).replace('{code}', code));
	if (secret) msg.append(el('div', {}, t('done.secret'), el('span', { class: 'secret', id: 'walkin-secret' }, secret)));
	const form = { supplement: '02', refuse: '03' }[decision];
	if (form) {
		const q = secret ? `?secret=${encodeURIComponent(secret)}` : '';
		msg.append(el('div', { class: 'actions' }, el('a', { class: 'btn secondary small', id: 'decision-form', target: '_blank',
			rel: 'noopener', href: `/api/v1/dossiers/${encodeURIComponent(code)}/forms/${form}.pdf${q}` }, t('form.' + form))));
	}
	host.replaceChildren(msg);
}

// ---- online registrations -------------------------------------------------

// The three decisions on one filing, sent as one form's submissions.
function decisionButtons(onDecide) {
	const note = el('textarea', { id: 'o-note', dataset: { field: 'note' } });
	const sub = new Submission();
	const go = (decision) => () => onDecide(sub, decision, note.value.trim());
	const buttons = [
		el('button', { class: 'btn ok', type: 'button', id: 'o-accept', onclick: go('accept') }, t('act.accept')),
		el('button', { class: 'btn warn', type: 'button', id: 'o-supplement', onclick: go('supplement') }, t('act.supplement')),
		el('button', { class: 'btn danger', type: 'button', id: 'o-refuse', onclick: go('refuse') }, t('act.refuse'))];
	sub.buttons = buttons;
	return el('div', {}, el('label', {}, t('note'), note), el('div', { class: 'actions' }, buttons));
}

function dossierFacts(d) {
	const comps = (d.portal && d.portal.TaiLieuNop) || [];
	return el('dl', { class: 'kv' },
		el('dt', {}, t('code')), el('dd', {}, d.code),
		el('dt', {}, t('procedure')), el('dd', {}, d.procedure_name || d.procedure_code),
		el('dt', {}, t('applicant')), el('dd', {}, `${d.applicant_name || ''} (${d.applicant_id || ''})`),
		el('dt', {}, t('status')), el('dd', {}, statusBadge(d.status)),
		el('dt', {}, t('submitted')), el('dd', {}, fmtTime(d.submitted)),
		el('dt', {}, t('components')), el('dd', {}, comps.map((c) => c.MaThanhPhanHoSo || c.TenTepDinhKem).join('; ') || '–'));
}

async function receiveRegistered(sub, code, secret, decision, note) {
	const host = $('online-msg');
	hideReceipt();
	clearMarks($('online-detail'));
	if (decision !== 'accept' && !note)
		return showError(host, { message: t('act.need_note'), field: 'note' }, $('online-detail'));
	try {
		await sub.send('POST', `/dossiers/${encodeURIComponent(code)}/receive`, { decision, note: note || undefined });
		decisionDone(host, decision, code);
		$('online-detail').replaceChildren();
		$('o-code').value = '';
		$('o-secret').value = '';
		loadQueue();
		if (decision === 'accept') await showReceipt(code, secret);
	} catch (e) {
		showError(host, e, $('online-detail'));
	}
}

async function openRegistered(code) {
	const secret = code === $('o-code').value.trim() ? $('o-secret').value.trim() : '';
	$('o-code').value = code;
	$('o-secret').value = secret;
	$('online-msg').replaceChildren();
	$('online-detail').replaceChildren();
	try {
		const d = await api('GET', `/dossiers/${encodeURIComponent(code)}`);
		const parts = [dossierFacts(d)];
		if (d.status === 1) parts.push(decisionButtons((sub, dec, note) => receiveRegistered(sub, code, $('o-secret').value.trim(), dec, note)));
		else parts.push(el('div', { class: 'notice info' }, t('online.not_registered')));
		$('online-detail').replaceChildren(...parts);
		$('online-detail').scrollIntoView({ block: 'nearest' });
	} catch (e) {
		showError($('online-msg'), e, $('online-form'));
	}
}

function loadRegistered(ev) {
	ev.preventDefault();
	openRegistered($('o-code').value.trim());
}

// ---- the queue of online filings ------------------------------------------

const QUEUE_LIMIT = 200;
let queueUnit = '';

function unitName(code) {
	const u = units.find((x) => x.code === code);
	return u ? u.name : code;
}

function queueRow(d) {
	const open = () => openRegistered(d.code);
	return el('tr', { dataset: { code: d.code }, class: 'clickable', onclick: open },
		el('td', {}, fmtTime(d.submitted)), el('td', { class: 'code' }, d.code), el('td', {}, d.applicant_name || ''),
		el('td', {}, d.procedure_name || d.procedure_code), el('td', {}, unitName(d.unit_code)),
		el('td', {}, el('button', { class: 'btn small', type: 'button', onclick: (ev) => { ev.stopPropagation(); open(); } },
			t('queue.open'))));
}

// One button per unit with filings waiting, and "all"; the counts are
// of every waiting filing, not only the rows shown.
function queueUnits(counts, total) {
	const chip = (code, label, n) => el('button', {
		class: `btn small ${queueUnit === code ? '' : 'secondary'}`, type: 'button',
		'aria-pressed': String(queueUnit === code), dataset: { unit: code },
		onclick: () => { queueUnit = code; loadQueue(); } }, `${label}: ${n}`);
	$('queue-units').replaceChildren(chip('', t('queue.all'), total),
		...counts.map((c) => chip(c.unit, unitName(c.unit), c.hits)));
}

async function loadQueue() {
	try {
		const all = await api('GET', '/dossiers' + qs({ status: 1, by_unit: 1, limit: QUEUE_LIMIT }));
		if (queueUnit && !all.by_unit.some((c) => c.unit === queueUnit)) queueUnit = '';
		const list = queueUnit ? await api('GET', '/dossiers' + qs({ status: 1, unit: queueUnit, limit: QUEUE_LIMIT })) : all;
		const items = list.items.slice().sort((a, b) => (a.submitted || '').localeCompare(b.submitted || ''));
		$('queue-total').textContent = String(all.total);
		$('tab-online-count').textContent = all.total ? `(${all.total})` : '';
		queueUnits(all.by_unit, all.total);
		$('queue').tBodies[0].replaceChildren(...(items.length ? items.map(queueRow)
			: [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('queue.empty')))]));
		if (list.total > items.length)
			notice($('queue-msg'), 'info', t('queue.more').replace('{n}', items.length).replace('{total}', list.total));
		else $('queue-msg').replaceChildren();
	} catch (e) {
		notice($('queue-msg'), 'error', errText(e));
	}
}

// ---- walk-in filings ------------------------------------------------------

function compRow() {
	const row = el('div', { class: 'comp-row' },
		el('label', {}, t('walkin.comp'), el('input', { class: 'c-name', dataset: { field: 'TaiLieuNop' } })),
		el('label', {}, t('components'), el('input', { type: 'file', class: 'c-pick' })),
		el('button', { class: 'btn secondary small', type: 'button', onclick: () => row.remove() }, '×'));
	return row;
}

function fold(s) {
	return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

function fillProcs() {
	const q = fold($('w-find').value.trim());
	const list = procs.filter((p) => !q || fold(`${p.code} ${p.name}`).includes(q));
	const cur = $('w-proc').value;
	$('w-proc').replaceChildren(...list.slice(0, 300).map((p) => el('option', { value: p.code, selected: p.code === cur },
		`${p.code} — ${p.name}${p.online_only.length ? ' ★' : ''}`)));
}

// The chosen procedure's components as a checklist: the paper received
// (ticked for what is required) and its scan, uploaded once the dossier
// is received; free rows for a procedure that lists none.
function fillChecklist() {
	const p = procs.find((x) => x.code === $('w-proc').value);
	const comps = p && p.components ? p.components : [];
	$('w-add').hidden = comps.length > 0;
	$('w-components').replaceChildren(...(comps.length
		? componentChecklist(comps, (c) => el('label', { class: 'inline' },
			el('input', { type: 'checkbox', class: 'c-got', checked: c.required }), ' ', t('walkin.received')), p.code)
		: [compRow()]));
}

function walkinRows() {
	return [...document.querySelectorAll('#w-components .comp-row')].map((r) => ({
		code: r.dataset.code || r.querySelector('.c-name').value.trim(),
		got: r.dataset.code ? r.querySelector('.c-got').checked : true,
		file: r.querySelector('.c-pick').files[0] || null,
	})).filter((c) => c.code && (c.got || c.file));
}

// The scans, to the dossier just received: digitized as they arrive.
async function uploadScans(code, rows) {
	for (const c of rows.filter((x) => x.file)) {
		notice($('walkin-msg'), 'info', t('comp.uploading').replace('{name}', c.file.name));
		await apiUpload(`/dossiers/${encodeURIComponent(code)}/files${qs({ component: c.code })}`, c.file);
	}
}

function walkinBody(decision) {
	const comps = walkinRows().map((c) => ({ MaThanhPhanHoSo: c.code }));
	const filing = {
		MaTTHC: $('w-proc').value, DonViXuLy: $('w-unit').value, KenhThucHien: '1',
		ChuHoSo: $('w-name').value.trim(), SoGiayToChuHoSo: $('w-id').value.trim(),
		LoaiDoiTuong: $('w-kind').value, TaiLieuNop: comps,
	};
	if ($('w-phone').value.trim()) filing.SoDienThoai = $('w-phone').value.trim();
	const note = $('w-note').value.trim();
	return { decision, note: note || undefined, filing };
}

// The walk-in form as a new, empty one (the unit stays the clerk's).
function clearWalkin() {
	for (const id of ['w-find', 'w-name', 'w-id', 'w-phone', 'w-note']) $(id).value = '';
	$('w-kind').value = '1';
	fillProcs();
	$('w-proc').selectedIndex = -1;
	fillChecklist();
}

let walkin = null; // the walk-in form's submissions (Submission)

async function fileWalkin(decision) {
	const host = $('walkin-msg');
	hideReceipt();
	clearMarks($('walkin-form'));
	if (decision !== 'accept' && !$('w-note').value.trim())
		return showError(host, { message: t('act.need_note'), field: 'note' }, $('walkin-form'));
	if (!$('walkin-form').reportValidity()) return;
	try {
		const rows = walkinRows();
		const r = await walkin.send('POST', '/dossiers/receive', walkinBody(decision));
		if (decision === 'accept') await uploadScans(r.code, rows);
		clearWalkin();
		decisionDone(host, decision, r.code, r.secret);
		if (decision === 'accept') await showReceipt(r.code, r.secret);
	} catch (e) {
		showError(host, e, $('walkin-form'));
	}
}

// ---- results and counter work ------------------------------------------------

// Completed supplements and paid obligations: one click each.
async function deskAction(d, op, button) {
	try {
		await new Submission(button).send('POST', `/dossiers/${encodeURIComponent(d.code)}/${op}`, {});
		notice($('return-msg'), 'success', t('return.done').replace('{code}', d.code));
		await loadDesk(true);
	} catch (e) {
		showError($('return-msg'), e);
	}
}

// Handing a result over: the clerk checks the recipient's papers and
// types the ID; someone else than the applicant needs the proxy box. The
// recipient goes into the event log (the note) and on the record.
function confirmHandover(d) {
	$('handover-card').hidden = true;
	const name = el('input', { id: 'h-name', value: d.applicant_name || '', required: true, autocomplete: 'off', dataset: { field: 'h-name' } });
	const id = el('input', { id: 'h-id', inputmode: 'numeric', autocomplete: 'off', dataset: { field: 'h-id' } });
	const proxy = el('input', { type: 'checkbox', id: 'h-proxy' });
	const post = el('input', { type: 'checkbox', id: 'h-post' });
	const msg = el('div', { id: 'handover-msg' });
	const go = el('button', { class: 'btn ok', type: 'submit', id: 'h-go' }, t('handover.go'));
	const sub = new Submission(go);
	const results = ((d.portal && d.portal.DanhSachGiayToKetQua) || []).map((r) => r.TenGiayTo || r.MaGiayToKetQua).filter(Boolean);
	const form = el('form', { class: 'card', id: 'handover-form', dataset: { code: d.code } },
		el('h3', {}, t('handover.title').replace('{code}', d.code)),
		el('dl', { class: 'kv' },
			el('dt', {}, t('applicant')), el('dd', {}, `${d.applicant_name || ''} (${d.applicant_id || ''})`),
			el('dt', {}, t('procedure')), el('dd', {}, d.procedure_name || d.procedure_code),
			el('dt', {}, t('handover.results')), el('dd', { id: 'h-results' }, results.join('; ') || '–')),
		el('div', { class: 'grid two' }, el('label', {}, t('handover.name'), name), el('label', {}, t('handover.id'), id)),
		el('div', { class: 'actions' }, el('label', { class: 'inline' }, proxy, t('handover.proxy')),
			el('label', { class: 'inline' }, post, t('return.post'))),
		msg,
		el('div', { class: 'actions' }, go,
			el('button', { class: 'btn secondary', type: 'button', onclick: () => form.remove() }, t('handover.cancel'))));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		clearMarks(form);
		const who = name.value.trim(), paper = id.value.replace(/\s/g, '');
		if (!post.checked && !paper) return showError(msg, { message: t('handover.need_id'), field: 'h-id' }, form);
		if (!post.checked && !proxy.checked && paper !== (d.applicant_id || ''))
			return showError(msg, { message: t('handover.mismatch'), field: 'h-id' }, form);
		if (!who) return showError(msg, { message: t('handover.need_id'), field: 'h-name' }, form);
		// the log (which the citizen's tracking page shows) keeps the last
		// digits of the paper; the signed record keeps it whole
		const tail = paper.length > 4 ? `…${paper.slice(-4)}` : paper;
		const note = post.checked ? `Trả qua bưu chính cho ${who}`
			: `Người nhận: ${who}, giấy tờ ${tail}${proxy.checked ? ', nhận thay theo giấy ủy quyền' : ''}`;
		try {
			const r = await sub.send('POST', `/dossiers/${encodeURIComponent(d.code)}/return`, { by_post: post.checked, note });
			form.remove();
			notice($('return-msg'), 'success', t('handover.done').replace('{code}', d.code).replace('{name}', who));
			await showHandover(d, r.dossier, { name: who, id: paper, proxy: proxy.checked, post: post.checked });
			loadDesk(true);
		} catch (e) {
			showError(msg, e, form);
		}
	});
	$('handover-confirm').replaceChildren(form);
	form.scrollIntoView({ block: 'nearest' });
	id.focus();
}

async function showHandover(d, after, recipient) {
	hideReceipt();
	const unit = await api('GET', `/units/${encodeURIComponent(d.unit_code)}`).catch(() => null);
	$('handover').replaceChildren(handoverRecord(d, after, unit, recipient, me.username));
	$('handover-card').hidden = false;
	$('handover-card').scrollIntoView({ block: 'start' });
}

async function openHandover(code) {
	try {
		confirmHandover(await api('GET', `/dossiers/${encodeURIComponent(code)}`));
	} catch (e) {
		showError($('return-msg'), e);
	}
}

function deskRow(d) {
	const op = { 9: ['return', 'return.go', 'ok'], 5: ['complete-supplement', 'return.supplement', 'secondary'],
		6: ['fulfil-financial', 'return.financial', 'secondary'] }[d.status];
	const button = el('button', { class: `btn small ${op[2]}`, type: 'button', dataset: { op: op[0] },
		onclick: () => (op[0] === 'return' ? openHandover(d.code) : deskAction(d, op[0], button)) }, t(op[1]));
	return el('tr', { dataset: { code: d.code } },
		el('td', {}, d.code), el('td', {}, d.applicant_name || ''), el('td', {}, d.procedure_name || d.procedure_code),
		el('td', {}, statusBadge(d.status)), el('td', {}, fmtTime(d.due)), el('td', {}, button));
}

async function loadDesk(keepMsg) {
	if (!keepMsg) $('return-msg').replaceChildren();
	const q = $('r-q').value.trim();
	try {
		const lists = await Promise.all([9, 5, 6].map((s) => api('GET', '/dossiers' + qs({ status: s, q, limit: 200 }))));
		const items = lists.flatMap((l) => l.items).sort((a, b) => (a.due || '').localeCompare(b.due || ''));
		$('return-table').tBodies[0].replaceChildren(...(items.length ? items.map(deskRow)
			: [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('none')))]));
	} catch (e) {
		showError($('return-msg'), e);
	}
}

// ---- start ------------------------------------------------------------------------

async function main() {
	chrome('counter.html');
	me = await requireRole($('main'), ['clerk', 'admin'], 'motcua / demo');
	$('desk').hidden = false;
	translate();
	$('tab-online').addEventListener('click', () => showTab('online'));
	$('tab-walkin').addEventListener('click', () => showTab('walkin'));
	$('tab-return').addEventListener('click', () => showTab('return'));
	$('online-form').addEventListener('submit', loadRegistered);
	$('w-find').addEventListener('input', () => { fillProcs(); fillChecklist(); });
	$('w-proc').addEventListener('change', fillChecklist);
	$('w-add').addEventListener('click', () => $('w-components').append(compRow()));
	$('w-components').append(compRow());
	walkin = new Submission($('w-accept'), $('w-supplement'), $('w-refuse'));
	$('w-accept').addEventListener('click', () => fileWalkin('accept'));
	$('w-supplement').addEventListener('click', () => fileWalkin('supplement'));
	$('w-refuse').addEventListener('click', () => fileWalkin('refuse'));
	$('r-reload').addEventListener('click', () => loadDesk());
	$('return-search').addEventListener('submit', (ev) => { ev.preventDefault(); loadDesk(); });
	$('handover-print').addEventListener('click', () => window.print());
	$('handover-close').addEventListener('click', () => { $('handover-card').hidden = true; });
	$('print').addEventListener('click', () => window.print());
	$('receipt-close').addEventListener('click', () => { $('receipt-card').hidden = true; });
	onLangChange(() => {
		if (!$('return').hidden) loadDesk(true);
		if (!$('online').hidden) loadQueue();
	});
	const [p, u] = await Promise.all([api('GET', '/procedures'), api('GET', '/units')]);
	procs = p.procedures;
	units = inScope(u.units.filter((x) => inService(x)), me.unit);
	$('w-unit').replaceChildren(...units.map((x) => el('option', { value: x.code }, `${x.name} (${x.code})`)));
	fillProcs();
	fillChecklist();
	showTab('online');
	document.body.dataset.ready = '1';
}

main();
