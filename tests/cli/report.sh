#!/bin/sh
# report.sh - `motcua report` from the command line: every format, every
# grouping, the aggregates equal to the full scan, and bad input refused
# with exit 2 naming the option.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA

# the demo dates nothing in the future: a day after today is refused
later=$(date -u -d '+2 days' +%Y-%m-%d)
expect_exit 2 "demo after today" -- "$m" demo --db "$work/later.db" --until "$later"
expect_text "$work/err" "^motcua: until: $later is after today" "until named"
expect_exit 0 "demo" -- "$m" demo --dossiers 2000 --until 2026-06-30 --seed 5
expect_text "$work/err" "2025 reorganisation: 129 units closed, [1-9][0-9]* open dossiers transferred" "reorganisation in the summary"
# 2024 as it was: the old departments; restated: on today's units, the
# same total (received = column 3 of the CSV)
received() { awk -F';' -v k="\"$1\"" '$1 == k {print $3; found = 1} END {if (!found) print 0}' "$2"; }
expect_exit 0 "2024 as it was" -- "$m" report --period year:2024 --format csv
cp "$work/out" "$work/was.csv"
expect_text "$work/was.csv" '^"000.00.03.H56";"Sở Kế hoạch và Đầu tư";[1-9]' "Planning and Investment as it was"
expect_text "$work/was.csv" '^"000.00.31.H56";"Thành phố Bình An";[1-9]' "a district as it was"
expect_exit 0 "2024 restated" -- "$m" report --period year:2024 --format csv --restated
cp "$work/out" "$work/now.csv"
grep -q '^"000.00.03.H56"' "$work/now.csv" && fail "restated still has Planning and Investment" || ok
grep -q '^"000.00.31.H56"' "$work/now.csv" && fail "restated still has a district" || ok
want=$(($(received 000.00.03.H56 "$work/was.csv") + $(received 000.00.04.H56 "$work/was.csv") + $(received 000.00.17.H56 "$work/was.csv")))
got=$(received 000.00.17.H56 "$work/now.csv")
[ "$got" -eq "$want" ] && [ "$got" -gt 0 ] && ok || fail "restated Finance $got, expected $want"
[ "$(tail -n 1 "$work/was.csv" | cut -d';' -f3-)" = "$(tail -n 1 "$work/now.csv" | cut -d';' -f3-)" ] && ok || fail "restated total differs"
for by in unit level field procedure; do
	for period in month:2026-05 quarter:2026Q2 half:2026H1 year:2026; do
		"$m" report --period $period --by $by --format json >"$work/fast" 2>&1
		"$m" report --period $period --by $by --format json --scan >"$work/scan" 2>&1
		cmp -s "$work/fast" "$work/scan" && ok || fail "$by $period: aggregates differ from the scan"
	done
done
for level in province district commune; do
	"$m" report --period quarter:2026Q2 --level $level --min-resolved 3 --format json >"$work/fast" 2>&1
	"$m" report --period quarter:2026Q2 --level $level --min-resolved 3 --format json --scan >"$work/scan" 2>&1
	cmp -s "$work/fast" "$work/scan" && ok || fail "level $level: aggregates differ from the scan"
done
expect_text "$work/fast" '"level":"commune"' "level named in the JSON"
expect_text "$work/fast" '"min_resolved":3' "minimum in the JSON"
expect_exit 0 "figures" -- "$m" report --period month:2026-05 --figures
expect_text "$work/out" "Lượt sử dụng dịch vụ bưu chính công ích: [0-9]+ \(tiếp nhận [0-9]+, trả kết quả [0-9]+\)" "postal uses"
expect_text "$work/out" "Đơn vị đạt 100% đúng hạn: [0-9]+" "units at 100%"
expect_text "$work/out" "Tỷ lệ trực tuyến/đã GQ" "online share of resolved column"
expect_exit 0 "figures csv" -- "$m" report --period month:2026-05 --figures --format csv
expect_text "$work/out" '"Lượt bưu chính"' "csv figure column"
expect_exit 0 "csv without figures" -- "$m" report --period month:2026-05 --format csv
grep -q "Lượt bưu chính" "$work/out" && fail "figure columns only with --figures" || ok
expect_exit 0 "restated" -- "$m" report --period year:2026 --restated --format json
expect_text "$work/out" '"restated":true' "restated flagged"
expect_exit 0 "text" -- "$m" report --period month:2026-05
expect_text "$work/out" "Tổng cộng" "total line"
expect_text "$work/out" "mẫu II.06a" "form title"
expect_exit 0 "csv" -- "$m" report --period month:2026-05 --format csv --cutoff 1
# the dialect Vietnamese Excel opens: byte-order mark, ';', decimal
# comma, CRLF on every line (docs/internals/csv.md)
[ "$(head -n1 "$work/out" | cut -d';' -f1)" = "$(printf '\357\273\277"Mã"')" ] && ok || fail "csv header after the byte-order mark"
[ "$(grep -c "$(printf '\r')\$" "$work/out")" -eq "$(wc -l <"$work/out")" ] && ok || fail "csv lines end in CRLF"
tail -n1 "$work/out" | grep -qE ';[0-9]+,[0-9][0-9]'"$(printf '\r')"'$' && ok || fail "csv rate with a decimal comma: $(tail -n1 "$work/out")"
expect_exit 0 "xlsx" -- "$m" report --period month:2026-05 --format xlsx --out "$work/r.xlsx"
[ "$(head -c 2 "$work/r.xlsx")" = "PK" ] && ok || fail "xlsx is a zip"
grep -aq "xl/worksheets/sheet1.xml" "$work/r.xlsx" && ok || fail "xlsx has a worksheet"
unzip -p "$work/r.xlsx" xl/workbook.xml | grep -q '<sheet name="Chỉ tiêu khác"' && ok || fail "xlsx has the figures sheet"
unzip -p "$work/r.xlsx" xl/sharedStrings.xml | grep -q "Lượt sử dụng" && ok || fail "figures sheet has postal uses"
unzip -p "$work/r.xlsx" xl/sharedStrings.xml | grep -q "Đạt 100% đúng hạn: [0-9]" && ok || fail "figures sheet has the units at 100%"

# the release: its numbers are the report's
expect_exit 0 "summary" -- "$m" summary --period month:2026-05
expect_text "$work/out" "^Kết quả giải quyết thủ tục hành chính tháng 5 năm 2026$" "summary title"
expect_text "$work/out" "^Dịch vụ bưu chính công ích: [0-9.]+ lượt sử dụng" "summary postal uses"
expect_exit 0 "summary json" -- "$m" summary --period quarter:2026Q2 --format json
grep -o '"total":{[^}]*}' "$work/out" | head -n1 >"$work/sum_total"
"$m" report --period quarter:2026Q2 --format json | grep -o '"total":{[^}]*}' >"$work/rep_total"
[ -s "$work/rep_total" ] && cmp -s "$work/sum_total" "$work/rep_total" && ok || fail "summary total differs from the report's"
expect_text "$work/out" '"title":"quý II năm 2026"' "summary json title"
expect_exit 0 "summary by commune" -- "$m" summary --period year:2026 --level commune --min-resolved 3 --format json
expect_text "$work/out" '"level":"commune"' "summary level"
expect_exit 2 "summary without period" -- "$m" summary
expect_text "$work/err" "period" "summary period named"
expect_exit 2 "summary bad format" -- "$m" summary --period month:2026-05 --format csv
expect_text "$work/err" "format" "summary format named"
expect_exit 2 "summary bad minimum" -- "$m" summary --period month:2026-05 --min-resolved x
expect_text "$work/err" "min-resolved" "summary minimum named"
expect_exit 2 "summary unknown unit" -- "$m" summary --period month:2026-05 --unit 000.99.99.H56
expect_text "$work/err" "unit" "summary unit named"

# a month that runs counts as of now, and every format says so
MOTCUA_NOW="2026-06-20 10:30"
export MOTCUA_NOW
expect_exit 0 "running json" -- "$m" report --period month:2026-07 --format json
expect_text "$work/out" '"to":"2026-07-14","as_of":"2026-06-20 10:30",' "json as_of"
expect_exit 0 "running text" -- "$m" report --period month:2026-07
expect_text "$work/out" "tính đến \(as of\) 2026-06-20 10:30" "text as of"
expect_exit 0 "running csv" -- "$m" report --period month:2026-07 --format csv
head -n1 "$work/out" | tr -d '\r' | grep -q ';"Tính đến (as of)"$' && ok || fail "csv as-of column"
tail -n1 "$work/out" | tr -d '\r' | grep -q '^"000.00.00.H56";"Tổng cộng";.*;"2026-06-20 10:30"$' && ok || fail "csv total as of"
expect_exit 0 "running xlsx" -- "$m" report --period month:2026-07 --format xlsx --out "$work/run.xlsx"
unzip -p "$work/run.xlsx" xl/sharedStrings.xml | grep -q "Số liệu tính đến (as of) 2026-06-20 10:30" && ok || fail "xlsx as of"
a2() { unzip -p "$work/run.xlsx" "xl/worksheets/sheet$1.xml" | grep -o '<c r="A2"[^>]*><v>[0-9]*</v>'; }
[ -n "$(a2 1)" ] && [ "$(a2 1)" = "$(a2 2)" ] && ok || fail "the figures sheet has the same as-of title line"
expect_exit 0 "default period as of now" -- "$m" report
expect_text "$work/out" "^Kỳ báo cáo: từ 2026-05-15 đến 2026-06-14$" "default period: the last month ended by MOTCUA_NOW"
grep -q "as of" "$work/out" && fail "the default period has ended" || ok
expect_exit 0 "running summary" -- "$m" summary --period month:2026-07
expect_text "$work/out" "^Số liệu tính đến \(as of\) 2026-06-20 10:30, kỳ báo cáo chưa kết thúc.$" "summary as of"
for by in unit field; do
	"$m" report --period month:2026-07 --by $by --format json >"$work/fast" 2>&1
	"$m" report --period month:2026-07 --by $by --format json --scan >"$work/scan" 2>&1
	cmp -s "$work/fast" "$work/scan" && ok || fail "running $by: aggregates differ from the scan"
done
"$m" report --period month:2026-05 --format json >"$work/now-fixed" 2>&1
"$m" report --period month:2026-05 --format csv >"$work/now-fixed.csv" 2>&1
unset MOTCUA_NOW
"$m" report --period month:2026-05 --format json >"$work/now-clock" 2>&1
"$m" report --period month:2026-05 --format csv >"$work/now-clock.csv" 2>&1
cmp -s "$work/now-fixed" "$work/now-clock" && ok || fail "an ended month changed with now"
cmp -s "$work/now-fixed.csv" "$work/now-clock.csv" && ok || fail "an ended month's csv changed with now"
grep -q as_of "$work/now-clock" && fail "ended month has as_of" || ok
export MOTCUA_NOW="2026-06-31 10:00"
expect_exit 2 "bad MOTCUA_NOW" -- "$m" report --period month:2026-07
expect_text "$work/err" "MOTCUA_NOW" "MOTCUA_NOW named"
unset MOTCUA_NOW

expect_exit 2 "bad period" -- "$m" report --period month:2026-13
expect_text "$work/err" "period" "period named"
expect_exit 2 "bad cutoff" -- "$m" report --period month:2026-05 --cutoff 31
expect_text "$work/err" "cutoff" "cutoff named"
expect_exit 2 "unknown unit" -- "$m" report --unit 000.99.99.H56
expect_text "$work/err" "unit" "unit named"
expect_exit 2 "bad by" -- "$m" report --by district
expect_text "$work/err" "by" "by named"
expect_exit 2 "restated by field" -- "$m" report --by field --restated
expect_exit 2 "bad level" -- "$m" report --level canton
expect_text "$work/err" "level" "level named"
expect_exit 2 "level by field" -- "$m" report --level commune --by field
expect_text "$work/err" "level" "level named by field"
expect_exit 2 "bad minimum" -- "$m" report --min-resolved 0
expect_text "$work/err" "min-resolved" "minimum named"
expect_exit 2 "xlsx without --out" -- "$m" report --format xlsx
expect_exit 2 "from after to" -- "$m" report --from 2026-05-10 --to 2026-05-01
expect_exit 2 "bad date" -- "$m" report --from 2026-02-30 --to 2026-03-01
expect_text "$work/err" "from" "from named"

finish cli-report
