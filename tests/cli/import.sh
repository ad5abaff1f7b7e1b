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

# the quality list, in every format, for a period and a subtree
expect_exit 0 "quality" -- "$m" quality
expect_text "$work/out" "^Chất lượng dữ liệu / data quality: 7 dossiers with anomalies, 7 anomalies, all periods" "summary line"
expect_text "$work/out" "^ +3 appointment before reception / Hẹn trả trước thời điểm tiếp nhận \(due_before_received\)$" "count by kind"
expect_text "$work/out" "^H56-CU-240603-0003	000.00.06.H56	due_before_received	NgayTiepNhan=2024-06-03 08:10; NgayHenTra=2024-06-03 07:59$" "one line per dossier and kind"
expect_text "$work/out" "^H56-CU-240603-0006	000.00.06.H56	due_missing	NgayTiepNhan=2024-06-03 08:10; NgayHenTra=-$" "a missing value"
[ "$(grep -c '	' "$work/out")" -eq 7 ] && ok || fail "seven lines: $(cat "$work/out")"
expect_exit 0 "quality of a district" -- "$m" quality --unit 000.00.31.H56 --format csv
{ printf '\357\273\277'; printf '%s\r\n' '"Mã hồ sơ";"Đơn vị";"Loại (kind)";"Bất thường";"Anomaly";"Trường liên quan (fields)"' \
	'"H56-CU-240603-0007";"000.00.31.H56";"finished_before_received";"Kết thúc xử lý trước thời điểm tiếp nhận";"finish before reception";"NgayTiepNhan=2024-06-03 08:10; NgayKetThucXuLy=2024-06-03 08:05"'; } >"$work/want.csv"
cmp -s "$work/out" "$work/want.csv" && ok || fail "district CSV: $(cat "$work/out")"
expect_exit 0 "quality json" -- "$m" quality --period month:2024-06 --format json
cat >"$work/check.py" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))
assert q["from"] == "2024-05-15" and q["to"] == "2024-06-14", q
assert q["unit"] == "000.00.00.H56" and q["dossiers"] == 7, q
assert q["by_kind"]["due_before_received"] == 3 and q["by_kind"]["supplement_before_request"] == 0, q
it = [i for i in q["items"] if i["code"] == "H56-CU-240603-0004"]
assert it == [{"code": "H56-CU-240603-0004", "unit": "000.00.06.H56", "unit_name": "Sở Tư pháp",
               "kind": "received_before_submitted", "label": "reception before filing",
               "nhan": "Tiếp nhận trước thời điểm nộp",
               "fields": {"NgayNopHoSo": "2024-06-03 08:15", "NgayTiepNhan": "2024-06-03 08:10"}}], it
PY
python3 "$work/check.py" "$work/out" && ok || fail "quality JSON"
expect_exit 0 "quality of another month" -- "$m" quality --period month:2024-08 --format json
expect_text "$work/out" '"dossiers":0,.*"items":\[\]' "none in August"
expect_exit 2 "quality of an unknown unit" -- "$m" quality --unit 000.99.99.H56
expect_text "$work/err" "^motcua: unit" "unit named"
expect_exit 2 "quality bad format" -- "$m" quality --format xml
expect_exit 2 "quality bad period" -- "$m" quality --period month:2024-13
expect_text "$work/err" "period" "period named"

# provenance: a dossier numbered here is never overwritten by an import,
# and a filing here never takes an imported code
expect_exit 0 "register" -- "$m" dossier register --file "$d/filing.json" --at "2024-06-07 08:15"
code=$(cut -f1 "$work/out")
[ "$code" = "000.00.06.H56-240607-0001" ] && ok || fail "code $code"
expect_exit 0 "show filed here" -- "$m" dossier show --code "$code"
expect_text "$work/out" "^origin: online \(" "origin of an online filing"
echo "$good" | sed "s/H56-CU-240603-0001/$code/" >"$work/clash.jsonl"
before=$(db_digest)
expect_exit 2 "import over a dossier numbered here" -- "$m" import dossiers "$work/clash.jsonl"
expect_text "$work/err" "^motcua: line 1: MaHoSo: $code was filed here \(online\) and numbered by this system; an import cannot overwrite it" "code named"
[ "$(db_digest)" = "$before" ] && ok || fail "refused import changed the database"
expect_exit 2 "the same with --rejects" -- "$m" import dossiers "$work/clash.jsonl" --rejects "$work/clash-rejects.jsonl"
expect_text "$work/clash-rejects.jsonl" "^\{\"line\":1,\"field\":\"MaHoSo\",\"reason\":\"$code was filed here \(online\)" "reject names the code"
[ "$(db_digest)" = "$before" ] && ok || fail "refused import changed the database"
# an import holding the code the counter would give next
echo "$good" | sed "s/H56-CU-240603-0001/000.00.06.H56-240608-0001/" >"$work/ahead.jsonl"
expect_exit 0 "import a code of tomorrow" -- "$m" import dossiers "$work/ahead.jsonl"
expect_exit 0 "register the next day" -- "$m" dossier register --file "$d/filing.json" --at "2024-06-08 08:15"
[ "$(cut -f1 "$work/out")" = "000.00.06.H56-240608-0002" ] && ok || fail "the filing took $(cut -f1 "$work/out")"
expect_exit 0 "show imported" -- "$m" dossier show --code 000.00.06.H56-240608-0001
expect_text "$work/out" '"TrangThaiHoSo":"10"' "imported dossier unchanged"
expect_text "$work/out" "^origin: import \(Nhập từ hệ thống cũ\), file $work/ahead.jsonl, imported [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$" "origin of an import"
# an imported dossier re-imported is updated, keeping its origin
expect_exit 0 "re-import" -- "$m" import dossiers "$work/ahead.jsonl"
expect_text "$work/err" "^imported 1 dossiers \(0 new, 1 updated\)" "updated"

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
