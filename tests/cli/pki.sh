#!/bin/sh
# pki.sh - `motcua pki` and `motcua verify`: the demonstration CA and a
# key per unit (modes 0700/0600), a real key taken from a PKCS#12 file
# (password from a file or the environment only), and verify saying
# what `openssl cms -verify` says: who signed, when, intact or not.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
d=$here/data
keys="$MOTCUA_DB.pki"
unset MOTCUA_PKI MOTCUA_P12_PASSWORD

expect_exit 0 "import units" -- "$m" import units "$d/units.jsonl"
expect_exit 2 "list before init" -- "$m" pki list
expect_text "$work/err" "^motcua: pki: .*no such directory" "no key directory named"

expect_exit 0 "init" -- "$m" pki init
expect_text "$work/out" "demonstration CA made .* 4 units given a key, 0 had one" "four units"
[ "$(stat -c %a "$keys")" = 700 ] && ok || fail "key directory mode $(stat -c %a "$keys")"
[ "$(stat -c %a "$keys/units/000.00.06.H56.key")" = 600 ] && ok || fail "key mode"
[ "$(stat -c %a "$keys/ca.key")" = 600 ] && ok || fail "CA key mode"
expect_exit 0 "init again" -- "$m" pki init
expect_text "$work/out" "CA kept .* 0 units given a key, 4 had one" "init keeps what is there"
expect_exit 0 "list" -- "$m" pki list
expect_text "$work/out" "^000.00.06.H56	Sở Tư pháp	CN=Sở Tư pháp,OU=000.00.06.H56,O=Tỉnh Thử,C=VN	until " "unit, name, subject"
openssl x509 -in "$keys/ca.pem" -noout -subject >"$work/ca" 2>&1
expect_text "$work/ca" "CA thử nghiệm|CA th" "the CA says it is a demonstration"

# a signature made with the unit's key (here by the openssl command)
printf '%%PDF-1.4\nQuyet dinh\n%%%%EOF\n' >"$work/kq.pdf"
u=000.00.06.H56
openssl cms -sign -binary -outform DER -in "$work/kq.pdf" -signer "$keys/units/$u.pem" \
	-inkey "$keys/units/$u.key" -out "$work/kq.pdf.p7s" 2>/dev/null && ok || fail "openssl sign"
expect_exit 0 "verify (FILE.p7s beside)" -- "$m" verify "$work/kq.pdf"
expect_text "$work/out" "^unit: +000.00.06.H56 Sở Tư pháp" "unit named"
expect_text "$work/out" "^signed by: +CN=Sở Tư pháp" "subject"
expect_text "$work/out" "^signed at: +20[0-9-]+ [0-9:]+ \(Vietnam time\)" "signing time"
expect_text "$work/out" "^intact: +yes" "intact"
expect_text "$work/out" "^trusted: +yes" "trusted"
cp "$work/kq.pdf" "$work/doi.pdf"
printf 'X' | dd of="$work/doi.pdf" bs=1 seek=11 conv=notrunc 2>/dev/null
expect_exit 2 "verify a changed byte" -- "$m" verify "$work/doi.pdf" --signature "$work/kq.pdf.p7s"
expect_text "$work/out" "^intact: +no" "not intact"
expect_text "$work/err" "^motcua: signature: the file is not the one that was signed" "reason"
openssl cms -verify -binary -inform DER -in "$work/kq.pdf.p7s" -content "$work/doi.pdf" \
	-CAfile "$keys/ca.pem" -out /dev/null 2>/dev/null && fail "openssl accepts a changed byte" || ok
expect_exit 2 "verify garbage" -- "$m" verify "$work/kq.pdf" --signature "$work/kq.pdf"
expect_text "$work/err" "^motcua: signature: is not a CMS" "garbage named"
expect_exit 2 "verify a missing signature" -- "$m" verify "$work/doi.pdf"
expect_text "$work/err" "^motcua: signature: " "missing signature named"

# a real certificate: a CA and a signer made with openssl, in a .p12
o="$work/real"
mkdir "$o"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$o/ca.key" -out "$o/ca.pem" -days 3650 \
	-subj "/C=VN/O=Ban Co yeu/CN=Real Root CA" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -keyout "$o/s.key" -out "$o/s.csr" \
	-subj "/C=VN/O=Tinh Thu/CN=Huyen Mot" >/dev/null 2>&1
printf 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n' >"$o/ext"
openssl x509 -req -in "$o/s.csr" -CA "$o/ca.pem" -CAkey "$o/ca.key" -CAcreateserial \
	-days 700 -extfile "$o/ext" -out "$o/s.pem" >/dev/null 2>&1
printf 'mat-khau-p12\n' >"$o/pw"
openssl pkcs12 -export -inkey "$o/s.key" -in "$o/s.pem" -certfile "$o/ca.pem" \
	-passout file:"$o/pw" -out "$o/s.p12" 2>/dev/null && ok || fail "openssl pkcs12"

before=$(find "$keys" -type f | sort | xargs sha256sum | sha256sum)
expect_exit 2 "a password on the command line is not an option" -- "$m" pki import --unit 000.00.31.H56 "$o/s.p12" --password x
expect_exit 2 "import without a password" -- "$m" pki import --unit 000.00.31.H56 "$o/s.p12"
expect_text "$work/err" "password-file F or \\\$MOTCUA_P12_PASSWORD" "where the password comes from"
printf 'sai\n' >"$o/bad"
expect_exit 2 "import with a wrong password" -- "$m" pki import --unit 000.00.31.H56 "$o/s.p12" --password-file "$o/bad"
expect_text "$work/err" "^motcua: p12: the password is wrong" "wrong password named"
expect_exit 2 "import to an unknown unit" -- "$m" pki import --unit 999 "$o/s.p12" --password-file "$o/pw"
expect_text "$work/err" "^motcua: unit: 999 is not a known unit" "unit named"
expect_exit 2 "import without its root" -- env MOTCUA_P12_PASSWORD=mat-khau-p12 "$m" pki import --unit 000.00.31.H56 "$o/s.p12"
expect_text "$work/err" "^motcua: p12: the certificate does not chain to a trusted CA" "chain named"
expect_exit 2 "import of something else" -- "$m" pki import --unit 000.00.31.H56 "$work/kq.pdf" --password-file "$o/pw"
expect_text "$work/err" "^motcua: p12: is not a PKCS#12 file" "not a p12 named"
[ "$(find "$keys" -type f | sort | xargs sha256sum | sha256sum)" = "$before" ] && ok || fail "a refused import changed the key directory"

expect_exit 0 "import with its root" -- env MOTCUA_P12_PASSWORD=mat-khau-p12 "$m" pki import --unit 000.00.31.H56 "$o/s.p12" --ca "$o/ca.pem"
expect_text "$work/out" "^000.00.31.H56	CN=Huyen Mot,O=Tinh Thu,C=VN	" "the real certificate"
expect_exit 0 "list" -- "$m" pki list
expect_text "$work/out" "^000.00.31.H56	Huyện Một	CN=Huyen Mot" "listed"
openssl cms -sign -binary -outform DER -in "$work/kq.pdf" -signer "$keys/units/000.00.31.H56.pem" \
	-inkey "$keys/units/000.00.31.H56.key" -out "$work/real.p7s" 2>/dev/null
expect_exit 0 "verify the real signer" -- "$m" verify "$work/kq.pdf" --signature "$work/real.p7s"
expect_text "$work/out" "^unit: +000.00.31.H56 Huyện Một" "unit of an imported key"
expect_text "$work/out" "^trusted: +yes" "chains to the added root"
# the demonstration CA still counts
expect_exit 0 "verify the demonstration signer again" -- "$m" verify "$work/kq.pdf"

# a stranger: intact, not trusted
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$o/x.key" -out "$o/x.pem" -days 30 \
	-subj "/CN=Ai do" >/dev/null 2>&1
openssl cms -sign -binary -outform DER -in "$work/kq.pdf" -signer "$o/x.pem" -inkey "$o/x.key" \
	-out "$work/x.p7s" 2>/dev/null
expect_exit 2 "verify a stranger" -- "$m" verify "$work/kq.pdf" --signature "$work/x.p7s"
expect_text "$work/out" "^intact: +yes" "intact"
expect_text "$work/out" "^trusted: +no" "not trusted"
expect_text "$work/out" "^unit: +- " "no unit"
expect_text "$work/err" "does not chain to a trusted CA" "reason"

finish pki.sh
