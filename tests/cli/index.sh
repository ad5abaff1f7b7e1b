#!/bin/sh
# index.sh - the service index from the command line: a dossier filed and
# finished, then rated; the index in every format; targets set, allocated
# and checked; a period published, shown and compared; every refused
# input exits 2, names the field, and leaves the database as it was.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
d=$here/data

expect_exit 0 "import units" -- "$m" import units "$d/units.jsonl"
expect_exit 0 "import procedures" -- "$m" import procedures "$d/procedures.jsonl"
expect_exit 0 "procedures with offers and publication" -- "$m" import procedures "$d/procedures-index.jsonl"
expect_exit 0 "register" -- "$m" dossier register --file "$d/filing.json" --at "2024-06-07 08:15"
code=$(cut -f1 "$work/out")
expect_exit 0 "accept" -- "$m" dossier receive --code "$code" --accept --at "2024-06-07 09:00"
expect_exit 0 "finish" -- "$m" dossier finish --code "$code" --result "Giấy khai sinh" --result-url "https://kq/1" --at "2024-06-10 10:00"

printf '{"dossier":"%s","at":"2024-06-11 09:00","rating":"satisfied","channel":"portal"}\n' "$code" >"$work/ratings.jsonl"
expect_exit 0 "import ratings" -- "$m" import ratings "$work/ratings.jsonl"
printf '{"id":"PA-1","unit":"000.00.06.H56","received_at":"2024-06-12 08:00","answered_at":"2024-06-14 08:00","outcome":"answered"}\n' >"$work/feedback.jsonl"
expect_exit 0 "import feedback" -- "$m" import feedback "$work/feedback.jsonl"

expect_exit 0 "index json" -- "$m" index --period month:2024-06 --format json --min-dossiers 1
expect_text "$work/out" '"rules":"Bộ chỉ số' "rules named"
expect_text "$work/out" '"key":"000.00.06.H56".*"online_dossiers":\{"numerator":1,"denominator":1,"rate":100.00,"target":50.00,"met":true' "online dossiers of the department"
expect_text "$work/out" '"rank":1,"ranked":true' "ranked"
expect_text "$work/out" '"total":\{"key":"000.00.00.H56"' "total row"
expect_exit 0 "index text" -- "$m" index --period month:2024-06
expect_text "$work/out" "766/QĐ-TTg" "text names the rules"
expect_exit 0 "index csv by level" -- "$m" index --period month:2024-06 --by level --format csv
expect_text "$work/out" '^"1";"Cấp tỉnh";1;' "level row"
head -n1 "$work/out" | grep -q "^$(printf '\357\273\277')\"Mã\";\"Tên\";\"Cấp\";\"Hạng\";\"Điểm\";\"Công khai, minh bạch\";.*;\"Hồ sơ trực tuyến: tử số\";\"Hồ sơ trực tuyến: mẫu số\";" && ok || fail "index csv header: $(head -n1 "$work/out")"

expect_exit 0 "index xlsx" -- "$m" index --period month:2024-06 --format xlsx --out "$work/i.xlsx"
[ "$(head -c 2 "$work/i.xlsx")" = "PK" ] && ok || fail "index xlsx is a zip"
unzip -p "$work/i.xlsx" xl/sharedStrings.xml >"$work/strings.xml"
expect_text "$work/strings.xml" "Sở Tư pháp \(000.00.06.H56\)" "index xlsx names the unit"
expect_text "$work/strings.xml" "Mức độ hài lòng" "index xlsx names the indicators"
expect_exit 2 "index xlsx without --out" -- "$m" index --period month:2024-06 --format xlsx
expect_text "$work/err" "needs --out" "xlsx asks for --out"

expect_exit 0 "targets set" -- "$m" targets set --unit 000.00.00.H56 --period year:2024 --indicator online_dossiers --value 60
expect_exit 0 "targets allocate" -- "$m" targets allocate --unit 000.00.00.H56 --period year:2024
expect_exit 0 "targets check" -- "$m" targets check --period month:2024-06
expect_text "$work/out" "000.00.06.H56	online_dossiers	100.00	60.00	đạt	\+40.00	riêng" "checked against the allocated target"

# while the month runs, the index, the targets and both workbooks say
# as of when
export MOTCUA_NOW="2024-06-20 15:45"
expect_exit 0 "running index json" -- "$m" index --period month:2024-06 --format json --min-dossiers 1
expect_text "$work/out" '"to":"2024-06-30","as_of":"2024-06-20 15:45","rules":' "index json as_of"
expect_exit 0 "running index text" -- "$m" index --period month:2024-06
expect_text "$work/out" "tính đến \(as of\) 2024-06-20 15:45" "index text as of"
expect_exit 0 "running index csv" -- "$m" index --period month:2024-06 --format csv
head -n1 "$work/out" | tr -d '\r' | grep -q ';"Tính đến (as of)"$' && ok || fail "index csv as-of column"
expect_exit 0 "running index xlsx" -- "$m" index --period month:2024-06 --format xlsx --out "$work/run.xlsx"
unzip -p "$work/run.xlsx" xl/sharedStrings.xml >"$work/strings.xml"
expect_text "$work/strings.xml" "tính đến \(as of\) 2024-06-20 15:45" "index xlsx as of"
expect_exit 0 "running report xlsx" -- "$m" report --period month:2024-07 --format xlsx --out "$work/rep.xlsx"
unzip -p "$work/rep.xlsx" xl/sharedStrings.xml >"$work/strings.xml"
expect_text "$work/strings.xml" "tính đến \(as of\) 2024-06-20 15:45" "report xlsx as of"
expect_exit 0 "running targets check" -- "$m" targets check --period month:2024-06
head -n1 "$work/out" | grep -q "tính đến (as of) 2024-06-20 15:45" && ok || fail "targets check as of"
unset MOTCUA_NOW
expect_exit 0 "ended report xlsx" -- "$m" report --period month:2024-06 --format xlsx --out "$work/rep.xlsx"
unzip -p "$work/rep.xlsx" xl/sharedStrings.xml >"$work/strings.xml"
grep -q "as of" "$work/strings.xml" && fail "an ended month's workbook says as of" || ok

before=$(db_digest)
expect_exit 2 "bad period" -- "$m" index --period month:2024-13
expect_text "$work/err" "period" "period named"
expect_exit 2 "bad by" -- "$m" index --period month:2024-06 --by field
expect_exit 2 "bad format" -- "$m" index --period month:2024-06 --format pdf
expect_exit 2 "bad minimum" -- "$m" index --min-dossiers many
expect_exit 2 "unknown unit" -- "$m" index --period month:2024-06 --unit 000.99.99.H56
expect_exit 2 "rules before any set" -- "$m" index --period month:2021-06
printf '{"rule_sets":[{"name":"x"}]}' >"$work/rules.json"
expect_exit 2 "bad rules file" -- "$m" index --period month:2024-06 --rules "$work/rules.json"
expect_text "$work/err" "rule_sets\[0\]\.reference" "rules field named"
expect_exit 2 "bad target value" -- "$m" targets set --unit 000.00.06.H56 --period year:2024 --indicator online_dossiers --value 120
expect_text "$work/err" "value" "value named"
expect_exit 2 "bad indicator" -- "$m" targets set --unit 000.00.06.H56 --period year:2024 --indicator speed --value 50
printf '{"unit":"000.00.06.H56","period":"year:2024","indicator":"data_reuse","value":50}\n{"unit":"000.00.06.H56","period":"year:2024","indicator":"data_reuse","value":"half"}\n' >"$work/targets.jsonl"
expect_exit 2 "bad target line" -- "$m" targets import "$work/targets.jsonl"
expect_text "$work/err" "line 2: value" "line and field named"
printf '{"dossier":"%s","at":"2024-06-11 09:00","rating":"great"}\n' "$code" >"$work/bad-ratings.jsonl"
expect_exit 2 "bad rating" -- "$m" import ratings "$work/bad-ratings.jsonl"
expect_text "$work/err" "line 1: rating" "rating named"
expect_exit 2 "unknown kind" -- "$m" import votes "$work/ratings.jsonl"
expect_exit 2 "publish nothing" -- "$m" publish
expect_exit 2 "show unpublished" -- "$m" publish --show month:2024-06
[ "$before" = "$(db_digest)" ] && ok || fail "database changed by refused commands"

expect_exit 0 "publish" -- "$m" publish --period month:2024-06
expect_exit 2 "publish twice" -- "$m" publish --period month:2024-06
expect_exit 0 "show" -- "$m" publish --show month:2024-06
expect_text "$work/err" "verified" "checksum verified"
cp "$work/out" "$work/published.json"
printf '{"dossier":"%s","at":"2024-06-20 09:00","rating":"dissatisfied"}\n' "$code" >"$work/late.jsonl"
expect_exit 0 "late rating" -- "$m" import ratings "$work/late.jsonl"
expect_exit 0 "show again" -- "$m" publish --show month:2024-06
cmp -s "$work/out" "$work/published.json" && ok || fail "published snapshot changed"
expect_exit 0 "diff" -- "$m" publish --diff month:2024-06
expect_text "$work/out" "satisfaction.numerator: 1 -> 0" "diff shows the late rating"

# The procedures exported carry who offers them and their publication
# dates, and import back into another database to the same index tables.
expect_exit 0 "export procedures" -- "$m" export procedures --out "$work/procs.jsonl"
expect_text "$work/procs.jsonl" '"code":"1.000001".*"levels":\[1,3\],"publication":\{"decided":"2024-01-02","effective":"2024-02-01","publicized":"2024-01-20"\}' "index fields exported"
offers() { sqlite3 "$1" "SELECT * FROM procedure_offers ORDER BY 1, 2, 3; SELECT * FROM procedure_publication ORDER BY 1"; }
expect_exit 0 "units into a new database" -- "$m" import units "$d/units.jsonl" --db "$work/copy.db"
expect_exit 0 "exported procedures into it" -- "$m" import procedures "$work/procs.jsonl" --db "$work/copy.db"
[ -n "$(offers "$MOTCUA_DB")" ] && [ "$(offers "$MOTCUA_DB")" = "$(offers "$work/copy.db")" ] && ok ||
	fail "offers and publication not the same after export and import"

finish cli-index
