#!/bin/sh
# run.sh - `make bench`: the same work done four ways on the same data -
# motcua, plain SQL on SQLite, PostgreSQL 15 and DuckDB - each answer
# compared with motcua's number by number (a mismatch fails the run), the
# medians written to bench/results/SIZE.md and gathered into
# bench/RESULTS.md. Nothing here asserts a time. See docs/internals/bench.md.
#
#   BENCH_SIZE   dossiers in the generated dataset (default 1000000)
#   BENCH_RUNS   runs per measurement (default 5)
#   BENCH_RESUME set: go on from a run that stopped (disk full, killed):
#                the loads and reports it finished are kept, not redone
#                (PostgreSQL, whose server is temporary, is loaded again,
#                untimed); the measurements it had not finished are taken
set -eu
cd "$(dirname "$0")/.."
size=${BENCH_SIZE:-1000000}
runs=${BENCH_RUNS:-5}
bin=build/release/motcua
bb=build/release/bench
dir=bench/data/$size
csv=$dir/csv
mkdir -p "$dir" "$csv" bench/results
log() { echo "bench: $*" >&2; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {r = a / b; printf (r >= 10 ? "%.0f" : "%.1f"), r}'; }
ms() { awk -v u="$1" 'BEGIN {printf (u >= 100000 ? "%.0f" : u >= 1000 ? "%.1f" : "%.2f"), u / 1000}'; }
mib() { echo $(($1 / 1024)); }
now() { date +%s.%N; }

# ---- the dataset ------------------------------------------------------
# The demo province at bench scale: 1 province, 16 departments, 30
# districts of 32 communes (1,007 units), three years to 2026-11-20,
# exported in the national portal's format.
month=month:2026-10
quarter=quarter:2026Q3
day() { echo $(($(date -u -d "$1" +%s) / 86400)); }
m_from=$(day 2026-09-15) m_to=$(day 2026-10-14)
i_last=2026-10-31 # the index: calendar month
i_from=$(day 2026-10-01) i_to=$(day $i_last)
q_from=$(day 2026-06-15) q_to=$(day 2026-09-14)
if [ ! -f "$dir/dossiers.jsonl" ]; then
	log "generating $size dossiers"
	rm -f "$dir/demo.db"* "$dir/ratings.jsonl" "$dir/feedback.jsonl" \
		"$dir/procedures-index.jsonl"
	t0=$(now)
	# the pre-2025 shape (districts, old departments) of the published
	# results, so that runs stay comparable
	"$bin" demo --db "$dir/demo.db" --dossiers "$size" --until 2026-11-20 \
		--districts 30 --communes 32 --years 3 --seed 1 \
		--no-reorganisation 2>"$dir/demo.log"
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", b - a}' >"$dir/demo.s"
	for t in units procedures dossiers; do
		"$bin" export $t --db "$dir/demo.db" --out "$dir/$t.jsonl" 2>/dev/null
	done
	rm -f "$dir/demo.db"*
fi
# The service index's inputs that the demo does not make - citizens'
# ratings, feedback, procedures' publication dates - derived from the
# exported lines alone, deterministically, once per dataset.
if [ ! -f "$dir/ratings.jsonl" ] || [ ! -f "$dir/feedback.jsonl" ] ||
	[ ! -f "$dir/procedures-index.jsonl" ]; then
	log "deriving ratings, feedback and publication dates"
	node bench/index_inputs.mjs derive "$dir"
fi
# DuckDB is the npm package pinned in bench/duckdb, installed before
# anything long runs. `npm install` with the lock file, not `npm ci`: the
# lock lists only the platform bindings the registry serves here, which
# `npm ci` refuses as out of step with the package's optional ones.
if [ ! -d bench/duckdb/node_modules/@duckdb/node-api ]; then
	(cd bench/duckdb && npm install --no-audit --no-fund --no-save >/dev/null)
fi
lines=$(wc -l <"$dir/dossiers.jsonl")
bytes=$(wc -c <"$dir/dossiers.jsonl")
units=$(wc -l <"$dir/units.jsonl")

# timed NAME COMMAND...: wall seconds and peak RSS (KiB) of one run,
# appended to $dir/NAME.times; the output to $dir/NAME.out.
timed() {
	tn=$1
	shift
	t0=$(now)
	/usr/bin/time -f "%M" -o "$dir/rss" "$@" >"$dir/$tn.out"
	t1=$(now)
	echo "$t0 $t1 $(cat "$dir/rss")" >>"$dir/$tn.times"
}
wall() { awk '{print $2-$1}' "$dir/$1.times" | median; }
peak() { awk '{print $3}' "$dir/$1.times" | sort -n | tail -n 1; }

# ---- resuming ---------------------------------------------------------
# A stage finished leaves $dir/stage.NAME; a fresh run removes them all.
[ -n "${BENCH_RESUME:-}" ] || rm -f "$dir"/stage.*
stage() { [ -z "${BENCH_RESUME:-}" ] || [ ! -f "$dir/stage.$1" ]; }
stage_done() { : >"$dir/stage.$1"; }

# ---- import -----------------------------------------------------------
# motcua: the portal JSON lines through `motcua import` (parse, check,
# store, aggregates; one transaction). The last database stays for the
# reports.
db=$dir/import.db
if stage import.motcua; then
	: >"$dir/imp_motcua.times"
	i=0
	while [ $i -lt "$runs" ]; do
		log "motcua import $((i + 1))/$runs"
		rm -f "$db" "$db-wal" "$db-shm"
		"$bin" import units "$dir/units.jsonl" --db "$db" 2>/dev/null
		"$bin" import procedures "$dir/procedures.jsonl" --db "$db" 2>/dev/null
		timed imp_motcua "$bin" import dossiers "$dir/dossiers.jsonl" --db "$db"
		i=$((i + 1))
	done
	# The index's other inputs, into the last database after the timed
	# part: the procedures again with their publication dates, ratings,
	# feedback.
	"$bin" import procedures "$dir/procedures-index.jsonl" --db "$db"
	"$bin" import ratings "$dir/ratings.jsonl" --db "$db"
	"$bin" import feedback "$dir/feedback.jsonl" --db "$db"
	stage_done import.motcua
fi

# The other engines load the very rows motcua stored, as CSV (with the
# index's tables, which may be empty: the header is written whatever the
# rows), and the scoring rules in force on the index month's last day,
# from the rules file built into motcua.
table() { # table NAME COLUMNS: motcua's table NAME as $csv/NAME.csv
	{
		echo "$2" | tr -d ' '
		sqlite3 -csv "$db" "SELECT $2 FROM $1"
	} >"$csv/$1.csv"
}
if stage csv; then
	for t in units procedures dossiers; do
		sqlite3 -csv -header "$db" "SELECT * FROM $t" >"$csv/$t.csv"
	done
	table procedure_offers "procedure_code, unit_code, level"
	table ratings "dossier_code, at, rating, channel"
	table feedback "id, unit_code, dossier_code, received_at, answered_at, outcome"
	table procedure_publication "procedure_code, decided, effective, publicized"
	node bench/index_inputs.mjs rules data/index-rules.json "$i_last" "$csv"
	stage_done csv
fi
index_tables="ratings feedback procedure_publication index_rules index_rule_set"
csv_rows=$(($(wc -l <"$csv/dossiers.csv") - 1))

# SQLite: the CSV into a plain table with the code indexed.
plain=$dir/plain.db
stage import.sqlite && : >"$dir/imp_sqlite.times"
i=0
stage import.sqlite || i=$runs
while [ $i -lt "$runs" ]; do
	log "sqlite load $((i + 1))/$runs"
	rm -f "$plain"
	sqlite3 "$plain" <bench/sql/schema.sql
	for t in units procedures procedure_offers $index_tables; do
		sqlite3 "$plain" ".import --csv --skip 1 $csv/$t.csv $t"
	done
	timed imp_sqlite sqlite3 "$plain" "PRAGMA journal_mode=WAL" \
		".import --csv --skip 1 $csv/dossiers.csv dossiers" \
		"CREATE UNIQUE INDEX dossiers_code ON dossiers(code)"
	i=$((i + 1))
done
# sqlite3 .import keeps an empty field as '' rather than NULL
stage import.sqlite && sqlite3 "$plain" "UPDATE dossiers SET received_at = NULLIF(received_at, ''),
	finished_at = NULLIF(finished_at, ''), due_at = NULLIF(due_at, '');
	UPDATE units SET parent = NULLIF(parent, ''), valid_from = NULLIF(valid_from, ''),
		valid_to = NULLIF(valid_to, '');
	UPDATE ratings SET channel = NULLIF(channel, '');
	UPDATE feedback SET dossier_code = NULLIF(dossier_code, ''),
		answered_at = NULLIF(answered_at, ''), outcome = NULLIF(outcome, '');
	UPDATE procedure_publication SET effective = NULLIF(effective, ''),
		publicized = NULLIF(publicized, '')"
stage_done import.sqlite

# PostgreSQL: Debian's server on a private socket in a temporary
# directory, stopped on exit. Durability is off, as for a bulk load.
pgbin=/usr/lib/postgresql/15/bin
pgtmp=$(mktemp -d /tmp/motcua-bench-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgtmp"
pg_stop() {
	as_pg "$pgbin/pg_ctl" -D "$pgtmp/data" -m fast stop >/dev/null 2>&1 || true
	rm -rf "$pgtmp"
}
trap pg_stop EXIT INT TERM
# the server is started only when something still asks it
pg_wanted() {
	for s in import.pg report.unit report.level report.field index lookup; do
		stage $s && return 0
	done
	return 1
}
psql="psql -X -q -v ON_ERROR_STOP=1 -h $pgtmp -U postgres -d postgres"
pg() { $psql "$@"; }
if pg_wanted; then
as_pg "$pgbin/initdb" -D "$pgtmp/data" -A trust -U postgres -E UTF8 \
	--locale=C.UTF-8 >/dev/null
pgopt="-k $pgtmp -c listen_addresses= -c shared_buffers=2GB -c work_mem=256MB"
pgopt="$pgopt -c maintenance_work_mem=1GB -c fsync=off -c synchronous_commit=off"
pgopt="$pgopt -c full_page_writes=off -c max_wal_size=16GB"
as_pg "$pgbin/pg_ctl" -D "$pgtmp/data" -l "$pgtmp/log" -w -o "$pgopt" start >/dev/null
pg_load() { # the tables, then $@ around the dossiers' load
	pg -c "DROP TABLE IF EXISTS units, procedures, procedure_offers, dossiers,
		ratings, feedback, procedure_publication, index_rules, index_rule_set" 2>/dev/null
	pg -f bench/sql/schema.sql
	for t in units procedures procedure_offers $index_tables; do
		pg -c "\\copy $t FROM '$csv/$t.csv' CSV HEADER"
	done
	"$@" $psql -c "\\copy dossiers FROM '$csv/dossiers.csv' CSV HEADER" \
		-c "CREATE UNIQUE INDEX dossiers_code ON dossiers(code)" \
		-c "VACUUM ANALYZE dossiers"
}
if stage import.pg; then
	: >"$dir/imp_pg.times"
	i=0
	while [ $i -lt "$runs" ]; do
		log "postgres load $((i + 1))/$runs"
		pg_load timed imp_pg
		i=$((i + 1))
	done
	stage_done import.pg
else
	log "postgres load (resuming: untimed)"
	pg_load env
fi
for t in units procedures procedure_offers $index_tables; do
	pg -c "VACUUM ANALYZE $t"
done
fi

# DuckDB: the npm package (installed at the start)
duck=$dir/bench.duckdb
duckdb="node bench/duckdb/bench.mjs"
stage import.duckdb && : >"$dir/imp_duckdb.secs" && : >"$dir/imp_duckdb.times"
i=0
stage import.duckdb || i=$runs
while [ $i -lt "$runs" ]; do
	log "duckdb load $((i + 1))/$runs"
	rm -f "$duck" "$duck.wal"
	timed imp_duckdb $duckdb load "$duck" bench/sql/schema.sql "$csv"
	cat "$dir/imp_duckdb.out" >>"$dir/imp_duckdb.secs"
	i=$((i + 1))
done

stage_done import.duckdb

# ---- the reports ------------------------------------------------------
# Rows as key and counts, all-zero rows dropped (plain SQL has no row for
# an idle unit), sorted; motcua's CSV (the dialect of docs/internals/csv.md:
# ';' between fields, decimal commas, CRLF) loses its names and total line
# and is written back with ',' between fields and '.' in decimals.
norm() { awk -F, '{z=1; for (i=2;i<NF;i++) if ($i!=0) z=0} !z' | sort; }
norm_motcua() {
	tr -d '\r' | tail -n +2 | grep -v ';"Tổng cộng";' |
		sed -E 's/^("[^"]*");"([^"]|"")*";/\1;/' | tr -d '"' |
		tr ',;' '.,' | norm
}
same() { # same NAME ENGINE: $dir/NAME.ENGINE.cmp equals motcua's
	if ! cmp -s "$dir/$1.motcua.cmp" "$dir/$1.$2.cmp"; then
		log "$1: $2 disagrees with motcua:"
		diff "$dir/$1.motcua.cmp" "$dir/$1.$2.cmp" | head -n 20 >&2
		exit 1
	fi
}

# report NAME PERIOD BY FROM TO: every engine's median in µs into
# $dir/NAME.ENGINE.us, peak RSS in KiB into $dir/NAME.ENGINE.rss.
report() {
	name=$1 period=$2 by=$3 from=$4 to=$5
	stage "report.$name" || { log "report $name: done before"; return 0; }
	log "report $name"
	# motcua in-process (as the server runs it) and as a whole process
	set -- $($bb/report_bench "$db" "$period" "$by" 51)
	echo "$1" >"$dir/$name.motcua.us"
	echo "$2" >"$dir/$name.motcua.max"
	: >"$dir/$name.proc.times"
	i=0
	while [ $i -lt "$runs" ]; do
		timed "$name.proc" "$bin" report --db "$db" --period "$period" \
			--by "$by" --format csv
		i=$((i + 1))
	done
	norm_motcua <"$dir/$name.proc.out" >"$dir/$name.motcua.cmp"
	echo "$(wall "$name.proc")" >"$dir/$name.proc.s"
	peak "$name.proc" >"$dir/$name.motcua.rss"
	engines "$name" "report_by_$by" "$from" "$to"
	for e in sqlite pg duckdb; do
		norm <"$dir/$name.$e.csv" >"$dir/$name.$e.cmp"
		same "$name" $e
	done
	stage_done "report.$name"
}

# engines NAME SQL FROM TO: bench/sql/SQL.sql and its PostgreSQL and
# DuckDB versions, each timed in-process (one warm-up, $runs runs): the
# median in µs into $dir/NAME.ENGINE.us, peak RSS in KiB into
# $dir/NAME.ENGINE.rss, the answer as CSV lines into $dir/NAME.ENGINE.csv.
engines() {
	name=$1 sql=$2 from=$3 to=$4
	# plain SQL on SQLite, in-process
	: >"$dir/$name.sqlite.times"
	timed "$name.sqlite" $bb/sqlite_bench query "$plain" \
		"bench/sql/$sql.sql" "$from" "$to" "$runs" "$dir/$name.sqlite.csv"
	cut -d' ' -f1 "$dir/$name.sqlite.out" >"$dir/$name.sqlite.us"
	peak "$name.sqlite" >"$dir/$name.sqlite.rss"
	# PostgreSQL: one session, one warm-up, $runs timed runs; the
	# backend's own peak RSS (VmHWM) read from /proc by the server
	{
		printf '%s\n' "\\set from $from"
		printf '%s\n' "\\set to $to"
		printf '%s\n' "\\pset format unaligned"
		printf '%s\n' "\\pset fieldsep ,"
		printf '%s\n' "\\pset tuples_only on"
		printf '%s\n' "\\o $dir/$name.pg.csv"
		printf '%s\n' "\\i bench/sql/postgres/$sql.sql"
		printf '%s\n' "\\o /dev/null"
		printf '%s\n' "\\timing on"
		i=0
		while [ $i -lt "$runs" ]; do
			printf '%s\n' "\\i bench/sql/postgres/$sql.sql"
			i=$((i + 1))
		done
		printf '%s\n' "\\timing off"
		printf '%s\n' "\\o $dir/$name.pg.rss"
		echo "SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmHWM:\\s+(\\d+)'))[1];"
	} >"$dir/$name.pg.sql"
	pg -f "$dir/$name.pg.sql" | awk '/^Time:/ {print $2 * 1000}' | median >"$dir/$name.pg.us"
	# DuckDB, in-process in node
	: >"$dir/$name.duckdb.times"
	timed "$name.duckdb" $duckdb query "$duck" "bench/sql/duckdb/$sql.sql" \
		"$from" "$to" "$runs" "$dir/$name.duckdb.csv"
	cut -d' ' -f1 "$dir/$name.duckdb.out" >"$dir/$name.duckdb.us"
	peak "$name.duckdb" >"$dir/$name.duckdb.rss"
}
report unit "$month" unit "$m_from" "$m_to"
report level "$month" level "$m_from" "$m_to"
report field "$quarter" field "$q_from" "$q_to"

# ---- the service index ----------------------------------------------
# Every direct child of the province and the province itself for the
# calendar month: every figure `motcua index --format json` prints but
# the targets - each indicator's numerator, denominator and rate, each
# group's score, the total score and the rank (minimum 30 dossiers) - as
# lines "key,name,a,b,c" (rates and scores in hundredths, a null as
# empty), must equal the other engines' (bench/sql/index_by_unit.sql says
# how they compute them).
if stage index; then
	log "service index"
	set -- $($bb/index_bench "$db" "$month" 51)
	index_us=$1 index_max=$2
	echo "$index_us" >"$dir/index.motcua.us"
	echo "$index_max" >"$dir/index.motcua.max"
	: >"$dir/index.proc.times"
	i=0
	while [ $i -lt "$runs" ]; do
		timed index.proc "$bin" index --db "$db" --period "$month" --by unit \
			--min-dossiers 30 --format json
		i=$((i + 1))
	done
	peak index.proc >"$dir/index.motcua.rss"
	node -e '
	const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const h = (x) => (x === null ? "" : Math.round(x * 100)); // printed %.2f
	for (const r of [...t.rows, t.total]) {
		const out = (...a) => console.log([r.key, ...a].join(","));
		for (const [n, i] of Object.entries(r.indicators))
			out(n, i.numerator, i.denominator, h(i.rate));
		for (const [g, v] of Object.entries(r.groups))
			out("groups." + g, h(v.score), "", "");
		out("score", h(r.score), "", "");
		out("rank", r.rank === null ? "" : r.rank, "", "");
	}
	' "$dir/index.proc.out" | sort >"$dir/index.motcua.cmp"
	engines index index_by_unit "$i_from" "$i_to"
	for e in sqlite pg duckdb; do
		sort "$dir/index.$e.csv" >"$dir/index.$e.cmp"
		same index $e
	done
	stage_done index
else
	log "service index: done before"
	index_us=$(cat "$dir/index.motcua.us") index_max=$(cat "$dir/index.motcua.max")
fi
index_rows=$(grep -c ',score,' "$dir/index.motcua.cmp")
index_rows=$((index_rows - 1))
index_figs=$(wc -l <"$dir/index.motcua.cmp")

# ---- single-dossier lookup --------------------------------------------
# 1,000 codes spread over the whole table, in a scrambled order.
lookup_runs=$((runs < 5 ? 5 : runs))
if stage lookup; then
	log "lookup"
	step=$((csv_rows / 1000))
	[ "$step" -ge 1 ] || step=1
	sqlite3 "$plain" "SELECT code FROM dossiers WHERE id % $step = 0
		ORDER BY (id * 7919) % 1000003 LIMIT 1000" >"$dir/codes"
	ncodes=$(wc -l <"$dir/codes")
	$bb/lookup_bench "$db" "$dir/codes" $lookup_runs "$dir/lookup.motcua.csv" >"$dir/lookup.motcua.us"
	$bb/sqlite_bench lookup "$plain" "$dir/codes" $lookup_runs "$dir/lookup.sqlite.csv" >"$dir/lookup.sqlite.us"
	$duckdb lookup "$duck" "$dir/codes" $lookup_runs "$dir/lookup.duckdb.csv" >"$dir/lookup.duckdb.us"
	{ # PostgreSQL: a prepared statement, one pass as warm-up
		echo "PREPARE q(text) AS SELECT * FROM dossiers WHERE code = \$1;"
		printf '%s\n' "\\pset format unaligned"
		printf '%s\n' "\\pset fieldsep ,"
		printf '%s\n' "\\pset tuples_only on"
		printf '%s\n' "\\o /dev/null"
		sed "s/.*/EXECUTE q('&');/" "$dir/codes"
		printf '%s\n' "\\timing on"
		i=0
		while [ $i -lt $lookup_runs ]; do
			sed "s/.*/EXECUTE q('&');/" "$dir/codes"
			i=$((i + 1))
		done
		printf '%s\n' "\\timing off"
		printf '%s\n' "\\o $dir/lookup.pg.csv"
		sed "s/.*/SELECT code, status, received_at, due_at, finished_at FROM dossiers WHERE code = '&';/" "$dir/codes"
	} >"$dir/lookup.pg.sql"
	pg -f "$dir/lookup.pg.sql" | awk -v n="$ncodes" '/^Time:/ {s += $2 * 1000; if (++k % n == 0) {printf "%.1f\n", s / n; s = 0}}' |
		median >"$dir/lookup.pg.us"
	for e in sqlite pg duckdb; do
		sort "$dir/lookup.$e.csv" >"$dir/lookup.$e.cmp"
	done
	sort "$dir/lookup.motcua.csv" >"$dir/lookup.motcua.cmp"
	for e in sqlite pg duckdb; do same lookup $e; done
	stage_done lookup
fi
ncodes=$(wc -l <"$dir/codes")

# ---- the results ------------------------------------------------------
secs() { awk '{printf "%.1f", $1}'; }
imp_m=$(wall imp_motcua | secs)
imp_s=$(wall imp_sqlite | secs)
imp_p=$(wall imp_pg | secs)
imp_d=$(median <"$dir/imp_duckdb.secs" | secs)
rate() { awk -v n="$lines" -v t="$1" 'BEGIN {printf "%.0f", n / t}'; }
row() { # row NAME: the four engines' lines of one report's table
	m=$(cat "$dir/$1.motcua.us")
	echo "| motcua (aggregates, \`report_bench\`) | $(ms "$m") | 1 | $(mib "$(cat "$dir/$1.motcua.rss")") MiB ¹ |"
	echo "| SQLite, plain SQL (\`sqlite_bench\`) | $(ms "$(cat "$dir/$1.sqlite.us")") | $(ratio "$(cat "$dir/$1.sqlite.us")" "$m") | $(mib "$(cat "$dir/$1.sqlite.rss")") MiB |"
	echo "| PostgreSQL 15, plain SQL (psql \\\\timing) | $(ms "$(cat "$dir/$1.pg.us")") | $(ratio "$(cat "$dir/$1.pg.us")" "$m") | $(mib "$(cat "$dir/$1.pg.rss")") MiB ² |"
	echo "| DuckDB $duckver, plain SQL (node) | $(ms "$(cat "$dir/$1.duckdb.us")") | $(ratio "$(cat "$dir/$1.duckdb.us")" "$m") | $(mib "$(cat "$dir/$1.duckdb.rss")") MiB ³ |"
}
rows() { wc -l <"$dir/$1.motcua.cmp"; }
rows_of() { echo $(($(wc -l <"$csv/$1.csv") - 1)); }
duckver=$(sed -n 's/.*"version": "\(.*\)".*/\1/p' bench/duckdb/node_modules/@duckdb/node-api/package.json | head -n 1)
pgver=$(psql --version | awk '{print $3}')
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
lu=$(cat "$dir/lookup.motcua.us")
unit_us=$(cat "$dir/unit.motcua.us")
goal() { awk -v a="$1" -v g="$2" 'BEGIN {print (a <= g) ? "met" : sprintf("missed by %.1fx", a / g)}'; }
goal_min() { awk -v a="$1" -v g="$2" 'BEGIN {print (a >= g) ? "met" : sprintf("missed by %.1fx", g / a)}'; }

cat >"bench/results/$size.md" <<MD
## $lines dossiers

Machine: $(nproc) cores, $cpu, $(free -g | awk '/Mem:/ {print $2}') GiB;
$(. /etc/os-release && echo "$PRETTY_NAME"); SQLite $(sqlite3 --version | cut -d' ' -f1),
PostgreSQL $pgver, DuckDB $duckver (node $(node --version)).
Command: \`BENCH_SIZE=$size BENCH_RUNS=$runs make bench\` ($(date -u +%Y-%m-%d)).
Dataset: \`motcua demo --dossiers $size --until 2026-11-20 --districts 30
--communes 32 --years 3 --seed 1 --no-reorganisation\` ($units units, $(cat "$dir/demo.s" 2>/dev/null || echo '?') s to generate),
exported as $lines portal JSON lines ($((bytes / lines)) bytes a line); the
other engines load the same rows as CSV ($(($(wc -c <"$csv/dossiers.csv") / 1048576)) MiB).

Import, median of $runs:

| engine | what is timed | median | dossiers/s | ratio to motcua | peak RSS |
|---|---|---|---|---|---|
| motcua | \`motcua import dossiers\` of the JSON lines: parse, check, store, report aggregates, one transaction | $imp_m s | $(rate "$imp_m") | 1 | $(mib "$(peak imp_motcua)") MiB |
| SQLite | \`.import\` of the CSV, unique index on the code | $imp_s s | $(rate "$imp_s") | $(ratio "$imp_s" "$imp_m") | $(mib "$(peak imp_sqlite)") MiB |
| PostgreSQL | \`\\copy\` of the CSV, unique index on the code, VACUUM ANALYZE (fsync off) | $imp_p s | $(rate "$imp_p") | $(ratio "$imp_p" "$imp_m") | client only |
| DuckDB | COPY of the CSV, unique index on the code, CHECKPOINT | $imp_d s | $(rate "$imp_d") | $(ratio "$imp_d" "$imp_m") | $(mib "$(peak imp_duckdb)") MiB |

Each report below is asked in-process with the database open and warm
(one warm-up, then the median of $runs; motcua of 51). Every engine's
answer equals motcua's, number by number.

Form II.06a, $month by unit, whole province ($(rows unit) lines with figures):

| engine | median ms | ratio to motcua | peak RSS |
|---|---|---|---|
$(row unit)

Form II.06a, $month by level ($(rows level) lines):

| engine | median ms | ratio to motcua | peak RSS |
|---|---|---|---|
$(row level)

Form II.06a, $quarter by field ($(rows field) lines):

| engine | median ms | ratio to motcua | peak RSS |
|---|---|---|---|
$(row field)

Single-dossier lookup by code ($ncodes codes spread over the table, whole
row read; median of $lookup_runs passes, µs per lookup; every engine
returns the same status and times):

| engine | µs per lookup | ratio to motcua |
|---|---|---|
| motcua \`store_dossier_get\` (whole dossier decoded) | $lu | 1 |
| SQLite \`SELECT * ... WHERE code = ?\` (prepared) | $(cat "$dir/lookup.sqlite.us") | $(ratio "$(cat "$dir/lookup.sqlite.us")" "$lu") |
| PostgreSQL \`EXECUTE\` of a prepared statement over the socket | $(cat "$dir/lookup.pg.us") | $(ratio "$(cat "$dir/lookup.pg.us")" "$lu") |
| DuckDB prepared statement (node) | $(cat "$dir/lookup.duckdb.us") | $(ratio "$(cat "$dir/lookup.duckdb.us")" "$lu") |

Service index for $month (calendar month), every direct child of the
province and the province itself ($index_rows lines and the total), with
the derived ratings, feedback and publication dates
(\`bench/index_inputs.mjs\`: $(rows_of ratings) ratings, $(rows_of feedback)
feedback items, $(rows_of procedure_publication) procedures with a decision):
every engine computes the twelve indicators (numerator, denominator,
rate), the six group scores, the total and the rank under the rules in
force on $i_last, and all $index_figs lines of figures equal motcua's:

| engine | median ms | ratio to motcua | peak RSS |
|---|---|---|---|
| motcua (aggregates, \`index_bench\`) | $(ms "$index_us") | 1 | $(mib "$(cat "$dir/index.motcua.rss")") MiB ¹ |
| SQLite, plain SQL (\`sqlite_bench\`) | $(ms "$(cat "$dir/index.sqlite.us")") | $(ratio "$(cat "$dir/index.sqlite.us")" "$index_us") | $(mib "$(cat "$dir/index.sqlite.rss")") MiB |
| PostgreSQL 15, plain SQL (psql \\timing) | $(ms "$(cat "$dir/index.pg.us")") | $(ratio "$(cat "$dir/index.pg.us")" "$index_us") | $(mib "$(cat "$dir/index.pg.rss")") MiB ² |
| DuckDB $duckver, plain SQL (node) | $(ms "$(cat "$dir/index.duckdb.us")") | $(ratio "$(cat "$dir/index.duckdb.us")" "$index_us") | $(mib "$(cat "$dir/index.duckdb.rss")") MiB ³ |

motcua's slowest run $(ms "$index_max") ms; \`motcua index --format json\` as a whole
process $(awk '{print $2-$1}' "$dir/index.proc.times" | median | awk '{printf "%.0f", $1 * 1000}') ms.

Whole processes: \`motcua report\` by unit $(awk '{printf "%.0f", $1 * 1000}' "$dir/unit.proc.s") ms (start, open, answer, exit).

¹ the whole \`motcua report\` (\`motcua index\`) process (/usr/bin/time). ² the server
backend's VmHWM after the runs (shared buffers it touched included).
³ the node process (node itself is about 45 MiB).

Goals (issue 6; stated for 10 million dossiers, shown at this size):
report by unit $(ms "$unit_us") ms against 20 ms: $(goal "$unit_us" 20000);
$(ratio "$(cat "$dir/unit.duckdb.us")" "$unit_us")x faster than DuckDB against 10x: $(goal_min "$(ratio "$(cat "$dir/unit.duckdb.us")" "$unit_us")" 10);
$(ratio "$(cat "$dir/unit.pg.us")" "$unit_us")x faster than PostgreSQL against 100x: $(goal_min "$(ratio "$(cat "$dir/unit.pg.us")" "$unit_us")" 100);
service index $(ms "$index_us") ms against 50 ms: $(goal "$index_us" 50000)
($(ratio "$(cat "$dir/index.duckdb.us")" "$index_us")x faster than DuckDB, $(ratio "$(cat "$dir/index.pg.us")" "$index_us")x than PostgreSQL; no goal);
import $(rate "$imp_m") dossiers/s against 100,000: $(goal_min "$(rate "$imp_m")" 100000);
\`motcua report\` peak RSS $(mib "$(cat "$dir/unit.motcua.rss")") MiB against 256 MiB: $(goal "$(mib "$(cat "$dir/unit.motcua.rss")")" 256).
MD

{
	cat <<'MD'
# Benchmark results

Written by `make bench` (bench/run.sh); one section per dataset size, the
newest run of each. How the figures are taken, what is compared and what
limits them: docs/internals/bench.md. Timings are medians quoted as
ratios; nothing asserts an absolute time.

MD
	for f in $(ls bench/results/*.md | sort -t/ -k3 -n); do
		cat "$f"
		echo
	done
	[ -f bench/ANALYSIS.md ] && cat bench/ANALYSIS.md
} >bench/RESULTS.md
cat "bench/results/$size.md"
