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

# The monthly report (the reference scan over every dossier).
: >"$dir/report.times"
i=0
while [ $i -lt "$runs" ]; do
	t0=$(now)
	/usr/bin/time -f "%M" -o "$dir/rss" "$bin" report --db "$dir/import.db" --period month:2026-10 --format json >/dev/null
	t1=$(now)
	echo "$t0 $t1 $(cat "$dir/rss")" >>"$dir/report.times"
	i=$((i + 1))
done
rep=$(awk '{print ($2-$1)*1000}' "$dir/report.times" | median)
rep_rss=$(awk '{print $3}' "$dir/report.times" | median)

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
| \`motcua report --period month:2026-10\` (scan of every dossier) | $rep ms | | $((rep_rss / 1024)) MiB |

Goals (issue 2): import at least 100,000 dossiers/s on this machine.
MD
cat bench/RESULTS.md
