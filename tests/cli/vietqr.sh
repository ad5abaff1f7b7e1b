#!/bin/sh
# vietqr.sh - `motcua vietqr`: the payload of a published example byte for
# byte, its image read back by a QR reader, and each refusal by field.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA

expect_exit 0 "a payload" -- "$m" vietqr --bin 970422 --account 0338356589 \
	--amount 550000 --note VINREG1A2BKXYZ
[ "$(cat "$work/out")" = "00020101021238540010A00000072701240006970422011003383565890208QRIBFTTA530370454065500005802VN62180814VINREG1A2BKXYZ6304E16E" ] &&
	ok || fail "payload differs from the published one: $(cat "$work/out")"

expect_exit 0 "a payload and its image" -- "$m" vietqr --bin 970415 \
	--account 113366668888 --amount 1182276 \
	--note 000.00.06.H56-240607-0001 --png "$work/qr.png"
cp "$work/out" "$work/payload"
zbarimg --raw -q "$work/qr.png" >"$work/read" 2>/dev/null
cmp -s "$work/payload" "$work/read" && ok ||
	fail "the image reads back as $(cat "$work/read"), not $(cat "$work/payload")"

refused() { # FIELD PATTERN ARGS...
	field=$1; pattern=$2; shift 2
	expect_exit 2 "$field refused" -- "$m" vietqr --png "$work/no.png" "$@"
	expect_text "$work/err" "^motcua: $field: $pattern" "$field named"
	[ -e "$work/no.png" ] && fail "$field refused, yet an image was written" || ok
	[ -s "$work/out" ] && fail "$field refused, yet a payload was printed" || ok
}
refused bin "must be the bank's 6-digit" --bin 97041 --account 1 --amount 1
refused bin "digits only" --bin 97041x --account 1 --amount 1
refused account "must be 1 to 19" --bin 970415 --account 12345678901234567890 --amount 1
refused account "letters and digits" --bin 970415 --account 0123-456 --amount 1
refused amount "\"150.000\" is not a whole number" --bin 970415 --account 1 --amount 150.000
refused amount "\"1500.5\" is not a whole number" --bin 970415 --account 1 --amount 1500.5
refused amount "must be above 0" --bin 970415 --account 1 --amount 0
refused amount "\"-5\" is not a whole number" --bin 970415 --account 1 --amount -5
refused amount "missing" --bin 970415 --account 1
refused note "at most 25 characters" --bin 970415 --account 1 --amount 1 \
	--note 000.00.06.H56-240607-00001
refused note "character 2 is outside" --bin 970415 --account 1 --amount 1 --note "Lệ phí"
refused note "character 3 is outside" --bin 970415 --account 1 --amount 1 --note "ab/c"

expect_exit 1 "an image where none can be written" -- "$m" vietqr --bin 970415 \
	--account 1 --amount 1 --png "$work/no/such/dir/qr.png"
expect_text "$work/err" "^motcua: png: cannot write" "png named"

finish vietqr.sh
