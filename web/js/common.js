// common.js - what every page shares: the Vietnamese/English dictionary
// and switch (kept in localStorage), the page header and navigation, the
// JSON API client with the session's CSRF token, sign-in, and formatting
// of dates, money and status badges; errors in the page's language
// (js/errors.js), the field they name marked and focused.
import { errorWords } from './errors.js';

const DICT = {
	vi: {
		'org': 'Hệ thống thông tin giải quyết thủ tục hành chính',
		'province': 'Tỉnh Bình An',
		'nav.portal': 'Dịch vụ công',
		'nav.counter': 'Một cửa', 'nav.cashier': 'Thu ngân',
		'nav.officer': 'Xử lý hồ sơ',
		'nav.dashboard': 'Điều hành',
		'nav.stats': 'Thống kê công khai',
		'nav.verify': 'Xác thực kết quả',
		'nav.label': 'Các trang của hệ thống',
		'lang': 'English',
		'login.title': 'Đăng nhập cán bộ',
		'login.user': 'Tên đăng nhập',
		'login.pass': 'Mật khẩu',
		'login.go': 'Đăng nhập',
		'login.out': 'Đăng xuất',
		'login.role': 'Trang này dành cho vai trò: ',
		'login.demo': 'Tài khoản minh họa: ',
		'role.admin': 'Quản trị', 'role.leader': 'Lãnh đạo',
		'role.officer': 'Chuyên viên', 'role.clerk': 'Cán bộ một cửa',
		'footer': 'Hệ thống thông tin giải quyết TTHC — số liệu minh họa',
		'err.network': 'Không kết nối được máy chủ',
		'loading': 'Đang tải…',
		'none': 'Không có dữ liệu',
		'code': 'Mã hồ sơ', 'secret': 'Mã bí mật tra cứu',
		'procedure': 'Thủ tục', 'unit': 'Đơn vị', 'applicant': 'Người nộp',
		'unit.history': 'Đã giải thể, sáp nhập (tra cứu lịch sử)', 'unit.until': 'đến',
		'status': 'Trạng thái', 'due': 'Hạn trả', 'received': 'Ngày tiếp nhận',
		'submitted': 'Ngày nộp', 'finished': 'Ngày xử lý xong', 'returned': 'Ngày trả kết quả',
		'channel': 'Kênh', 'note': 'Ghi chú / lý do', 'fee': 'Phí, lệ phí',
		'components': 'Thành phần hồ sơ', 'history': 'Quá trình xử lý',
		'comp.required': 'bắt buộc', 'comp.optional': 'không bắt buộc', 'comp.original': 'bản chính',
		'comp.copy': 'bản sao', 'comp.copies': 'bản', 'comp.file': 'Tệp (PDF, ảnh, tối đa 20 MB)',
		'comp.uploading': 'Đang tải lên {name}…', 'comp.none': 'Chưa có tệp nào', 'comp.form': 'Tải mẫu',
		'overdue': 'Quá hạn', 'due_today': 'Đến hạn hôm nay',
		'st.1': 'Mới đăng ký trực tuyến', 'st.2': 'Đã tiếp nhận', 'st.3': 'Không được tiếp nhận',
		'st.4': 'Đang xử lý', 'st.5': 'Yêu cầu bổ sung', 'st.6': 'Chờ thực hiện nghĩa vụ tài chính',
		'st.7': 'Công dân rút hồ sơ', 'st.8': 'Dừng xử lý', 'st.9': 'Đã xử lý xong', 'st.10': 'Đã trả kết quả',
		'ch.1': 'Trực tiếp', 'ch.2': 'Trực tuyến', 'ch.3': 'Bưu chính công ích',
		'free': 'Miễn phí',
		'session.expired': 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại; thao tác đang làm sẽ được thực hiện tiếp ngay sau khi đăng nhập.',
	},
	en: {
		'org': 'Administrative procedure information system',
		'province': 'Binh An Province',
		'nav.portal': 'Public services',
		'nav.counter': 'One-stop counter', 'nav.cashier': 'Cashier',
		'nav.officer': 'Processing',
		'nav.dashboard': 'Dashboard',
		'nav.stats': 'Public statistics',
		'nav.verify': 'Verify a result',
		'nav.label': 'The system\'s pages',
		'lang': 'Tiếng Việt',
		'login.title': 'Staff sign-in',
		'login.user': 'Username',
		'login.pass': 'Password',
		'login.go': 'Sign in',
		'login.out': 'Sign out',
		'login.role': 'This page is for: ',
		'login.demo': 'Demo accounts: ',
		'role.admin': 'Administrator', 'role.leader': 'Leader',
		'role.officer': 'Officer', 'role.clerk': 'Counter clerk',
		'footer': 'Administrative procedure information system — demonstration data',
		'err.network': 'Cannot reach the server',
		'loading': 'Loading…',
		'none': 'Nothing to show',
		'code': 'Dossier code', 'secret': 'Tracking secret',
		'procedure': 'Procedure', 'unit': 'Unit', 'applicant': 'Applicant',
		'unit.history': 'Closed or merged (for history)', 'unit.until': 'until',
		'status': 'Status', 'due': 'Due', 'received': 'Received',
		'submitted': 'Submitted', 'finished': 'Finished', 'returned': 'Returned',
		'channel': 'Channel', 'note': 'Note / reason', 'fee': 'Fees',
		'components': 'Dossier components', 'history': 'History',
		'comp.required': 'required', 'comp.optional': 'optional', 'comp.original': 'original',
		'comp.copy': 'copy', 'comp.copies': 'copies', 'comp.file': 'File (PDF, image, up to 20 MB)',
		'comp.uploading': 'Uploading {name}…', 'comp.none': 'No files yet', 'comp.form': 'Blank form',
		'overdue': 'Overdue', 'due_today': 'Due today',
		'st.1': 'Registered online', 'st.2': 'Accepted', 'st.3': 'Not accepted',
		'st.4': 'Processing', 'st.5': 'Supplement requested', 'st.6': 'Awaiting financial obligation',
		'st.7': 'Withdrawn', 'st.8': 'Stopped', 'st.9': 'Result ready', 'st.10': 'Result returned',
		'ch.1': 'At the counter', 'ch.2': 'Online', 'ch.3': 'Public postal service',
		'free': 'Free',
		'session.expired': 'Your session has expired. Please sign in again; what you were doing continues as soon as you have signed in.',
	},
};

const LANG_KEY = 'motcua.lang';
let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
const pageDicts = [];

export function getLang() { return lang; }

// Add a page's own words: {vi: {...}, en: {...}}.
export function addWords(words) { pageDicts.push(words); }

export function t(key) {
	for (let i = pageDicts.length - 1; i >= 0; i--) {
		const w = pageDicts[i][lang];
		if (w && key in w) return w[key];
	}
	return DICT[lang][key] ?? DICT.vi[key] ?? key;
}

// Fill every [data-i18n] (text), [data-i18n-ph] (placeholder) and
// [data-i18n-label] (aria-label).
export function translate(root = document) {
	document.documentElement.lang = lang;
	root.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
	root.querySelectorAll('[data-i18n-ph]').forEach((n) => { n.placeholder = t(n.dataset.i18nPh); });
	root.querySelectorAll('[data-i18n-label]').forEach((n) => { n.setAttribute('aria-label', t(n.dataset.i18nLabel)); });
}

const langListeners = [];
export function onLangChange(fn) { langListeners.push(fn); }

function switchLang() {
	lang = lang === 'vi' ? 'en' : 'vi';
	localStorage.setItem(LANG_KEY, lang);
	translate();
	langListeners.forEach((fn) => fn());
}

// el('td', {class: 'num', onclick: f}, 'text', child...)
export function el(tag, attrs = {}, ...children) {
	const n = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === undefined || v === null || v === false) continue;
		if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
		else if (k === 'dataset') Object.assign(n.dataset, v);
		else n.setAttribute(k, v === true ? '' : v);
	}
	for (const c of children.flat()) {
		if (c === null || c === undefined || c === false) continue;
		n.append(c instanceof Node ? c : String(c));
	}
	return n;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}, ...children) {
	const n = document.createElementNS(SVG_NS, tag);
	for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
	for (const c of children.flat()) if (c !== null && c !== undefined) n.append(c instanceof Node ? c : String(c));
	return n;
}

function emblem() {
	const points = [];
	for (let i = 0; i < 10; i++) {
		const r = i % 2 ? 7 : 17, a = -Math.PI / 2 + i * Math.PI / 5;
		points.push(`${(22 + r * Math.cos(a)).toFixed(1)},${(23 + r * Math.sin(a)).toFixed(1)}`);
	}
	return svg('svg', { class: 'emblem', viewBox: '0 0 44 44', 'aria-hidden': 'true' },
		svg('circle', { cx: 22, cy: 22, r: 21, fill: '#f6c343' }),
		svg('circle', { cx: 22, cy: 22, r: 18, fill: '#c62828' }),
		svg('polygon', { points: points.join(' '), fill: '#f6c343' }));
}

const PAGES = [
	['index.html', 'nav.portal'], ['counter.html', 'nav.counter'], ['cashier.html', 'nav.cashier'], ['officer.html', 'nav.officer'],
	['dashboard.html', 'nav.dashboard'], ['stats.html', 'nav.stats'], ['verify.html', 'nav.verify'],
];

// The header, navigation and footer around <main>, and the document's
// title (the page's name, or titleKey's words, in the chosen language).
// current '' (a page at any depth, 404.html): links from the root.
export function chrome(current, titleKey) {
	const tools = el('div', { class: 'header-tools' },
		el('span', { class: 'who', id: 'who' }),
		el('button', { class: 'btn-ghost', id: 'logout', hidden: true, 'data-i18n': 'login.out', onclick: logout }),
		el('button', { class: 'lang-switch', id: 'lang', 'data-i18n': 'lang', onclick: switchLang }));
	const header = el('header', { class: 'site-header' },
		el('div', { class: 'bar' }, emblem(),
			el('div', { class: 'brand' },
				el('div', { class: 'org', 'data-i18n': 'org' }),
				el('div', { class: 'name', 'data-i18n': 'province' })),
			tools));
	const nav = el('nav', { class: 'site-nav', 'data-i18n-label': 'nav.label' }, el('ul', {}, PAGES.map(([href, key]) =>
		el('li', {}, el('a', { href: current === '' ? `/${href}` : href, 'data-i18n': key,
			'aria-current': href === current ? 'page' : null })))));
	document.body.prepend(header, nav);
	document.body.append(el('footer', { class: 'site-footer', 'data-i18n': 'footer' }));
	const page = PAGES.find(([href]) => href === current);
	const title = () => { document.title = `${t(titleKey || (page ? page[1] : 'org'))} — ${t('province')}`; };
	onLangChange(title);
	title();
	translate();
	// a wide table scrolls inside its box: the keyboard must reach the box
	const reachable = () => document.querySelectorAll('.table-wrap:not([tabindex])')
		.forEach((n) => n.setAttribute('tabindex', '0'));
	new MutationObserver(reachable).observe(document.body, { childList: true, subtree: true });
	reachable();
	// tabs: the arrow keys, Home and End move between them
	document.querySelectorAll('[role="tablist"]').forEach((list) => list.addEventListener('keydown', (ev) => {
		const tabs = [...list.querySelectorAll('[role="tab"]')];
		const i = tabs.indexOf(document.activeElement);
		const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
		if (i < 0 || to === undefined) return;
		ev.preventDefault();
		const next = tabs[(to + tabs.length) % tabs.length];
		next.focus();
		next.click();
	}));
	// on a phone the menu scrolls sideways: keep this page's item in view
	const active = nav.querySelector('[aria-current="page"]');
	if (active) active.scrollIntoView({ block: 'nearest', inline: 'center' });
}

// ---- the API -------------------------------------------------------------

let csrf = null;

// An error answer: status (0: no answer), code, reason, field, and the
// seconds of a Retry-After; errText gives its words.
export class ApiError extends Error {
	constructor(status, body, wait) {
		const e = (body && body.error) || {};
		super(e.message || `HTTP ${status}`);
		this.status = status;
		this.code = e.code || '';
		this.reason = e.reason || '';
		this.field = e.field || '';
		this.wait = wait || 0;
	}
}

// opts.key: the request key (Idempotency-Key) of a write; see Submission.
export async function api(method, path, body, opts = {}) {
	const headers = { Accept: 'application/json' };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
	if (opts.key) headers['Idempotency-Key'] = opts.key;
	let res;
	try {
		res = await fetch('/api/v1' + path, {
			method, headers, credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch {
		throw new ApiError(0, { error: { code: 'network', message: t('err.network') } });
	}
	const text = await res.text();
	let data = null;
	try { data = text ? JSON.parse(text) : null; } catch { data = null; }
	if (res.status === 401 && pageRoles && !path.startsWith('/auth/')) {
		// the session ran out (or was ended elsewhere): the server did
		// nothing; sign in again, then send the same request (the same
		// request key) with the new session, so the action goes on
		await sessionExpired();
		return api(method, path, body, opts);
	}
	if (!res.ok) throw new ApiError(res.status, data, Number(res.headers.get('Retry-After')) || 0);
	return data;
}

// POST a file as multipart/form-data (one part named "file"), with the
// session's CSRF token; the JSON answer, or an ApiError.
export async function apiUpload(path, file) {
	const form = new FormData();
	form.append('file', file, file.name);
	const headers = { Accept: 'application/json' };
	if (csrf) headers['X-CSRF-Token'] = csrf;
	let res;
	try {
		res = await fetch('/api/v1' + path, { method: 'POST', headers, credentials: 'same-origin', body: form });
	} catch {
		throw new ApiError(0, { error: { code: 'network', message: t('err.network') } });
	}
	let data = null;
	try { data = await res.json(); } catch { data = null; }
	if (!res.ok) throw new ApiError(res.status, data, Number(res.headers.get('Retry-After')) || 0);
	return data;
}

// 128 random bits as hex (crypto.randomUUID needs a secure context).
export function newKey() {
	const b = new Uint8Array(16);
	crypto.getRandomValues(b);
	return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

// One form's submissions: a write sent with a request key that stays the
// same while the outcome is unknown (no answer, or the server failed),
// so that sending again answers the first outcome instead of doing it
// twice; once the server has answered, the next submission is a new
// request with a new key. The buttons are disabled while it runs.
export class Submission {
	constructor(...buttons) { this.key = null; this.buttons = buttons; }

	async send(method, path, body) {
		this.key = this.key || newKey();
		const buttons = this.buttons.flat().filter(Boolean);
		buttons.forEach((b) => { b.disabled = true; });
		try {
			const r = await api(method, path, body, { key: this.key });
			this.key = null;
			return r;
		} catch (e) {
			if (e.status && e.status < 500) this.key = null;
			throw e;
		} finally {
			buttons.forEach((b) => { b.disabled = false; });
		}
	}
}

// The checklist of a procedure's components: one row per component with
// its name, whether it is required, original or copy and how many, and a
// file input (class c-pick); `extra` adds an element of the caller's to
// each row (the counter's "received" box). Rows carry data-code.
export function componentChecklist(components, extra, procedure) {
	return components.map((c) => {
		const facts = [c.required ? t('comp.required') : t('comp.optional'),
			c.original ? t('comp.original') : t('comp.copy'), `${c.copies} ${t('comp.copies')}`];
		const row = el('div', { class: 'comp-row checklist', 'data-code': c.code },
			el('div', { class: 'comp-name' }, el('strong', {}, c.name), ' ',
				el('span', { class: 'muted small' }, `(${c.code}) — ${facts.join(', ')}`),
				c.form && procedure ? [' ', el('a', { class: 'form-link', href: `/api/v1/procedures/${encodeURIComponent(procedure)}/forms/${encodeURIComponent(c.code)}` }, t('comp.form'))] : null),
			extra ? extra(c) : null,
			el('label', {}, el('span', {}, t('comp.file')),
				el('input', { type: 'file', class: 'c-pick', accept: '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx,.odt,.zip' })));
		return row;
	});
}

// The query string of an object, leaving out empty values.
export function qs(o) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
	const s = p.toString();
	return s ? '?' + s : '';
}

// ---- sessions --------------------------------------------------------------

let user = null;
export function currentUser() { return user; }

function showUser() {
	const who = document.getElementById('who');
	const out = document.getElementById('logout');
	if (who) who.textContent = user ? `${user.username} · ${t('role.' + user.role)}` : '';
	if (out) out.hidden = !user;
}
onLangChange(showUser);

export async function loadSession() {
	try {
		const me = await api('GET', '/auth/me');
		user = me.user;
		csrf = me.csrf;
	} catch {
		user = null;
		csrf = null;
	}
	showUser();
	return user;
}

async function logout() {
	try { await api('POST', '/auth/logout'); } catch { /* gone already */ }
	user = null;
	csrf = null;
	location.reload();
}

// The roles the page asked for (requireRole), for signing in again.
let pageRoles = null;

// The session is gone: a dialog over the page with the notice and a
// sign-in card (the page stays as it was under it); resolves once signed
// in. Requests that meet the end of the session meanwhile wait for the
// same dialog.
let relogin = null;
function sessionExpired() {
	user = null;
	csrf = null;
	showUser();
	if (relogin) return relogin;
	const dlg = el('dialog', { id: 'session-expired', class: 'session-dialog', 'aria-labelledby': 'session-expired-msg' },
		el('div', { class: 'notice error', role: 'alert', id: 'session-expired-msg', 'data-i18n': 'session.expired' }),
		el('div', { class: 'actions' }, el('button', { class: 'btn secondary small', type: 'button', id: 'session-lang',
			'data-i18n': 'lang', onclick: switchLang })));
	// signing in is the only way on (or reloading the page)
	dlg.addEventListener('cancel', (ev) => ev.preventDefault());
	document.body.append(dlg);
	relogin = signIn(dlg, pageRoles).then((u) => {
		dlg.close();
		dlg.remove();
		relogin = null;
		return u;
	});
	translate(dlg);
	dlg.showModal();
	dlg.querySelector('input[name=username]').focus();
	return relogin;
}

// A sign-in card inside `host`; resolves with the user once signed in
// with one of `roles`.
export function signIn(host, roles, demoHint) {
	return new Promise((resolve) => {
		const msg = el('div', { class: 'notice error', hidden: true, role: 'alert' });
		const name = el('input', { name: 'username', autocomplete: 'username', required: true });
		const pass = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true,
			dataset: { field: 'password' } });
		const form = el('form', { class: 'card login', id: 'login-form' },
			el('h2', { 'data-i18n': 'login.title' }),
			el('p', { class: 'muted small' }, el('span', { 'data-i18n': 'login.role' }),
				roles.map((r) => t('role.' + r)).join(', ')),
			el('label', {}, el('span', { 'data-i18n': 'login.user' }), name),
			el('label', {}, el('span', { 'data-i18n': 'login.pass' }), pass),
			msg,
			el('div', { class: 'actions' }, el('button', { class: 'btn', type: 'submit', 'data-i18n': 'login.go' })),
			demoHint ? el('p', { class: 'muted small' }, el('span', { 'data-i18n': 'login.demo' }), demoHint) : null);
		form.addEventListener('submit', async (ev) => {
			ev.preventDefault();
			msg.hidden = true;
			try {
				const r = await api('POST', '/auth/login', { username: name.value.trim(), password: pass.value });
				user = r.user;
				csrf = r.csrf;
				if (!roles.includes(user.role)) throw new Error(t('login.role') + roles.map((x) => t('role.' + x)).join(', '));
				showUser();
				form.remove();
				resolve(user);
			} catch (e) {
				msg.textContent = errText(e);
				msg.hidden = false;
				if (e.field === 'password') {
					pass.setAttribute('aria-invalid', 'true');
					pass.classList.add('invalid');
					pass.select();
					pass.focus();
				}
			}
		});
		host.append(form);
		translate(form);
		name.focus();
	});
}

// The signed-in user with one of `roles`, asking to sign in when needed.
export async function requireRole(host, roles, demoHint) {
	pageRoles = roles;
	const u = await loadSession();
	if (u && roles.includes(u.role)) return u;
	return signIn(host, roles, demoHint);
}

// ---- formatting -------------------------------------------------------------

const pad = (n) => String(n).padStart(2, '0');

// "2026-11-25T17:00:00+07:00" as "25/11/2026 17:00" (Vietnam time as sent).
export function fmtTime(iso) {
	if (!iso) return '';
	const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?/.exec(iso);
	if (!m) return iso;
	return m[4] ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

export function fmtMoney(n) {
	if (!n) return t('free');
	return new Intl.NumberFormat('vi-VN').format(n) + ' đ';
}

export function fmtNum(n) {
	return n === null || n === undefined ? '–' : new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN').format(n);
}

// A number with two decimals as the language writes it (88,62 / 88.62).
export function fmtDecimal(v) {
	return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
		.format(Number(v));
}

// A percentage with two decimals as the language writes it: 98,15% in
// Vietnamese, 98.15% in English.
export function fmtRate(r) {
	return r === null || r === undefined ? '–' : `${fmtDecimal(r)}%`;
}

// Today in Vietnam time as "YYYY-MM-DD".
export function todayVN() {
	const d = new Date(Date.now() + 7 * 3600 * 1000);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

// Whether a unit (GET /units) serves today: one closed in a merger takes
// no filing and no transfer.
export function inService(u, today = todayVN()) {
	return (!u.valid_from || u.valid_from <= today) && (!u.valid_to || u.valid_to >= today);
}

// The <option>s of a unit picker: today's units first, then those closed
// (merged or abolished) in a group of their own, for history.
export function unitOptions(units, selected) {
	const today = todayVN();
	const opt = (u, tail = '') => el('option', { value: u.code, selected: u.code === selected }, `${u.name} (${u.code})${tail}`);
	const closed = units.filter((u) => !inService(u, today));
	const open = units.filter((u) => inService(u, today)).map((u) => opt(u));
	if (!closed.length) return open;
	return [...open, el('optgroup', { label: t('unit.history'), dataset: { history: '1' } },
		closed.map((u) => opt(u, u.valid_to ? ` – ${t('unit.until')} ${u.valid_to}` : '')))];
}

export function statusBadge(status) {
	return el('span', { class: `badge s${status}`, dataset: { status: String(status) } }, t('st.' + status));
}

export function notice(host, kind, text) {
	host.replaceChildren(el('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text));
}

// The words of an error in the page's language (an ApiError by its
// reason and field; anything else by its message).
export function errText(e) {
	return e instanceof ApiError ? errorWords(e, lang) : e.message;
}

// Take the error marks of an earlier attempt off the inputs in scope.
export function clearMarks(scope) {
	scope.querySelectorAll('[aria-invalid="true"]').forEach((n) => {
		n.removeAttribute('aria-invalid');
		n.classList.remove('invalid');
	});
}

// The input in scope that a field names: [data-field="X"] for "X", the
// i-th [data-field="X"] for "X[i]..." (a list's row), else the first.
function fieldInput(scope, field) {
	if (!field) return null;
	const exact = scope.querySelector(`[data-field="${CSS.escape(field)}"]`);
	if (exact) return exact;
	const m = /^([^[.]+)(?:\[(\d+)\])?/.exec(field);
	if (!m) return null;
	const all = scope.querySelectorAll(`[data-field="${CSS.escape(m[1])}"]`);
	return all[m[2] === undefined ? 0 : Number(m[2])] || all[0] || null;
}

// An error in host, in the page's language; the input it names (in
// scope) is marked and focused, and keeps the message as its
// description until the next attempt.
export function showError(host, e, scope) {
	notice(host, 'error', errText(e));
	if (!scope) return;
	clearMarks(scope);
	const input = fieldInput(scope, e.field);
	if (!input) return;
	const msg = host.querySelector('.notice');
	if (msg) {
		msg.id = msg.id || `err-${Math.random().toString(36).slice(2)}`;
		input.setAttribute('aria-describedby', msg.id);
	}
	input.setAttribute('aria-invalid', 'true');
	input.classList.add('invalid');
	input.focus();
}
