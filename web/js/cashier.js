// cashier.js - the cashier's page (cashier.html): the VietQR of what a
// dossier owes, for the exact amount, shown on screen; cash taken for
// exactly that amount; a bank statement (CSV) reconciled against the QR
// orders, each line with what was found: paid, paid before, partial,
// more than owed, paid twice, no order, no dossier.
import {
	addWords, api, chrome, el, errText, fmtMoney, fmtNum, notice, onLangChange, requireRole, t, translate,
} from './common.js';

addWords({
	vi: {
		'cash.title': 'Thu phí, lệ phí tại quầy', 'cash.code': 'Mã hồ sơ', 'cash.qr': 'Lập mã VietQR',
		'cash.amount': 'Số tiền mặt nhận (đồng)', 'cash.take': 'Thu tiền mặt', 'cash.paid': 'Đã thu tiền mặt',
		'cash.owed': 'Số tiền phải nộp', 'cash.bank': 'Ngân hàng (BIN)', 'cash.account': 'Số tài khoản',
		'cash.holder': 'Chủ tài khoản', 'cash.note': 'Nội dung chuyển khoản', 'cash.order': 'Lệnh thu',
		'rec.title': 'Đối soát sao kê ngân hàng',
		'rec.note': 'Tệp CSV tải từ ngân hàng (ngày, số tiền, nội dung). Khoản chuyển khớp đúng số tiền và mã hồ sơ được ghi nhận đã thanh toán; đối soát lại cùng tệp không thay đổi gì.',
		'rec.file': 'Tệp sao kê (CSV)', 'rec.run': 'Đối soát', 'rec.line': 'Dòng', 'rec.date': 'Ngày',
		'rec.amount': 'Số tiền', 'rec.verdict': 'Kết quả', 'rec.code': 'Mã hồ sơ', 'rec.desc': 'Nội dung',
		'rec.owed': 'Phải nộp', 'rec.counts': 'Kết quả đối soát',
	},
	en: {
		'cash.title': 'Fees at the counter', 'cash.code': 'Dossier code', 'cash.qr': 'Make the VietQR',
		'cash.amount': 'Cash received (VND)', 'cash.take': 'Take cash', 'cash.paid': 'Cash taken',
		'cash.owed': 'Amount owed', 'cash.bank': 'Bank (BIN)', 'cash.account': 'Account',
		'cash.holder': 'Account holder', 'cash.note': 'Transfer content', 'cash.order': 'Order',
		'rec.title': 'Bank statement reconciliation',
		'rec.note': 'The CSV file from the bank (date, amount, description). Transfers of exactly the amount that name the dossier are recorded as paid; reconciling the same file again changes nothing.',
		'rec.file': 'Statement (CSV)', 'rec.run': 'Reconcile', 'rec.line': 'Line', 'rec.date': 'Date',
		'rec.amount': 'Amount', 'rec.verdict': 'Result', 'rec.code': 'Dossier', 'rec.desc': 'Description',
		'rec.owed': 'Owed', 'rec.counts': 'Reconciliation',
	},
});

const VERDICTS = {
	vi: { paid: 'Đã ghi nhận thanh toán', already: 'Đã đối soát trước đây', partial: 'Thanh toán thiếu',
		over: 'Thanh toán thừa', double: 'Thanh toán trùng', no_order: 'Không có lệnh thu QR', unmatched: 'Không khớp hồ sơ' },
	en: { paid: 'Recorded as paid', already: 'Reconciled before', partial: 'Paid short', over: 'Paid more than owed',
		double: 'Paid twice', no_order: 'No QR order', unmatched: 'No dossier matched' },
};
const $ = (id) => document.getElementById(id);
let lastQr = null;
let lastRec = null;

function verdictName(v) {
	return (VERDICTS[document.documentElement.lang] || VERDICTS.vi)[v] || v;
}

function showQr() {
	if (!lastQr) return;
	const q = lastQr;
	$('qr').hidden = false;
	$('qr-img').src = '/api/v1/qr.svg?text=' + encodeURIComponent(q.payload);
	$('qr-img').dataset.payload = q.payload;
	const fact = (k, v) => [el('dt', {}, t(k)), el('dd', {}, v)];
	$('qr-facts').replaceChildren(...fact('cash.owed', fmtMoney(q.amount)), ...fact('cash.bank', q.bin),
		...fact('cash.account', q.account), ...fact('cash.holder', q.holder), ...fact('cash.note', q.note),
		...fact('cash.order', String(q.order)));
	$('amount').value = String(q.amount);
}

async function makeQr(ev) {
	ev.preventDefault();
	$('qr-msg').replaceChildren();
	try {
		lastQr = await api('POST', `/dossiers/${encodeURIComponent($('code').value.trim())}/vietqr`);
		showQr();
	} catch (e) {
		$('qr').hidden = true;
		notice($('qr-msg'), 'error', errText(e));
	}
}

async function takeCash(ev) {
	ev.preventDefault();
	const amount = Number($('amount').value.trim());
	try {
		const p = await api('POST', `/dossiers/${encodeURIComponent($('code').value.trim())}/cash`,
			{ amount: Number.isInteger(amount) ? amount : $('amount').value });
		notice($('qr-msg'), 'success', `${t('cash.paid')}: ${fmtMoney(p.amount)} (${t('cash.order')} ${p.order})`);
		$('qr').hidden = true;
	} catch (e) {
		notice($('qr-msg'), 'error', errText(e));
	}
}

function showRec() {
	if (!lastRec) return;
	const c = lastRec.counts;
	$('rec-counts').textContent = `${t('rec.counts')}: ` +
		Object.keys(c).map((k) => `${verdictName(k)} ${fmtNum(c[k])}`).join(', ');
	const row = (l) => el('tr', { 'data-verdict': l.verdict, 'data-line': String(l.line) },
		el('td', {}, String(l.line)), el('td', {}, l.date), el('td', { class: 'num' }, fmtMoney(l.amount)),
		el('td', {}, verdictName(l.verdict)), el('td', {}, l.code || ''),
		el('td', { class: 'num' }, l.owed ? fmtMoney(l.owed) : ''), el('td', { class: 'small' }, l.description));
	$('rec-lines').replaceChildren(el('div', { class: 'table-wrap' }, el('table', { id: 'rec-table' },
		el('thead', {}, el('tr', {}, ['rec.line', 'rec.date', 'rec.amount', 'rec.verdict', 'rec.code', 'rec.owed',
			'rec.desc'].map((k) => el('th', {}, t(k))))),
		el('tbody', {}, lastRec.lines.map(row)))));
}

async function reconcile(ev) {
	ev.preventDefault();
	$('rec-msg').replaceChildren();
	const f = $('statement').files[0];
	if (!f) return;
	try {
		lastRec = await api('POST', '/payments/reconcile', { statement: await f.text() });
		showRec();
	} catch (e) {
		notice($('rec-msg'), 'error', errText(e));
	}
}

async function main() {
	chrome('cashier.html');
	await requireRole($('main'), ['clerk'], 'motcua / demo');
	$('desk').hidden = false;
	translate();
	$('find').addEventListener('submit', makeQr);
	$('take').addEventListener('submit', takeCash);
	$('rec').addEventListener('submit', reconcile);
	onLangChange(() => { showQr(); showRec(); });
	document.body.dataset.ready = '1';
}

main();
