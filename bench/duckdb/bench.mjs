// bench.mjs - DuckDB's part of `make bench` (bench/run.sh), through the
// npm package @duckdb/node-api (its own library, installed into
// bench/duckdb/node_modules by `npm ci`). Every timing is taken inside
// this process with the database open, like motcua's in-process figures;
// the first run of a query is a warm-up and not counted.
//
//   node bench/duckdb/bench.mjs load DB SCHEMA DIR     tables from DIR/{units,procedures,procedure_offers,dossiers}.csv
//                                         and the service index's ratings, feedback,
//                                         procedure_publication, index_rules, index_rule_set;
//                                         prints the seconds of the dossier load + index
//   node bench/duckdb/bench.mjs query DB SQL FROM TO RUNS OUT
//                                         prints the median and slowest run in µs;
//                                         the answer as CSV lines in OUT
//   node bench/duckdb/bench.mjs lookup DB CODES RUNS OUT
//                                         each code of CODES looked up by a prepared
//                                         statement; prints the median µs per lookup
//                                         and writes code,status,received_at,due_at,
//                                         finished_at lines to OUT
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const now = () => Number(process.hrtime.bigint()) / 1000; // µs
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const cell = (v) => (v === null || v === undefined ? '' : String(v));
const csv = (rows) => rows.map((r) => r.map(cell).join(',')).join('\n') + (rows.length ? '\n' : '');

async function open(db) {
	const instance = await DuckDBInstance.create(db);
	return instance.connect();
}

async function load(db, schema, dir) {
	const c = await open(db);
	await c.run(readFileSync(schema, 'utf8'));
	const copy = (t) => c.run(`COPY ${t} FROM '${dir}/${t}.csv' (FORMAT csv, HEADER)`);
	for (const t of ['units', 'procedures', 'procedure_offers'])
		await copy(t);
	const t0 = now();
	await copy('dossiers');
	await c.run('CREATE UNIQUE INDEX dossiers_code ON dossiers(code)');
	await c.run('CHECKPOINT');
	const secs = (now() - t0) / 1e6;
	// the service index's own tables, after the timed part
	for (const t of ['ratings', 'feedback', 'procedure_publication', 'index_rules', 'index_rule_set'])
		await copy(t);
	await c.run('CHECKPOINT');
	console.log(secs.toFixed(3));
}

async function query(db, file, from, to, runs, out) {
	const c = await open(db);
	const sql = readFileSync(file, 'utf8').replaceAll(':from', from).replaceAll(':to', to);
	const t = [];
	let rows = [];
	for (let i = -1; i < Number(runs); i++) {
		const t0 = now();
		rows = (await c.runAndReadAll(sql)).getRows();
		if (i >= 0) t.push(now() - t0);
	}
	writeFileSync(out, csv(rows));
	console.log(`${median(t).toFixed(0)} ${Math.max(...t).toFixed(0)}`);
}

async function lookup(db, codesFile, runs, out) {
	const c = await open(db);
	const codes = readFileSync(codesFile, 'utf8').split('\n').filter(Boolean);
	const p = await c.prepare('SELECT * FROM dossiers WHERE code = $1');
	const t = [];
	let found = [];
	for (let i = -1; i < Number(runs); i++) {
		const t0 = now();
		found = [];
		for (const code of codes) {
			p.bindVarchar(1, code);
			const r = await p.runAndReadAll();
			const o = r.getRowObjects()[0];
			found.push([o.code, o.status, o.received_at, o.due_at, o.finished_at]);
		}
		if (i >= 0) t.push((now() - t0) / codes.length);
	}
	writeFileSync(out, csv(found));
	console.log(`${median(t).toFixed(1)}`);
}

const [cmd, ...a] = process.argv.slice(2);
const run = { load, query, lookup }[cmd];
if (!run) {
	console.error('usage: node bench.mjs load|query|lookup ...');
	process.exit(2);
}
await run(...a);
