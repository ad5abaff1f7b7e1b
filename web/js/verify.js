// verify.js - the public verification page (verify.html, no sign-in):
// anyone checks an electronic result. The file's SHA-256 is computed
// here, in the browser; the file itself never leaves the computer. With
// its signature (.p7s) both go to POST /api/v1/public/verify; without
// one, GET /api/v1/public/verify?sha256= finds the results this system
// issued with that content; a dossier code alone (as the QR code of a
// receipt carries it) lists the dossier's electronic results. Each
// answer says who signed (subject, unit), when, whether the file is
// intact and whether the signer chains to the province CA.
import { addWords, api, chrome, el, errText, fmtTime, loadSession, notice, onLangChange, qs, t, translate } from './common.js';

addWords({
	vi: {
		'verify.title': 'Xác thực kết quả giải quyết thủ tục hành chính điện tử',
		'verify.help': 'Chọn tệp kết quả (và tệp chữ ký số .p7s đi kèm, nếu có), hoặc nhập mã hồ sơ, để biết ai đã ký, ký lúc nào và tệp có còn nguyên vẹn không.',
		'verify.private': 'Tệp kết quả không được gửi lên máy chủ: trình duyệt chỉ gửi mã băm SHA-256 của tệp (và chữ ký).',
		'verify.file': 'Tệp kết quả', 'verify.sig': 'Tệp chữ ký (.p7s)', 'verify.code': 'Mã hồ sơ',
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
		'verify.need_any': 'Chọn tệp kết quả (file) hoặc nhập mã hồ sơ (code).',
		'verify.none_file': 'Hệ thống không cấp kết quả nào có nội dung này. Nếu có tệp chữ ký .p7s đi kèm, hãy chọn cả tệp đó.',
		'verify.none_code': 'Hồ sơ này chưa có kết quả điện tử.',
		'verify.result': 'Kết quả', 'verify.number': 'Số, ký hiệu', 'verify.dossier': 'Mã hồ sơ',
		'verify.track': 'Tra cứu tình trạng hồ sơ này',
	},
	en: {
		'verify.title': 'Verify an electronic result of an administrative procedure',
		'verify.help': 'Choose the result file (and the .p7s signature that came with it, if any), or enter a dossier code, to see who signed, when, and whether the file is intact.',
		'verify.private': 'The result file is not sent to the server: the browser sends only its SHA-256 (and the signature).',
		'verify.file': 'Result file', 'verify.sig': 'Signature file (.p7s)', 'verify.code': 'Dossier code',
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
		'verify.need_any': 'Choose the result file (file) or enter a dossier code (code).',
		'verify.none_file': 'This system issued no result with this content. If a .p7s signature came with it, choose that file too.',
		'verify.none_code': 'This dossier has no electronic result yet.',
		'verify.result': 'Result', 'verify.number': 'Number', 'verify.dossier': 'Dossier code',
		'verify.track': 'Track this dossier',
	},
});

const $ = (id) => document.getElementById(id);
let shown = null; // {list: [{v, sha}], empty}: redrawn when the language changes

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

function verdictCard(v, sha, i) {
	const s = v.signer;
	const kind = v.intact && v.trusted ? 'success' : 'error';
	const head = v.intact && v.trusted ? 'verify.ok' : v.intact ? 'verify.untrusted' : 'verify.changed';
	const yes = (b) => t(b ? 'verify.yes' : 'verify.no');
	const unit = s.unit_code ? `${s.unit_name || ''} (${s.unit_code})` : t('verify.not_ours');
	const held = v.dossier ? [
		...row('verify.dossier', v.dossier), ...row('verify.result', v.name || '—'),
		...row('verify.number', v.number || '—')] : [];
	return el('section', { class: 'card verdict', id: i ? `verdict-${i}` : 'verdict', 'data-intact': String(v.intact), 'data-trusted': String(v.trusted) },
		el('div', { class: `notice ${kind}`, role: 'status' }, t(head)),
		el('dl', { class: 'kv' }, ...held,
			...row('verify.intact', yes(v.intact)), ...row('verify.trusted', yes(v.trusted)),
			...(v.problem ? row('verify.problem', v.problem) : []),
			...row('verify.signer', s.subject), ...row('verify.unit', unit),
			...row('verify.at', v.signed_at ? fmtTime(v.signed_at) : '—'),
			...row('verify.issuer', s.issuer), ...row('verify.serial', s.serial),
			...row('verify.valid', `${fmtTime(s.not_before)} — ${fmtTime(s.not_after)}`),
			...row('verify.sha', el('code', {}, sha))));
}

function show() {
	if (!shown) return;
	const host = $('verify-result');
	if (!shown.list.length) {
		host.replaceChildren(el('div', { class: 'notice error', role: 'status', id: 'verify-none' }, t(shown.empty)));
	} else {
		host.replaceChildren(...shown.list.map(({ v, sha }, i) => verdictCard(v, sha, i)));
	}
	if (shown.code) {
		const q = new URLSearchParams({ code: shown.code });
		if (shown.secret) q.set('secret', shown.secret);
		host.append(el('p', {}, el('a', { href: `index.html?${q}`, id: 'verify-track' }, t('verify.track'))));
	}
}

let secret = ''; // from the receipt's QR code, only passed on to tracking

async function verify(ev) {
	if (ev) ev.preventDefault();
	$('verify-msg').replaceChildren();
	$('verify-result').replaceChildren();
	shown = null;
	const file = $('v-file').files[0];
	const sig = $('v-sig').files[0];
	const code = $('v-code').value.trim();
	try {
		if (sig && !file) throw new Error(t('verify.need_file'));
		if (!file && !code) throw new Error(t('verify.need_any'));
		if (file) {
			const sha = await sha256(file);
			if (sig) {
				const v = await api('POST', '/public/verify', { sha256: sha, signature: base64(await sig.arrayBuffer()) });
				shown = { list: [{ v, sha }] };
			} else {
				const r = await api('GET', '/public/verify' + qs({ sha256: sha }));
				shown = { list: r.results.map((v) => ({ v, sha })), empty: 'verify.none_file' };
			}
		} else {
			const r = await api('GET', '/public/verify' + qs({ code }));
			shown = { list: r.results.map((v) => ({ v, sha: v.sha256 })), empty: 'verify.none_code', code, secret };
		}
		show();
	} catch (e) {
		notice($('verify-msg'), 'error', errText(e));
	}
}

async function main() {
	chrome('verify.html');
	translate();
	// staff signed in on this browser send their session: its CSRF token
	// goes with the POST (anyone else needs none)
	await loadSession();
	$('verify-form').addEventListener('submit', verify);
	const params = new URLSearchParams(location.search);
	secret = params.get('secret') || '';
	onLangChange(show);
	const code = params.get('code');
	if (code) {
		$('v-code').value = code;
		verify().finally(() => { document.body.dataset.ready = '1'; });
	} else {
		document.body.dataset.ready = '1';
	}
}

main();
