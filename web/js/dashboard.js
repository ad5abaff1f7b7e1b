// dashboard.js - the leader dashboard (dashboard.html): form II.06a for
// any period and unit in scope, by unit, level, field or procedure, as it
// was or restated; key figures; child units ranked by on-time rate; the
// twelve-month trend; the service index of the unit (indicators against
// targets) and its child units ranked by score; the report's and the
// index's CSV and xlsx, the server's files of the same query;
// the figures the province publishes for the period (GET /reports/summary);
// the dossiers of the period and unit stored with anomalies (data quality
// of an imported history), as GET /quality lists them.
import {
	addWords, api, chrome, el, errText, fmtNum, getLang, notice, onLangChange, qs, requireRole, t, todayVN, translate,
	unitOptions,
} from './common.js';
import {
	WORDS, currentMonth, kpis, loadSettlementColumns, monthsBack, periodChoices, periodLabel, ranking, reportTable,
	trendChart,
} from './report_view.js';
import { INDEX_WORDS, indexPeriodLabel, indexRanking, indicatorTable, loadIndexColumns } from './index_view.js';
import { SUMMARY_WORDS, summaryView } from './summary_view.js';

addWords(WORDS);
addWords(INDEX_WORDS);
addWords(SUMMARY_WORDS);
addWords({
	vi: {
		'dash.title': 'Bảng điều hành', 'dash.kind': 'Loại kỳ', 'dash.by': 'Tổng hợp theo',
		'by.unit': 'Đơn vị', 'by.level': 'Cấp hành chính', 'by.field': 'Lĩnh vực', 'by.procedure': 'Thủ tục',
		'dash.restated': 'Quy đổi theo đơn vị hiện nay', 'dash.show': 'Xem báo cáo', 'dash.csv': 'Xuất CSV', 'dash.xlsx': 'Xuất Excel',
		'dash.form': 'Tình hình giải quyết TTHC (mẫu II.06a)',
		'q.title': 'Chất lượng dữ liệu: hồ sơ có bất thường',
		'q.note': 'Hồ sơ nhập từ hệ thống cũ có thời gian bất thường nhưng vẫn dùng được, lưu nguyên như nhận được.',
		'q.none': 'Không có hồ sơ nào có bất thường trong kỳ này.',
		'q.summary': 'hồ sơ có bất thường', 'q.code': 'Mã hồ sơ', 'q.unit': 'Đơn vị', 'q.kind': 'Loại bất thường',
		'q.fields': 'Trường liên quan', 'q.more': 'dòng nữa: xem tệp CSV', 'q.csv': 'Xuất CSV',
		'pay.title': 'Thanh toán phí, lệ phí và nghĩa vụ tài chính',
		'pay.note': 'Trực tuyến: Cổng thanh toán quốc gia, cổng của tỉnh; tại quầy: chuyển khoản VietQR, tiền mặt.',
		'pay.name': 'Đơn vị', 'pay.count': 'Số lượt', 'pay.amount': 'Số tiền', 'pay.online': 'Trực tuyến',
		'pay.counter': 'Tại quầy', 'pay.fees': 'Phí, lệ phí', 'pay.obligations': 'Nghĩa vụ tài chính',
		'pay.share': 'Tỷ lệ trực tuyến', 'pay.cashless': 'Không dùng tiền mặt', 'pay.total': 'Tổng cộng',
	},
	en: {
		'dash.title': 'Dashboard', 'dash.kind': 'Period type', 'dash.by': 'Rows by',
		'by.unit': 'Unit', 'by.level': 'Level', 'by.field': 'Field', 'by.procedure': 'Procedure',
		'dash.restated': 'Restated onto today\'s units', 'dash.show': 'Show', 'dash.csv': 'Export CSV', 'dash.xlsx': 'Export xlsx',
		'dash.form': 'Settlement of administrative procedures (form II.06a)',
		'q.title': 'Data quality: dossiers with anomalies',
		'q.note': 'Dossiers imported from the old system whose times are odd but usable, stored as given.',
		'q.none': 'No dossier of this period has an anomaly.',
		'q.summary': 'dossiers with anomalies', 'q.code': 'Dossier code', 'q.unit': 'Unit', 'q.kind': 'Anomaly',
		'q.fields': 'Fields involved', 'q.more': 'more rows: see the CSV file', 'q.csv': 'Export CSV',
		'pay.title': 'Payments of fees and financial obligations',
		'pay.note': 'Online: the national payment platform, the province\'s gateway; at the counter: VietQR transfer, cash.',
		'pay.name': 'Unit', 'pay.count': 'Payments', 'pay.amount': 'Amount', 'pay.online': 'Online',
		'pay.counter': 'At the counter', 'pay.fees': 'Fees', 'pay.obligations': 'Financial obligations',
		'pay.share': 'Paid online', 'pay.cashless': 'Without cash', 'pay.total': 'Total',
	},
});

const $ = (id) => document.getElementById(id);
let last = null;
let lastIndex = null;
let lastQuality = null;
let lastSummary = null;
const QUALITY_ROWS = 200;

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
	const q = { period: indexPeriod(), unit: $('unit').value, min: 30 };
	$('index-csv').href = '/api/v1/index' + qs({ ...q, format: 'csv' });
	$('index-xlsx').href = '/api/v1/index' + qs({ ...q, format: 'xlsx' });
	try {
		lastIndex = await api('GET', '/index' + qs(q));
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

// The period's published figures (GET /reports/summary, the JSON of
// motcua summary) for the unit: by unit, its children.
async function loadSummary() {
	$('summary-msg').replaceChildren();
	try {
		lastSummary = await api('GET', '/reports/summary' + qs({ period: $('period').value, unit: $('unit').value }));
	} catch (e) {
		lastSummary = null;
		notice($('summary-msg'), 'error', errText(e));
	}
	showSummary();
}

function showSummary() {
	if (!lastSummary) return;
	$('summary-period').textContent = lastSummary.title;
	$('summary').replaceChildren(summaryView(lastSummary));
}

function qualityQuery(extra = {}) {
	return qs({ period: $('period').value, unit: $('unit').value, ...extra });
}

async function loadQuality() {
	$('quality-msg').replaceChildren();
	$('quality-csv').href = '/api/v1/quality' + qualityQuery({ format: 'csv' });
	try {
		lastQuality = await api('GET', '/quality' + qualityQuery());
	} catch (e) {
		lastQuality = null;
		notice($('quality-msg'), 'error', errText(e));
	}
	showQuality();
}

function fieldsText(fields) {
	return Object.entries(fields).map(([k, v]) => `${k}: ${v ?? '–'}`).join('; ');
}

function showQuality() {
	const q = lastQuality;
	if (!q) return;
	const kinds = Object.entries(q.by_kind).filter(([, n]) => n > 0);
	const label = (it) => (getLang() === 'en' ? it.label : it.nhan);
	const names = new Map(q.items.map((it) => [it.kind, label(it)]));
	$('quality-summary').textContent = q.dossiers === 0 ? t('q.none')
		: `${fmtNum(q.dossiers)} ${t('q.summary')}: ` + kinds.map(([k, n]) => `${fmtNum(n)} ${names.get(k) || k}`).join(', ');
	const rows = q.items.slice(0, QUALITY_ROWS);
	const table = el('table', { id: 'quality-table' },
		el('thead', {}, el('tr', {}, el('th', {}, t('q.code')), el('th', {}, t('q.unit')),
			el('th', {}, t('q.kind')), el('th', {}, t('q.fields')))),
		el('tbody', {}, rows.map((it) => el('tr', { 'data-code': it.code, 'data-kind': it.kind },
			el('td', {}, it.code), el('td', {}, it.unit_name || it.unit), el('td', {}, label(it)),
			el('td', { class: 'small' }, fieldsText(it.fields))))));
	const more = q.items.length - rows.length;
	$('quality').replaceChildren(...(q.items.length ? [el('div', { class: 'table-wrap' }, table)] : []),
		...(more > 0 ? [el('p', { class: 'muted small' }, `${fmtNum(more)} ${t('q.more')}`)] : []));
}

let lastPay = null;

function payQuery(extra = {}) {
	const by = ['unit', 'level'].includes($('by').value) ? $('by').value : 'unit';
	return qs({ period: $('period').value, unit: $('unit').value, by, ...extra });
}

function payTable(p) {
	const share = (v) => (v === null ? '–' : `${String(v).replace('.', ',')}%`);
	const cells = (name, r, total) => el('tr', total ? { class: 'total' } : {},
		el('td', {}, name), el('td', { class: 'num' }, fmtNum(r.count)), el('td', { class: 'num' }, fmtNum(r.amount)),
		el('td', { class: 'num' }, `${fmtNum(r.online_count)} / ${fmtNum(r.online_amount)}`),
		el('td', { class: 'num' }, `${fmtNum(r.counter_count)} / ${fmtNum(r.counter_amount)}`),
		el('td', { class: 'num' }, fmtNum(r.fee_amount)), el('td', { class: 'num' }, fmtNum(r.obligation_amount)),
		el('td', { class: 'num' }, share(r.online_share)), el('td', { class: 'num' }, share(r.cashless_share)));
	return el('div', { class: 'table-wrap' }, el('table', { id: 'pay-report' },
		el('thead', {}, el('tr', {}, ['pay.name', 'pay.count', 'pay.amount', 'pay.online', 'pay.counter', 'pay.fees',
			'pay.obligations', 'pay.share', 'pay.cashless'].map((k) => el('th', {}, t(k))))),
		el('tbody', {}, p.lines.filter((l) => l.row.count > 0).map((l) => cells(l.name, l.row, false)),
			cells(t('pay.total'), p.total, true))));
}

async function loadPayments() {
	$('pay-msg').replaceChildren();
	try {
		lastPay = await api('GET', '/reports/payments' + payQuery());
		$('pay-csv').href = '/api/v1/reports/payments' + payQuery({ format: 'csv' });
		$('pay-table').replaceChildren(payTable(lastPay));
	} catch (e) {
		notice($('pay-msg'), 'error', errText(e));
	}
}

function show() {
	if (lastPay) $('pay-table').replaceChildren(payTable(lastPay));
	showIndex();
	showSummary();
	showQuality();
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
		// the files of the same query, written by the server
		$('csv').href = '/api/v1/reports/settlement' + query({ format: 'csv', figures: 1 });
		$('xlsx').href = '/api/v1/reports/settlement' + query({ format: 'xlsx' });
		show();
		await Promise.all([loadIndex(), loadTrend(), loadQuality(), loadSummary(), loadPayments()]);
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
	await Promise.all([loadIndexColumns(), loadSettlementColumns()]);
	translate();
	const u = await api('GET', '/units');
	const inScope = scopeUnits(u.units, me.unit);
	const fillUnits = () => $('unit').replaceChildren(...unitOptions(inScope, $('unit').value || me.unit));
	fillUnits();
	$('kind').addEventListener('change', () => { fillPeriods(); load(); });
	$('controls').addEventListener('submit', load);
	onLangChange(() => { fillPeriods(); fillUnits(); show(); loadTrend(); });
	fillPeriods();
	await load();
	document.body.dataset.ready = '1';
}

main();
