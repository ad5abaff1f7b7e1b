// polish.test.mjs - what a person notices, on a desktop and a phone: the
// favicon, page titles in the chosen language, a page (not JSON) for a
// bad address, a search that takes i and y as one letter, tracking with
// a code typed in lower case, rates written the Vietnamese way, and the
// phone's menu showing the page one is on. Started by run.sh after
// desk.test.mjs, on the same server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import {
	apiLogin, BASE, fileOnline, fitsWidth, launch, newContext, ready, shot, signIn, SHOTS, VIEWPORTS,
} from './lib.mjs';

let browser;
const state = {};

before(async () => {
	mkdirSync(SHOTS, { recursive: true });
	browser = await launch();
	state.unit = (await apiLogin('motcua')).user.unit;
});

after(async () => {
	if (browser) await browser.close();
});

for (const [name, viewport] of VIEWPORTS) {
	test(`pages (${name}): favicon, titles in both languages, a page for a bad address`, async () => {
		const c = await newContext(browser, viewport);
		const p = await c.newPage();
		await p.goto(`${BASE}/stats.html`);
		await ready(p);
		assert.equal(await p.title(), 'Thống kê công khai — Tỉnh Bình An');
		const icon = await p.getAttribute('link[rel=icon]', 'href');
		const res = await p.request.get(new URL(icon, p.url()).toString());
		assert.equal(res.status(), 200);
		assert.match(res.headers()['content-type'], /image\/svg\+xml/);
		await p.click('#lang');
		assert.equal(await p.title(), 'Public statistics — Binh An Province');
		await p.click('#lang');
		// a mistyped address: a page in the reader's language, with the way back
		const bad = await p.goto(`${BASE}/ho-so/khong-co/trang-nay`);
		assert.equal(bad.status(), 404);
		assert.match(bad.headers()['content-type'], /text\/html/);
		await ready(p);
		assert.equal(await p.textContent('#not-found h1'), 'Không tìm thấy trang');
		assert.equal(await p.title(), 'Không tìm thấy trang — Tỉnh Bình An');
		assert.equal(await p.getAttribute('#not-found a', 'href'), '/');
		assert.ok(await p.isVisible('.site-nav a[href="/counter.html"]'), 'the menu works from any depth');
		await fitsWidth(p, viewport, 'the 404 page');
		await shot(p, `not-found-${name}`);
		// the API keeps answering JSON
		const api = await p.request.get(`${BASE}/api/v1/no-such-thing`);
		assert.equal(api.status(), 404);
		assert.match(api.headers()['content-type'], /application\/json/);
		await c.close();
	});

	test(`portal (${name}): "dang ki" finds "Đăng ký", a lower-case code is tracked`, async () => {
		const filed = await fileOnline(state.unit, `Lò Thị Chữ Thường ${name}`, '001190070001');
		const c = await newContext(browser, viewport);
		const p = await c.newPage();
		await p.goto(`${BASE}/`);
		await ready(p);
		await p.waitForSelector('#results li');
		const before = await p.locator('#results li').count();
		await p.fill('#q', 'dang ki thanh lap doanh nghiep tu nhan');
		await p.click('#search-form button[type=submit]');
		// the answer to this search, not the list shown before it
		await p.waitForFunction((n) => {
			const items = [...document.querySelectorAll('#results li')];
			return items.length && items.length < n && items.every((li) => /Đăng ký/.test(li.textContent));
		}, before);
		const item = p.locator('#results li[data-code="1.001103"]');
		assert.equal(await item.count(), 1);
		assert.match(await item.innerText(), /Đăng ký thành lập doanh nghiệp tư nhân/);
		await p.click('#tab-track');
		await p.fill('#t-code', filed.code.toLowerCase());
		await p.fill('#t-secret', filed.secret.toUpperCase());
		await p.click('#track-form button[type=submit]');
		await p.waitForSelector('#track-code');
		assert.equal(await p.textContent('#track-code'), filed.code);
		await fitsWidth(p, viewport, 'tracking');
		await shot(p, `tracking-lower-case-${name}`);
		await c.close();
	});
}

for (const [name, viewport] of VIEWPORTS) {
	test(`portal (${name}): a filing whose answer is lost and that is sent again makes one dossier`, async () => {
		const applicant = `Âu Thị Gửi Lại ${name}`;
		const c = await newContext(browser, viewport);
		const p = await c.newPage();
		await p.goto(`${BASE}/`);
		await ready(p);
		await p.fill('#q', 'dang ky thanh lap doanh nghiep tu nhan');
		await p.click('#search-form button[type=submit]');
		await p.locator('#results li[data-code="1.001103"] button').click();
		await p.selectOption('#f-unit', state.unit);
		await p.fill('#f-name', applicant);
		await p.fill('#f-id', '001190090001');
		await p.waitForSelector('#components .comp-row[data-code="TP2"]');
		for (const c of ['TP1', 'TP2']) {
			await p.setInputFiles(`#components .comp-row[data-code="${c}"] .c-pick`,
				{ name: `${c}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${c} ${name}\n`) });
		}
		let calls = 0;
		await p.route((url) => url.pathname === '/api/v1/dossiers', async (route) => {
			if (route.request().method() === 'POST' && calls++ === 0) {
				await route.fetch();
				await route.abort('failed');
			} else {
				await route.continue();
			}
		});
		await p.click('#file-submit');
		await p.waitForSelector('#file-msg .notice.error');
		assert.match(await p.innerText('#file-msg'), /Không kết nối được máy chủ/);
		await p.click('#file-submit');
		await p.waitForSelector('#filed-code');
		const clerk = await apiLogin('motcua');
		const found = await (await fetch(`${BASE}/api/v1/dossiers?q=${encodeURIComponent(applicant)}`,
			{ headers: { Cookie: clerk.cookie } })).json();
		assert.equal(found.total, 1, 'one dossier for two submissions');
		assert.equal(await p.textContent('#filed-code'), found.items[0].code);
		assert.match(await p.textContent('#filed-secret'), /^[0-9a-f]{32}$/);
		// the code and the secret stay inside their card
		const card = await p.locator('#filed-code').evaluate((n) => n.closest('.card').getBoundingClientRect().right);
		for (const id of ['#filed-code', '#filed-secret', '#filed .badge']) {
			const box = await p.locator(id).first().boundingBox();
			if (box) assert.ok(box.x + box.width <= card + 0.5, `${id} inside its card (${box.x + box.width} > ${card})`);
		}
		await fitsWidth(p, viewport, 'the filed dossier');
		await shot(p, `portal-filed-once-${name}`);
		await c.close();
	});
}

test('dashboard (phone): rates the Vietnamese way, the menu shows the page one is on, an empty ranking says so', async () => {
	const [, viewport] = VIEWPORTS[1];
	const c = await newContext(browser, viewport);
	const p = await c.newPage();
	await p.goto(`${BASE}/dashboard.html`);
	await signIn(p, 'lanhdao');
	await p.waitForSelector('#kpi-rate');
	assert.match(await p.textContent('#kpi-rate'), /^(\d{1,3},\d\d%|–)$/, 'a decimal comma');
	const active = p.locator('.site-nav a[aria-current="page"]');
	const box = await active.boundingBox();
	assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, `the active menu item is on screen (${JSON.stringify(box)})`);
	await p.click('#lang');
	assert.match(await p.textContent('#kpi-rate'), /^(\d{1,3}\.\d\d%|–)$/, 'a decimal point in English');
	await p.click('#lang');
	await shot(p, 'dashboard-menu-phone');
	// a department has no units under it: the ranking says so
	await p.selectOption('#unit', state.unit);
	await p.click('#controls button[type=submit]');
	const empty = p.locator('#index-ranking-empty');
	await empty.waitFor();
	assert.match(await empty.innerText(), /không có đơn vị trực thuộc nào/);
	await fitsWidth(p, viewport, 'the dashboard');
	await c.close();
});
