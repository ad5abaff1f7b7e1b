// report_view.js - form II.06a on a page, shared by the dashboard and
// the public statistics: the period choices, the table, the ranking by
// on-time rate and the twelve-month trend chart (inline SVG). Files (CSV,
// xlsx) are the server's: format=csv|xlsx of the same query.
import { addWords, api, el, fmtNum, fmtRate, getLang, svg, t, todayVN } from './common.js';

export const WORDS = {
	vi: {
		'p.month': 'Tháng', 'p.quarter': 'Quý', 'p.half': '6 tháng', 'p.year': 'Năm',
		'c.name': 'Đơn vị', 'total': 'Tổng cộng',
		'k.received': 'Hồ sơ tiếp nhận', 'k.resolved': 'Đã giải quyết', 'k.online': 'Tỷ lệ nộp trực tuyến',
		'k.rate': 'Tỉ lệ đúng hạn trên hồ sơ đã giải quyết',
		'k.rate.def': '(Trước hạn + Đúng hạn) ÷ Đã giải quyết trong kỳ. Mẫu II.06a; hồ sơ còn đang giải quyết không tính.',
		'k.rate_due': 'Tỉ lệ đúng hạn trên hồ sơ đến hạn',
		'k.rate_due.def': '(Trước hạn + Đúng hạn) ÷ (Đã giải quyết + Đang giải quyết quá hạn): hồ sơ quá hạn chưa giải quyết cũng tính là đến hạn.',
		'def': 'Cách tính', 'asof': 'Số liệu tính đến (as of) {t} — kỳ chưa kết thúc',
		'rank.title': 'Xếp hạng đơn vị theo tỉ lệ đúng hạn trên hồ sơ đã giải quyết', 'trend.title': 'Diễn biến 12 tháng',
		'trend.received': 'Hồ sơ tiếp nhận', 'trend.rate': 'Tỉ lệ đúng hạn trên đã giải quyết (%)',
		'period': 'Kỳ báo cáo', 'from_to': 'Từ {a} đến {b}', 'lv.1': 'Cấp tỉnh', 'lv.2': 'Cấp huyện', 'lv.3': 'Cấp xã',
	},
	en: {
		'p.month': 'Month', 'p.quarter': 'Quarter', 'p.half': 'Half-year', 'p.year': 'Year',
		'c.name': 'Unit', 'total': 'Total',
		'k.received': 'Dossiers received', 'k.resolved': 'Resolved', 'k.online': 'Filed online',
		'k.rate': 'On-time rate of resolved dossiers',
		'k.rate.def': '(early + on time) ÷ resolved in the period. Form II.06a; dossiers still open are not counted.',
		'k.rate_due': 'On-time rate of due dossiers (resolved + open overdue)',
		'k.rate_due.def': '(early + on time) ÷ (resolved + still open and overdue): an overdue open dossier counts as due too.',
		'def': 'How it is counted', 'asof': 'As of {t}: the period has not ended',
		'rank.title': 'Units ranked by on-time rate of resolved dossiers', 'trend.title': 'Last 12 months',
		'trend.received': 'Dossiers received', 'trend.rate': 'On-time rate of resolved (%)',
		'period': 'Period', 'from_to': 'From {a} to {b}', 'lv.1': 'Province level', 'lv.2': 'District level', 'lv.3': 'Commune level',
	},
};

// The form's columns are defined once, in C (core/report_columns.c), and
// served at GET /api/v1/forms/settlement: their titles join the
// dictionary as 'col.settlement.KEY'; the table shows the form's own
// columns (shown "form") in their order.
let columns = [];
export const colTitle = (key) => t(`col.settlement.${key}`);

export async function loadSettlementColumns() {
	const form = await api('GET', '/forms/settlement');
	const words = { vi: {}, en: {} };
	for (const c of form.columns) {
		words.vi[`col.settlement.${c.key}`] = c.title_vi;
		words.en[`col.settlement.${c.key}`] = c.title_en;
	}
	addWords(words);
	columns = form.columns;
}

// The statutory month (cut-off day 15) that holds today: "YYYY-MM".
export function currentMonth() {
	const [y, m, d] = todayVN().split('-').map(Number);
	const next = d >= 15 ? m + 1 : m;
	return next > 12 ? `${y + 1}-01` : `${y}-${String(next).padStart(2, '0')}`;
}

// `n` months ending at "YYYY-MM", oldest first.
export function monthsBack(end, n) {
	let [y, m] = end.split('-').map(Number);
	const out = [];
	for (let i = 0; i < n; i++) {
		out.unshift(`${y}-${String(m).padStart(2, '0')}`);
		if (--m === 0) { m = 12; y--; }
	}
	return out;
}

// Period choices of a kind: [value, label], newest first.
export function periodChoices(kind) {
	const cur = currentMonth();
	const y = Number(cur.slice(0, 4)), m = Number(cur.slice(5));
	if (kind === 'month') return monthsBack(cur, 24).reverse().map((x) => [`month:${x}`, `${x.slice(5)}/${x.slice(0, 4)}`]);
	if (kind === 'quarter') {
		const out = [];
		for (let q = Math.ceil(m / 3), yy = y, i = 0; i < 8; i++) {
			out.push([`quarter:${yy}Q${q}`, `Q${q}/${yy}`]);
			if (--q === 0) { q = 4; yy--; }
		}
		return out;
	}
	if (kind === 'half') return [[y, 2], [y, 1], [y - 1, 2], [y - 1, 1]].map(([yy, h]) => [`half:${yy}H${h}`, `H${h}/${yy}`]);
	return [y, y - 1, y - 2].map((yy) => [`year:${yy}`, String(yy)]);
}

function rowName(r, by) {
	return by === 'level' ? t('lv.' + r.key) : r.name;
}

export function reportTable(rep) {
	const cols = columns.filter((c) => c.shown === 'form');
	const value = (c, r) => (c.type === 'rate' ? fmtRate(r[c.key]) : fmtNum(r[c.key]));
	const head = el('tr', {}, el('th', {}, t('c.name')), cols.map((c) => el('th', { class: 'num', dataset: { col: c.key } }, colTitle(c.key))));
	const line = (r, name, cls) => el('tr', { class: cls, dataset: { key: r.key } }, el('td', {}, name),
		cols.map((c) => el('td', { class: 'num', dataset: { col: c.key } }, value(c, r))));
	return el('div', { class: 'table-wrap' }, el('table', { id: 'report-table' },
		el('thead', {}, head),
		el('tbody', {}, rep.rows.map((r) => line(r, rowName(r, rep.by))), line(rep.total, t('total'), 'total'))));
}

// A figure's definition one click away: "How it is counted" opens it.
export function definition(key, id) {
	return el('details', { class: 'def', id }, el('summary', {}, t('def')), el('p', {}, t(key)));
}

export function kpis(rep) {
	const r = rep.total;
	const k = (label, v, id, def) => el('div', { class: 'kpi' }, el('div', { class: 'v', id }, v),
		el('div', { class: 'l', id: id + '-label' }, t(label)), def ? definition(label + '.def', id + '-def') : null);
	return el('div', { class: 'kpis' },
		k('k.received', fmtNum(r.received_total), 'kpi-received'), k('k.resolved', fmtNum(r.resolved_total), 'kpi-resolved'),
		k('k.rate', fmtRate(r.on_time_rate), 'kpi-rate', true),
		k('k.rate_due', fmtRate(r.on_time_rate_of_due), 'kpi-rate-due', true),
		k('k.online', fmtRate(r.online_rate), 'kpi-online'));
}

export function ranking(rep) {
	const rows = rep.rows.filter((r) => r.resolved_total > 0)
		.sort((a, b) => b.on_time_rate - a.on_time_rate || b.resolved_total - a.resolved_total);
	return el('div', { class: 'table-wrap' }, el('table', { id: 'ranking' },
		el('thead', {}, el('tr', {}, el('th', { class: 'num' }, '#'), el('th', {}, t('c.name')),
			el('th', { class: 'num' }, colTitle('resolved_total')), el('th', {}, colTitle('on_time_rate')))),
		el('tbody', {}, rows.map((r, i) => el('tr', {}, el('td', { class: 'num' }, i + 1), el('td', {}, rowName(r, rep.by)),
			el('td', { class: 'num' }, fmtNum(r.resolved_total)),
			el('td', {}, el('div', { class: 'bar-cell' },
				el('progress', { max: 100, value: r.on_time_rate, class: r.on_time_rate < 95 ? 'low' : '' }),
				fmtRate(r.on_time_rate))))))));
}

// Bars of dossiers received and a line of the on-time rate per month.
// points: [{month: "YYYY-MM", received, rate}]
export function trendChart(points) {
	const W = 720, H = 260, L = 48, R = 44, T = 16, B = 36;
	const cw = (W - L - R) / points.length;
	const maxN = Math.max(1, ...points.map((p) => p.received));
	const top = Math.ceil(maxN / 10) * 10 || 10;
	const y = (v) => T + (H - T - B) * (1 - v / top);
	const yr = (v) => T + (H - T - B) * (1 - v / 100);
	const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('trend.title'), id: 'trend-svg' });
	for (let i = 0; i <= 4; i++) {
		const v = top * i / 4, yy = y(v);
		g.append(svg('line', { class: 'gridline', x1: L, x2: W - R, y1: yy, y2: yy }),
			svg('text', { x: L - 6, y: yy + 4, 'text-anchor': 'end' }, fmtNum(Math.round(v))),
			svg('text', { x: W - R + 6, y: yr(25 * i) + 4 }, `${25 * i}%`));
	}
	points.forEach((p, i) => {
		const x = L + i * cw;
		g.append(svg('rect', { class: 'col', x: x + cw * 0.18, width: cw * 0.64, y: y(p.received), height: Math.max(0, y(0) - y(p.received)) },
			svg('title', {}, `${p.month}: ${p.received}`)),
		svg('text', { x: x + cw / 2, y: H - B + 16, 'text-anchor': 'middle' }, `${p.month.slice(5)}/${p.month.slice(2, 4)}`));
	});
	const rated = points.map((p, i) => [L + i * cw + cw / 2, p.rate]).filter(([, r]) => r !== null);
	if (rated.length)
		g.append(svg('polyline', { class: 'line', points: rated.map(([x, r]) => `${x.toFixed(1)},${yr(r).toFixed(1)}`).join(' ') }),
			...rated.map(([x, r]) => svg('circle', { class: 'dot', cx: x, cy: yr(r), r: 3.5 }, svg('title', {}, `${r}%`))));
	g.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: y(0), y2: y(0) }));
	return el('div', { class: 'chart' }, g,
		el('div', { class: 'legend' }, el('span', {}, el('span', { class: 'sw col' }), t('trend.received')),
			el('span', {}, el('span', { class: 'sw line' }), t('trend.rate'))));
}

// "as of DATE HH:MM" while the period runs (the report's as_of), else "".
export function asOfText(x) {
	if (!x.as_of) return '';
	const [day, time] = x.as_of.split(' ');
	return t('asof').replace('{t}', `${getLang() === 'en' ? day : day.split('-').reverse().join('/')} ${time}`);
}

export function periodLabel(rep) {
	const d = (s) => s.split('-').reverse().join('/');
	const asOf = asOfText(rep);
	return t('from_to').replace('{a}', d(rep.from)).replace('{b}', d(rep.to)) + (asOf ? ` · ${asOf}` : '');
}
