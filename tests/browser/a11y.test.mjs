// a11y.test.mjs - axe-core (from npm, browser-test tooling only) on every
// page, signed in where the page needs it, on a desktop and a phone: no
// violation of impact "serious" or "critical". The pages' strict CSP
// refuses injected scripts, so these contexts bypass it. Started by
// run.sh after polish.test.mjs, on the same server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { BASE, fileOnline, launch, ready, apiLogin, VIEWPORTS, WAIT } from './lib.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser;
const state = {};

before(async () => {
	browser = await launch();
	state.unit = (await apiLogin('motcua')).user.unit;
	state.filed = await fileOnline(state.unit, 'Mai Thị Tiếp Cận', '001190080001');
});

after(async () => {
	if (browser) await browser.close();
});

// The serious and critical violations on the page as it is now.
async function violations(p) {
	await p.addScriptTag({ path: AXE });
	const r = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const PAGES = [
	['portal', '/', null, null],
	['tracking', () => `/?code=${state.filed.code}&secret=${state.filed.secret}`, null, '#track-code'],
	['stats', '/stats.html', null, null],
	['not-found', '/khong-co-trang-nay', null, '#not-found'],
	['counter-queue', '/counter.html', 'motcua', '#queue tbody tr'],
	['counter-walkin', '/counter.html', 'motcua', '#tab-walkin'],
	['counter-return', '/counter.html', 'motcua', '#tab-return'],
	['officer', '/officer.html', 'canbo', '#inbox tbody tr'],
	['dashboard', '/dashboard.html', 'lanhdao', '#kpi-rate'],
	['sign-in', '/officer.html', null, '#login-form'],
];

for (const [vname, viewport] of VIEWPORTS) {
	test(`axe (${vname}): no serious or critical violation on any page`, async () => {
		const found = [];
		for (const [name, path, user, wait] of PAGES) {
			const c = await browser.newContext({ viewport, bypassCSP: true, locale: 'vi-VN' });
			c.setDefaultTimeout(WAIT);
			if (user) {
				const r = await c.request.post(`${BASE}/api/v1/auth/login`, { data: { username: user, password: 'demo' } });
				assert.equal(r.status(), 200);
			}
			const p = await c.newPage();
			await p.goto(BASE + (typeof path === 'function' ? path() : path));
			if (name === 'sign-in') await p.waitForSelector('#login-form');
			else await ready(p);
			if (wait && wait.startsWith('#tab-')) {
				await p.click(wait);
				await p.waitForTimeout(300);
			} else if (wait) {
				await p.waitForSelector(wait);
			}
			for (const v of await violations(p)) found.push(`${name}: ${v}`);
			await c.close();
		}
		assert.deepEqual(found, []);
	});
}
