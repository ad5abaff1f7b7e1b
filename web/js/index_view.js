// index_view.js - the service index on a page (dashboard.html): the
// indicators of one unit against their targets with met/missed marks,
// and the child units ranked by index score with the six group scores.
// Data: GET /api/v1/index, the JSON of `motcua index --format json`; the
// columns, their titles and definitions: GET /api/v1/forms/index.
import { addWords, api, el, fmtDecimal, fmtNum, fmtRate, t } from './common.js';
import { asOfText, definition } from './report_view.js';

export const INDEX_WORDS = {
	vi: {
		'ix.title': 'Chỉ số phục vụ người dân, doanh nghiệp so với chỉ tiêu',
		'ix.rank': 'Xếp hạng đơn vị theo Bộ chỉ số phục vụ', 'ix.period': 'Kỳ tính chỉ số (tháng dương lịch): {a} – {b}; quy tắc: {r}',
		'ix.indicator': 'Chỉ tiêu', 'ix.num': 'Tử số', 'ix.den': 'Mẫu số', 'ix.rate': 'Đạt được', 'ix.target': 'Chỉ tiêu giao',
		'ix.met': 'Kết quả', 'ix.yes': 'Đạt', 'ix.no': 'Chưa đạt', 'ix.na': 'Chưa có số liệu',
		'ix.unranked': 'chưa xếp hạng (ít hồ sơ)',
		'ix.no_rows': 'Đơn vị này không có đơn vị trực thuộc nào có hồ sơ trong kỳ để xếp hạng.',
	},
	en: {
		'ix.title': 'Service index indicators against targets',
		'ix.rank': 'Units ranked by service index', 'ix.period': 'Index period (calendar month): {a} – {b}; rules: {r}',
		'ix.indicator': 'Indicator', 'ix.num': 'Numerator', 'ix.den': 'Denominator', 'ix.rate': 'Actual', 'ix.target': 'Target',
		'ix.met': 'Result', 'ix.yes': 'Met', 'ix.no': 'Missed', 'ix.na': 'No data',
		'ix.unranked': 'not ranked (few dossiers)',
		'ix.no_rows': 'No unit under this one has dossiers in the period to be ranked.',
	},
};

// The index's columns are defined once, in C (core/index_columns.c),
// and served at GET /api/v1/forms/index: their titles join the
// dictionary as 'col.PART.KEY' (and 'col.PART.KEY.def', how it is
// counted), and the tables below walk them in their order.
let columns = [];
const word = (c) => `col.${c.part}.${c.key}`;
const part = (p) => columns.filter((c) => c.part === p);

export async function loadIndexColumns() {
	const form = await api('GET', '/forms/index');
	const words = { vi: {}, en: {} };
	for (const c of form.columns) {
		words.vi[word(c)] = c.title_vi;
		words.en[word(c)] = c.title_en;
		if (c.definition_vi) {
			words.vi[word(c) + '.def'] = c.definition_vi;
			words.en[word(c) + '.def'] = c.definition_en;
		}
	}
	addWords(words);
	columns = form.columns;
}

function mark(met) {
	if (met === true) return el('span', { class: 'mark met' }, '✔ ' + t('ix.yes'));
	if (met === false) return el('span', { class: 'mark missed' }, '✘ ' + t('ix.no'));
	return el('span', { class: 'mark none' }, t('ix.na'));
}

export function indexPeriodLabel(ix) {
	const asOf = asOfText(ix);
	return t('ix.period').replace('{a}', ix.from).replace('{b}', ix.to).replace('{r}', ix.rules) + (asOf ? ` · ${asOf}` : '');
}

// The indicators of one row (the chosen unit's total) with their marks.
export function indicatorTable(row) {
	const lines = part('indicator').map((c) => {
		const v = row.indicators[c.key];
		return el('tr', { dataset: { indicator: c.key, met: String(v.met) } },
			el('td', {}, t(word(c)), c.definition_vi ? definition(word(c) + '.def', `def-${c.key}`) : null),
			el('td', { class: 'num' }, fmtNum(v.numerator)), el('td', { class: 'num' }, fmtNum(v.denominator)),
			el('td', { class: 'num' }, fmtRate(v.rate)), el('td', { class: 'num' }, fmtRate(v.target)), el('td', {}, mark(v.met)));
	});
	return el('div', { class: 'table-wrap' }, el('table', { id: 'indicators' },
		el('thead', {}, el('tr', {}, el('th', {}, t('ix.indicator')), el('th', { class: 'num' }, t('ix.num')),
			el('th', { class: 'num' }, t('ix.den')), el('th', { class: 'num' }, t('ix.rate')),
			el('th', { class: 'num' }, t('ix.target')), el('th', {}, t('ix.met')))),
		el('tbody', {}, lines)));
}

// The rows (children of the chosen unit) by rank, unranked ones last.
export function indexRanking(ix) {
	const [rank] = part('rank'), [total] = part('score'), groups = part('group');
	const rows = [...ix.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (b.score ?? 0) - (a.score ?? 0));
	const score = (v) => (v === null ? '–' : fmtDecimal(v));
	const cols = 3 + groups.length;
	return el('div', { class: 'table-wrap' }, el('table', { id: 'index-ranking' },
		el('thead', {}, el('tr', {}, el('th', { class: 'num' }, t(word(rank))), el('th', {}, t('c.name')),
			el('th', { class: 'num' }, t(word(total))),
			groups.map((g) => el('th', { class: 'num', dataset: { group: g.key } }, `${t(word(g))} (${score(ix.total.groups[g.key].max)})`)))),
		el('tbody', {}, rows.length ? [] : el('tr', { class: 'empty' }, el('td', { colspan: cols, class: 'muted', id: 'index-ranking-empty' },
			t('ix.no_rows'))), rows.map((r) => el('tr', { dataset: { key: r.key } },
			el('td', { class: 'num' }, r.ranked ? r.rank : '–'),
			el('td', {}, r.name, r.ranked ? null : el('span', { class: 'muted small' }, ` (${t('ix.unranked')})`)),
			el('td', { class: 'num' }, score(r.score)),
			groups.map((g) => el('td', { class: 'num' }, score(r.groups[g.key].score))))))));
}
