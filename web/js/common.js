// common.js - what every page shares: the Vietnamese/English dictionary
// and switch (kept in localStorage), the page header and navigation, the
// JSON API client with the session's CSRF token, sign-in, and formatting
// of dates, money and status badges.

const DICT = {
	vi: {
		'org': 'Hệ thống thông tin giải quyết thủ tục hành chính',
		'province': 'Tỉnh Bình An',
		'nav.portal': 'Dịch vụ công',
		'nav.counter': 'Một cửa',
		'nav.officer': 'Xử lý hồ sơ',
		'nav.dashboard': 'Điều hành',
		'nav.stats': 'Thống kê công khai',
		'nav.verify': 'Xác thực kết quả',
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
		'overdue': 'Quá hạn', 'due_today': 'Đến hạn hôm nay',
		'st.1': 'Mới đăng ký trực tuyến', 'st.2': 'Đã tiếp nhận', 'st.3': 'Không được tiếp nhận',
		'st.4': 'Đang xử lý', 'st.5': 'Yêu cầu bổ sung', 'st.6': 'Chờ thực hiện nghĩa vụ tài chính',
		'st.7': 'Công dân rút hồ sơ', 'st.8': 'Dừng xử lý', 'st.9': 'Đã xử lý xong', 'st.10': 'Đã trả kết quả',
		'ch.1': 'Trực tiếp', 'ch.2': 'Trực tuyến', 'ch.3': 'Bưu chính công ích',
		'free': 'Miễn phí',
		'session.expired': 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại để tiếp tục; thao tác vừa rồi chưa được thực hiện.',
	},
	en: {
		'org': 'Administrative procedure information system',
		'province': 'Binh An Province',
		'nav.portal': 'Public services',
		'nav.counter': 'One-stop counter',
		'nav.officer': 'Processing',
		'nav.dashboard': 'Dashboard',
		'nav.stats': 'Public statistics',
		'nav.verify': 'Verify a result',
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
		'overdue': 'Overdue', 'due_today': 'Due today',
		'st.1': 'Registered online', 'st.2': 'Accepted', 'st.3': 'Not accepted',
		'st.4': 'Processing', 'st.5': 'Supplement requested', 'st.6': 'Awaiting financial obligation',
		'st.7': 'Withdrawn', 'st.8': 'Stopped', 'st.9': 'Result ready', 'st.10': 'Result returned',
		'ch.1': 'At the counter', 'ch.2': 'Online', 'ch.3': 'Public postal service',
		'free': 'Free',
		'session.expired': 'Your session has expired. Please sign in again to continue; the last action was not carried out.',
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

// Fill every [data-i18n] (text) and [data-i18n-ph] (placeholder).
export function translate(root = document) {
	document.documentElement.lang = lang;
	root.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
	root.querySelectorAll('[data-i18n-ph]').forEach((n) => { n.placeholder = t(n.dataset.i18nPh); });
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
	['index.html', 'nav.portal'], ['counter.html', 'nav.counter'], ['officer.html', 'nav.officer'],
	['dashboard.html', 'nav.dashboard'], ['stats.html', 'nav.stats'], ['verify.html', 'nav.verify'],
];

// The header, navigation and footer around <main>.
export function chrome(current) {
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
	const nav = el('nav', { class: 'site-nav' }, el('ul', {}, PAGES.map(([href, key]) =>
		el('li', {}, el('a', { href, 'data-i18n': key, 'aria-current': href === current ? 'page' : null })))));
	document.body.prepend(header, nav);
	document.body.append(el('footer', { class: 'site-footer', 'data-i18n': 'footer' }));
	translate();
}

// ---- the API -------------------------------------------------------------

let csrf = null;

export class ApiError extends Error {
	constructor(status, body) {
		const e = (body && body.error) || {};
		super(e.message || `HTTP ${status}`);
		this.status = status;
		this.code = e.code || '';
		this.field = e.field || '';
	}
}

export async function api(method, path, body) {
	const headers = { Accept: 'application/json' };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
	let res;
	try {
		res = await fetch('/api/v1' + path, {
			method, headers, credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch {
		throw new ApiError(0, { error: { message: t('err.network') } });
	}
	const text = await res.text();
	let data = null;
	try { data = text ? JSON.parse(text) : null; } catch { data = null; }
	if (res.status === 401 && pageRoles && !path.startsWith('/auth/')) {
		// the session ran out (or was ended elsewhere): ask to sign in
		// again instead of showing the server's words for developers
		sessionExpired();
		throw new ApiError(401, { error: { code: 'unauthorized', message: t('session.expired') } });
	}
	if (!res.ok) throw new ApiError(res.status, data);
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
		throw new ApiError(0, { error: { message: t('err.network') } });
	}
	let data = null;
	try { data = await res.json(); } catch { data = null; }
	if (!res.ok) throw new ApiError(res.status, data);
	return data;
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

// The session is gone: a notice and a sign-in card at the top of the
// page; the page stays as it was, so the clerk can redo the action.
function sessionExpired() {
	user = null;
	csrf = null;
	showUser();
	if (document.getElementById('session-expired') || !pageRoles) return;
	const box = el('section', { id: 'session-expired', class: 'card' },
		el('div', { class: 'notice error', role: 'alert', 'data-i18n': 'session.expired' }));
	const main = document.querySelector('main') || document.body;
	main.prepend(box);
	translate(box);
	box.scrollIntoView();
	signIn(box, pageRoles).then(() => box.remove());
}

// A sign-in card inside `host`; resolves with the user once signed in
// with one of `roles`.
export function signIn(host, roles, demoHint) {
	return new Promise((resolve) => {
		const msg = el('div', { class: 'notice error', hidden: true, role: 'alert' });
		const name = el('input', { name: 'username', autocomplete: 'username', required: true });
		const pass = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
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
				msg.textContent = e.message;
				msg.hidden = false;
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

export function fmtRate(r) {
	return r === null || r === undefined ? '–' : `${Number(r).toFixed(2)}%`;
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

// The message of an API error, with the field it names.
export function errText(e) {
	return e.field && !e.message.startsWith(e.field) ? `${e.field}: ${e.message}` : e.message;
}
