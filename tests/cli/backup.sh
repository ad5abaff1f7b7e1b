#!/bin/sh
# backup.sh - `motcua backup --out DIR`: the database through the online
# backup and every file its dossiers refer to, checked; the copy opens as
# it is (files check passes, a report equals the original's); refusals.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
store="$MOTCUA_DB.files"
unset MOTCUA_FILES

expect_exit 0 "demo" -- "$m" demo --dossiers 300 --until 2026-06-30 --seed 7
codes=$(sqlite3 "$MOTCUA_DB" "SELECT code FROM dossiers ORDER BY code LIMIT 2")
c1=$(echo "$codes" | sed -n 1p)
c2=$(echo "$codes" | sed -n 2p)
pdf() { # FILE FILLER-BYTES
	printf '%%PDF-1.4\n%s\n' "$1" >"$work/$1"
	head -c "$2" /dev/urandom >>"$work/$1"
}
pdf don.pdf 3000
pdf cccd.pdf 5000
pdf ketqua.pdf 7000
expect_exit 0 "attach 1" -- "$m" files attach "$c1" "$work/don.pdf" --role component --component TP01
expect_exit 0 "attach 2" -- "$m" files attach "$c1" "$work/cccd.pdf" --role component --component TP02
expect_exit 0 "attach 3" -- "$m" files attach "$c2" "$work/ketqua.pdf" --role result
expect_exit 0 "the same content for another dossier" -- "$m" files attach "$c2" "$work/don.pdf" --role component --component TP01
# a file nothing refers to stays behind
expect_exit 0 "put unreferenced" -- "$m" files put "$work/ketqua.pdf"
pdf loose.pdf 100
expect_exit 0 "put unreferenced" -- "$m" files put "$work/loose.pdf"
loose=$(cut -f1 "$work/out")

dossiers=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossiers")
bytes=$(($(wc -c <"$work/don.pdf") + $(wc -c <"$work/cccd.pdf") + $(wc -c <"$work/ketqua.pdf")))
expect_exit 0 "backup" -- "$m" backup --out "$work/bk"
expect_text "$work/out" "$dossiers dossiers, .* 3 files, $bytes bytes" "what was copied printed"
[ -f "$work/bk/test.db" ] && ok || fail "the database copied as DIR/test.db"
for f in don.pdf cccd.pdf ketqua.pdf; do
	h=$(sha256sum "$work/$f" | cut -d' ' -f1)
	cmp -s "$work/$f" "$work/bk/test.db.files/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)" && ok || fail "$f copied byte for byte"
done
[ "$(find "$work/bk/test.db.files" -type f | wc -l)" -eq 3 ] && ok || fail "only referenced files copied: $(find "$work/bk/test.db.files" -type f)"
[ -e "$work/bk/test.db.files/$(echo "$loose" | cut -c1-2)/$(echo "$loose" | cut -c3-)" ] && fail "an unreferenced file was copied" || ok
expect_text "$work/bk/MANIFEST" "^database	test.db$" "manifest names the database"
expect_text "$work/bk/MANIFEST" "^dossiers	$dossiers$" "manifest counts the dossiers"
expect_text "$work/bk/MANIFEST" "^files	3$" "manifest counts the files"
expect_text "$work/bk/MANIFEST" "^files_bytes	$bytes$" "manifest adds up the files"
expect_text "$work/bk/MANIFEST" "^database_bytes	$(wc -c <"$work/bk/test.db")$" "manifest gives the database's size"

# restoring is pointing --db at the copy
expect_exit 0 "files check on the copy" -- "$m" files check --db "$work/bk/test.db"
expect_text "$work/out" "3 referenced by dossiers, 0 missing, 0 not matching" "the copy's files all there"
[ "$(sqlite3 "$work/bk/test.db" "SELECT count(*) FROM dossier_files")" -eq 4 ] && ok || fail "references copied"
for p in year:2025 month:2026-06; do
	"$m" report --period $p --format csv >"$work/orig.csv" 2>&1
	"$m" report --db "$work/bk/test.db" --period $p --format csv >"$work/copy.csv" 2>&1
	[ -s "$work/orig.csv" ] && cmp -s "$work/orig.csv" "$work/copy.csv" && ok || fail "report $p on the copy differs"
done

# while another process attaches files: each copy is whole and its own
i=0
while [ $i -lt 12 ]; do pdf "w$i.pdf" 2000; i=$((i + 1)); done
(
	i=0
	while [ $i -lt 12 ]; do
		"$m" files attach "$c2" "$work/w$i.pdf" --role supplement >/dev/null 2>&1
		i=$((i + 1))
	done
) &
writer=$!
for k in 1 2 3; do
	expect_exit 0 "backup $k while writing" -- "$m" backup --out "$work/live$k"
	[ "$(sqlite3 "$work/live$k/test.db" "PRAGMA integrity_check")" = ok ] && ok || fail "copy $k is not intact"
	expect_exit 0 "files check on copy $k" -- "$m" files check --db "$work/live$k/test.db"
	n=$(sqlite3 "$work/live$k/test.db" "SELECT count(DISTINCT sha256) FROM dossier_files")
	expect_text "$work/live$k/MANIFEST" "^files	$n$" "copy $k holds what its references name"
done
wait $writer
[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossier_files WHERE role = 'supplement'")" -eq 12 ] && ok || fail "the writer's attachments all committed"

# refusals
expect_exit 2 "a non-empty DIR" -- "$m" backup --out "$work/bk"
expect_text "$work/err" "^motcua: out: .*bk: is not empty" "non-empty DIR named"
mkdir "$work/other" && echo x >"$work/other/note"
expect_exit 2 "a DIR holding a file" -- "$m" backup --out "$work/other"
expect_text "$work/err" "^motcua: out: " "--out named"
[ "$(ls "$work/other")" = note ] && ok || fail "the refused DIR was changed"
expect_exit 2 "a missing database" -- "$m" backup --db "$work/none.db" --out "$work/bk2"
expect_text "$work/err" "^motcua: db: .*none.db: no such database" "missing DB named"
[ -e "$work/none.db" ] && fail "a database was made" || ok
[ -e "$work/bk2" ] && fail "DIR made for a missing database" || ok
mkdir "$work/empty"
expect_exit 0 "an empty DIR is taken" -- "$m" backup --out "$work/empty"

# a corrupted file in the source store: named, and nothing left in DIR
h=$(sha256sum "$work/cccd.pdf" | cut -d' ' -f1)
f="$store/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)"
chmod u+w "$f"
printf 'X' | dd of="$f" bs=1 seek=20 conv=notrunc 2>/dev/null
expect_exit 2 "backup with a corrupted file" -- "$m" backup --out "$work/bk3"
expect_text "$work/err" "^motcua: $h: the stored bytes no longer match" "the corrupted file named"
[ -e "$work/bk3" ] && fail "a refused backup left $(find "$work/bk3")" || ok
mkdir "$work/bk4"
expect_exit 2 "into an empty DIR, corrupted" -- "$m" backup --out "$work/bk4"
[ -z "$(ls -A "$work/bk4")" ] && ok || fail "a refused backup left $(ls -A "$work/bk4")"
rm "$f"
expect_exit 2 "backup with a missing file" -- "$m" backup --out "$work/bk5"
expect_text "$work/err" "^motcua: $h: referred to by a dossier but not in the store" "the missing file named"

finish backup.sh
