// stats.js - the public statistics page (stats.html, no sign-in): each
// month's results of the province by unit or by level. A month that was
// published (GET /api/v1/publications/{period}, checksum verified by the
// server) shows its frozen report, marked "đã công bố" with the
// checksum; any other month, or rows by level, the live numbers of
// GET /api/v1/public/statistics (aggregate numbers only).
import { addWords, api, chrome, el, errText, notice, onLangChange, qs, t, translate } from './common.js';
import { WORDS, kpis, loadSettlementColumns, periodChoices, periodLabel, ranking, reportTable } from './report_view.js';

addWords(WORDS);
addWords({
	vi: {
		'stats.title': 'Công khai kết quả giải quyết thủ tục hành chính',
		'stats.help': 'Số liệu tổng hợp hằng tháng của toàn tỉnh theo kỳ báo cáo (từ ngày 15 tháng trước đến ngày 14).',
		'stats.by': 'Tổng hợp theo', 'stats.by_unit': 'Cơ quan, địa phương', 'stats.by_level': 'Cấp hành chính',
		'stats.show': 'Xem', 'stats.table': 'Kết quả giải quyết hồ sơ',
		'stats.published': 'Số liệu đã công bố ngày {d}. Mã kiểm tra (BLAKE2b-256): ',
		'stats.live': 'Số liệu trực tiếp, chưa công bố chính thức; có thể thay đổi.',
	},
	en: {
		'stats.title': 'Published results of administrative procedure settlement',
		'stats.help': 'Province-wide monthly figures per reporting month (the 15th of the previous month to the 14th).',
		'stats.by': 'Rows by', 'stats.by_unit': 'Agency or locality', 'stats.by_level': 'Administrative level',
		'stats.show': 'Show', 'stats.table': 'Dossiers settled',
		'stats.published': 'Published figures (đã công bố) of {d}. Checksum (BLAKE2b-256): ',
		'stats.live': 'Live figures, not yet published; they may still change.',
	},
});

const $ = (id) => document.getElementById(id);
let last = null;
let published = null; // {published_at, checksum} of the shown month, or null

function source() {
	if (!published) return el('p', { id: 'live', class: 'notice live small' }, t('stats.live'));
	return el('p', { id: 'published', class: 'notice published small' },
		t('stats.published').replace('{d}', published.published_at.slice(0, 10)),
		el('code', { class: 'checksum' }, published.checksum));
}

// The published report of a month, or null when it was not published.
async function publishedReport(period) {
	try {
		const s = await api('GET', `/publications/${period}`); // month:YYYY-MM: safe in a path
		published = { published_at: s.published_at, checksum: s.checksum };
		return { ...s.content.report, by: 'unit' };
	} catch (e) {
		if (e.status !== 404) throw e;
		return null;
	}
}

function show() {
	if (!last) return;
	$('source').replaceChildren(source());
	$('kpis').replaceChildren(kpis(last));
	$('period-label').textContent = periodLabel(last);
	$('table').replaceChildren(reportTable(last));
	$('rank').replaceChildren(ranking(last));
}

async function load(ev) {
	if (ev) ev.preventDefault();
	$('stats-msg').replaceChildren();
	try {
		published = null;
		const period = $('period').value;
		last = $('by').value === 'unit' ? await publishedReport(period) : null;
		if (!last) last = await api('GET', '/public/statistics' + qs({ period, by: $('by').value }));
		show();
	} catch (e) {
		notice($('stats-msg'), 'error', errText(e));
	}
}

async function main() {
	chrome('stats.html');
	await loadSettlementColumns();
	translate();
	// the running month has not been published yet: start at the last one that ended
	const months = periodChoices('month').slice(1, 13);
	$('period').replaceChildren(...months.map(([v, l]) => el('option', { value: v }, l)));
	const p = new URLSearchParams(location.search).get('period');
	if (p) $('period').value = p;
	$('controls').addEventListener('submit', load);
	$('by').addEventListener('change', load);
	onLangChange(show);
	await load();
	document.body.dataset.ready = '1';
}

main();
