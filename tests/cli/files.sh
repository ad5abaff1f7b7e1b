#!/bin/sh
# files.sh - `motcua files`: the document store from the command line.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
store="$MOTCUA_DB.files"
unset MOTCUA_FILES

# samples of each accepted type, and two that must be refused
printf '%%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%%%EOF\n' >"$work/don.pdf"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\010\002\0\0\0\220wS\336' >"$work/anh.png"
printf '\377\330\377\340\0\020JFIF\0\1\1\0\0\1\0\1\0\0' >"$work/anh.jpg"
printf 'II*\0\010\0\0\0\0\0' >"$work/scan.tif"
python3 - "$work" <<'PY'
import sys, zipfile
w = sys.argv[1]
for name, part in (("don.docx", "word/document.xml"), ("bang.xlsx", "xl/workbook.xml")):
    with zipfile.ZipFile(f"{w}/{name}", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>" * 20)
        z.writestr("_rels/.rels", "<Relationships/>" * 10)
        z.writestr(part, "<x/>")
with zipfile.ZipFile(f"{w}/don.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", "<x/>")
with zipfile.ZipFile(f"{w}/hoso.zip", "w") as z:
    z.writestr("ghichu.txt", "hello")
PY
printf '#!/bin/sh\necho pwned\n' >"$work/script.pdf"
printf 'MZ\220\0\3\0\0\0\4\0\0\0\377\377\0\0' >"$work/setup.pdf"

put_type() { # FILE MIME
	expect_exit 0 "put $1" -- "$m" files put "$work/$1"
	[ "$(cut -f2 "$work/out")" = "$2" ] && ok || fail "$1: type $(cut -f2 "$work/out"), expected $2"
	[ "$(cut -f1 "$work/out")" = "$(sha256sum "$work/$1" | cut -d' ' -f1)" ] && ok || fail "$1: hash is not sha256sum's"
}
put_type don.pdf application/pdf
put_type anh.png image/png
put_type anh.jpg image/jpeg
put_type scan.tif image/tiff
put_type don.docx application/vnd.openxmlformats-officedocument.wordprocessingml.document
put_type bang.xlsx application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
put_type don.odt application/vnd.oasis.opendocument.text
put_type hoso.zip application/zip
[ -d "$store" ] && ok || fail "the store is DB.files next to the database"

# get: byte-identical
h=$(sha256sum "$work/don.docx" | cut -d' ' -f1)
[ -f "$store/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)" ] && ok || fail "stored as DIR/ab/cdef..."
expect_exit 0 "get" -- "$m" files get "$h" --out "$work/back.docx"
cmp -s "$work/don.docx" "$work/back.docx" && ok || fail "get gives other bytes"
expect_exit 2 "get an unknown hash" -- "$m" files get "$(printf '%064d' 0)" --out "$work/none"
expect_text "$work/err" "^motcua: SHA256: |^motcua: 0{64}: no such file" "unknown hash named"
[ -e "$work/none" ] && fail "get of an unknown hash made a file" || ok
expect_exit 2 "get a bad hash" -- "$m" files get ../../etc/passwd --out "$work/none"
expect_text "$work/err" "SHA256: must be 64" "bad hash named"

# refusals leave the store exactly as it was
before=$(find "$store" | sort | sha256sum)
expect_exit 2 "a shell script named .pdf" -- "$m" files put "$work/script.pdf"
expect_text "$work/err" '^motcua: script.pdf: type "text/x-shellscript" is not accepted' "script refused by its content"
expect_exit 2 "an executable named .pdf" -- "$m" files put "$work/setup.pdf"
expect_text "$work/err" '^motcua: setup.pdf: type "[^"]+" is not accepted' "executable refused"
head -c 2097152 /dev/zero >"$work/zeros"
cat "$work/don.pdf" "$work/zeros" >"$work/big.pdf"
expect_exit 2 "over --max-file-mib 1" -- "$m" files put "$work/big.pdf" --max-file-mib 1
expect_text "$work/err" "^motcua: big.pdf: is larger than the limit of 1.0 MiB per file" "size refused naming the file"
expect_exit 2 "a pipe over the limit" -- sh -c "cat '$work/big.pdf' | '$m' files put /dev/stdin --max-file-mib 1"
expect_text "$work/err" "stdin: is larger than the limit" "a stream is refused too"
expect_exit 2 "bad --max-file-mib" -- "$m" files put "$work/don.pdf" --max-file-mib 0
expect_text "$work/err" "max-file-mib" "bad limit named"
[ "$(find "$store" | sort | sha256sum)" = "$before" ] && ok || fail "a refused put left something in the store: $(find "$store" -name '.tmp*')"
expect_exit 0 "the default limit takes 2 MiB" -- "$m" files put "$work/big.pdf"

# check: all good, then one changed byte is named
expect_exit 0 "check" -- "$m" files check
expect_text "$work/out" "^9 files checked .*, 0 not matching" "nine files"
obj="$store/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)"
printf 'Z' | dd of="$obj" bs=1 seek=30 conv=notrunc 2>/dev/null
expect_exit 2 "check after a changed byte" -- "$m" files check
expect_text "$work/err" "^motcua: $h: the stored content does not match its hash" "the changed file named"
expect_text "$work/out" "1 not matching" "one bad"
expect_exit 2 "get of a changed file" -- "$m" files get "$h" --out "$work/bad.docx"
[ -e "$work/bad.docx" ] && fail "get left bytes that failed their hash" || ok

# elsewhere: --files DIR and MOTCUA_FILES
mkdir "$work/disk2"
expect_exit 0 "put --files" -- "$m" files put "$work/anh.png" --files "$work/disk2/store"
[ -d "$work/disk2/store" ] && ok || fail "--files DIR used"
expect_exit 0 "check with MOTCUA_FILES" -- env MOTCUA_FILES="$work/disk2/store" "$m" files check
expect_text "$work/out" "^1 files checked" "MOTCUA_FILES used"

finish files.sh
