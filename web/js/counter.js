// counter.js - the one-stop counter (counter.html), for clerks: receive
// an online registration by code or a walk-in filing (accept, ask for a
// supplement, refuse), print the receipt with its QR code, and hand over
// results (also record completed supplements and paid obligations).
import {
	addWords, api, chrome, el, errText, fmtTime, inService, notice, onLangChange, qs, requireRole,
	statusBadge, t, translate,
} from './common.js';
import { receipt, trackingUrl } from './receipt.js';

addWords({
	vi: {
		'tab.online': 'Tiếp nhận hồ sơ trực tuyến', 'tab.walkin': 'Tiếp nhận trực tiếp', 'tab.return': 'Trả kết quả',
		'online.title': 'Tiếp nhận hồ sơ đã đăng ký trực tuyến', 'online.secret': 'Mã bí mật (công dân cung cấp, nếu có)',
		'online.load': 'Tìm hồ sơ', 'online.not_registered': 'Hồ sơ này không ở trạng thái chờ tiếp nhận.',
		'walkin.title': 'Tiếp nhận hồ sơ nộp trực tiếp', 'walkin.find': 'Gõ để lọc thủ tục (không dấu cũng được)',
		'walkin.name': 'Người nộp / tổ chức', 'walkin.kind': 'Đối tượng', 'walkin.id': 'Số CCCD / mã số doanh nghiệp',
		'walkin.phone': 'Số điện thoại', 'walkin.add': '+ Thêm thành phần', 'walkin.comp': 'Tên giấy tờ',
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
		'receipt.print': 'In giấy tiếp nhận', 'receipt.close': 'Đóng',
		'receipt.pdf': 'Giấy tiếp nhận (PDF, mẫu 01)',
	},
	en: {
		'tab.online': 'Online registrations', 'tab.walkin': 'Walk-in filing', 'tab.return': 'Return results',
		'online.title': 'Receive a dossier registered online', 'online.secret': 'Tracking secret (from the applicant, optional)',
		'online.load': 'Find', 'online.not_registered': 'This dossier is not waiting for reception.',
		'walkin.title': 'Receive a walk-in filing', 'walkin.find': 'Type to filter procedures',
		'walkin.name': 'Applicant / organisation', 'walkin.kind': 'Applicant type', 'walkin.id': 'Citizen ID / enterprise code',
		'walkin.phone': 'Phone', 'walkin.add': '+ Add a component', 'walkin.comp': 'Document',
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
		'receipt.print': 'Print receipt', 'receipt.close': 'Close',
		'receipt.pdf': 'Receipt (PDF, form 01)',
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

function decisionDone(host, decision, code, secret) {
	const msg = el('div', { class: 'notice success', role: 'status', id: 'decision-done' },
		t('done.' + decision).replace('{code}', code));
	if (secret) msg.append(el('div', {}, t('done.secret'), el('span', { class: 'secret', id: 'walkin-secret' }, secret)));
	host.replaceChildren(msg);
}

// ---- online registrations -------------------------------------------------

function decisionButtons(onDecide) {
	const note = el('textarea', { id: 'o-note' });
	const go = (decision) => () => onDecide(decision, note.value.trim());
	return el('div', {},
		el('label', {}, t('note'), note),
		el('div', { class: 'actions' },
			el('button', { class: 'btn ok', type: 'button', id: 'o-accept', onclick: go('accept') }, t('act.accept')),
			el('button', { class: 'btn warn', type: 'button', id: 'o-supplement', onclick: go('supplement') }, t('act.supplement')),
			el('button', { class: 'btn danger', type: 'button', id: 'o-refuse', onclick: go('refuse') }, t('act.refuse'))));
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

async function receiveRegistered(code, secret, decision, note) {
	const host = $('online-msg');
	if (decision !== 'accept' && !note) return notice(host, 'error', t('act.need_note'));
	try {
		await api('POST', `/dossiers/${encodeURIComponent(code)}/receive`, { decision, note: note || undefined });
		decisionDone(host, decision, code);
		$('online-detail').replaceChildren();
		if (decision === 'accept') await showReceipt(code, secret);
	} catch (e) {
		notice(host, 'error', errText(e));
	}
}

async function loadRegistered(ev) {
	ev.preventDefault();
	const code = $('o-code').value.trim(), secret = $('o-secret').value.trim();
	$('online-msg').replaceChildren();
	$('online-detail').replaceChildren();
	try {
		const d = await api('GET', `/dossiers/${encodeURIComponent(code)}`);
		const parts = [dossierFacts(d)];
		if (d.status === 1) parts.push(decisionButtons((dec, note) => receiveRegistered(code, secret, dec, note)));
		else parts.push(el('div', { class: 'notice info' }, t('online.not_registered')));
		$('online-detail').replaceChildren(...parts);
	} catch (e) {
		notice($('online-msg'), 'error', errText(e));
	}
}

// ---- walk-in filings ------------------------------------------------------

function compRow() {
	const row = el('div', { class: 'comp-row' },
		el('label', {}, t('walkin.comp'), el('input', { class: 'c-name' })),
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

function walkinBody(decision) {
	const comps = [...document.querySelectorAll('#w-components .comp-row')].map((r) => {
		const name = r.querySelector('.c-name').value.trim();
		const f = r.querySelector('.c-pick').files[0];
		return { name, file: f ? f.name : '' };
	}).filter((c) => c.name || c.file)
		.map((c) => ({ MaThanhPhanHoSo: c.name || c.file, TenTepDinhKem: c.file || c.name, DuocSoHoa: c.file ? '1' : '0' }));
	const filing = {
		MaTTHC: $('w-proc').value, DonViXuLy: $('w-unit').value, KenhThucHien: '1',
		ChuHoSo: $('w-name').value.trim(), SoGiayToChuHoSo: $('w-id').value.trim(),
		LoaiDoiTuong: $('w-kind').value, TaiLieuNop: comps,
	};
	if ($('w-phone').value.trim()) filing.SoDienThoai = $('w-phone').value.trim();
	const note = $('w-note').value.trim();
	return { decision, note: note || undefined, filing };
}

async function fileWalkin(decision) {
	const host = $('walkin-msg');
	if (decision !== 'accept' && !$('w-note').value.trim()) return notice(host, 'error', t('act.need_note'));
	if (!$('walkin-form').reportValidity()) return;
	try {
		const r = await api('POST', '/dossiers/receive', walkinBody(decision));
		decisionDone(host, decision, r.code, r.secret);
		if (decision === 'accept') await showReceipt(r.code, r.secret);
	} catch (e) {
		notice(host, 'error', errText(e));
	}
}

// ---- results and counter work ------------------------------------------------

async function deskAction(d, op) {
	const body = op === 'return' ? { by_post: $('r-post').checked } : {};
	try {
		await api('POST', `/dossiers/${encodeURIComponent(d.code)}/${op}`, body);
		notice($('return-msg'), 'success', t('return.done').replace('{code}', d.code));
		await loadDesk(true);
	} catch (e) {
		notice($('return-msg'), 'error', errText(e));
	}
}

function deskRow(d) {
	const op = { 9: ['return', 'return.go', 'ok'], 5: ['complete-supplement', 'return.supplement', 'secondary'],
		6: ['fulfil-financial', 'return.financial', 'secondary'] }[d.status];
	return el('tr', { dataset: { code: d.code } },
		el('td', {}, d.code), el('td', {}, d.applicant_name || ''), el('td', {}, d.procedure_name || d.procedure_code),
		el('td', {}, statusBadge(d.status)), el('td', {}, fmtTime(d.due)),
		el('td', {}, el('button', { class: `btn small ${op[2]}`, type: 'button', dataset: { op: op[0] },
			onclick: () => deskAction(d, op[0]) }, t(op[1]))));
}

async function loadDesk(keepMsg) {
	if (!keepMsg) $('return-msg').replaceChildren();
	try {
		const lists = await Promise.all([9, 5, 6].map((s) => api('GET', '/dossiers' + qs({ status: s, limit: 200 }))));
		const items = lists.flatMap((l) => l.items).sort((a, b) => (a.due || '').localeCompare(b.due || ''));
		$('return-table').tBodies[0].replaceChildren(...(items.length ? items.map(deskRow)
			: [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('none')))]));
	} catch (e) {
		notice($('return-msg'), 'error', errText(e));
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
	$('w-find').addEventListener('input', fillProcs);
	$('w-add').addEventListener('click', () => $('w-components').append(compRow()));
	$('w-components').append(compRow());
	$('w-accept').addEventListener('click', () => fileWalkin('accept'));
	$('w-supplement').addEventListener('click', () => fileWalkin('supplement'));
	$('w-refuse').addEventListener('click', () => fileWalkin('refuse'));
	$('r-reload').addEventListener('click', () => loadDesk());
	$('print').addEventListener('click', () => window.print());
	$('receipt-close').addEventListener('click', () => { $('receipt-card').hidden = true; });
	onLangChange(() => { if (!$('return').hidden) loadDesk(true); });
	const [p, u] = await Promise.all([api('GET', '/procedures'), api('GET', '/units')]);
	procs = p.procedures;
	units = inScope(u.units.filter((x) => inService(x)), me.unit);
	$('w-unit').replaceChildren(...units.map((x) => el('option', { value: x.code }, `${x.name} (${x.code})`)));
	fillProcs();
	showTab('online');
	document.body.dataset.ready = '1';
}

main();
