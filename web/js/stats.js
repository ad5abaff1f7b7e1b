// stats.js - the public statistics page (stats.html, no sign-in): each
// month's published results of the province by unit or by level, from
// GET /api/v1/public/statistics (aggregate numbers only).
import { addWords, api, chrome, el, errText, notice, onLangChange, qs, translate } from './common.js';
import { WORDS, kpis, periodChoices, periodLabel, ranking, reportTable } from './report_view.js';

addWords(WORDS);
addWords({
	vi: {
		'stats.title': 'Công khai kết quả giải quyết thủ tục hành chính',
		'stats.help': 'Số liệu tổng hợp hằng tháng của toàn tỉnh theo kỳ báo cáo (từ ngày 15 tháng trước đến ngày 14).',
		'stats.by': 'Tổng hợp theo', 'stats.by_unit': 'Cơ quan, địa phương', 'stats.by_level': 'Cấp hành chính',
		'stats.show': 'Xem', 'stats.table': 'Kết quả giải quyết hồ sơ',
	},
	en: {
		'stats.title': 'Published results of administrative procedure settlement',
		'stats.help': 'Province-wide monthly figures per reporting month (the 15th of the previous month to the 14th).',
		'stats.by': 'Rows by', 'stats.by_unit': 'Agency or locality', 'stats.by_level': 'Administrative level',
		'stats.show': 'Show', 'stats.table': 'Dossiers settled',
	},
});

const $ = (id) => document.getElementById(id);
let last = null;

function show() {
	if (!last) return;
	$('kpis').replaceChildren(kpis(last));
	$('period-label').textContent = periodLabel(last);
	$('table').replaceChildren(reportTable(last));
	$('rank').replaceChildren(ranking(last));
}

async function load(ev) {
	if (ev) ev.preventDefault();
	$('stats-msg').replaceChildren();
	try {
		last = await api('GET', '/public/statistics' + qs({ period: $('period').value, by: $('by').value }));
		show();
	} catch (e) {
		notice($('stats-msg'), 'error', errText(e));
	}
}

async function main() {
	chrome('stats.html');
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
