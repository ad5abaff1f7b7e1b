#!/bin/sh
# calendar.sh - `motcua calendar` from the command line.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA

expect_exit 0 "holidays 2026" -- "$m" calendar holidays 2026
expect_text "$work/out" "^2026-02-17	" "Tết 2026"
expect_text "$work/out" "^2026-04-26	" "Hùng Kings 2026"
expect_text "$work/out" "^2026-09-02	" "National Day"
expect_exit 2 "bad year" -- "$m" calendar holidays 1800
expect_text "$work/err" "YEAR" "year named"
expect_exit 0 "due over a weekend" -- "$m" calendar due --from "2024-06-07 09:00" --days 5
[ "$(head -n1 "$work/out")" = "2024-06-14 09:00" ] && ok || fail "due $(head -n1 "$work/out")"
expect_exit 0 "due over Tết, explained" -- "$m" calendar due --from "2024-02-07 09:00" --days 3 --explain
expect_text "$work/out" "Tết" "explain names Tết"
# the Government's decisions: each day names its source
expect_exit 0 "holidays 2024" -- "$m" calendar holidays 2024
expect_text "$work/out" "^2024-02-08	Tết Nguyên đán	decision: 5015/TB-LĐTBXH " "Tết 2024 from its notice"
expect_text "$work/out" "^2024-02-14	Tết Nguyên đán	decision: 5015/TB-LĐTBXH " "14/2/2024 off"
grep -q "^2024-02-15" "$work/out" && fail "15/2/2024 is a working day" || ok
expect_text "$work/out" "^2024-05-04	swapped working day .* in exchange for 2024-04-29 off	decision: 2450/VPCP-KGVX " "swapped Saturday"
expect_text "$work/out" "^2024-01-01	Tết Dương lịch	Labour Code: BLLĐ 2019 điều 112" "1/1 from the Labour Code"
expect_exit 0 "holidays 2027" -- "$m" calendar holidays 2027
expect_text "$work/out" "^2027-02-05	Tết Nguyên đán	rule: " "an undecided year uses the rule"
expect_exit 0 "due across Tết 2024" -- "$m" calendar due --from "2024-02-07 09:00" --days 1 --explain
[ "$(head -n1 "$work/out")" = "2024-02-15 09:00" ] && ok || fail "due $(head -n1 "$work/out")"
[ "$(grep -c "skipped \[decision: 5015/TB-LĐTBXH" "$work/out")" -eq 7 ] && ok || fail "seven Tết days skipped, each naming 5015"
expect_exit 0 "due across the swapped Saturday" -- "$m" calendar due --from "2024-05-03 09:00" --days 1 --explain
[ "$(head -n1 "$work/out")" = "2024-05-04 09:00" ] && ok || fail "due $(head -n1 "$work/out")"
expect_text "$work/out" "^2024-05-04	swapped working day .*counted 2h00 \[decision: 2450/VPCP-KGVX" "the Saturday counted, with its notice"
expect_exit 2 "bad --from" -- "$m" calendar due --from "2024-02-30 09:00" --days 3
expect_text "$work/err" "from" "from named"
expect_exit 2 "bad --days" -- "$m" calendar due --from "2024-02-07 09:00" --days -1

# administrator rows: a swapped working Saturday and an extra day off
expect_exit 0 "init" -- "$m" init
expect_exit 0 "set off" -- "$m" calendar set --date 2024-06-10 --off --name "Nghỉ đột xuất"
expect_exit 0 "due with the extra day off" -- "$m" calendar due --from "2024-06-07 09:00" --days 5
[ "$(head -n1 "$work/out")" = "2024-06-17 09:00" ] && ok || fail "due $(head -n1 "$work/out")"
expect_exit 0 "set working" -- "$m" calendar set --date 2024-06-08 --working --name "Làm bù"
expect_exit 0 "due with the swapped Saturday" -- "$m" calendar due --from "2024-06-07 09:00" --days 5
[ "$(head -n1 "$work/out")" = "2024-06-14 09:00" ] && ok || fail "due $(head -n1 "$work/out")"
expect_exit 0 "set working on a Tết day" -- "$m" calendar set --date 2024-02-08 --working --name "Trực Tết"
expect_exit 0 "holidays 2024 with the row" -- "$m" calendar holidays 2024
expect_text "$work/out" "^2024-02-08	swapped working day: Trực Tết	administrator row" "the row wins over the decision"
expect_exit 0 "due with the row" -- "$m" calendar due --from "2024-02-07 09:00" --days 1
[ "$(head -n1 "$work/out")" = "2024-02-08 09:00" ] && ok || fail "due $(head -n1 "$work/out")"
expect_exit 0 "unset the Tết row" -- "$m" calendar unset --date 2024-02-08
expect_exit 0 "list" -- "$m" calendar list
[ "$(wc -l <"$work/out")" -eq 2 ] && ok || fail "two rows listed"
expect_exit 2 "set without a reason" -- "$m" calendar set --date 2024-06-11 --off
expect_exit 2 "unset a day with no row" -- "$m" calendar unset --date 2024-06-12
expect_exit 0 "unset" -- "$m" calendar unset --date 2024-06-10

finish cli-calendar
