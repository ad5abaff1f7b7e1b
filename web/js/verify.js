// verify.js - the public verification page (verify.html, no sign-in):
// anyone checks an electronic result. The file's SHA-256 is computed
// here, in the browser, and sent with its signature (.p7s) to
// POST /api/v1/public/verify; the file itself never leaves the
// computer. The answer says who signed (subject, unit), when, whether
// the file is intact and whether the signer chains to the province CA.
import { addWords, api, chrome, el, errText, fmtTime, notice, onLangChange, t, translate } from './common.js';

addWords({
	vi: {
		'verify.title': 'Xác thực kết quả giải quyết thủ tục hành chính điện tử',
		'verify.help': 'Chọn tệp kết quả và tệp chữ ký số (.p7s) đi kèm để biết ai đã ký, ký lúc nào và tệp có còn nguyên vẹn không.',
		'verify.private': 'Tệp kết quả không được gửi lên máy chủ: trình duyệt chỉ gửi mã băm SHA-256 của tệp và chữ ký.',
		'verify.file': 'Tệp kết quả', 'verify.sig': 'Tệp chữ ký (.p7s)', 'verify.code': 'Mã hồ sơ hoặc số văn bản',
		'verify.go': 'Xác thực',
		'verify.need_file': 'Chọn tệp kết quả (file) cần xác thực.',
		'verify.need_sig': 'Chọn tệp chữ ký .p7s (signature) đi kèm kết quả.',
		'verify.no_crypto': 'Trình duyệt không tính được mã băm SHA-256 (cần kết nối HTTPS).',
		'verify.ok': 'Hợp lệ: tệp còn nguyên vẹn và chữ ký thuộc đơn vị được Tỉnh cấp chứng thư.',
		'verify.changed': 'KHÔNG hợp lệ: tệp không phải tệp đã được ký, hoặc chữ ký đã bị sửa.',
		'verify.untrusted': 'Tệp nguyên vẹn nhưng người ký KHÔNG thuộc hệ thống chứng thư của Tỉnh.',
		'verify.signer': 'Người ký', 'verify.unit': 'Đơn vị', 'verify.at': 'Thời điểm ký',
		'verify.issuer': 'Tổ chức cấp chứng thư', 'verify.serial': 'Số hiệu chứng thư',
		'verify.valid': 'Hiệu lực chứng thư', 'verify.sha': 'Mã băm SHA-256 của tệp',
		'verify.intact': 'Nguyên vẹn', 'verify.trusted': 'Chứng thư hợp lệ', 'verify.problem': 'Lý do',
		'verify.yes': 'Có', 'verify.no': 'Không', 'verify.not_ours': 'không thuộc hệ thống',
	},
	en: {
		'verify.title': 'Verify an electronic result of an administrative procedure',
		'verify.help': 'Choose the result file and the signature file (.p7s) that came with it to see who signed, when, and whether the file is intact.',
		'verify.private': 'The result file is not sent to the server: the browser sends only its SHA-256 and the signature.',
		'verify.file': 'Result file', 'verify.sig': 'Signature file (.p7s)', 'verify.code': 'Dossier code or document number',
		'verify.go': 'Verify',
		'verify.need_file': 'Choose the result file to verify (file).',
		'verify.need_sig': 'Choose the .p7s signature file that came with the result (signature).',
		'verify.no_crypto': 'This browser cannot compute SHA-256 here (an HTTPS connection is needed).',
		'verify.ok': 'Valid: the file is intact and the signature belongs to a unit certified by the province.',
		'verify.changed': 'NOT valid: the file is not the one that was signed, or the signature was changed.',
		'verify.untrusted': 'The file is intact but the signer is NOT certified by the province.',
		'verify.signer': 'Signed by', 'verify.unit': 'Unit', 'verify.at': 'Signed at',
		'verify.issuer': 'Certificate issuer', 'verify.serial': 'Certificate serial',
		'verify.valid': 'Certificate validity', 'verify.sha': 'SHA-256 of the file',
		'verify.intact': 'Intact', 'verify.trusted': 'Certificate trusted', 'verify.problem': 'Reason',
		'verify.yes': 'Yes', 'verify.no': 'No', 'verify.not_ours': 'not a unit of this system',
	},
});

const $ = (id) => document.getElementById(id);
let shown = null; // the last verdict and hash, redrawn when the language changes

function hex(buf) {
	return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function base64(buf) {
	let s = '';
	const b = new Uint8Array(buf);
	for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
	return btoa(s);
}

async function sha256(file) {
	if (!crypto.subtle) throw new Error(t('verify.no_crypto'));
	return hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
}

function row(key, value) {
	return [el('dt', {}, t(key)), el('dd', { 'data-key': key }, value)];
}

function verdictCard(v, sha) {
	const s = v.signer;
	const kind = v.intact && v.trusted ? 'ok' : 'error';
	const head = v.intact && v.trusted ? 'verify.ok' : v.intact ? 'verify.untrusted' : 'verify.changed';
	const yes = (b) => t(b ? 'verify.yes' : 'verify.no');
	const unit = s.unit_code ? `${s.unit_name || ''} (${s.unit_code})` : t('verify.not_ours');
	return el('section', { class: 'card', id: 'verdict', 'data-intact': String(v.intact), 'data-trusted': String(v.trusted) },
		el('div', { class: `notice ${kind}`, role: 'status' }, t(head)),
		el('dl', { class: 'kv' },
			...row('verify.intact', yes(v.intact)), ...row('verify.trusted', yes(v.trusted)),
			...(v.problem ? row('verify.problem', v.problem) : []),
			...row('verify.signer', s.subject), ...row('verify.unit', unit),
			...row('verify.at', v.signed_at ? fmtTime(v.signed_at) : '—'),
			...row('verify.issuer', s.issuer), ...row('verify.serial', s.serial),
			...row('verify.valid', `${fmtTime(s.not_before)} — ${fmtTime(s.not_after)}`),
			...row('verify.sha', el('code', {}, sha))));
}

function show() {
	if (shown) $('verify-result').replaceChildren(verdictCard(shown.v, shown.sha));
}

async function verify(ev) {
	ev.preventDefault();
	$('verify-msg').replaceChildren();
	$('verify-result').replaceChildren();
	shown = null;
	const file = $('v-file').files[0];
	const sig = $('v-sig').files[0];
	try {
		if (!file) throw new Error(t('verify.need_file'));
		if (!sig) throw new Error(t('verify.need_sig'));
		const sha = await sha256(file);
		const v = await api('POST', '/public/verify', { sha256: sha, signature: base64(await sig.arrayBuffer()) });
		shown = { v, sha };
		show();
	} catch (e) {
		notice($('verify-msg'), 'error', errText(e));
	}
}

function main() {
	chrome('verify.html');
	translate();
	$('verify-form').addEventListener('submit', verify);
	const code = new URLSearchParams(location.search).get('code');
	if (code) $('v-code').value = code;
	onLangChange(show);
	document.body.dataset.ready = '1';
}

main();
