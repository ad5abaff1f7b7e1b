#!/bin/sh
# gateway.sh - payment gateways from the command line: added with a
# terminal, a secret file and URLs, listed without the secret, removed;
# every bad option exits 2 naming it, with the database as it was.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
d=$here/data

expect_exit 0 "import units" -- "$m" import units "$d/units.jsonl"
printf 'day-la-khoa-bi-mat-chung-32-byte\n' >"$work/secret"
printf 'short\n' >"$work/short"
pay=https://sandbox.vnpayment.vn/paymentv2/vpcpay.html
ret=https://dichvucong.tinh.gov.vn/api/v1/public/payments/vnpay/return

before=$(db_digest)
expect_exit 2 "bad terminal" -- "$m" gateway add vnpay --terminal "A B" --secret-file "$work/secret" --pay-url $pay --return-url $ret
expect_text "$work/err" "terminal" "terminal named"
expect_exit 2 "short secret" -- "$m" gateway add vnpay --terminal DEMOV210 --secret-file "$work/short" --pay-url $pay --return-url $ret
expect_text "$work/err" "secret_file: a shared secret has at least 16 bytes" "secret named"
expect_exit 1 "missing secret file" -- "$m" gateway add vnpay --terminal DEMOV210 --secret-file "$work/none" --pay-url $pay --return-url $ret
expect_text "$work/err" "secret_file: cannot read" "file named"
expect_exit 2 "bad URL" -- "$m" gateway add vnpay --terminal DEMOV210 --secret-file "$work/secret" --pay-url ftp://x --return-url $ret
expect_text "$work/err" "pay_url" "URL named"
expect_exit 2 "bad method" -- "$m" gateway add vnpay --terminal DEMOV210 --secret-file "$work/secret" --pay-url $pay --return-url $ret --method cash
expect_text "$work/err" "method" "method named"
expect_exit 2 "no name" -- "$m" gateway add --terminal DEMOV210 --secret-file "$work/secret" --pay-url $pay --return-url $ret
[ "$before" = "$(db_digest)" ] && ok || fail "database changed by refused commands"

expect_exit 0 "add" -- "$m" gateway add vnpay-tinh --terminal DEMOV210 --secret-file "$work/secret" --pay-url $pay --return-url $ret
expect_text "$work/out" "^vnpay-tinh	DEMOV210	provincial$" "added"
expect_exit 2 "same name twice" -- "$m" gateway add vnpay-tinh --terminal OTHER123 --secret-file "$work/secret" --pay-url $pay --return-url $ret
expect_text "$work/err" "name: gateway \"vnpay-tinh\" exists already" "name conflict"
expect_exit 2 "same terminal twice" -- "$m" gateway add khac --terminal DEMOV210 --secret-file "$work/secret" --pay-url $pay --return-url $ret
expect_text "$work/err" "terminal: DEMOV210 is another gateway's" "terminal conflict"
expect_exit 0 "list" -- "$m" gateway list
expect_text "$work/out" "^vnpay-tinh	DEMOV210	provincial	$pay	$ret	/" "listed with the secret's path"
if grep -q "day-la-khoa" "$work/out" || sqlite3 "$MOTCUA_DB" .dump | grep -q "day-la-khoa"; then
	fail "the secret itself was printed or stored"
else ok; fi
expect_exit 0 "remove" -- "$m" gateway remove vnpay-tinh
expect_exit 2 "remove again" -- "$m" gateway remove vnpay-tinh
expect_text "$work/err" "gateway: gateway \"vnpay-tinh\" is not configured" "unknown named"
expect_exit 0 "list empty" -- "$m" gateway list
[ ! -s "$work/out" ] && ok || fail "list not empty after remove"
finish gateway
