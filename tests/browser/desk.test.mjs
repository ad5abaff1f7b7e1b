// desk.test.mjs - the staff desks on a working day, each journey on a
// desktop and a phone: the counter's queue of online filings (oldest
// first, counted per unit) and receiving from it, the receipt that
// belongs to the last decision only, a walk-in filing sent twice (its
// answer lost, or a double click) making one dossier, a session that
// ends in the middle of a filing (sign in again, the filing goes on),
// errors in Vietnamese and English with the field they name marked and
// focused, an officer's transfer and the list of dossiers sent, and
// handing a result over (found by search, the recipient's ID checked,
// the handover record printed). Started by run.sh after scenario.test.mjs, on
// the same server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import {
	apiGet, apiLogin, apiPost, BASE, fileOnline, fitsWidth, launch, newContext, ready, shot, staffPage, SHOTS, VIEWPORTS,
} from './lib.mjs';

let browser;
const state = {};

before(async () => {
	mkdirSync(SHOTS, { recursive: true });
	browser = await launch();
	state.clerk = await apiLogin('motcua');
	state.unit = state.clerk.user.unit;
});

after(async () => {
	if (browser) await browser.close();
});

// The waiting online filings of the clerk's unit, as the API counts them.
async function waiting() {
	const r = await apiGet(state.clerk, `/dossiers?status=1&unit=${encodeURIComponent(state.unit)}&limit=1`);
	return r.total;
}

for (const [name, viewport] of VIEWPORTS) {
	test(`counter (${name}): the queue of online filings, oldest first; receive from it`, async () => {
		const tag = name === 'phone' ? 'Điện Thoại' : 'Máy Bàn';
		const first = await fileOnline(state.unit, `Phạm Thị Hàng Đợi ${tag}`, '001190020001');
		const second = await fileOnline(state.unit, `Lê Văn Hàng Đợi ${tag}`, '001190020002');
		const n = await waiting();
		const p = await staffPage(browser, viewport, '/counter.html', 'motcua');
		// the tab and the unit's button count every waiting filing
		assert.match(await p.innerText('#tab-online'), new RegExp(`\\(${(await apiGet(state.clerk, '/dossiers?status=1&limit=1')).total}\\)`));
		const chip = p.locator(`#queue-units button[data-unit="${state.unit}"]`);
		assert.ok(await chip.isVisible(), 'the unit is counted in the header');
		assert.match(await chip.innerText(), new RegExp(`: ${n}$`));
		await chip.click();
		await p.waitForSelector('#queue-units button[aria-pressed="true"][data-unit]');
		// oldest first: the first filing comes before the second
		const codes = await p.$$eval('#queue tbody tr[data-code]', (rs) => rs.map((r) => r.dataset.code));
		assert.ok(codes.includes(first.code) && codes.includes(second.code), 'both filings are in the queue');
		assert.ok(codes.indexOf(first.code) < codes.indexOf(second.code), 'the older filing is above');
		const times = await p.$$eval('#queue tbody tr[data-code] td:first-child', (cs) => cs.map((c) => c.textContent));
		const key = (s) => s.replace(/^(\d\d)\/(\d\d)\/(\d{4}) (.*)$/, '$3$2$1 $4');
		assert.deepEqual(times.map(key), times.map(key).slice().sort(), 'rows by filing time');
		assert.ok(await p.locator(`#queue tr[data-code="${first.code}"]`).isVisible());
		await fitsWidth(p, viewport, 'the counter queue');
		await shot(p, `counter-queue-${name}`);
		// receive the first: its receipt
		await p.click(`#queue tr[data-code="${first.code}"] button`);
		await p.waitForSelector('#o-accept');
		assert.match(await p.innerText('#online-detail'), new RegExp(`Phạm Thị Hàng Đợi ${tag}`));
		await p.click('#o-accept');
		await p.waitForSelector('#receipt-doc');
		assert.equal(await p.textContent('#r-code'), first.code);
		assert.ok(await p.isVisible('#receipt-card'));
		await p.waitForSelector(`#queue tr[data-code="${first.code}"]`, { state: 'detached' });
		assert.match(await chip.innerText(), new RegExp(`: ${n - 1}$`), 'one fewer waiting');
		// a supplement for the second: the message and the form are the
		// second's and the first's receipt is gone
		await p.click(`#queue tr[data-code="${second.code}"]`);
		await p.waitForSelector('#o-supplement');
		await p.fill('#o-note', 'Thiếu bản sao điều lệ công ty.');
		await p.click('#o-supplement');
		await p.waitForSelector(`#decision-done[data-code="${second.code}"]`);
		assert.match(await p.innerText('#decision-done'), new RegExp(second.code.replace(/\./g, '\\.')));
		assert.equal(await p.isVisible('#receipt-card'), false, 'no receipt of another dossier on screen');
		assert.equal(await p.locator('#receipt-doc').count(), 0);
		assert.match(await p.getAttribute('#decision-form', 'href'), new RegExp(`/dossiers/${second.code}/forms/02\\.pdf$`));
		const pdf = await p.request.get(new URL(await p.getAttribute('#decision-form', 'href'), p.url()).toString());
		assert.equal(pdf.status(), 200);
		await shot(p, `counter-supplement-${name}`);
		state[`accepted-${name}`] = first.code;
		state[`supplement-${name}`] = second.code;
		// the arrow keys move between the tabs
		await p.focus('#tab-online');
		await p.keyboard.press('ArrowRight');
		assert.equal(await p.getAttribute('#tab-walkin', 'aria-selected'), 'true');
		assert.ok(await p.isVisible('#walkin'));
		await p.keyboard.press('End');
		assert.equal(await p.getAttribute('#tab-return', 'aria-selected'), 'true');
		await p.keyboard.press('ArrowRight');
		assert.equal(await p.getAttribute('#tab-online', 'aria-selected'), 'true', 'round to the first');
		await p.context().close();
	});
}

// The dossiers of an applicant in the clerk's units.
async function filedFor(name) {
	return apiGet(state.clerk, `/dossiers?q=${encodeURIComponent(name)}`);
}

async function fillWalkin(p, name, id) {
	await p.fill('#w-find', 'ngan sach');
	await p.selectOption('#w-proc', '1.002554');
	await p.fill('#w-name', name);
	await p.fill('#w-id', id);
	// the procedure's checklist: the paper of each required component
	// is ticked as received
	await p.waitForSelector('#w-components .comp-row[data-code="TP1"] .c-got:checked');
}

for (const [name, viewport] of VIEWPORTS) {
	test(`counter (${name}): a walk-in filing sent twice makes one dossier, and the form is cleared`, async () => {
		const tag = name === 'phone' ? 'Điện Thoại' : 'Máy Bàn';
		const p = await staffPage(browser, viewport, '/counter.html', 'motcua');
		await p.click('#tab-walkin');
		const once = `Vũ Thị Một Lần ${tag}`;
		await fillWalkin(p, once, '079190030001');
		// the first answer is lost on its way back, after the server filed it
		let calls = 0;
		await p.route('**/api/v1/dossiers/receive', async (route) => {
			if (calls++ === 0) {
				await route.fetch();
				await route.abort('failed');
			} else {
				await route.continue();
			}
		});
		await p.click('#w-accept');
		await p.waitForSelector('#walkin-msg .notice.error');
		assert.equal(await p.inputValue('#w-name'), once, 'the form keeps what was typed');
		await p.click('#w-accept'); // the clerk sends it again
		await p.waitForSelector('#receipt-doc');
		const found = await filedFor(once);
		assert.equal(found.total, 1, 'one dossier for two submissions');
		assert.equal(await p.textContent('#r-code'), found.items[0].code, 'the receipt is of that dossier');
		assert.match(await p.getAttribute('#receipt-doc', 'data-url'), /secret=[0-9a-f]{32}/, 'its secret came back');
		// the form is empty for the next applicant
		for (const id of ['#w-name', '#w-id', '#w-phone', '#w-note', '#w-components .c-name'])
			assert.equal(await p.inputValue(id), '', `${id} is cleared`);
		assert.equal(await p.locator('#w-components .comp-row').count(), 1);
		await p.unroute('**/api/v1/dossiers/receive');
		// a double click on the next one
		const twice = `Vũ Văn Bấm Đúp ${tag}`;
		await fillWalkin(p, twice, '079190030002');
		await p.dblclick('#w-accept');
		await p.waitForSelector(`#receipt-doc`);
		await p.waitForFunction((n) => document.querySelector('#r-applicant')?.textContent === n, twice);
		assert.equal((await filedFor(twice)).total, 1, 'one dossier for a double click');
		await fitsWidth(p, viewport, 'the walk-in form');
		await shot(p, `counter-walkin-once-${name}`);
		await p.context().close();
	});
}

for (const [name, viewport] of VIEWPORTS) {
	test(`counter (${name}): an expired session asks to sign in, then the filing goes on`, async () => {
		const tag = name === 'phone' ? 'Điện Thoại' : 'Máy Bàn';
		const p = await staffPage(browser, viewport, '/counter.html', 'motcua');
		await p.click('#tab-walkin');
		const applicant = `Hồ Thị Hết Phiên ${tag}`;
		await fillWalkin(p, applicant, '079190040001');
		await p.context().clearCookies(); // the server no longer knows this page's session
		await p.click('#w-accept');
		const dialog = p.locator('#session-expired');
		await dialog.waitFor();
		assert.ok(await dialog.isVisible(), 'a sign-in dialog over the page');
		assert.match(await dialog.innerText(), /Phiên đăng nhập đã hết hạn/);
		assert.ok(!(await p.innerText('body')).includes('/api/v1/auth/login'), 'no developer message');
		assert.equal((await p.textContent('#who')).trim(), '', 'the header no longer shows anyone signed in');
		assert.equal(await p.inputValue('#w-name'), applicant, 'the page keeps what was typed');
		await fitsWidth(p, viewport, 'the sign-in dialog');
		await shot(p, `counter-session-expired-${name}`);
		await p.click('#session-lang');
		assert.match(await dialog.innerText(), /Your session has expired/);
		await p.click('#session-lang');
		assert.equal(await p.locator('#receipt-doc').count(), 0, 'nothing filed before signing in');
		await p.fill('#session-expired input[name=username]', 'motcua');
		await p.fill('#session-expired input[name=password]', 'demo');
		await p.click('#session-expired button[type=submit]');
		await dialog.waitFor({ state: 'detached' });
		// the filing the clerk asked for is done, once
		await p.waitForSelector('#receipt-doc');
		assert.equal(await p.textContent('#r-applicant'), applicant);
		assert.equal((await filedFor(applicant)).total, 1);
		assert.match(await p.textContent('#who'), /motcua/);
		await p.context().close();
	});
}

for (const [name, viewport] of VIEWPORTS) {
	test(`counter (${name}): errors in Vietnamese and English, the field marked and focused`, async () => {
		const c = await newContext(browser, viewport);
		const p = await c.newPage();
		await p.goto(`${BASE}/counter.html`);
		// a wrong password: the page's words, the password field focused
		await p.fill('#login-form input[name=username]', 'motcua');
		await p.fill('#login-form input[name=password]', 'sai-mat-khau');
		await p.click('#login-form button[type=submit]');
		const loginMsg = p.locator('#login-form .notice.error');
		await loginMsg.waitFor();
		assert.equal(await loginMsg.innerText(), 'Sai tên đăng nhập hoặc mật khẩu.');
		assert.equal(await p.evaluate(() => document.activeElement.name), 'password');
		await p.fill('#login-form input[name=password]', 'demo');
		await p.click('#login-form button[type=submit]');
		await ready(p);
		// a citizen ID of five digits: refused by the server, in Vietnamese
		await p.click('#tab-walkin');
		const applicant = `Đinh Văn Sai Số ${name}`;
		await fillWalkin(p, applicant, '12345');
		await p.click('#w-accept');
		const msg = p.locator('#walkin-msg .notice.error');
		await msg.waitFor();
		assert.match(await msg.innerText(), /^Số CCCD \/ giấy tờ: số căn cước công dân gồm đúng 12 chữ số/);
		assert.ok(!/citizen ID|SoGiayToChuHoSo/.test(await p.innerText('main')), 'no English, no API names on the Vietnamese page');
		assert.equal(await p.getAttribute('#w-id', 'aria-invalid'), 'true', 'the field is marked');
		assert.equal(await p.evaluate(() => document.activeElement.id), 'w-id', 'and focused');
		await fitsWidth(p, viewport, 'the error');
		await shot(p, `counter-error-vi-${name}`);
		// the same in English
		await p.click('#lang');
		await p.click('#w-accept');
		await p.waitForFunction(() => /citizen ID has exactly 12 digits/.test(document.querySelector('#walkin-msg').textContent));
		assert.match(await msg.innerText(), /^Citizen ID \/ document number: a citizen ID has exactly 12 digits/);
		assert.equal(await p.evaluate(() => document.activeElement.id), 'w-id');
		await shot(p, `counter-error-en-${name}`);
		await p.click('#lang');
		// fixed, it goes through and the mark goes
		await p.fill('#w-id', '079190050001');
		await p.click('#w-accept');
		await p.waitForSelector('#receipt-doc');
		assert.equal(await p.getAttribute('#w-id', 'aria-invalid'), null);
		assert.equal((await filedFor(applicant)).total, 1);
		await c.close();
	});
}

// A dossier of the clerk's unit with its result ready (status 9).
async function finished(name, id) {
	const r = await apiPost(state.clerk, '/dossiers/receive', { decision: 'accept', filing: {
		MaTTHC: '1.002554', DonViXuLy: state.unit, KenhThucHien: '1', ChuHoSo: name, SoGiayToChuHoSo: id, LoaiDoiTuong: '1',
		TaiLieuNop: ['TP1', 'TP2', 'TP3'].map((c) => ({ MaThanhPhanHoSo: c })) } });
	assert.equal(r.status, 201, JSON.stringify(r.body));
	const officer = await apiLogin('canbo');
	for (const [op, body] of [['start', {}], ['finish', { results: [{ name: 'Giấy chứng nhận mã số đơn vị', code: 'MS-2026-77' }] }]]) {
		const s = await apiPost(officer, `/dossiers/${encodeURIComponent(r.body.code)}/${op}`, body);
		assert.equal(s.status, 200, JSON.stringify(s.body));
	}
	return r.body.code;
}

for (const [name, viewport] of VIEWPORTS) {
	test(`counter (${name}): hand a result over: search, check the recipient's ID, print the record`, async () => {
		const tag = name === 'phone' ? 'Điện Thoại' : 'Máy Bàn';
		const applicant = `Tạ Thị Nhận Kết Quả ${tag}`;
		const id = name === 'phone' ? '079190060002' : '079190060001';
		const code = await finished(applicant, id);
		const p = await staffPage(browser, viewport, '/counter.html', 'motcua');
		await p.click('#tab-return');
		await p.waitForSelector('#return-table tbody tr');
		// the clerk types part of the name without diacritics
		await p.fill('#r-q', `ta thi nhan ket qua ${name === 'phone' ? 'dien thoai' : 'may ban'}`);
		await p.click('#return-search button[type=submit]');
		await p.waitForFunction((c) => {
			const rows = document.querySelectorAll('#return-table tbody tr[data-code]');
			return rows.length === 1 && rows[0].dataset.code === c;
		}, code);
		await p.click(`#return-table tr[data-code="${code}"] button[data-op="return"]`);
		await p.waitForSelector('#handover-form');
		assert.match(await p.innerText('#h-results'), /Giấy chứng nhận mã số đơn vị/);
		assert.equal(await p.evaluate(() => document.activeElement.id), 'h-id', 'the ID is asked first');
		// someone else's paper: refused on the page, nothing handed over
		await p.fill('#h-id', '001090099999');
		await p.click('#h-go');
		await p.waitForSelector('#handover-msg .notice.error');
		assert.match(await p.innerText('#handover-msg'), /không khớp với người nộp hồ sơ/);
		assert.equal(await p.getAttribute('#h-id', 'aria-invalid'), 'true');
		assert.equal((await apiGet(state.clerk, `/dossiers/${encodeURIComponent(code)}`)).status, 9, 'still waiting');
		await fitsWidth(p, viewport, 'the handover form');
		await shot(p, `counter-handover-check-${name}`);
		// the applicant's own
		await p.fill('#h-id', id);
		await p.click('#h-go');
		await p.waitForSelector('#handover-doc');
		assert.equal(await p.textContent('#h-code'), code);
		assert.equal(await p.textContent('#h-recipient'), applicant);
		assert.match(await p.innerText('#handover-doc'), new RegExp(`số giấy tờ: ${id}`));
		assert.match(await p.innerText('#h-doc-results'), /Giấy chứng nhận mã số đơn vị \(số, ký hiệu: MS-2026-77\)/);
		assert.match(await p.textContent('#h-when'), /\d\d:\d\d, ngày \d\d\/\d\d\/\d{4}/);
		assert.ok(await p.isVisible('#handover-print'));
		const d = await apiGet(state.clerk, `/dossiers/${encodeURIComponent(code)}`);
		assert.equal(d.status, 10, 'returned');
		const ret = d.events.find((e) => e.action === 'return');
		assert.equal(ret.note, `Người nhận: ${applicant}, giấy tờ …${id.slice(-4)}`, 'the recipient is in the log');
		assert.ok(!ret.note.includes(id), 'not the whole ID: the tracking page shows the log');
		await p.waitForSelector(`#return-table tr[data-code="${code}"]`, { state: 'detached' });
		await shot(p, `counter-handover-${name}`);
		await p.emulateMedia({ media: 'print' });
		assert.equal(await p.isVisible('#return-table'), false, 'only the record is printed');
		assert.ok(await p.isVisible('#handover-doc'));
		await shot(p, `counter-handover-print-${name}`);
		await p.context().close();
	});
}

test('officer: the open list includes online filings waiting at the counter', async () => {
	const fresh = await fileOnline(state.unit, 'Đỗ Văn Chờ Tiếp Nhận', '001190020003');
	const p = await staffPage(browser, VIEWPORTS[0][1], '/officer.html', 'canbo');
	const row = p.locator(`#inbox tr[data-code="${fresh.code}"]`);
	await row.waitFor();
	assert.equal(await row.locator('.badge').first().getAttribute('data-status'), '1');
	await row.click();
	await p.waitForSelector('#detail h2');
	assert.match(await p.innerText('#detail'), /chờ bộ phận một cửa tiếp nhận/);
	// a dossier waiting for a supplement is marked as paused, and its log
	// names each step and the unit
	const paused = p.locator(`#inbox tr[data-code="${state['supplement-desktop']}"]`);
	assert.match(await paused.innerText(), /Tạm dừng, chờ bổ sung/);
	assert.equal(await paused.locator('.badge.late').count(), 0, 'a paused dossier is not overdue');
	await paused.click();
	await p.waitForSelector('#events tr[data-action="ask-supplement"]');
	assert.match(await p.innerText('#events tr[data-action="register"]'), /Nộp trực tuyến/);
	const asked = await p.innerText('#events tr[data-action="ask-supplement"]');
	assert.match(asked, /Yêu cầu bổ sung khi tiếp nhận/);
	assert.match(asked, /Sở Tài chính/);
	assert.ok(!asked.includes(state.unit), 'the unit by its name');
	assert.deepEqual(await p.$$eval('#events th', (ths) => ths.map((th) => th.textContent)),
		['Thời điểm', 'Thao tác', 'Trạng thái sau đó', 'Người thực hiện', 'Đơn vị', 'Ghi chú / lý do']);
	await p.context().close();
});

for (const [name, viewport] of VIEWPORTS) {
	test(`officer (${name}): transfer says where the dossier went and lists it as sent`, async () => {
		const code = state[`accepted-${name}`];
		assert.ok(code, 'a dossier accepted at the counter');
		const officer = await apiLogin('canbo');
		const p = await staffPage(browser, viewport, '/officer.html', 'canbo');
		const errors = [];
		p.on('pageerror', (e) => errors.push(e.message));
		await p.click(`#inbox tr[data-code="${code}"]`);
		await p.click('#ops button[data-op="transfer"]');
		// a department of the province, in service (the picker offers only those)
		const options = await p.$$eval('form[data-op="transfer"] select[name="to"] option',
			(os) => os.map((o) => ({ code: o.value, name: o.textContent.replace(/ \([^)]*\)$/, '') })));
		const target = options.find((o) => /^Sở /.test(o.name) && o.code !== officer.user.unit);
		assert.ok(target, 'another department in service');
		await p.selectOption('form[data-op="transfer"] select[name="to"]', target.code);
		await p.fill('form[data-op="transfer"] textarea[name="note"]', 'Chuyển Sở chuyên ngành thẩm định.');
		await p.click('form[data-op="transfer"] button[type=submit]');
		const done = p.locator('#transfer-done');
		await done.waitFor();
		assert.match(await done.innerText(), new RegExp(`${code.replace(/\./g, '\\.')}.*${target.name}`));
		assert.equal(await p.locator('#detail .notice.error').count(), 0, 'no error after a transfer that succeeded');
		assert.deepEqual(errors, [], 'no script error');
		await p.waitForSelector(`#inbox tr[data-code="${code}"]`, { state: 'detached' });
		const sent = p.locator(`#sent tr[data-code="${code}"]`);
		await sent.waitFor();
		assert.ok(await sent.isVisible());
		assert.match(await sent.innerText(), new RegExp(target.name));
		assert.equal(await sent.locator('.badge').first().getAttribute('data-status'), '4', 'processing at the unit it went to');
		await fitsWidth(p, viewport, 'the officer desk');
		await shot(p, `officer-transferred-${name}`);
		// the API agrees: the dossier is at the target, sent by this unit
		const list = await apiGet(officer, '/transfers?limit=10');
		const item = list.items.find((x) => x.dossier.code === code);
		assert.equal(item.to, target.code);
		assert.equal(item.from, officer.user.unit);
		assert.equal(item.note, 'Chuyển Sở chuyên ngành thẩm định.');
		await p.context().close();
	});
}
