#!/bin/sh
# identity.sh - the reports and the index of two builds of motcua on the
# same dataset, compared byte for byte. Each build imports the same
# exported files into a database of its own (the import is timed), then
# writes every report (periods of every form, every --by, --restated,
# --level, --figures, text, json and csv), the summary and the index (text, json, csv, by
# unit and by level) to files; every pair of files is compared with cmp.
# Prints the import rate of each build, the report_bench medians when the
# bench programs are given, and ends "identity: N files, N differ".
# Nothing here asserts a time. See docs/internals/aggregates.md.
#
#   bench/identity.sh DATA BEFORE AFTER [WORK]
#
# DATA holds units.jsonl, procedures.jsonl and dossiers.jsonl (made by
# `motcua export`, as bench/run.sh does) and, if present, the index's
# inputs procedures-index.jsonl, ratings.jsonl and feedback.jsonl
# (bench/index_inputs.mjs derive). BEFORE and AFTER are build
# directories (build/release of each tree: motcua and bench/report_bench).
# WORK (default DATA/identity) receives a database and the outputs of each.
# With IDENTITY_DEMO=N each build makes its database with `motcua demo`
# (N dossiers, the benchmark's options) instead of importing DATA.
set -eu
[ $# -ge 3 ] || {
	echo "usage: identity.sh DATA BEFORE AFTER [WORK]" >&2
	exit 2
}
data=$1
work=${4:-$data/identity}
mkdir -p "$work"
now() { date +%s.%N; }

# demo NAME BUILD: a fresh database made by the build's demo generator
# with the benchmark's options (IDENTITY_DEMO dossiers), timed.
demo() {
	db=$work/$1.db
	rm -f "$db" "$db-wal" "$db-shm"
	t0=$(now)
	"$2/motcua" demo --db "$db" --dossiers "$IDENTITY_DEMO" \
		--until 2026-11-20 --districts 30 --communes 32 --years 3 \
		--seed 1 --no-reorganisation >/dev/null 2>&1
	t1=$(now)
	awk -v a="$t0" -v b="$t1" -v name="$1" 'BEGIN {
		printf "identity: %s demo in %.1f s\n", name, b - a }'
}

# load NAME BUILD: a fresh database of the dataset, the dossiers timed.
load() {
	if [ -n "${IDENTITY_DEMO:-}" ]; then
		demo "$@"
		return
	fi
	db=$work/$1.db
	bin=$2/motcua
	rm -f "$db" "$db-wal" "$db-shm"
	"$bin" import units "$data/units.jsonl" --db "$db" >/dev/null 2>&1
	"$bin" import procedures "$data/procedures.jsonl" --db "$db" \
		>/dev/null 2>&1
	t0=$(now)
	"$bin" import dossiers "$data/dossiers.jsonl" --db "$db" >/dev/null 2>&1
	t1=$(now)
	n=$(wc -l <"$data/dossiers.jsonl")
	awk -v n="$n" -v a="$t0" -v b="$t1" -v name="$1" 'BEGIN {
		printf "identity: %s imports %d dossiers in %.1f s, %.0f/s\n",
			name, n, b - a, n / (b - a) }'
	for f in procedures-index ratings feedback; do
		[ -f "$data/$f.jsonl" ] || continue
		kind=$f
		[ "$f" = procedures-index ] && kind=procedures
		"$bin" import $kind "$data/$f.jsonl" --db "$db" >/dev/null 2>&1
	done
}

# outputs NAME BUILD: every report and index output into WORK/NAME/.
outputs() {
	db=$work/$1.db
	bin=$2/motcua
	out=$work/$1
	rm -rf "$out"
	mkdir -p "$out"
	for p in month:2026-10 month:2024-01 month:2025-02 quarter:2026Q3 \
		quarter:2024Q4 half:2025H1 nine:2025 year:2024 year:2025; do
		for by in unit level field procedure; do
			for f in text json csv; do
				"$bin" report --db "$db" --period "$p" --by "$by" \
					--format $f >"$out/report.$p.$by.$f" 2>&1 ||
					echo "exit $?" >>"$out/report.$p.$by.$f"
			done
		done
		for f in text json csv; do
			"$bin" report --db "$db" --period "$p" --restated \
				--format $f >"$out/restated.$p.$f" 2>&1 ||
				echo "exit $?" >>"$out/restated.$p.$f"
		done
		for l in district commune; do
			"$bin" report --db "$db" --period "$p" --level $l \
				--format csv >"$out/level.$p.$l.csv" 2>&1 ||
				echo "exit $?" >>"$out/level.$p.$l.csv"
		done
		"$bin" report --db "$db" --period "$p" --figures --format csv \
			>"$out/figures.$p.csv" 2>&1 || echo "exit $?" >>"$out/figures.$p.csv"
		"$bin" summary --db "$db" --period "$p" --format json \
			>"$out/summary.$p.json" 2>&1 || echo "exit $?" >>"$out/summary.$p.json"
	done
	"$bin" report --db "$db" --from 2026-09-15 --to 2026-10-14 --by unit \
		--format csv >"$out/report.range.csv" 2>&1 || echo "exit $?" >>"$out/report.range.csv"
	for p in month:2026-10 month:2025-06 quarter:2026Q3 year:2025; do
		for by in unit level; do
			for f in text json csv; do
				"$bin" index --db "$db" --period "$p" --by "$by" \
					--format $f >"$out/index.$p.$by.$f" 2>&1 ||
					echo "exit $?" >>"$out/index.$p.$by.$f"
			done
		done
	done
}

# bench NAME BUILD: the report_bench medians (microseconds) of the
# benchmark's three reports.
bench() {
	rb=$2/bench/report_bench
	[ -x "$rb" ] || return 0
	db=$work/$1.db
	set -- "$1" month:2026-10 unit month:2026-10 level quarter:2026Q3 field
	name=$1
	shift
	while [ $# -ge 2 ]; do
		echo "identity: $name report_bench $1 $2: $("$rb" "$db" "$1" "$2" 51 | cut -d' ' -f1) us (median of 51)"
		shift 2
	done
}

load before "$2"
load after "$3"
outputs before "$2"
outputs after "$3"
bench before "$2"
bench after "$3"
n=0 bad=0
for f in "$work"/before/*; do
	n=$((n + 1))
	g=$work/after/$(basename "$f")
	if ! cmp -s "$f" "$g"; then
		bad=$((bad + 1))
		echo "identity: differs: $(basename "$f")"
	fi
done
bytes=$(cat "$work"/before/* | wc -c)
echo "identity: $n files ($bytes bytes), $bad differ"
[ "$bad" -eq 0 ]
