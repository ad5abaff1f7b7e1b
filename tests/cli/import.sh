#!/bin/sh
# import.sh - importing a history that is not clean: anomalous lines are
# stored as given and counted by kind; unusable lines are refused and,
# without --rejects, leave the database byte for byte as it was.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
d=$here/data

expect_exit 0 "import units" -- "$m" import units "$d/units.jsonl"
expect_exit 0 "import procedures" -- "$m" import procedures "$d/procedures.jsonl"

# a month with six anomalous lines among eight: all go in, warned by kind
expect_exit 0 "anomalous history" -- "$m" import dossiers "$d/history.jsonl"
expect_text "$work/err" "^imported 8 dossiers \(8 new, 0 updated\)" "all lines imported"
expect_text "$work/err" "^warning: 2 appointment before reception \(due_before_received\)$" "appointments counted"
expect_text "$work/err" "^warning: 1 reception before filing \(received_before_submitted\)$" "clock skew counted"
expect_text "$work/err" "^warning: 1 missing due date \(due_missing\)$" "missing due counted"
expect_text "$work/err" "^warning: 1 finish before reception \(finished_before_received\)$" "early finish counted"
expect_text "$work/err" "^warning: 1 result returned before finish \(returned_before_finished\)$" "early return counted"
expect_text "$work/err" "^6 dossiers stored with anomalies" "dossiers counted"
[ "$(grep -c '^warning:' "$work/err")" -eq 5 ] && ok || fail "five kinds of warning: $(cat "$work/err")"

# unusable: a day that does not exist, ending a day before reception;
# the whole file is refused and nothing changes
before=$(db_digest)
sed 's/H56-CU-/H56-BAD-/; 3s/"NgayKetThucXuLy":"20240607100000"/"NgayKetThucXuLy":"20240602100000"/' \
	"$d/history.jsonl" >"$work/bad.jsonl"
expect_exit 2 "end before reception day" -- "$m" import dossiers "$work/bad.jsonl"
expect_text "$work/err" "^motcua: line 3: NgayKetThucXuLy: is on an earlier day than NgayTiepNhan" "line, field and reason"
[ "$(db_digest)" = "$before" ] && ok || fail "refused file changed the database"

# a procedure's levels by the names the unit format uses, or numbers
sed 's/"levels":\[1,3\]/"levels":["province","commune"]/' "$d/procedures-index.jsonl" >"$work/named.jsonl"
grep -q '"levels":\["province","commune"\]' "$work/named.jsonl" && ok || fail "levels not renamed in the test data"
expect_exit 0 "levels by name" -- "$m" import procedures "$work/named.jsonl"
expect_exit 0 "export procedures" -- "$m" export procedures --out "$work/procs.jsonl"
expect_text "$work/procs.jsonl" '"code":"1.000001".*"levels":\[1,3\]' "named levels stored as 1 and 3"
sed 's/"levels":\[1,3\]/"levels":[2,"district"]/' "$d/procedures-index.jsonl" >"$work/mixed.jsonl"
expect_exit 0 "levels mixed" -- "$m" import procedures "$work/mixed.jsonl"
expect_exit 0 "export procedures" -- "$m" export procedures --out "$work/procs.jsonl"
expect_text "$work/procs.jsonl" '"code":"1.000001".*"levels":\[2\]' "a level named twice is one offer"
before=$(db_digest)
sed 's/"levels":\[1,3\]/"levels":["province","town"]/' "$d/procedures-index.jsonl" >"$work/town.jsonl"
expect_exit 2 "unknown level name" -- "$m" import procedures "$work/town.jsonl"
expect_text "$work/err" 'levels: must list levels 1-3 or province, district, commune' "field and reason"
[ "$(db_digest)" = "$before" ] && ok || fail "refused levels changed the database"

finish import.sh
