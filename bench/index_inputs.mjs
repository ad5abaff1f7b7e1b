// index_inputs.mjs - the service index's inputs that `motcua demo` does
// not make, for `make bench` (bench/run.sh).
//
//   node bench/index_inputs.mjs derive DIR
//
// derives from the exported dataset alone citizens' ratings, feedback
// (phản ánh kiến nghị) and the procedures' publication dates: without
// them satisfaction would equal on_time and feedback_on_time and
// publication_on_time would be 0/0, so the benchmark could check neither
// them nor the scores. Reads DIR/dossiers.jsonl (streamed line by line:
// 13 GB at 10 million) and DIR/procedures.jsonl; writes DIR/ratings.jsonl,
// DIR/feedback.jsonl and DIR/procedures-index.jsonl (the procedures again,
// each with a "publication") in the line formats `motcua import
// ratings|feedback|procedures` read (src/app/index_import.c). Each file is
// written under a temporary name and renamed when complete.
//
//   node bench/index_inputs.mjs rules RULES DAY OUT
//
// writes the scoring rules that the other engines' SQL reads: of the rule
// sets of RULES (data/index-rules.json, the file built into motcua), the
// one in force on DAY (YYYY-MM-DD, the period's last day, as motcua picks
// it), as OUT/index_rules.csv (indicator, grp, points, threshold; points
// in hundredths of a point, thresholds in hundredths of a percent, as
// src/io/index_rules.c stores them) and OUT/index_rule_set.csv (name,
// undefined_full, feedback_days).
//
// Every choice is a function of the dossier's or procedure's code (FNV-1a
// hashes), never of a random generator or the order of the lines, so a
// size's files are the same on every machine and every run:
//   ratings     a third of the returned dossiers (status 10), rated 0-3
//               days after the return: 78% satisfied, 12% neutral, 10%
//               dissatisfied; one rated dossier in 40 is rated again two
//               days later, dissatisfied (a dossier complained about twice
//               counts once)
//   feedback    one accepted dossier in 12 draws an item 0-20 days after
//               its acceptance, addressed to its unit, naming the dossier
//               in 60% of cases; 75% answered within 10 days (some at
//               exactly 10 days, the limit), 15% later, 10% never
//   publication every procedure decided on a day from 2022-07-01 to
//               2026-11-30 (some after the benchmark's month), in effect
//               0-45 days later (15% without an effective day); 80%
//               publicized by then, 12% later, 8% not at all
import { createReadStream, createWriteStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const DAY = 86400;
const TZ = 25200; // Vietnam time, UTC+7

function hash(s, salt) {
	let h = 0x811c9dc5;
	const t = salt + ':' + s;
	for (let i = 0; i < t.length; i++)
		h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
	// a final mix so that the low bits depend on every character
	h ^= h >>> 15;
	h = Math.imul(h, 0x2c1b3c6d);
	h ^= h >>> 12;
	return h >>> 0;
}

// The portal's local yyyyMMddHHmmss to seconds since the epoch, and back.
function portalTime(s) {
	const n = (a, b) => Number(s.slice(a, b));
	return Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14)) / 1000 - TZ;
}
function portal(t) {
	return new Date((t + TZ) * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
function date(day) {
	return new Date(day * DAY * 1000).toISOString().slice(0, 10);
}

// A writer that respects the stream's back-pressure.
function writer(path) {
	const out = createWriteStream(path + '.tmp');
	return {
		async line(s) {
			if (!out.write(s + '\n'))
				await new Promise((r) => out.once('drain', r));
		},
		async close() {
			await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
			renameSync(path + '.tmp', path);
		},
	};
}

const CHANNELS = ['portal', 'kiosk', 'zalo'];

async function rate(d, code, out) {
	if (d.TrangThaiHoSo !== '10' || !d.NgayTra)
		return;
	const h = hash(code, 'rating');
	if (h % 3 !== 0)
		return;
	const at = portalTime(d.NgayTra) + ((h >>> 2) % (3 * DAY));
	const v = (h >>> 8) % 100;
	const rating = v < 78 ? 'satisfied' : v < 90 ? 'neutral' : 'dissatisfied';
	const channel = CHANNELS[(h >>> 16) % CHANNELS.length];
	await out.line(JSON.stringify({ dossier: code, at: portal(at), rating, channel }));
	if ((h >>> 20) % 40 === 0)
		await out.line(JSON.stringify({
			dossier: code, at: portal(at + 2 * DAY), rating: 'dissatisfied', channel,
		}));
}

async function feedback(d, code, out) {
	if (!d.NgayTiepNhan || d.TrangThaiHoSo === '3')
		return;
	const h = hash(code, 'feedback');
	if (h % 12 !== 0)
		return;
	const received = portalTime(d.NgayTiepNhan) + ((h >>> 4) % (20 * DAY));
	const f = { id: 'PA-' + code, unit: d.DonViXuLy };
	if ((h >>> 10) % 10 < 6)
		f.dossier = code;
	f.received_at = portal(received);
	const a = (h >>> 17) % 100, x = h >>> 24; // x: 0-255
	let answered = null;
	if (a < 5)
		answered = received + 10 * DAY; // exactly at the limit: in time
	else if (a < 75)
		answered = received + 3600 + (x * 3371) % (10 * DAY - 3600);
	else if (a < 90)
		answered = received + 10 * DAY + 1 + (x * 5227) % (15 * DAY);
	if (answered !== null) {
		f.answered_at = portal(answered);
		f.outcome = 'answered';
	}
	await out.line(JSON.stringify(f));
}

async function dossiers(dir) {
	const ratings = writer(`${dir}/ratings.jsonl`);
	const fb = writer(`${dir}/feedback.jsonl`);
	const lines = createInterface({
		input: createReadStream(`${dir}/dossiers.jsonl`, { highWaterMark: 1 << 20 }),
		crlfDelay: Infinity,
	});
	for await (const line of lines) {
		if (!line)
			continue;
		const d = JSON.parse(line);
		await rate(d, d.MaHoSo, ratings);
		await feedback(d, d.MaHoSo, fb);
	}
	await ratings.close();
	await fb.close();
}

async function procedures(dir) {
	const out = writer(`${dir}/procedures-index.jsonl`);
	const first = Date.UTC(2022, 6, 1) / 1000 / DAY;
	const span = Date.UTC(2026, 10, 30) / 1000 / DAY - first + 1;
	const text = readFileSync(`${dir}/procedures.jsonl`, 'utf8');
	for (const line of text.split('\n')) {
		if (!line)
			continue;
		const p = JSON.parse(line);
		const h = hash(p.code, 'publication');
		const decided = first + (h % span);
		const pub = { decided: date(decided) };
		let by = decided;
		if ((h >>> 12) % 100 >= 15) {
			by = decided + ((h >>> 8) % 46);
			pub.effective = date(by);
		}
		const k = (h >>> 20) % 100;
		if (k < 80)
			pub.publicized = date(decided + ((h >>> 24) % (by - decided + 1)));
		else if (k < 92)
			pub.publicized = date(by + 1 + ((h >>> 24) % 30));
		p.publication = pub;
		await out.line(JSON.stringify(p));
	}
	await out.close();
}

const csvText = (v) => (/[",\n]/.test(String(v)) ? '"' + String(v).replaceAll('"', '""') + '"' : String(v));
const hundredths = (x) => Math.round(x * 100);

function rules(file, day, out) {
	const doc = JSON.parse(readFileSync(file, 'utf8'));
	// absent fields take src/io/index_rules.c's defaults
	const set = doc.rule_sets.find((s) => s.valid_from <= day && (s.valid_to === null || day <= s.valid_to));
	if (!set)
		throw new Error(`${file}: no rule set in force on ${day}`);
	const lines = ['indicator,grp,points,threshold'];
	for (const [grp, g] of Object.entries(set.groups))
		for (const [ind, r] of Object.entries(g.indicators))
			lines.push([ind, grp, hundredths(r.points), hundredths(r.threshold)].join(','));
	writeFileSync(`${out}/index_rules.csv`, lines.join('\n') + '\n');
	writeFileSync(`${out}/index_rule_set.csv`, 'name,undefined_full,feedback_days\n' +
		[csvText(set.name), (set.undefined ?? 'full') === 'full' ? 1 : 0,
			set.feedback_days ?? 10].join(',') + '\n');
}

const [cmd, ...a] = process.argv.slice(2);
if (cmd === 'derive' && a.length === 1) {
	await procedures(a[0]);
	await dossiers(a[0]);
} else if (cmd === 'rules' && a.length === 3) {
	rules(...a);
} else {
	console.error('usage: node bench/index_inputs.mjs derive DIR | rules RULES DAY OUT');
	process.exit(2);
}
