#!/bin/sh
# result.sh - the electronic result from the command line: finishing a
# dossier with --result-file signs the file with the unit's key and keeps
# file and signature in the document store, referred to by the dossier;
# the openssl command verifies what motcua issued and refuses a changed
# byte, and motcua verify agrees; only a signed file counts as an
# electronic result in the service index; every refusal leaves the
# database and the store as they were.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
d=$here/data
store="$MOTCUA_DB.files"
keys="$MOTCUA_DB.pki"
unset MOTCUA_FILES MOTCUA_PKI

expect_exit 0 "import units" -- "$m" import units "$d/units.jsonl"
expect_exit 0 "import procedures" -- "$m" import procedures "$d/procedures.jsonl"
new_dossier() { # AT: a dossier received and started, its code in $code
	"$m" dossier register --file "$d/filing.json" --at "$1" >"$work/out" 2>&1
	code=$(cut -f1 "$work/out")
	"$m" dossier receive --code "$code" --accept --at "$1" >/dev/null 2>&1
	"$m" dossier start --code "$code" --at "$1" >/dev/null 2>&1
}
new_dossier "2024-07-01 08:00"
first=$code
printf '%%PDF-1.4\nGiay khai sinh so 12\n%%%%EOF\n' >"$work/kq.pdf"
touch "$work/f"
snapshot() { echo "$(db_digest) $(find "$store" "$keys" -type f 2>/dev/null | sort | xargs -r sha256sum | sha256sum)"; }

# no keys yet: refused, nothing kept
before=$(snapshot)
expect_exit 2 "finish with a file, no key directory" -- "$m" dossier finish --code "$first" --result-file "$work/kq.pdf" --at "2024-07-03 10:00"
expect_text "$work/err" "^motcua: pki: .*no such directory" "key directory named"
MOTCUA_NOW="2024-06-01 08:00" "$m" pki init >/dev/null 2>&1 && ok || fail "pki init"
rm "$keys/units/000.00.06.H56.key" "$keys/units/000.00.06.H56.pem"
before=$(snapshot)
expect_exit 2 "the unit has no key" -- "$m" dossier finish --code "$first" --result-file "$work/kq.pdf" --at "2024-07-03 10:00"
expect_text "$work/err" "^motcua: unit: 000.00.06.H56 has no signing key" "unit named"
[ "$(db_digest)" = "$(echo "$before" | cut -d' ' -f1)" ] && ok || fail "a refused finish changed the database"
MOTCUA_NOW="2024-06-01 08:00" "$m" pki init >/dev/null 2>&1 && ok || fail "pki init again"

printf '#!/bin/sh\necho pwned\n' >"$work/kq.sh"
before=$(db_digest)
expect_exit 2 "a result that is not a document" -- "$m" dossier finish --code "$first" --result-file "$work/kq.sh" --at "2024-07-03 10:00"
expect_text "$work/err" '^motcua: kq.sh: type "text/x-shellscript" is not accepted' "type named"
expect_exit 2 "a missing result file" -- "$m" dossier finish --code "$first" --result-file "$work/none.pdf" --at "2024-07-03 10:00"
expect_text "$work/err" "^motcua: result-file: " "result-file named"
[ "$before" = "$(db_digest)" ] && ok || fail "refusals changed the database"

expect_exit 0 "finish with the signed result" -- "$m" dossier finish --code "$first" --result-file "$work/kq.pdf" --result "Giấy khai sinh" --result-code "12/GKS" --at "2024-07-03 10:00"
expect_text "$work/out" "	9	" "status 9"
file_sha=$(grep '^result' "$work/out" | cut -f2)
sig_sha=$(grep '^result' "$work/out" | cut -f3)
[ "$file_sha" = "$(sha256sum "$work/kq.pdf" | cut -d' ' -f1)" ] && ok || fail "the result is the file given ($file_sha)"
expect_exit 0 "get the signature" -- "$m" files get "$sig_sha" --out "$work/kq.pdf.p7s"
expect_exit 0 "get the result" -- "$m" files get "$file_sha" --out "$work/back.pdf"
cmp -s "$work/kq.pdf" "$work/back.pdf" && ok || fail "the stored result differs"
openssl cms -verify -binary -inform DER -in "$work/kq.pdf.p7s" -content "$work/kq.pdf" \
	-CAfile "$keys/ca.pem" -out /dev/null 2>"$work/ossl" && ok || fail "openssl refuses what motcua issued: $(cat "$work/ossl")"
openssl cms -cmsout -print -inform DER -in "$work/kq.pdf.p7s" >"$work/dump" 2>&1
expect_text "$work/dump" "signingTime" "the signing time is signed"
expect_text "$work/dump" "UTCTIME:Jul  3 03:00:00 2024 GMT" "the signing time is the finishing time (10:00 in Vietnam)"
expect_exit 0 "motcua verify" -- "$m" verify "$work/kq.pdf"
expect_text "$work/out" "^unit: +000.00.06.H56 Sở Tư pháp" "the unit that settled it"
expect_text "$work/out" "^signed at: +2024-07-03 10:00" "when"
cp "$work/kq.pdf" "$work/doi.pdf"
printf '3' | dd of="$work/doi.pdf" bs=1 seek=29 conv=notrunc 2>/dev/null
openssl cms -verify -binary -inform DER -in "$work/kq.pdf.p7s" -content "$work/doi.pdf" \
	-CAfile "$keys/ca.pem" -out /dev/null 2>/dev/null && fail "openssl accepts a changed byte" || ok
expect_exit 2 "motcua verify a changed byte" -- "$m" verify "$work/doi.pdf" --signature "$work/kq.pdf.p7s"
expect_text "$work/out" "^intact: +no" "not intact"
# without a signature: the system finds what it issued with this content
cp "$work/kq.pdf" "$work/da-tai-ve.pdf"
expect_exit 0 "verify a copy by its content" -- "$m" verify "$work/da-tai-ve.pdf"
expect_text "$work/out" "^signature: +issued for dossier $first \\(Giấy khai sinh 12/GKS\\)" "the dossier it was issued for"
expect_text "$work/out" "^unit: +000.00.06.H56 Sở Tư pháp" "and who signed"
expect_text "$work/out" "^intact: +yes" "the stored file matches its signature"
expect_exit 2 "verify a changed copy by its content" -- "$m" verify "$work/doi.pdf"
expect_text "$work/err" "issued no result with this content" "nothing issued with it"
expect_exit 0 "the dossier lists both files" -- "$m" files list "$first"
expect_text "$work/out" "result.*kq.pdf" "the result file"
expect_text "$work/out" "signature.*kq.pdf.p7s" "its signature"
expect_exit 0 "check" -- "$m" files check

# a finished dossier is not finished again
before=$(snapshot)
expect_exit 2 "finish twice" -- "$m" dossier finish --code "$first" --result-file "$work/kq.pdf" --at "2024-07-04 10:00"
expect_text "$work/err" "finish: not allowed on a dossier in status 9" "state named"
[ "$(db_digest)" = "$(echo "$before" | cut -d' ' -f1)" ] && ok || fail "a refused finish changed the database"

# a URL given at finishing is a link, not an electronic result
new_dossier "2024-07-01 09:00"
expect_exit 0 "finish with a URL" -- "$m" dossier finish --code "$code" --result "Giấy khai sinh" --result-url "https://kq/2" --at "2024-07-03 11:00"
expect_exit 0 "index" -- "$m" index --period month:2024-07 --unit 000.00.06.H56 --format json
python3 - "$work/out" >"$work/ind" <<'PY'
import json, sys
i = json.load(open(sys.argv[1]))["total"]["indicators"]["electronic_results"]
print(i["numerator"], i["denominator"])
PY
expect_text "$work/ind" "^1 2$" "one electronic result of two finished"

# a result file attached before finishing is the one signed
new_dossier "2024-07-01 10:00"
printf '%%PDF-1.4\nGiay phep 2\n%%%%EOF\n' >"$work/kq2.pdf"
expect_exit 0 "attach the result first" -- "$m" files attach "$code" "$work/kq2.pdf" --role result
expect_exit 0 "finish with the attached file" -- "$m" dossier finish --code "$code" --result-file "$work/kq2.pdf" --at "2024-07-03 12:00"
expect_text "$work/out" "^result	$(sha256sum "$work/kq2.pdf" | cut -d' ' -f1)	" "the attached file signed"
expect_exit 2 "a signature is not attached by hand" -- "$m" files attach "$code" "$work/kq2.pdf" --role signature
expect_text "$work/err" "^motcua: role: a result's signature is made by the system" "role named"

# the receipt's QR code opens the public verification page
expect_exit 0 "form 01" -- "$m" dossier form --code "$first" --form 01 --out "$work/f01.pdf" --base-url https://dichvucong.binhan.gov.vn/
pdftoppm -r 150 -png -f 1 -l 1 "$work/f01.pdf" "$work/f01" && ok || fail "pdftoppm"
zbarimg --raw -q "$work"/f01*.png >"$work/qr" 2>/dev/null
expect_text "$work/qr" "^https://dichvucong.binhan.gov.vn/verify.html\?code=$first$" "the QR code names the verification page and the dossier"
pdftotext "$work/f01.pdf" - | tr '\n' ' ' >"$work/f01.txt"
expect_text "$work/f01.txt" "xác thực kết quả điện tử" "the receipt says what the QR code is for"

expect_exit 2 "a public address that is not http(s)" -- "$m" serve --public-url "ftp://dichvucong.binhan.gov.vn/"
expect_text "$work/err" "^motcua: --public-url: " "the option named"
expect_exit 2 "a public address with a quote" -- "$m" serve --public-url "https://x.vn/\"onload"
expect_text "$work/err" "^motcua: --public-url: " "the option named"

finish result.sh
