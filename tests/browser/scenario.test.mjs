// scenario.test.mjs - one dossier's whole life through the pages, in
// Debian's headless Chromium driven by playwright-core: filed on the
// portal, received at the counter (receipt and its QR target checked),
// finished at the officer desk with a result file the unit signs,
// returned at the counter, tracked (the result and its .p7s downloaded
// with the secret and verified by the openssl command) and
// rated by the citizen (the rating counted in the service index), and
// counted on the dashboard with the indicators against their targets;
// the public statistics live and as published. Screenshots of every
// page, desktop and phone, go to $SHOTS.
// Started by run.sh, which runs the server on a fresh demo province.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
	apiGet, apiLogin, apiPost, BASE, DESKTOP, fileOnline, launch, PHONE, ready, shot, SHOTS, signIn, WAIT,
} from './lib.mjs';

// launch() gives every run a fresh temporary profile (user-data-dir) of
// its own and removes it on close.
let browser, context, page;
const state = {};
// the result the officer issues: signed by the unit when finishing
const RESULT_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

// openssl cms -verify on a file and its signature: whether it succeeds
function opensslVerifies(file, p7s) {
	const dir = mkdtempSync(join(tmpdir(), 'motcua-browser-'));
	writeFileSync(join(dir, 'kq.pdf'), file);
	writeFileSync(join(dir, 'kq.pdf.p7s'), p7s);
	try {
		execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'kq.pdf.p7s'),
			'-content', join(dir, 'kq.pdf'), '-CAfile', process.env.MOTCUA_CA, '-out', '/dev/null'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

// The calendar month holding today, Vietnam time (the index's periods).
function calendarMonth() {
	return new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 7);
}

// Complaints counted by the index: on time minus satisfied (section 7).
async function complaints() {
	const leader = await apiLogin('lanhdao');
	const ix = await apiGet(leader, `/index?period=month:${calendarMonth()}&min=0`);
	const i = ix.total.indicators;
	assert.equal(i.satisfaction.denominator, i.on_time.denominator);
	return i.on_time.numerator - i.satisfaction.numerator;
}

// The statutory month (cut-off 15) holding today, Vietnam time.
function currentMonth() {
	const d = new Date(Date.now() + 7 * 3600e3);
	let y = d.getUTCFullYear(), m = d.getUTCMonth() + 1;
	if (d.getUTCDate() >= 15 && ++m > 12) { m = 1; y++; }
	return `${y}-${String(m).padStart(2, '0')}`;
}

before(async () => {
	assert.ok(BASE, 'MOTCUA_URL is set');
	mkdirSync(SHOTS, { recursive: true });
	browser = await launch();
	context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
	context.setDefaultTimeout(WAIT);
	page = await context.newPage();
	const clerk = await apiLogin('motcua');
	state.unit = clerk.user.unit;
	const leader = await apiLogin('lanhdao');
	const rep = await apiGet(leader, `/reports/settlement?period=month:${currentMonth()}`);
	const row = rep.rows.find((r) => r.key === state.unit);
	state.resolvedBefore = row ? row.resolved_total : 0;
	const procs = await apiGet(null, '/procedures');
	const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
	// one the clerk's department offers, so the refusal is for the channel
	const only = procs.procedures.find((p) => p.field_code === 'DOANH-NGHIEP' && p.online_only.some((w) => w.from <= today && today <= w.to));
	state.onlineOnly = only ? only.code : null;
	// an online filing is charged the catalogue's online amounts
	const filed = procs.procedures.find((p) => p.code === '1.001103');
	state.onlineFee = filed ? filed.fees.reduce((s, f) => s + f.online_amount, 0) : 0;
});

after(async () => {
	if (browser) await browser.close();
});

test('portal: search ignores diacritics, file a dossier online', async () => {
	await page.goto(`${BASE}/`);
	await ready(page);
	await shot(page, 'portal-desktop');
	await page.fill('#q', 'dang ky thanh lap doanh nghiep tu nhan');
	await page.click('#search-form button[type=submit]');
	// a procedure the clerk's department (Sở Tài chính, which took over
	// business registration) offers: the filing goes to its unit
	const item = page.locator('#results li[data-code="1.001103"]');
	await item.waitFor();
	assert.match(await item.innerText(), /Đăng ký thành lập doanh nghiệp tư nhân/);
	await item.locator('button').click();
	await page.selectOption('#f-unit', state.unit);
	await page.fill('#f-name', 'Nguyễn Thị Thử Nghiệm');
	await page.fill('#f-id', '001190012345');
	await page.fill('#f-phone', '0905123456');
	// the procedure's checklist: its two required components, each a PDF
	await page.waitForSelector('#components .comp-row[data-code="TP2"]');
	assert.match(await page.textContent('#components .comp-row[data-code="TP1"]'), /Tờ khai theo mẫu.*bắt buộc/);
	state.pdfs = {
		TP1: Buffer.concat([Buffer.from('%PDF-1.4\n% to khai\n'), Buffer.alloc(30000, 7), Buffer.from('\n%%EOF\n')]),
		TP2: Buffer.concat([Buffer.from('%PDF-1.4\n% cccd\n'), Buffer.alloc(12345, 0), Buffer.from('\n%%EOF\n')]),
	};
	await page.setInputFiles('#components .comp-row[data-code="TP1"] .c-pick', { name: 'de-nghi.pdf', mimeType: 'application/pdf', buffer: state.pdfs.TP1 });
	await page.setInputFiles('#components .comp-row[data-code="TP2"] .c-pick', { name: 'Bản sao CCCD.pdf', mimeType: 'application/pdf', buffer: state.pdfs.TP2 });
	await page.click('#file-submit');
	await page.waitForSelector('#filed-code');
	state.code = (await page.textContent('#filed-code')).trim();
	state.secret = (await page.textContent('#filed-secret')).trim();
	assert.match(state.code, new RegExp(`^${state.unit.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
	assert.match(state.secret, /^[0-9a-f]{32}$/);
	await shot(page, 'portal-filed-desktop');
});

test('portal: English switch is kept across pages', async () => {
	await page.click('#lang');
	assert.equal(await page.textContent('.site-nav a[href="index.html"]'), 'Public services');
	await page.goto(`${BASE}/stats.html`);
	await ready(page);
	assert.equal(await page.textContent('.site-nav a[href="index.html"]'), 'Public services');
	await shot(page, 'stats-english-desktop');
	await page.click('#lang');
	assert.equal(await page.textContent('.site-nav a[href="index.html"]'), 'Dịch vụ công');
});

test('portal: pay the fee online through the gateway, print the receipt', async () => {
	await page.goto(`${BASE}/?code=${encodeURIComponent(state.code)}&secret=${state.secret}`);
	await ready(page);
	const fee = String(state.onlineFee).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	await page.waitForSelector('#pay-btn');
	assert.match(await page.textContent('#pay-owed'), new RegExp(`^${fee.replace(/\./g, '\\.')} đ$`));
	await shot(page, 'portal-fee-desktop');
	await page.click('#pay-btn');
	// the gateway's page: another origin, the order and the choices
	await page.waitForSelector('#approve');
	assert.equal(await page.textContent('#amount'), String(state.onlineFee));
	assert.match(await page.textContent('#info'), new RegExp(state.code.replace(/\./g, '\\.')));
	await shot(page, 'gateway-desktop');
	await page.click('#approve');
	// back on the tracking page: confirmed by the gateway's callback
	await page.waitForSelector('#pay-back');
	await ready(page);
	assert.match(await page.textContent('#pay-back'), /Thanh toán thành công/);
	assert.equal(await page.textContent('#pay-owed'), '0 đ');
	assert.equal(await page.isVisible('#pay-btn'), false, 'nothing is owed');
	assert.equal(await page.getAttribute('#pay-list li', 'data-status'), 'paid');
	const link = page.locator('#pay-list a[id^="receipt-"]');
	const href = await link.getAttribute('href');
	await shot(page, 'portal-paid-desktop');
	const pdf = await page.request.get(new URL(href, BASE).toString());
	assert.equal(pdf.status(), 200);
	assert.match(pdf.headers()['content-type'], /application\/pdf/);
	const dir = mkdtempSync(join(tmpdir(), 'motcua-receipt-'));
	try {
		writeFileSync(join(dir, 'bien-lai.pdf'), await pdf.body());
		const text = execFileSync('pdftotext', [join(dir, 'bien-lai.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		assert.match(text, /BIÊN LAI THU PHÍ, LỆ PHÍ/);
		assert.match(text, /Ký hiệu: BL\/\d\dE/);
		assert.match(text, /Số: \d{7}/);
		assert.ok(text.includes(state.code), 'the dossier code is on the receipt');
		assert.ok(text.includes('Nguyễn Thị Thử Nghiệm'), 'the payer is on the receipt');
		assert.ok(text.includes(`Tổng cộng ${fee}`), 'the total is on the receipt');
		assert.match(text, /Số tiền bằng chữ: [A-ZĐ][^ ]* .*đồng/);
		assert.match(text, /Cổng thanh toán của tỉnh/);
		assert.match(text, /Mã giao dịch: vnpay-tinh \d+/);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('counter: receive the online dossier, receipt and its QR target', async () => {
	await page.goto(`${BASE}/counter.html`);
	await signIn(page, 'motcua');
	await shot(page, 'counter-desktop');
	await page.fill('#o-code', state.code);
	await page.fill('#o-secret', state.secret);
	await page.click('#online-form button[type=submit]');
	await page.click('#o-accept');
	await page.waitForSelector('#receipt-doc');
	assert.equal(await page.textContent('#r-code'), state.code);
	assert.equal(await page.textContent('#r-applicant'), 'Nguyễn Thị Thử Nghiệm');
	assert.equal(await page.textContent('#r-procedure'), 'Đăng ký thành lập doanh nghiệp tư nhân');
	assert.match(await page.textContent('#r-due'), /\d\d:\d\d, ngày \d\d\/\d\d\/\d{4}/);
	assert.match(await page.textContent('#r-components'), /TP1 \(de-nghi\.pdf\)/);
	assert.match(await page.textContent('#r-components'), /TP2 \(Bản sao CCCD\.pdf\)/);
	const fee = String(state.onlineFee).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	assert.ok(state.onlineFee > 0, 'the procedure charges a fee online');
	assert.match(await page.textContent('#r-fee'), new RegExp(fee.replace(/\./g, '\\.')));
	const url = await page.getAttribute('#receipt-doc', 'data-url');
	const src = await page.getAttribute('#r-qr', 'src');
	assert.equal(new URL(src, BASE).searchParams.get('text'), url, 'the QR encodes the tracking address');
	const qr = await page.request.get(new URL(src, BASE).toString());
	assert.equal(qr.status(), 200);
	assert.match(qr.headers()['content-type'], /image\/svg\+xml/);
	assert.ok((await page.locator('#r-qr').evaluate((img) => img.naturalWidth)) > 0, 'the QR image loaded');
	// the official form 01 as PDF, with the secret the counter holds
	const pdfHref = await page.getAttribute('#receipt-pdf', 'href');
	assert.match(pdfHref, /\/forms\/01\.pdf\?secret=[0-9a-f]{32}$/);
	const pdf = await page.request.get(new URL(pdfHref, BASE).toString());
	assert.equal(pdf.status(), 200);
	assert.match(pdf.headers()['content-type'], /application\/pdf/);
	assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
	await page.emulateMedia({ media: 'print' });
	await shot(page, 'receipt-print');
	await page.emulateMedia({ media: 'screen' });
	await shot(page, 'receipt-desktop');
	const track = await context.newPage();
	await track.goto(url);
	await ready(track);
	await track.waitForSelector('#track-code');
	assert.equal(await track.textContent('#track-code'), state.code);
	assert.equal(await track.getAttribute('#track-status .badge', 'data-status'), '2');
	// the citizen's forms: the receipt (received) and the control slip
	const citizenPdf = await track.request.get(new URL(await track.getAttribute('#track-form-01', 'href'), BASE).toString());
	assert.equal(citizenPdf.status(), 200);
	assert.equal((await citizenPdf.body()).subarray(0, 5).toString(), '%PDF-');
	assert.equal(await track.locator('#track-form-06').count(), 1);
	assert.equal(await track.locator('#track-form-03').count(), 0);
	await shot(track, 'tracking-accepted-desktop');
	await track.close();
});

test('counter: walk-in filing, online-only refusal shows the reason', async () => {
	await page.click('#tab-walkin');
	// offered at the clerk's department and not online-only
	await page.fill('#w-find', 'ngan sach');
	await page.selectOption('#w-proc', '1.002554');
	await page.fill('#w-name', 'Trần Văn Quầy');
	await page.fill('#w-id', '079090001234');
	// the paper of each required component is ticked as received; one scanned
	await page.waitForSelector('#w-components .comp-row[data-code="TP3"]');
	assert.ok(await page.isChecked('#w-components .comp-row[data-code="TP1"] .c-got'));
	await page.setInputFiles('#w-components .comp-row[data-code="TP1"] .c-pick', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% scan\n') });
	await page.click('#w-accept');
	await page.waitForSelector('#walkin-secret');
	const url = await page.getAttribute('#receipt-doc', 'data-url');
	assert.match(url, /secret=[0-9a-f]{32}/, 'a walk-in receipt carries the secret');
	assert.equal(await page.inputValue('#w-name'), '', 'the form is cleared for the next applicant');
	if (state.onlineOnly) {
		await page.fill('#w-find', '');
		await page.selectOption('#w-proc', state.onlineOnly);
		await page.fill('#w-name', 'Trần Văn Quầy');
		await page.fill('#w-id', '079090001234');
		await page.click('#w-accept');
		const err = page.locator('#walkin-msg .notice.error');
		await err.waitFor();
		assert.match(await err.innerText(), /\S/);
		await shot(page, 'counter-online-only-desktop');
	}
});

test('cashier: a counter filing paid by VietQR from the bank statement, another in cash', async () => {
	// the province's collecting account, set by its administrator
	const admin = await apiLogin('admin');
	const root = (await apiGet(admin, '/units')).units.find((u) => !u.parent).code;
	const put = await fetch(`${BASE}/api/v1/units/${encodeURIComponent(root)}/account`, {
		method: 'PUT', body: JSON.stringify({ bin: '970415', account: '113366668888', holder: 'KHO BAC NHA NUOC' }),
		headers: { 'Content-Type': 'application/json', Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf },
	});
	assert.equal(put.status, 200);
	// two online filings of the business registration the portal files
	// here, received at the counter: each owes the online fee
	const fee = state.onlineFee;
	assert.ok(fee > 0, 'the procedure charges a fee online');
	const clerk = await apiLogin('motcua');
	const codes = [];
	for (const [name, id] of [['Phạm Văn Chuyển', '079190000002'], ['Lý Thị Tiền', '079190000003']]) {
		const { code } = await fileOnline(state.unit, name, id);
		const got = await apiPost(clerk, `/dossiers/${encodeURIComponent(code)}/receive`, { decision: 'accept' });
		assert.equal(got.status, 200, JSON.stringify(got.body));
		codes.push(code);
	}
	await page.goto(`${BASE}/cashier.html`);
	await page.waitForSelector('body[data-ready="1"], #login-form');
	if (await page.isVisible('#login-form')) await signIn(page, 'motcua');
	await ready(page);
	// the QR on screen: the payload names the account, the amount and the dossier
	await page.fill('#code', codes[0]);
	await page.click('#show-qr');
	await page.waitForSelector('#qr:not([hidden])');
	const payload = await page.getAttribute('#qr-img', 'data-payload');
	assert.ok(payload.includes('0010A000000727') && payload.includes('QRIBFTTA') && payload.includes('113366668888'));
	assert.ok(payload.includes(`54${String(String(fee).length).padStart(2, '0')}${fee}`), 'the exact amount');
	assert.ok(payload.includes(codes[0]), 'the dossier code in the purpose');
	await page.waitForFunction(() => document.getElementById('qr-img').naturalWidth > 0);
	await shot(page, 'cashier-qr-desktop');
	// the bank's statement: the transfer, a line naming nothing, a total
	const day = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10).split('-').reverse().join('/');
	const dotted = String(fee).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	const csv = `\ufeffNgày giao dịch;Số tiền;Nội dung\r\n${day};${dotted};IBFT ${codes[0]} nop le phi\r\n` +
		`${day};75.000;ung ho\r\n;${dotted};Tổng cộng\r\n`;
	for (const verdict of ['paid', 'already']) {
		await page.setInputFiles('#statement', { name: 'sao-ke.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.click('#reconcile');
		await page.waitForSelector(`#rec-table tr[data-line="2"][data-verdict="${verdict}"]`);
		assert.equal(await page.getAttribute('#rec-table tr[data-line="3"]', 'data-verdict'), 'unmatched');
	}
	await shot(page, 'cashier-reconciled-desktop');
	// cash for the second, exactly what is owed
	await page.fill('#code', codes[1]);
	await page.click('#show-qr');
	await page.waitForSelector('#qr:not([hidden])');
	assert.equal(await page.inputValue('#amount'), String(fee));
	await page.click('#take-cash');
	const ok = page.locator('#qr-msg .notice.success');
	await ok.waitFor();
	assert.match(await ok.innerText(), /Đã thu tiền mặt/);
	const paid = await apiGet(clerk, `/dossiers/${encodeURIComponent(codes[1])}`);
	assert.equal(paid.code, codes[1]);
	state.counterPayments = 2;
});

test('officer: start and finish the dossier', async () => {
	await page.goto(`${BASE}/officer.html`);
	await signIn(page, 'canbo');
	await shot(page, 'officer-desktop');
	const row = page.locator(`#inbox tr[data-code="${state.code}"]`);
	await row.click();
	// the two PDFs filed in the browser, byte for byte
	await page.waitForSelector('#files li');
	const links = page.locator('#files a.file-link');
	assert.equal(await links.count(), 2);
	const sha = (b) => createHash('sha256').update(b).digest('hex');
	const want = new Set([sha(state.pdfs.TP1), sha(state.pdfs.TP2)]);
	for (let i = 0; i < 2; i++) {
		const [download] = await Promise.all([page.waitForEvent('download'), links.nth(i).click()]);
		const body = readFileSync(await download.path());
		assert.ok(want.delete(sha(body)), `download ${i} is one of the filed PDFs, byte for byte`);
	}
	assert.equal(want.size, 0);
	await shot(page, 'officer-files-desktop');
	await page.click('#ops button[data-op="start"]');
	await page.click('form[data-op="start"] button[type=submit]');
	await page.waitForSelector('#detail h2 .badge[data-status="4"]');
	await page.click('#ops button[data-op="finish"]');
	await page.fill('form[data-op="finish"] input[name="result.name"]', 'Giấy chứng nhận đăng ký doanh nghiệp');
	await page.setInputFiles('form[data-op="finish"] input[name="result.file"]',
		{ name: 'giay-chung-nhan.pdf', mimeType: 'application/pdf', buffer: RESULT_PDF });
	await page.click('form[data-op="finish"] button[type=submit]');
	await page.waitForSelector('#detail h2 .badge[data-status="9"]');
	await shot(page, 'officer-finished-desktop');
});

test('counter: return the result; the citizen tracks and rates', async () => {
	await page.goto(`${BASE}/counter.html`);
	await signIn(page, 'motcua');
	await page.click('#tab-return');
	const btn = page.locator(`#return-table tr[data-code="${state.code}"] button[data-op="return"]`);
	await btn.click();
	// the clerk checks the applicant's citizen ID before handing over
	await page.fill('#h-id', '001190012345');
	await page.click('#h-go');
	await page.waitForSelector('#return-msg .notice.success');
	await shot(page, 'counter-return-desktop');
	const track = await context.newPage();
	await track.goto(`${BASE}/?code=${encodeURIComponent(state.code)}&secret=${state.secret}`);
	await ready(track);
	assert.equal(await track.getAttribute('#track-status .badge', 'data-status'), '10');
	await track.waitForSelector('#rating-form');
	await shot(track, 'tracking-returned-desktop');
	// the electronic result and its signature, downloaded with the secret
	await track.waitForSelector('#track-results #track-result-0');
	const fileUrl = await track.getAttribute('#track-result-0', 'href');
	const sigUrl = await track.getAttribute('#track-result-sig-0', 'href');
	const file = Buffer.from(await (await fetch(new URL(fileUrl, BASE))).arrayBuffer());
	const p7s = Buffer.from(await (await fetch(new URL(sigUrl, BASE))).arrayBuffer());
	assert.deepEqual(file, RESULT_PDF, 'the citizen gets the file the officer gave');
	assert.ok(opensslVerifies(file, p7s), 'openssl verifies the downloaded result and its .p7s');
	const changed = Buffer.from(file);
	changed[10] ^= 1;
	assert.ok(!opensslVerifies(changed, p7s), 'openssl refuses a changed byte');
	const wrong = await fetch(new URL(fileUrl.replace(/secret=([0-9a-f]+)/, (m, x) => 'secret=' + '0'.repeat(x.length)), BASE));
	assert.equal(wrong.status, 404, 'a wrong secret downloads nothing');
	// the verification page: by the dossier code (the receipt's QR code),
	// and by the file itself without its .p7s
	const check = await context.newPage();
	await check.goto(`${BASE}/verify.html?code=${encodeURIComponent(state.code)}`);
	await ready(check);
	assert.equal(await check.getAttribute('#verdict', 'data-intact'), 'true');
	assert.equal(await check.getAttribute('#verdict', 'data-trusted'), 'true');
	await shot(check, 'verify-code-desktop');
	await check.fill('#v-code', '');
	await check.setInputFiles('#v-file', { name: 'kq.pdf', mimeType: 'application/pdf', buffer: changed });
	await check.click('#v-go');
	await check.waitForSelector('#verify-none');
	await check.setInputFiles('#v-file', { name: 'kq.pdf', mimeType: 'application/pdf', buffer: file });
	await check.setInputFiles('#v-sig', { name: 'kq.pdf.p7s', mimeType: 'application/pkcs7-signature', buffer: p7s });
	await check.click('#v-go');
	await check.waitForSelector('#verdict[data-intact="true"][data-trusted="true"]');
	await shot(check, 'verify-file-desktop');
	await check.close();
	const before = await complaints();
	await track.click('#rating-form button[data-rating="dissatisfied"]');
	await track.click('#rating-form button[type=submit]');
	await track.waitForSelector('#rating-form .notice.success');
	await shot(track, 'tracking-rated-desktop');
	assert.equal(await complaints(), before + 1, 'a dissatisfied rating counts against satisfaction');
	const again = await apiPost(null, `/public/dossiers/${encodeURIComponent(state.code)}/rating`,
		{ secret: state.secret, rating: 'satisfied' });
	assert.equal(again.status, 409, 'a dossier is rated once');
	await track.fill('#feedback-form textarea', 'Cán bộ hướng dẫn chưa rõ ràng.');
	await track.click('#feedback-form button[type=submit]');
	await track.waitForSelector('#feedback-form .notice.success');
	const officer = await apiLogin('canbo');
	const fb = await apiGet(officer, '/feedback?open=1');
	assert.ok(fb.feedback.some((f) => f.dossier_code === state.code), 'the unit sees the feedback');
	await track.close();
});

test('dashboard: the dossier is counted', async () => {
	await page.goto(`${BASE}/dashboard.html`);
	await signIn(page, 'lanhdao');
	assert.equal(await page.inputValue('#period'), `month:${currentMonth()}`);
	const resolved = page.locator(`#report-table tr[data-key="${state.unit}"] td[data-col="resolved_total"]`);
	assert.equal(Number((await resolved.innerText()).replace(/\D/g, '')), state.resolvedBefore + 1);
	await page.waitForSelector('#trend-svg');
	assert.equal(await page.locator('#trend-svg rect.col').count(), 12);
	// the CSV: the server's bytes for the report on the page, in the
	// dialect Vietnamese Excel opens (byte-order mark, ';', CRLF)
	const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
	assert.match(download.suggestedFilename(), /^mau-II\.06a-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
	const csv = readFileSync(await download.path());
	const served = await page.context().request.get(`${BASE}/api/v1/reports/settlement?period=month:${currentMonth()}` +
		`&unit=${encodeURIComponent(await page.inputValue('#unit'))}&by=unit&format=csv&figures=1`);
	assert.ok(csv.equals(await served.body()), 'the download is the API\'s CSV of the same report');
	assert.equal(csv.subarray(0, 3).toString('hex'), 'efbbbf');
	const text = csv.toString('utf8');
	assert.ok(text.endsWith('\r\n') && text.includes(`"${state.unit}";`), 'the unit\'s line, fields split by ;');
	const unitLine = text.split('\r\n').find((l) => l.startsWith(`"${state.unit}";`));
	assert.equal(Number(unitLine.split(';')[8]), state.resolvedBefore + 1, 'its resolved count, as on the page');
	// the workbook: the server's, named after the form and the period, a zip
	const [book] = await Promise.all([page.waitForEvent('download'), page.click('#xlsx')]);
	assert.match(book.suggestedFilename(), /^mau-II\.06a-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.xlsx$/);
	const bytes = readFileSync(await book.path());
	assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip');
	assert.equal(await page.textContent('#xlsx'), 'Xuất Excel');
	await page.waitForSelector('#indicators tr[data-indicator="satisfaction"]');
	assert.equal(await page.locator('#indicators tbody tr').count(), 12);
	assert.ok(await page.locator('#indicators .mark.met, #indicators .mark.missed').count() > 0, 'met/missed marks');
	const met = await page.getAttribute('#indicators tr[data-indicator="online_dossiers"]', 'data-met');
	assert.match(met, /^(true|false|null)$/);
	assert.ok(await page.locator('#index-ranking tbody tr').count() > 1, 'child units ranked by index');
	// the published figures: GET /reports/summary's, named by the form's columns
	await page.waitForSelector('#summary-figures tr[data-figure="postal_uses"]');
	const unit = encodeURIComponent(await page.inputValue('#unit'));
	const sum = await (await page.context().request.get(`${BASE}/api/v1/reports/summary?period=month:${currentMonth()}&unit=${unit}`)).json();
	const settlement = await (await page.context().request.get(`${BASE}/api/v1/forms/settlement`)).json();
	const title = (key) => settlement.columns.find((c) => c.key === key).title_vi;
	// the form's table: the columns of GET /forms/settlement shown on the form, in order, by their titles
	assert.deepEqual(await page.$$eval('#report-table thead th[data-col]', (ths) => ths.map((th) => [th.dataset.col, th.textContent])),
		settlement.columns.filter((c) => c.shown === 'form').map((c) => [c.key, c.title_vi]));
	const fig = (id) => page.innerText(`#summary-figures tr[data-figure="${id}"]`);
	// rates as Vietnamese writes them: 33,33%
	const pct = (r) => (r === null ? '–' : `${r.toFixed(2).replace('.', ',')}%`);
	assert.equal(await page.textContent('#summary-period'), sum.title);
	assert.ok((await fig('online_rate')).startsWith(title('online_rate')));
	assert.match(await fig('online_rate'), new RegExp(`\\b${pct(sum.report.total.online_rate).replace('.', '\\.')}`));
	assert.ok((await fig('postal_uses')).startsWith(title('postal_uses')));
	assert.match(await fig('postal_uses'), new RegExp(`\\s${sum.report.total.postal_uses}\\s`));
	assert.match(await fig('at_full'), new RegExp(`\\s${sum.report.figures.at_full.length}\\s`));
	for (const u of sum.report.figures.lowest) assert.ok((await fig('lowest')).includes(u.name), 'lowest units named');
	await page.click('#summary-release summary');
	assert.equal(await page.innerText('#summary-release p:first-of-type'), sum.lines[0]);
	await page.locator('#summary-card').screenshot({ path: join(SHOTS, 'dashboard-summary-desktop.png') });
	// the index's columns as the server defines them (GET /forms/index)
	const form = await (await page.context().request.get(`${BASE}/api/v1/forms/index`)).json();
	const inds = form.columns.filter((c) => c.part === 'indicator');
	assert.deepEqual(await page.$$eval('#indicators tbody tr', (trs) => trs.map((tr) => tr.dataset.indicator)), inds.map((c) => c.key));
	for (const c of inds)
		assert.ok((await page.innerText(`#indicators tr[data-indicator="${c.key}"] td`)).startsWith(c.title_vi), c.key);
	assert.deepEqual(await page.$$eval('#index-ranking th[data-group]', (ths) => ths.map((th) => th.textContent.replace(/ \(.*$/, ''))),
		form.columns.filter((c) => c.part === 'group').map((c) => c.title_vi));
	// the index as files: the server's CSV and workbook of the index on the page
	const [ixCsv] = await Promise.all([page.waitForEvent('download'), page.click('#index-csv')]);
	assert.match(ixCsv.suggestedFilename(), /^chi-so-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
	const ixServed = await page.context().request.get(BASE + await page.getAttribute('#index-csv', 'href'));
	assert.ok(readFileSync(await ixCsv.path()).equals(await ixServed.body()), 'the index download is the API\'s CSV');
	const [ixBook] = await Promise.all([page.waitForEvent('download'), page.click('#index-xlsx')]);
	assert.match(ixBook.suggestedFilename(), /^chi-so-.*\.xlsx$/);
	assert.equal(readFileSync(await ixBook.path()).subarray(0, 2).toString('latin1'), 'PK', 'the index workbook is a zip');
	// the imported dossier without an appointment date, listed by kind
	const odd = page.locator('#quality-table tr[data-code="CU-HISTORY-1"]');
	await odd.waitFor({ timeout: WAIT });
	assert.equal(await odd.getAttribute('data-kind'), 'due_missing');
	assert.match(await odd.innerText(), /Thiếu ngày hẹn trả/);
	assert.match(await odd.innerText(), /NgayHenTra: –/);
	assert.match(await page.innerText('#quality-summary'), /1 hồ sơ có bất thường: 1 Thiếu ngày hẹn trả/);
	// the month runs: figures as of now, each rate under a name saying
	// what it counts and with its definition one click away
	assert.match(await page.textContent('#period-label'), /Số liệu tính đến \(as of\) \d\d\/\d\d\/\d{4} \d\d:\d\d/);
	assert.match(await page.textContent('#index-period'), /Số liệu tính đến \(as of\) /);
	assert.equal(await page.textContent('#kpi-rate-label'), 'Tỉ lệ đúng hạn trên hồ sơ đã giải quyết');
	assert.equal(await page.textContent('#kpi-rate-due-label'), 'Tỉ lệ đúng hạn trên hồ sơ đến hạn');
	const progress = page.locator('#indicators tr[data-indicator="on_time"] td').first();
	assert.match(await progress.innerText(), /^Tiến độ giải quyết \(chỉ số 766\), trên tất cả hồ sơ đã và đang giải quyết/);
	for (const [id, formula] of [['kpi-rate-def', /÷ Đã giải quyết/], ['kpi-rate-due-def', /÷ \(Đã giải quyết \+ Đang giải quyết quá hạn\)/],
		['def-on_time', /÷ \(Đã giải quyết \+ Đang giải quyết\)/]]) {
		assert.equal(await page.isVisible(`#${id} p`), false, `${id} starts closed`);
		await page.click(`#${id} summary`);
		assert.ok(await page.isVisible(`#${id} p`), `${id} opens`);
		assert.match(await page.textContent(`#${id} p`), formula);
	}
	await page.click('#kpi-rate-def summary');
	await page.click('#def-on_time summary');
	await page.locator('#kpis').screenshot({ path: join(SHOTS, 'dashboard-rates-desktop.png') });
	// the leader's overdue figure is the officer's live list, at the same moment
	const leader = await apiLogin('lanhdao');
	const rep = await apiGet(leader, `/reports/settlement?period=month:${currentMonth()}`);
	const live = await apiGet(leader, '/dossiers?overdue=1&limit=1');
	assert.match(rep.as_of, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
	assert.ok(live.total > 0, 'the demo has overdue dossiers');
	assert.equal(rep.total.in_progress_overdue, live.total);
	await shot(page, 'dashboard-desktop');
	await page.locator('#index-card').screenshot({ path: join(SHOTS, 'dashboard-indicators-desktop.png') });
	await page.locator('#quality-card').screenshot({ path: join(SHOTS, 'dashboard-quality-desktop.png') });
});

test('dashboard: today\'s units first, 2024 as it was and restated', async () => {
	// the clerk's department (the busiest one) serves today; the merged
	// and abolished units come last, in a group for history
	const tags = await page.$$eval('#unit > *', (ns) => ns.map((n) => n.tagName));
	assert.equal(tags[0], 'OPTION');
	assert.equal(tags[tags.length - 1], 'OPTGROUP');
	assert.equal(tags.filter((x) => x === 'OPTGROUP').length, 1);
	assert.equal(await page.locator(`#unit > option[value="${state.unit}"]`).count(), 1, 'the clerk\'s unit is current');
	const history = page.locator('#unit optgroup[data-history]');
	assert.match(await history.getAttribute('label'), /Đã giải thể, sáp nhập/);
	assert.equal(await history.locator('option[value="000.00.03.H56"]').count(), 1, 'Planning and Investment, for history');
	assert.equal(await history.locator('option[value="000.00.31.H56"]').count(), 1, 'a district, for history');
	assert.equal(await page.locator('#unit > option[value="000.00.17.H56"]').count(), 1, 'the merged Finance, current');
	// the picker opened as a list, to see its groups in a screenshot
	await page.$eval('#unit', (n) => { n.size = n.options.length + 2; });
	await page.locator('#unit').screenshot({ path: join(SHOTS, 'dashboard-unit-picker-desktop.png') });
	await page.$eval('#unit', (n) => { n.size = 0; });
	await page.selectOption('#kind', 'year');
	await page.selectOption('#period', 'year:2024');
	await page.click('#controls button[type=submit]');
	const planning = page.locator('#report-table tr[data-key="000.00.03.H56"]');
	await planning.waitFor();
	assert.equal(await page.locator('#report-table tr[data-key="000.00.31.H56"]').count(), 1, 'the district as it was');
	const received = async (key) => {
		const cell = page.locator(`#report-table tr[data-key="${key}"] td:nth-child(2)`);
		return await cell.count() ? Number((await cell.innerText()).replace(/\D/g, '')) : 0;
	};
	const total = async () => Number((await page.locator('#report-table tr.total td:nth-child(2)').innerText()).replace(/\D/g, ''));
	// (a 2024 dossier moved at the merger already counts at the new unit)
	const was = { planning: await received('000.00.03.H56'), finance: await received('000.00.04.H56'),
		merged: await received('000.00.17.H56'), total: await total() };
	assert.ok(was.planning > 0);
	await page.locator('#report-table').screenshot({ path: join(SHOTS, 'dashboard-2024-as-it-was-desktop.png') });
	await page.check('#restated');
	await page.click('#controls button[type=submit]');
	await planning.waitFor({ state: 'detached' });
	const finance = page.locator('#report-table tr[data-key="000.00.17.H56"]');
	await finance.waitFor();
	assert.equal(await received('000.00.17.H56'), was.planning + was.finance + was.merged, 'Planning and Investment counts under Finance');
	assert.equal(await page.locator('#report-table tr[data-key="000.00.31.H56"]').count(), 0, 'no district today');
	assert.equal(await total(), was.total, 'the same total');
	await page.locator('#report-table').screenshot({ path: join(SHOTS, 'dashboard-2024-restated-desktop.png') });
	await page.uncheck('#restated');
});

test('stats: public results without signing in', async () => {
	const anon = await browser.newContext({ viewport: DESKTOP });
	const p = await anon.newPage();
	await p.goto(`${BASE}/stats.html`);
	await ready(p);
	assert.ok(await p.locator('#report-table tbody tr').count() > 2);
	await p.waitForSelector('#live');
	await p.selectOption('#by', 'level');
	await p.waitForSelector('#report-table tr[data-key="3"]');
	await shot(p, 'stats-desktop');
	// an administrator publishes the month: the page then shows the frozen figures
	const period = await p.inputValue('#period');
	const admin = await apiLogin('admin');
	const pub = await apiPost(admin, '/publications', { period });
	assert.equal(pub.status, 201, JSON.stringify(pub.body));
	await p.goto(`${BASE}/stats.html?period=${period}`);
	await ready(p);
	await p.waitForSelector('#published');
	assert.equal(await p.textContent('#published code.checksum'), pub.body.checksum);
	assert.ok(await p.locator('#report-table tbody tr').count() > 2);
	await shot(p, 'stats-published-desktop');
	await anon.close();
});

test('phone screenshots of every page', async () => {
	const pages = [['portal', '/', null], ['tracking', `/?code=${state.code}&secret=${state.secret}`, null],
		['stats', '/stats.html', null], ['verify', '/verify.html', null], ['counter', '/counter.html', 'motcua'],
		['officer', '/officer.html', 'canbo'], ['dashboard', '/dashboard.html', 'lanhdao']];
	for (const [name, path, user] of pages) {
		const c = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
		c.setDefaultTimeout(WAIT);
		if (user) {
			const r = await c.request.post(`${BASE}/api/v1/auth/login`, { data: { username: user, password: 'demo' } });
			assert.equal(r.status(), 200);
		}
		const p = await c.newPage();
		await p.goto(BASE + path);
		await ready(p);
		const wide = await p.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(wide <= PHONE.width + 1, `${name}: no sideways scrolling on a phone (${wide}px)`);
		await shot(p, `${name}-phone`);
		await c.close();
	}
});
