// lib.mjs - what the browser tests share: the server's address, the two
// viewports, API calls as a signed-in account or anonymously, pages
// signed in through the sign-in card, and screenshots.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.MOTCUA_URL;
export const SHOTS = process.env.SHOTS || 'build/screenshots';
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const WAIT = 10000;
export const VIEWPORTS = [['desktop', DESKTOP], ['phone', PHONE]];

export function launch() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		timeout: 30000,
	});
}

// A context of its own (cookies, storage) at one of the viewports.
export async function newContext(browser, viewport) {
	const phone = viewport.width < 500;
	const c = await browser.newContext({
		viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
		...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
	});
	c.setDefaultTimeout(WAIT);
	return c;
}

export async function apiLogin(user) {
	const r = await fetch(`${BASE}/api/v1/auth/login`, {
		method: 'POST', body: JSON.stringify({ username: user, password: 'demo' }),
		headers: { 'Content-Type': 'application/json' },
	});
	assert.equal(r.status, 200, `login ${user}`);
	const cookie = r.headers.get('set-cookie').split(';')[0];
	return { cookie, ...(await r.json()) };
}

export async function apiGet(session, path) {
	const r = await fetch(`${BASE}/api/v1${path}`, { headers: session ? { Cookie: session.cookie } : {} });
	assert.equal(r.status, 200, path);
	return r.json();
}

export async function apiPost(session, path, body, headers = {}) {
	const r = await fetch(`${BASE}/api/v1${path}`, {
		method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
		headers: { 'Content-Type': 'application/json', ...headers,
			...(session ? { Cookie: session.cookie, 'X-CSRF-Token': session.csrf } : {}) },
	});
	return { status: r.status, body: await r.json() };
}

// An online filing of business registration (offered at the demo
// clerk's department), as a citizen files it, with a PDF for each of
// its two required components (TP1, TP2) in an upload; its code and
// secret.
export async function fileOnline(unit, name, id) {
	const up = await apiPost(null, '/public/uploads', {});
	assert.equal(up.status, 201, JSON.stringify(up.body));
	for (const c of ['TP1', 'TP2']) {
		const form = new FormData();
		form.append('file', new Blob([`%PDF-1.4\n% ${c} ${id}\n`], { type: 'application/pdf' }), `${c}.pdf`);
		const f = await fetch(`${BASE}/api/v1/public/uploads/${up.body.upload}/files?component=${c}`, { method: 'POST', body: form });
		assert.equal(f.status, 201, `upload ${c}`);
	}
	const r = await apiPost(null, `/dossiers?upload=${up.body.upload}`, {
		MaTTHC: '1.001103', DonViXuLy: unit, ChuHoSo: name, SoGiayToChuHoSo: id, LoaiDoiTuong: '1',
	});
	assert.equal(r.status, 201, JSON.stringify(r.body));
	return { code: r.body.code, secret: r.body.secret };
}

export async function shot(p, name) {
	await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

export async function ready(p) {
	await p.waitForSelector('body[data-ready="1"]', { timeout: WAIT });
}

export async function signIn(p, user) {
	await p.waitForSelector('#login-form', { timeout: WAIT });
	await p.fill('#login-form input[name=username]', user);
	await p.fill('#login-form input[name=password]', 'demo');
	await p.click('#login-form button[type=submit]');
	await ready(p);
}

// A page of `path` signed in as `user` (through the page's own card).
export async function staffPage(browser, viewport, path, user) {
	const c = await newContext(browser, viewport);
	const p = await c.newPage();
	await p.goto(BASE + path);
	await signIn(p, user);
	return p;
}

// No sideways scrolling: the page is no wider than the viewport.
export async function fitsWidth(p, viewport, what) {
	const wide = await p.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(wide <= viewport.width + 1, `${what}: no sideways scrolling (${wide}px)`);
}
