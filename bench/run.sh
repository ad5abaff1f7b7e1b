#!/bin/sh
# run.sh - `make bench`: measured figures for motcua, written to
# bench/RESULTS.md. Timings are medians of BENCH_RUNS runs; nothing here
# asserts a time.
#
#   BENCH_SIZE   dossiers in the generated dataset (default 200000)
#   BENCH_RUNS   runs per measurement (default 5)
set -eu
cd "$(dirname "$0")/.."
size=${BENCH_SIZE:-200000}
runs=${BENCH_RUNS:-5}
bin=build/release/motcua
dir=bench/data/$size
mkdir -p "$dir"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# The dataset: the demo province with $size dossiers, exported once.
if [ ! -f "$dir/dossiers.jsonl" ]; then
	rm -f "$dir/demo.db"*
	"$bin" demo --db "$dir/demo.db" --dossiers "$size" --until 2026-11-20 2>/dev/null
	"$bin" export units --db "$dir/demo.db" --out "$dir/units.jsonl" 2>/dev/null
	"$bin" export procedures --db "$dir/demo.db" --out "$dir/procedures.jsonl" 2>/dev/null
	"$bin" export dossiers --db "$dir/demo.db" --out "$dir/dossiers.jsonl" 2>/dev/null
fi
lines=$(wc -l <"$dir/dossiers.jsonl")
bytes=$(wc -c <"$dir/dossiers.jsonl")

# Import into a fresh database, timing the dossier file alone.
import_once() {
	db=$dir/import.db
	rm -f "$db" "$db-wal" "$db-shm"
	"$bin" import units "$dir/units.jsonl" --db "$db" 2>/dev/null
	"$bin" import procedures "$dir/procedures.jsonl" --db "$db" 2>/dev/null
	t0=$(now)
	/usr/bin/time -f "%M" -o "$dir/rss" "$bin" import dossiers "$dir/dossiers.jsonl" --db "$db" 2>/dev/null
	t1=$(now)
	echo "$t0 $t1 $(cat "$dir/rss")"
}
: >"$dir/import.times"
i=0
while [ $i -lt "$runs" ]; do
	import_once >>"$dir/import.times"
	i=$((i + 1))
done
imp=$(awk '{print $2-$1}' "$dir/import.times" | median)
imp_rss=$(awk '{print $3}' "$dir/import.times" | median)
rate=$(awk -v n="$lines" -v t="$imp" 'BEGIN {printf "%.0f", n / t}')

# time_median NAME COMMAND...: median wall time in ms of $runs runs, and
# the median peak RSS in KiB, into $dir/NAME.ms and $dir/NAME.rss.
time_median() {
	name=$1
	shift
	: >"$dir/$name.times"
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now)
		/usr/bin/time -f "%M" -o "$dir/rss" "$@" >"$dir/$name.out"
		t1=$(now)
		echo "$t0 $t1 $(cat "$dir/rss")" >>"$dir/$name.times"
		i=$((i + 1))
	done
	awk '{printf "%.2f\n", ($2-$1)*1000}' "$dir/$name.times" | median >"$dir/$name.ms"
	awk '{print $3}' "$dir/$name.times" | median >"$dir/$name.rss"
}

db=$dir/import.db
month=month:2026-10
from=$(($(date -u -d 2026-09-15 +%s) / 86400))
to=$(($(date -u -d 2026-10-14 +%s) / 86400))
time_median fast "$bin" report --db "$db" --period $month --format csv
time_median scan "$bin" report --db "$db" --period $month --format csv --scan
time_median sql sqlite3 -csv -cmd ".parameter set @from $from" \
	-cmd ".parameter set @to $to" "$db" ".read bench/sql/report_by_unit.sql"
time_median level "$bin" report --db "$db" --period $month --by level --format csv
time_median field "$bin" report --db "$db" --period quarter:2026Q3 --by field --format csv

# The same numbers three ways, or the benchmark fails: rows as key and
# counts, all-zero rows dropped (plain SQL has no row for an idle unit).
counts() { tail -n +2 | grep -v ',"Tổng cộng",' | cut -d, -f1,3- | tr -d '"' | awk -F, '{z=1; for (i=2;i<NF;i++) if ($i!=0) z=0} !z' | sort; }
counts <"$dir/fast.out" >"$dir/fast.cmp"
counts <"$dir/scan.out" >"$dir/scan.cmp"
sort "$dir/sql.out" >"$dir/sql.cmp"
if ! cmp -s "$dir/fast.cmp" "$dir/sql.cmp" || ! cmp -s "$dir/fast.cmp" "$dir/scan.cmp"; then
	echo "bench: motcua, its scan and plain SQL disagree:" >&2
	diff "$dir/fast.cmp" "$dir/sql.cmp" >&2 | head -n 20
	exit 1
fi
rows=$(wc -l <"$dir/fast.cmp")

# The engine alone, in-process, as the server runs it: median and slowest
# of 51 runs in microseconds.
engine() { build/release/bench/report_bench "$db" "$1" "$2" 51; }
set -- $(engine $month unit); eng_unit=$1 eng_unit_max=$2
set -- $(engine $month level); eng_level=$1
set -- $(engine quarter:2026Q3 field); eng_field=$1
set -- $(engine $month procedure); eng_proc=$1
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", a / b}'; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
cat >bench/RESULTS.md <<MD
# Benchmark results

Machine: $(nproc) cores, $cpu, $(free -g | awk '/Mem:/ {print $2}') GiB;
$(. /etc/os-release && echo "$PRETTY_NAME"); SQLite $(sqlite3 --version | cut -d' ' -f1).
Command: \`BENCH_SIZE=$size BENCH_RUNS=$runs make bench\` ($(date -u +%Y-%m-%d)).
Dataset: the demo province (\`motcua demo --dossiers $size\`), exported as
$lines portal JSON lines, $((bytes / lines)) bytes a line on average.

| work | median of $runs | rate | peak RSS |
|---|---|---|---|
| import dossiers into a fresh database (one transaction, parse and store on 2 threads) | $imp s | $rate dossiers/s | $((imp_rss / 1024)) MiB |

Form II.06a for one month ($month) by unit, whole province ($rows rows with figures).
Each engine's answer is compared number by number; they agree.

| engine | median of $runs | ratio to motcua | peak RSS |
|---|---|---|---|
| motcua report (aggregates) | $(cat "$dir/fast.ms") ms | 1 | $(($(cat "$dir/fast.rss") / 1024)) MiB |
| motcua report --scan (reads every dossier) | $(cat "$dir/scan.ms") ms | $(ratio "$(cat "$dir/scan.ms")" "$(cat "$dir/fast.ms")") | $(($(cat "$dir/scan.rss") / 1024)) MiB |
| plain SQL in SQLite (bench/sql/report_by_unit.sql) | $(cat "$dir/sql.ms") ms | $(ratio "$(cat "$dir/sql.ms")" "$(cat "$dir/fast.ms")") | $(($(cat "$dir/sql.rss") / 1024)) MiB |

The engine alone (in-process, database open, median of 51 runs): by unit
$eng_unit µs (slowest $eng_unit_max µs); by level $eng_level µs; by field for a
quarter $eng_field µs; by procedure $eng_proc µs.

Other reports from the aggregates as whole processes: by level for $month $(cat "$dir/level.ms") ms;
by field for quarter:2026Q3 $(cat "$dir/field.ms") ms. Times are whole
processes (start, open the database, answer, exit).

Goals: import at least 100,000 dossiers/s (issue 2); a report over 1
million dossiers under 2 ms and over 10 million under 20 ms (issue 3).
MD
cat bench/RESULTS.md
