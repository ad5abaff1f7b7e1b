// summary_view.js - the figures a province publishes for the period
// (dashboard.html), as `motcua summary` and GET /api/v1/reports/summary
// give them: online filings as a share of received and of resolved
// dossiers, postal uses, units with an online filing, and the units by
// on-time rate (at 100%, highest, lowest); then the release's own lines.
// The figures' names are the form's column titles, defined once in C
// (core/report_columns.c) and read from GET /api/v1/forms/settlement.
import { el, fmtNum, fmtRate, t } from './common.js';
import { colTitle } from './report_view.js';

export const SUMMARY_WORDS = {
	vi: {
		's.title': 'Số liệu công bố', 's.of': '{x}/{y} hồ sơ', 's.units_online': 'Đơn vị có hồ sơ trực tuyến',
		's.at_full': 'Đơn vị đạt 100% đúng hạn', 's.highest': 'Tỉ lệ đúng hạn cao nhất', 's.lowest': 'Tỉ lệ đúng hạn thấp nhất',
		's.ranked': 'xếp hạng {n} đơn vị đã giải quyết từ {m} hồ sơ', 's.none': 'không có', 's.release': 'Bản tin công bố (tiếng Việt)',
	},
	en: {
		's.title': 'Published figures', 's.of': '{x} of {y} dossiers', 's.units_online': 'Units with an online filing',
		's.at_full': 'Units at 100% on time', 's.highest': 'Highest on-time rate', 's.lowest': 'Lowest on-time rate',
		's.ranked': '{n} units ranked, those that resolved at least {m}', 's.none': 'none', 's.release': 'The release text (Vietnamese)',
	},
};

const col = colTitle;
const of = (x, y) => t('s.of').replace('{x}', fmtNum(x)).replace('{y}', fmtNum(y));
const names = (units, rate) => (units.length ? units.map((u) => (rate ? `${u.name} (${fmtRate(u.on_time_rate)})` : u.name)).join('; ') : t('s.none'));

function figure(id, label, value, detail) {
	return el('tr', { dataset: { figure: id } }, el('th', { scope: 'row' }, label), el('td', { class: 'num' }, value),
		el('td', { class: 'small' }, detail || ''));
}

// The figures of a summary (the JSON of GET /reports/summary).
export function summaryView(s) {
	const r = s.report.total, f = s.report.figures;
	const rows = [
		figure('online_rate', col('online_rate'), fmtRate(r.online_rate), of(r.received_online, r.received_new)),
		figure('online_rate_of_resolved', col('online_rate_of_resolved'), fmtRate(r.online_rate_of_resolved),
			of(r.resolved_online, r.resolved_total)),
		figure('postal_uses', col('postal_uses'), fmtNum(r.postal_uses),
			`${col('received_postal')}: ${fmtNum(r.received_postal)}; ${col('results_by_post')}: ${fmtNum(r.results_by_post)}`),
		figure('on_time_rate', col('on_time_rate'), fmtRate(r.on_time_rate), of(r.resolved_early + r.resolved_on_time, r.resolved_total)),
	];
	if (f)
		rows.push(figure('with_online', t('s.units_online'), `${fmtNum(f.with_online)}/${fmtNum(f.units)}`),
			figure('at_full', t('s.at_full'), fmtNum(f.at_full.length), names(f.at_full, false)),
			figure('highest', t('s.highest'), f.highest.length ? fmtRate(f.highest[0].on_time_rate) : '–', names(f.highest, false)),
			figure('lowest', t('s.lowest'), f.lowest.length ? fmtRate(f.lowest[0].on_time_rate) : '–', names(f.lowest, true)));
	return el('div', {},
		el('div', { class: 'table-wrap' }, el('table', { id: 'summary-figures' }, el('tbody', {}, rows))),
		f ? el('p', { class: 'muted small' }, t('s.ranked').replace('{n}', fmtNum(f.ranked)).replace('{m}', fmtNum(f.min_resolved))) : null,
		el('details', { id: 'summary-release' }, el('summary', {}, t('s.release')),
			el('div', { lang: 'vi' }, s.lines.map((l) => el('p', {}, l)))));
}
