#!/bin/sh
# payments.sh - paying at the counter from the command line: a unit's
# account, the VietQR of what a dossier owes, a bank statement reconciled
# (paid, partial, double, unmatched; a second run changes nothing), cash
# taken by the cashier; every refusal names its field and leaves the
# database as it was.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
d=$here/data
export MOTCUA_NOW="2024-06-10 09:00"

expect_exit 0 "import units" -- "$m" import units "$d/units.jsonl"
expect_exit 0 "import procedures" -- "$m" import procedures "$d/procedures.jsonl"
for i in 1 2 3 4 5; do
	expect_exit 0 "register $i" -- "$m" dossier register --file "$d/filing.json" --at "2024-06-07 08:1$i"
done
c1=000.00.06.H56-240607-0001
c2=000.00.06.H56-240607-0002
c3=000.00.06.H56-240607-0003
c4=000.00.06.H56-240607-0004

# no account yet: the QR is refused, nothing ordered
before=$(db_digest)
expect_exit 2 "qr without an account" -- "$m" payments qr --code $c1
expect_text "$work/err" "^motcua: account: unit 000.00.06.H56 and the units above it have no account" "account named"
expect_exit 2 "bad bin" -- "$m" payments account set --unit 000.00.00.H56 --bin 9704 --account 113366668888 --holder "SO TAI CHINH"
expect_text "$work/err" "^motcua: bin: " "bin named"
expect_exit 2 "no holder" -- "$m" payments account set --unit 000.00.00.H56 --bin 970415 --account 113366668888
expect_text "$work/err" "^motcua: holder: " "holder named"
expect_exit 2 "unknown unit" -- "$m" payments account set --unit 000.99.99.H56 --bin 970415 --account 1 --holder X
expect_text "$work/err" "^motcua: unit: " "unit named"
[ "$before" = "$(db_digest)" ] && ok || fail "refused account or qr changed the database"

# the province's account serves its departments
expect_exit 0 "account set" -- "$m" payments account set --unit 000.00.00.H56 --bin 970415 --account 113366668888 --holder "KHO BAC NHA NUOC TINH THU"
expect_exit 0 "account list" -- "$m" payments account list
expect_text "$work/out" "^000.00.00.H56	970415	113366668888	KHO BAC NHA NUOC TINH THU$" "account listed"
for c in $c1 $c2 $c3; do
	expect_exit 0 "qr $c" -- "$m" payments qr --code $c --png "$work/$c.png"
done
expect_exit 0 "qr again" -- "$m" payments qr --code $c1
head -1 "$work/out" >"$work/payload"
zbarimg --raw -q "$work/$c1.png" 2>/dev/null >"$work/read"
cmp -s "$work/payload" "$work/read" && ok || fail "the image of $c1 is not its payload"
expect_text "$work/out" "^order 1: 50000 VND to 970415 113366668888" "the same order, the exact amount"
grep -q "5405500005802VN62290825$c1" "$work/payload" && ok || fail "amount and code not in the payload: $(cat "$work/payload")"

# a statement: c1 paid exactly (code without punctuation), c2 short by
# 10,000, c3 paid twice, a line naming no dossier, a debit, a total
printf '\357\273\277SAO KE TAI KHOAN 113366668888;;;\r\n' >"$work/stmt.csv"
printf 'Ngày giao dịch;Số tiền ghi có;Số tiền ghi nợ;Nội dung\r\n' >>"$work/stmt.csv"
printf '08/06/2024 10:01:02;50.000;;MBVCB.123.0000006H562406070001.CT tu 0912345678\r\n' >>"$work/stmt.csv"
printf '08/06/2024;40.000;;"NGUYEN VAN AN nop phi %s"\r\n' $c2 >>"$work/stmt.csv"
printf '09/06/2024;50.000;;%s\r\n' $c3 >>"$work/stmt.csv"
printf '09/06/2024;50.000;;%s chuyen lai\r\n' $c3 >>"$work/stmt.csv"
printf '09/06/2024;75.000;;ung ho quy\r\n' >>"$work/stmt.csv"
printf '09/06/2024;;20.000;phi quan ly tai khoan\r\n' >>"$work/stmt.csv"
printf ';265.000;20.000;Tong cong\r\n' >>"$work/stmt.csv"
expect_exit 0 "reconcile" -- "$m" payments reconcile "$work/stmt.csv"
expect_text "$work/out" "^3	2024-06-08	50000	paid	$c1	" "c1 paid"
expect_text "$work/out" "^4	2024-06-08	40000	partial	$c2	" "c2 partial"
expect_text "$work/out" "^5	2024-06-09	50000	paid	$c3	" "c3 paid"
expect_text "$work/out" "^6	2024-06-09	50000	double	$c3	" "c3 paid twice"
expect_text "$work/out" "^7	2024-06-09	75000	unmatched		ung ho quy" "unmatched line"
expect_text "$work/out" "^# paid 2, already 0, partial 1, over 0, double 1, no_order 0, unmatched 1$" "counts"
expect_exit 0 "c1 shown" -- "$m" dossier show --code $c1
expect_text "$work/out" "payment-paid" "payment logged"
sqlite3 "$MOTCUA_DB" "SELECT status FROM payments WHERE id = 2" >"$work/st"
[ "$(cat "$work/st")" = "1" ] && ok || fail "the partial payment's order is $(cat "$work/st"), not pending"

# the same statement again changes nothing
before=$(db_digest)
expect_exit 0 "reconcile again" -- "$m" payments reconcile "$work/stmt.csv" --format json
expect_text "$work/out" '"counts":\{"paid":0,"already":2,"partial":1,"over":0,"double":1,"no_order":0,"unmatched":1\}' "second run: already"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["lines"][0]["verdict"] == "already" and d["lines"][0]["payment"] == 1' "$work/out" &&
	ok || fail "the JSON does not read, or its first line is not the earlier payment"
[ "$before" = "$(db_digest)" ] && ok || fail "a second run changed the database"

# a statement that cannot be read changes nothing and names the line
printf 'Ngày;Số tiền;Nội dung\n08/06/2024;50.000;%s\n31/06/2024;50.000;x\n' $c2 >"$work/bad.csv"
expect_exit 2 "bad statement" -- "$m" payments reconcile "$work/bad.csv"
expect_text "$work/err" '^motcua: line 3: date: "31/06/2024" is not a date' "line and field named"
[ "$before" = "$(db_digest)" ] && ok || fail "a refused statement changed the database"

# cash at the counter: the exact amount only
expect_exit 2 "cash short" -- "$m" payments cash --code $c4 --amount 40000
expect_text "$work/err" "^motcua: amount: 40000 VND is not what dossier $c4 owes, 50000 VND" "amount named"
expect_exit 2 "cash 50.000" -- "$m" payments cash --code $c4 --amount 50.000
expect_text "$work/err" "^motcua: amount: " "amount named"
[ "$before" = "$(db_digest)" ] && ok || fail "refused cash changed the database"
expect_exit 0 "cash" -- "$m" payments cash --code $c4 --amount 50000
expect_text "$work/out" "50000 VND paid in cash" "cash recorded"
expect_exit 2 "cash twice" -- "$m" payments cash --code $c4 --amount 50000
expect_text "$work/err" "owes nothing" "nothing owed"
sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM receipts" >"$work/n"
[ "$(cat "$work/n")" = "3" ] && ok || fail "$(cat "$work/n") receipts, expected 3 (c1, c3, c4)"


# a land financial obligation: the notice sets the dossier waiting (6),
# its QR is for the notice alone, and paying it sends the dossier back to
# processing (4)
c5=000.00.06.H56-240607-0005
expect_exit 0 "accept c5" -- "$m" dossier receive --code $c5 --accept --at "2024-06-07 09:00"
before=$(db_digest)
expect_exit 2 "notice without amount" -- "$m" payments obligation --code $c5 --number 123/TB-CCT --date 2024-06-08 --due 2024-07-08
expect_text "$work/err" "^motcua: amount: missing" "amount named"
expect_exit 2 "notice due before its date" -- "$m" payments obligation --code $c5 --number 123/TB-CCT --date 2024-06-08 --amount 8188730383 --due 2024-06-01
expect_text "$work/err" "^motcua: due: " "due named"
expect_exit 2 "notice on an unknown dossier" -- "$m" payments obligation --code nope --number 1 --date 2024-06-08 --amount 1 --due 2024-07-08
[ "$before" = "$(db_digest)" ] && ok || fail "a refused notice changed the database"
expect_exit 0 "notice" -- "$m" payments obligation --code $c5 --number 123/TB-CCT --date 2024-06-08 --amount 8188730383 --due 2024-07-08
expect_text "$work/out" "status 6$" "waiting for the obligation"
expect_exit 2 "another notice while waiting" -- "$m" payments obligation --code $c5 --number 124/TB-CCT --date 2024-06-08 --amount 1 --due 2024-07-08
expect_text "$work/err" "^motcua: request-financial: not allowed on a dossier in status 6" "state named"
expect_exit 0 "qr of the obligation" -- "$m" payments qr --code $c5
expect_text "$work/out" "8188730383 VND" "the notice's amount"
printf 'Ngày;Số tiền;Nội dung\n10/06/2024;8.188.730.383;NOP TIEN SU DUNG DAT %s\n' $c5 >"$work/nvtc.csv"
expect_exit 0 "reconcile the obligation" -- "$m" payments reconcile "$work/nvtc.csv"
expect_text "$work/out" "	paid	$c5	" "obligation paid"
sqlite3 "$MOTCUA_DB" "SELECT status FROM dossiers WHERE code = '$c5'" >"$work/st"
[ "$(cat "$work/st")" = "4" ] && ok || fail "after the notice is paid the dossier is $(cat "$work/st"), not 4"
expect_exit 0 "c5 shown" -- "$m" dossier show --code $c5
expect_text "$work/out" "fulfil-financial" "back to processing logged"
sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM receipts" >"$work/n"
[ "$(cat "$work/n")" = "3" ] && ok || fail "an obligation got a fee receipt ($(cat "$work/n") receipts)"
before=$(db_digest)
expect_exit 2 "the same notice again" -- "$m" payments obligation --code $c5 --number 123/TB-CCT --date 2024-06-08 --amount 1 --due 2024-07-08
expect_text "$work/err" "^motcua: number: notice 123/TB-CCT is recorded already" "number named"
[ "$before" = "$(db_digest)" ] && ok || fail "a refused notice changed the database"

# the figures: 3 by VietQR (one the obligation) and 1 in cash; the
# aggregates give what the full scan gives, in every format
expect_exit 0 "report by method" -- "$m" payments report --period month:2024-06 --cutoff 1 --by method --format csv
expect_text "$work/out" '^"vietqr";"Chuyển khoản VietQR";3;8188830383;0;0;3;8188830383;3;0;2;100000;1;8188730383;0,00;100,00' "VietQR line"
expect_text "$work/out" '^"total";"Tổng cộng";4;8188880383;0;0;4;8188880383;3;1;3;150000;1;8188730383;0,00;75,00' "total line"
for by in unit level method; do
	for f in text json csv; do
		"$m" payments report --period month:2024-06 --cutoff 1 --by $by --format $f >"$work/fast" 2>&1
		"$m" payments report --period month:2024-06 --cutoff 1 --by $by --format $f --scan >"$work/scan" 2>&1
		cmp -s "$work/fast" "$work/scan" && ok || fail "by $by, $f: the aggregates differ from the scan"
	done
done
expect_exit 0 "report json" -- "$m" payments report --from 2024-06-01 --to 2024-06-30 --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=sum(l["row"]["amount"] for l in d["lines"]); assert s == d["total"]["amount"] == 8188880383, s' "$work/out" &&
	ok || fail "the lines do not add up to the total"
expect_exit 0 "report xlsx" -- "$m" payments report --period month:2024-06 --cutoff 1 --format xlsx --out "$work/p.xlsx"
unzip -t "$work/p.xlsx" >/dev/null 2>&1 && ok || fail "the workbook is not a zip"
expect_exit 2 "report by field" -- "$m" payments report --by field
expect_text "$work/err" "by: \"field\" is not unit, level or method" "by named"
expect_exit 2 "xlsx without --out" -- "$m" payments report --format xlsx
expect_text "$work/err" "out: a workbook needs a file" "out named"
expect_exit 2 "bad period" -- "$m" payments report --period month:2024-13
expect_text "$work/err" "^motcua: period: " "period named"

finish payments.sh
