#!/bin/sh
# dossier.sh - the lifecycle from the command line: a filing registered,
# accepted, finished and returned; every refused input exits 2, names the
# field, and leaves the database byte for byte as it was.
. "$(dirname "$0")/harness.sh.inc"
m=$MOTCUA
d=$here/data

expect_exit 0 "import units" -- "$m" import units "$d/units.jsonl"
expect_exit 0 "import procedures" -- "$m" import procedures "$d/procedures.jsonl"

expect_exit 0 "register" -- "$m" dossier register --file "$d/filing.json" --at "2024-06-07 08:15"
code=$(cut -f1 "$work/out")
[ "$code" = "000.00.06.H56-240607-0001" ] && ok || fail "code $code"
expect_exit 0 "accept" -- "$m" dossier receive --code "$code" --accept --at "2024-06-07 09:00"
expect_text "$work/out" "2024-06-14 09:00" "due date on the receipt"

before=$(db_digest)
expect_exit 2 "return before finish" -- "$m" dossier return --code "$code" --at "2024-06-08 09:00"
expect_text "$work/err" "return: not allowed on a dossier in status 2" "state named"
expect_exit 2 "bad --at" -- "$m" dossier finish --code "$code" --at "2024-06-31 09:00"
expect_text "$work/err" "at" "field named"
expect_exit 2 "bad citizen id" -- "$m" dossier receive --file "$d/filing-bad-id.json" --accept --at "2024-06-07 10:00"
expect_text "$work/err" "SoGiayToChuHoSo" "ID field named"
expect_exit 2 "online-only window" -- "$m" dossier receive --file "$d/filing-online-only.json" --accept --at "2023-09-01 10:00"
expect_text "$work/err" "online-only" "window named"
expect_exit 2 "filing sets a payment flag" -- "$m" dossier register --file "$d/filing-paid.json" --at "2024-06-07 10:00"
expect_text "$work/err" "motcua: DuocThanhToanTrucTuyen: is not the filer's to set" "payment flag named"
expect_exit 0 "show the fees" -- "$m" dossier show --code "$code"
expect_text "$work/out" '"DanhSachLePhi":\[{"MaPhiLePhi":"LP01","TenPhiLePhi":"Lệ phí","Gia":"50000"' "fees from the catalogue"
expect_exit 2 "unknown dossier" -- "$m" dossier finish --code "nope" --at "2024-06-10 09:00"
expect_exit 2 "stop without reason" -- "$m" dossier stop --code "$code" --at "2024-06-10 09:00"
expect_text "$work/err" "note" "note named"
expect_exit 2 "transfer to unknown unit" -- "$m" dossier transfer --code "$code" --to "000.99.99.H56"
expect_exit 2 "unknown operation" -- "$m" dossier fly --code "$code"
expect_exit 2 "unknown option" -- "$m" dossier finish --code "$code" --colour red
[ "$before" = "$(db_digest)" ] && ok || fail "database changed by refused commands"

expect_exit 0 "finish" -- "$m" dossier finish --code "$code" --result "Giấy khai sinh" --result-url "https://kq/1" --at "2024-06-12 10:00"
expect_exit 0 "return" -- "$m" dossier return --code "$code" --by-post --at "2024-06-12 15:00"
expect_text "$work/out" "	10	" "status 10"
expect_exit 0 "show" -- "$m" dossier show --code "$code"
expect_text "$work/out" '"TrangThaiHoSo":"10"' "portal status"
expect_text "$work/out" "^2024-06-07 09:00	accept" "event log"
[ "$(grep -c '	->\|[0-9]->[0-9]' "$work/out")" -eq 4 ] && ok || fail "4 events"

# the receipt (form 01) as a PDF, read back; a form the dossier has no
# content for, and an unknown form, are refused
expect_exit 0 "form 01" -- "$m" dossier form --code "$code" --form 01 --out "$work/f01.pdf" --base-url http://127.0.0.1:8080/
pdftotext "$work/f01.pdf" "$work/f01.txt" && ok || fail "pdftotext"
expect_text "$work/f01.txt" "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "form 01 title"
expect_text "$work/f01.txt" "Mã hồ sơ: $code" "code on the receipt"
expect_text "$work/f01.txt" "ngày 07/06/2024" "received day on the receipt"
expect_text "$work/f01.txt" "14/06/2024" "due day on the receipt"
expect_exit 2 "form 03 of a dossier not refused" -- "$m" dossier form --code "$code" --form 03 --out "$work/f03.pdf"
expect_text "$work/err" "motcua: form: 03 needs a refused dossier" "form named"
[ ! -e "$work/f03.pdf" ] && ok || fail "no file for a refused form"
expect_exit 2 "form 05" -- "$m" dossier form --code "$code" --form 05 --out "$work/f05.pdf"
expect_exit 2 "form of an unknown dossier" -- "$m" dossier form --code nope --form 01 --out "$work/f.pdf"
expect_text "$work/err" "MaHoSo" "code named"

finish cli-dossier
