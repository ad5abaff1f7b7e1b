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

# --rejects: every valid line goes in, each refused one is written out
good=$(sed -n 1p "$d/history.jsonl")
{
	echo "$good" | sed 's/H56-CU-240603-0001/H56-RJ-1/'
	echo '{"MaHoSo":"H56-RJ-2",'
	echo "$good" | sed 's/H56-CU-240603-0001/H56-RJ-3/; s/"NgayHenTra":"20240610170000"/"NgayHenTra":"20240631170000"/'
	echo
	echo "$good" | sed 's/H56-CU-240603-0001/H56-RJ-4/; s/000.00.06.H56/000.00.99.H56/'
	echo "$good" | sed 's/H56-CU-240603-0001/H56-RJ-5/; s/"NgayKetThucXuLy":"20240607100000",//'
	echo "$good" | sed 's/H56-CU-240603-0001/H56-RJ-6/; s/"NgayHenTra":"20240610170000"/"NgayHenTra":"20240603080000"/'
	printf '{"MaHoSo":"\342\202"}\n'
} >"$work/mixed.jsonl"
before=$(db_digest)
expect_exit 2 "mixed file without --rejects" -- "$m" import dossiers "$work/mixed.jsonl"
expect_text "$work/err" "^motcua: line 2: invalid JSON" "first bad line named"
[ "$(db_digest)" = "$before" ] && ok || fail "all-or-nothing file changed the database"
expect_exit 0 "mixed file with --rejects" -- "$m" import dossiers "$work/mixed.jsonl" --rejects "$work/rejects.jsonl"
expect_text "$work/err" "^imported 2 dossiers \(2 new, 0 updated\), refused 5 lines \(in $work/rejects.jsonl\)" "counts printed"
expect_text "$work/err" "^warning: 1 appointment before reception" "warnings printed with --rejects"
[ "$(wc -l <"$work/rejects.jsonl")" -eq 5 ] && ok || fail "five rejects: $(cat "$work/rejects.jsonl")"
# the exact lines: number, field, reason, and the text as it came (bytes
# that are not UTF-8 replaced by U+FFFD, as a decoder does)
cat >"$work/check.py" <<'PY'
import json, sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
want = [
    (2, "", "invalid JSON at byte 23: unexpected end of input"),
    (3, "NgayHenTra", '"20240631170000" is not a valid time (yyyyMMddHHmmss)'),
    (5, "DonViXuLy", 'unit "000.00.99.H56" is not known (import the units first)'),
    (6, "NgayKetThucXuLy", "a dossier in status 10 must have an end time"),
    (8, "", "invalid JSON at byte 12: invalid UTF-8"),
]
got = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
bad = 0
for g, (n, field, reason) in zip(got, want):
    text = lines[n - 1].decode('utf-8', 'replace')
    exp = {"line": n, "field": field, "reason": reason, "text": text}
    if g != exp or list(g) != ["line", "field", "reason", "text"]:
        print("reject", g, "expected", exp)
        bad += 1
sys.exit(1 if bad or len(got) != len(want) else 0)
PY
python3 "$work/check.py" "$work/mixed.jsonl" "$work/rejects.jsonl" && ok || fail "rejects not as expected"
expect_exit 0 "imported line kept" -- "$m" dossier show --code H56-RJ-1
expect_exit 2 "refused line not kept" -- "$m" dossier show --code H56-RJ-3

# nothing valid: exit 2 and the database as it was
before=$(db_digest)
sed -n '2,6p' "$work/mixed.jsonl" >"$work/allbad.jsonl"
expect_exit 2 "no valid line" -- "$m" import dossiers "$work/allbad.jsonl" --rejects "$work/rejects2.jsonl"
expect_text "$work/err" "imported 0 dossiers \(0 new, 0 updated\), refused 4 lines" "counts printed"
expect_text "$work/err" "^motcua: no line was imported" "none imported"
[ "$(wc -l <"$work/rejects2.jsonl")" -eq 4 ] && ok || fail "four rejects"
[ "$(db_digest)" = "$before" ] && ok || fail "a file of refused lines changed the database"
expect_exit 2 "--rejects for units" -- "$m" import units "$d/units.jsonl" --rejects "$work/r.jsonl"

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
