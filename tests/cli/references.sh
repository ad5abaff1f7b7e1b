#!/bin/sh
# references.sh - files a dossier refers to: `motcua files attach`, list,
# the limits per file and per dossier (each refusal leaves the database
# and the store as they were), names cleaned, gc after its grace period,
# check of every referenced file.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
d=$here/data
store="$MOTCUA_DB.files"
unset MOTCUA_FILES

store_digest() { (cd "$store" && find . -type f | sort | xargs sha256sum) | sha256sum; }
both_digest() { echo "$(db_digest) $(store_digest)"; }

expect_exit 0 "import units" -- "$m" import units "$d/units.jsonl"
expect_exit 0 "import procedures" -- "$m" import procedures "$d/procedures.jsonl"
expect_exit 0 "register" -- "$m" dossier register --file "$d/filing.json" --at "2024-06-07 08:15"
code=$(cut -f1 "$work/out")

pdf() { # FILE FILLER-BYTES: a PDF head, then zeros
	printf '%%PDF-1.4\n%s\n' "$1" >"$work/$1"
	head -c "$2" /dev/zero >>"$work/$1"
}
pdf don.pdf 1000
pdf cccd.pdf 2000

expect_exit 0 "attach a component" -- "$m" files attach "$code" "$work/don.pdf" --role component --component TP01
h=$(sha256sum "$work/don.pdf" | cut -d' ' -f1)
expect_text "$work/out" "^$h	component	TP01	application/pdf	1017	don.pdf	" "the reference printed"
[ -f "$store/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)" ] && ok || fail "the content is in the store"
expect_exit 0 "list" -- "$m" files list "$code"
expect_text "$work/out" "^$h	component	TP01	" "listed"
[ "$(sqlite3 "$MOTCUA_DB" "SELECT role, component, size FROM dossier_files")" = "component|TP01|1017" ] && ok || fail "one row in dossier_files"
[ "$(sqlite3 "$MOTCUA_DB" "SELECT action FROM events ORDER BY id DESC LIMIT 1")" = "attach-file" ] && ok || fail "the attachment is in the event log"

# names: no directory parts, no control or bidi characters
name=$(printf 'x\001y\342\200\256fdp.pdf')
cp "$work/cccd.pdf" "$work/$name"
expect_exit 0 "attach with a dirty name" -- "$m" files attach "$code" "$work/$name" --role component --component TP02
[ "$(sqlite3 "$MOTCUA_DB" "SELECT name FROM dossier_files WHERE component = 'TP02'")" = "xyfdp.pdf" ] && ok || fail "name cleaned: $(sqlite3 "$MOTCUA_DB" "SELECT name FROM dossier_files WHERE component = 'TP02'")"

# refusals: nothing stored, in the database or the store
before=$(both_digest)
expect_exit 2 "the same file again" -- "$m" files attach "$code" "$work/don.pdf" --role component --component TP01
expect_text "$work/err" "holds this file already" "duplicate named"
expect_exit 2 "unknown dossier" -- "$m" files attach "NOPE-1" "$work/don.pdf" --role component
expect_text "$work/err" '^motcua: MaHoSo: dossier "NOPE-1" is not known' "unknown dossier named"
expect_exit 2 "bad role" -- "$m" files attach "$code" "$work/don.pdf" --role picture
expect_text "$work/err" "role: must be component, result or supplement" "role named"
printf '#!/bin/sh\necho hi\n' >"$work/run.pdf"
expect_exit 2 "a script named .pdf" -- "$m" files attach "$code" "$work/run.pdf" --role component
expect_text "$work/err" 'run.pdf: type "text/x-shellscript" is not accepted' "type named"
pdf big.pdf 1100000
expect_exit 2 "over the limit per file" -- "$m" files attach "$code" "$work/big.pdf" --role component --component TP03 --max-file-mib 1
expect_text "$work/err" "^motcua: big.pdf: is larger than the limit of 1.0 MiB per file" "per-file limit named"
pdf half1.pdf 600000
pdf half2.pdf 600000
expect_exit 0 "attach within the dossier's limit" -- "$m" files attach "$code" "$work/half1.pdf" --role component --component TP03 --max-dossier-mib 1
before=$(both_digest)
expect_exit 2 "over the limit per dossier" -- "$m" files attach "$code" "$work/half2.pdf" --role component --component TP04 --max-dossier-mib 1
expect_text "$work/err" "^motcua: half2.pdf: dossier $code would hold more than the limit of 1.0 MiB per dossier" "per-dossier limit named"
expect_exit 2 "a stream over the limit per dossier" -- sh -c "cat '$work/half2.pdf' | '$m' files attach '$code' /dev/stdin --role component --max-dossier-mib 1"
expect_text "$work/err" "would hold more than the limit of 1.0 MiB per dossier" "a stream is refused too"
expect_exit 2 "bad --max-dossier-mib" -- "$m" files attach "$code" "$work/half2.pdf" --role component --max-dossier-mib 0
expect_text "$work/err" "max-dossier-mib: must be" "bad limit named"
[ "$(both_digest)" = "$before" ] && ok || fail "a refused attach changed the database or the store"
h2=$(sha256sum "$work/half2.pdf" | cut -d' ' -f1)
[ -e "$store/$(echo "$h2" | cut -c1-2)/$(echo "$h2" | cut -c3-)" ] && fail "the refused content stayed in the store" || ok
expect_exit 0 "the default limit per dossier takes it" -- "$m" files attach "$code" "$work/half2.pdf" --role component --component TP04

# gc: what nothing refers to goes once its grace period is over
expect_exit 0 "put a loose file" -- "$m" files put "$work/big.pdf"
loose=$(cut -f1 "$work/out")
lpath="$store/$(echo "$loose" | cut -c1-2)/$(echo "$loose" | cut -c3-)"
touch "$store/.tmp-inprog"
expect_exit 0 "gc within the grace period" -- "$m" files gc
expect_text "$work/out" "^0 files removed" "a new loose file kept"
[ -f "$lpath" ] && ok || fail "gc took a file within its grace period"
touch -d '23 hours ago' "$lpath"
expect_exit 0 "gc at 23 hours" -- "$m" files gc
[ -f "$lpath" ] && ok || fail "gc took a file 23 hours old (default grace 24 h)"
touch -d '25 hours ago' "$lpath"
hpath="$store/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)"
touch -d '30 days ago' "$hpath"
expect_exit 0 "gc at 25 hours" -- "$m" files gc
expect_text "$work/out" "^1 files removed \(1100017 bytes\), 4 kept" "one removed, four referenced kept"
[ -f "$lpath" ] && fail "gc kept an unreferenced file past its grace period" || ok
[ -f "$hpath" ] && ok || fail "gc took a referenced file"
[ -f "$store/.tmp-inprog" ] && ok || fail "gc took the temporary file of a put in progress"
expect_exit 0 "put again" -- "$m" files put "$work/big.pdf"
expect_exit 0 "gc --grace-hours 0" -- "$m" files gc --grace-hours 0
expect_text "$work/out" "^1 files removed" "grace 0 removes at once"
expect_exit 2 "bad --grace-hours" -- "$m" files gc --grace-hours -1
expect_text "$work/err" "grace-hours: must be" "bad grace named"

# the same content put again starts its grace anew
expect_exit 0 "put" -- "$m" files put "$work/big.pdf"
touch -d '25 hours ago' "$lpath"
expect_exit 0 "put the same again" -- "$m" files put "$work/big.pdf"
expect_exit 0 "gc" -- "$m" files gc
[ -f "$lpath" ] && ok || fail "gc took content that was just put again"

# check: every referenced file present and matching
expect_exit 0 "check" -- "$m" files check
expect_text "$work/out" "^5 files checked .*, 4 referenced by dossiers, 0 missing, 0 not matching" "all good"
rm "$hpath"
expect_exit 2 "check with a referenced file missing" -- "$m" files check
expect_text "$work/err" "^motcua: $h: referred to by a dossier but not in the store" "the missing file named"
expect_text "$work/out" "1 missing" "one missing"

# openings: none yet from the command line's listing
expect_exit 0 "openings" -- "$m" files openings "$code"
[ ! -s "$work/out" ] && ok || fail "listing files logged an opening"
sqlite3 "$MOTCUA_DB" "INSERT INTO file_openings(file_id, at, actor, actor_role, actor_unit) SELECT id, 1717200000, 'canbo', 'officer', '000.00.31.H56' FROM dossier_files WHERE component = 'TP02'"
expect_exit 0 "openings" -- "$m" files openings "$code"
expect_text "$work/out" "^2024-06-01 07:00	canbo	officer	000.00.31.H56	[0-9a-f]{64}	xyfdp.pdf$" "the opening listed"
expect_exit 2 "openings of an unknown dossier" -- "$m" files openings NOPE-1
expect_text "$work/err" "MaHoSo" "unknown dossier named"

finish references.sh
