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

finish import.sh
