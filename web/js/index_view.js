// index_view.js - the service index on a page (dashboard.html): the
// indicators of one unit against their targets with met/missed marks,
// and the child units ranked by index score with the six group scores.
// Data: GET /api/v1/index, the JSON of `motcua index --format json`.
import { el, fmtNum, fmtRate, t } from './common.js';
import { asOfText, definition } from './report_view.js';

export const INDEX_WORDS = {
	vi: {
		'ix.title': 'Chỉ số phục vụ người dân, doanh nghiệp so với chỉ tiêu',
		'ix.rank': 'Xếp hạng đơn vị theo Bộ chỉ số phục vụ', 'ix.period': 'Kỳ tính chỉ số (tháng dương lịch): {a} – {b}; quy tắc: {r}',
		'ix.indicator': 'Chỉ tiêu', 'ix.num': 'Tử số', 'ix.den': 'Mẫu số', 'ix.rate': 'Đạt được', 'ix.target': 'Chỉ tiêu giao',
		'ix.met': 'Kết quả', 'ix.yes': 'Đạt', 'ix.no': 'Chưa đạt', 'ix.na': 'Chưa có số liệu',
		'ix.score': 'Điểm', 'ix.unranked': 'chưa xếp hạng (ít hồ sơ)',
		'i.online_dossiers': 'Hồ sơ trực tuyến', 'i.online_payment': 'Thanh toán trực tuyến',
		'i.digitized_components': 'Số hóa thành phần hồ sơ', 'i.electronic_results': 'Kết quả điện tử',
		'i.data_reuse': 'Tái sử dụng dữ liệu số hóa', 'i.population_data': 'Khai thác CSDL quốc gia về dân cư',
		'i.online_services_with_dossiers': 'DVC trực tuyến có phát sinh hồ sơ',
		'i.paying_procedures_with_online_payment': 'TTHC có phí phát sinh thanh toán trực tuyến',
		'i.on_time': 'Tiến độ giải quyết (chỉ số 766), trên tất cả hồ sơ đã và đang giải quyết',
		'i.on_time.def': '(Đã giải quyết trước hạn, đúng hạn + Đang giải quyết còn trong hạn) ÷ (Đã giải quyết + Đang giải quyết) trong kỳ; hồ sơ yêu cầu bổ sung từ 2 lần tính trễ hạn, hồ sơ dừng xử lý hoặc rút không tính. Khác tỉ lệ đúng hạn của mẫu II.06a: mẫu số gồm cả hồ sơ chưa đến hạn.',
		'i.satisfaction': 'Mức độ hài lòng',
		'i.feedback_on_time': 'Trả lời phản ánh đúng hạn', 'i.publication_on_time': 'Công khai TTHC đúng hạn',
		'g.transparency': 'Công khai', 'g.progress': 'Tiến độ', 'g.online_service': 'DVC trực tuyến',
		'g.online_payment': 'Thanh toán TT', 'g.digitization': 'Số hóa', 'g.satisfaction': 'Hài lòng',
	},
	en: {
		'ix.title': 'Service index indicators against targets',
		'ix.rank': 'Units ranked by service index', 'ix.period': 'Index period (calendar month): {a} – {b}; rules: {r}',
		'ix.indicator': 'Indicator', 'ix.num': 'Numerator', 'ix.den': 'Denominator', 'ix.rate': 'Actual', 'ix.target': 'Target',
		'ix.met': 'Result', 'ix.yes': 'Met', 'ix.no': 'Missed', 'ix.na': 'No data',
		'ix.score': 'Score', 'ix.unranked': 'not ranked (few dossiers)',
		'i.online_dossiers': 'Online dossiers', 'i.online_payment': 'Online payment',
		'i.digitized_components': 'Digitized components', 'i.electronic_results': 'Electronic results',
		'i.data_reuse': 'Reuse of digitized data', 'i.population_data': 'Population database checks',
		'i.online_services_with_dossiers': 'Online services with dossiers',
		'i.paying_procedures_with_online_payment': 'Paying procedures with online payment',
		'i.on_time': 'Progress (index 766), of all dossiers handled',
		'i.on_time.def': '(resolved early or on time + still open and in time) ÷ (resolved + still open) in the period; a dossier with two or more supplement requests counts as late, stopped and withdrawn ones are left out. Unlike the II.06a on-time rate, the denominator includes dossiers not yet due.',
		'i.satisfaction': 'Satisfaction',
		'i.feedback_on_time': 'Feedback answered on time', 'i.publication_on_time': 'Procedures publicized on time',
		'g.transparency': 'Transparency', 'g.progress': 'Progress', 'g.online_service': 'Online service',
		'g.online_payment': 'Online payment', 'g.digitization': 'Digitization', 'g.satisfaction': 'Satisfaction',
	},
};

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
	const lines = Object.entries(row.indicators).map(([name, v]) => el('tr', { dataset: { indicator: name, met: String(v.met) } },
		el('td', {}, t('i.' + name), name === 'on_time' ? definition('i.on_time.def', 'progress-def') : null), el('td', { class: 'num' }, fmtNum(v.numerator)), el('td', { class: 'num' }, fmtNum(v.denominator)),
		el('td', { class: 'num' }, fmtRate(v.rate)), el('td', { class: 'num' }, fmtRate(v.target)), el('td', {}, mark(v.met))));
	return el('div', { class: 'table-wrap' }, el('table', { id: 'indicators' },
		el('thead', {}, el('tr', {}, el('th', {}, t('ix.indicator')), el('th', { class: 'num' }, t('ix.num')),
			el('th', { class: 'num' }, t('ix.den')), el('th', { class: 'num' }, t('ix.rate')),
			el('th', { class: 'num' }, t('ix.target')), el('th', {}, t('ix.met')))),
		el('tbody', {}, lines)));
}

// The rows (children of the chosen unit) by rank, unranked ones last.
export function indexRanking(ix) {
	const groups = Object.keys(ix.total.groups);
	const rows = [...ix.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (b.score ?? 0) - (a.score ?? 0));
	const score = (v) => (v === null ? '–' : Number(v).toFixed(2));
	return el('div', { class: 'table-wrap' }, el('table', { id: 'index-ranking' },
		el('thead', {}, el('tr', {}, el('th', { class: 'num' }, '#'), el('th', {}, t('c.name')),
			el('th', { class: 'num' }, t('ix.score')),
			groups.map((g) => el('th', { class: 'num' }, `${t('g.' + g)} (${score(ix.total.groups[g].max)})`)))),
		el('tbody', {}, rows.map((r) => el('tr', { dataset: { key: r.key } },
			el('td', { class: 'num' }, r.ranked ? r.rank : '–'),
			el('td', {}, r.name, r.ranked ? null : el('span', { class: 'muted small' }, ` (${t('ix.unranked')})`)),
			el('td', { class: 'num' }, score(r.score)),
			groups.map((g) => el('td', { class: 'num' }, score(r.groups[g].score))))))));
}
