// dashboard.js - the leader dashboard (dashboard.html): form II.06a for
// any period and unit in scope, by unit, level, field or procedure, as it
// was or restated; key figures; child units ranked by on-time rate; the
// twelve-month trend; CSV export of the table; the service index of the
// unit (indicators against targets) and its child units ranked by score.
import { addWords, api, chrome, el, errText, notice, onLangChange, qs, requireRole, todayVN, translate, unitOptions } from './common.js';
import {
	WORDS, currentMonth, download, kpis, monthsBack, periodChoices, periodLabel, ranking, reportCsv, reportTable,
	trendChart,
} from './report_view.js';
import { INDEX_WORDS, indexPeriodLabel, indexRanking, indicatorTable } from './index_view.js';

addWords(WORDS);
addWords(INDEX_WORDS);
addWords({
	vi: {
		'dash.title': 'Bảng điều hành', 'dash.kind': 'Loại kỳ', 'dash.by': 'Tổng hợp theo',
		'by.unit': 'Đơn vị', 'by.level': 'Cấp hành chính', 'by.field': 'Lĩnh vực', 'by.procedure': 'Thủ tục',
		'dash.restated': 'Quy đổi theo đơn vị hiện nay', 'dash.show': 'Xem báo cáo', 'dash.csv': 'Xuất CSV',
		'dash.form': 'Tình hình giải quyết TTHC (mẫu II.06a)',
	},
	en: {
		'dash.title': 'Dashboard', 'dash.kind': 'Period type', 'dash.by': 'Rows by',
		'by.unit': 'Unit', 'by.level': 'Level', 'by.field': 'Field', 'by.procedure': 'Procedure',
		'dash.restated': 'Restated onto today\'s units', 'dash.show': 'Show', 'dash.csv': 'Export CSV',
		'dash.form': 'Settlement of administrative procedures (form II.06a)',
	},
});

const $ = (id) => document.getElementById(id);
let last = null;
let lastIndex = null;

function fillPeriods() {
	const cur = $('period').value;
	$('period').replaceChildren(...periodChoices($('kind').value).map(([v, l]) => el('option', { value: v, selected: v === cur }, l)));
}

function query(extra = {}) {
	return qs({ period: $('period').value, unit: $('unit').value, by: $('by').value,
		restated: $('restated').checked ? 1 : '', ...extra });
}

async function loadTrend() {
	const p = $('period').value;
	const end = p.startsWith('month:') ? p.slice(6) : currentMonth();
	const months = monthsBack(end, 12);
	const reps = await Promise.all(months.map((m) => api('GET', '/reports/settlement' +
		qs({ period: `month:${m}`, unit: $('unit').value, restated: $('restated').checked ? 1 : '' }))));
	const points = reps.map((r, i) => ({ month: months[i], received: r.total.received_total, rate: r.total.on_time_rate }));
	$('trend').replaceChildren(trendChart(points));
}

// The index is scored on calendar periods (the national portal's). A
// statutory month (15th to 14th) maps to the calendar month holding its
// last day, or today while it runs, so the running month shows today's
// work; other periods keep their name.
function indexPeriod() {
	const p = $('period').value;
	if (!p.startsWith('month:') || !last || !last.to) return p;
	const end = last.to < todayVN() ? last.to : todayVN();
	return 'month:' + end.slice(0, 7);
}

async function loadIndex() {
	$('index-msg').replaceChildren();
	try {
		lastIndex = await api('GET', '/index' + qs({ period: indexPeriod(), unit: $('unit').value, min: 30 }));
	} catch (e) {
		lastIndex = null;
		notice($('index-msg'), 'error', errText(e));
	}
	showIndex();
}

function showIndex() {
	if (!lastIndex) return;
	$('index-period').textContent = indexPeriodLabel(lastIndex);
	$('indicators-host').replaceChildren(indicatorTable(lastIndex.total));
	$('index-rank').replaceChildren(indexRanking(lastIndex));
}

function show() {
	showIndex();
	if (!last) return;
	$('kpis').replaceChildren(kpis(last));
	$('period-label').textContent = periodLabel(last);
	$('table').replaceChildren(reportTable(last));
	$('rank').replaceChildren(ranking(last));
}

async function load(ev) {
	if (ev) ev.preventDefault();
	$('dash-msg').replaceChildren();
	try {
		last = await api('GET', '/reports/settlement' + query());
		show();
		await Promise.all([loadIndex(), loadTrend()]);
	} catch (e) {
		notice($('dash-msg'), 'error', errText(e));
	}
}

function scopeUnits(all, root) {
	const byCode = new Map(all.map((u) => [u.code, u]));
	const inScope = (u) => { for (let c = u.code; c; c = byCode.get(c) && byCode.get(c).parent) if (c === root) return true; return false; };
	return all.filter(inScope).sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
}

async function main() {
	chrome('dashboard.html');
	const me = await requireRole($('main'), ['leader', 'admin'], 'lanhdao / demo');
	$('desk').hidden = false;
	translate();
	const u = await api('GET', '/units');
	const inScope = scopeUnits(u.units, me.unit);
	const fillUnits = () => $('unit').replaceChildren(...unitOptions(inScope, $('unit').value || me.unit));
	fillUnits();
	$('kind').addEventListener('change', () => { fillPeriods(); load(); });
	$('controls').addEventListener('submit', load);
	$('csv').addEventListener('click', () => last && download(`II06a-${last.unit}-${last.from}-${last.to}.csv`, reportCsv(last), 'text/csv'));
	onLangChange(() => { fillPeriods(); fillUnits(); show(); loadTrend(); });
	fillPeriods();
	await load();
	document.body.dataset.ready = '1';
}

main();
