#!/bin/sh
# reasons.sh - every reason key an error answer of the server can carry
# (mc_fail_as and r->reason in src/, and every code of mc_code_name and
# of the server's own refusals) has Vietnamese and English words in
# web/js/errors.js, which the pages show instead of the server's message.
. "$(dirname "$0")/harness.sh.inc"
root=$(cd "$here/../.." && pwd)
words="$root/web/js/errors.js"

# the reasons given in the sources: mc_fail_as(err, CODE, FIELD, "key", ...)
# (the key may sit on the next line) and r->reason = "key"
grep -rhoE 'mc_fail_as\([^"]*"[^"]*"[^"]*"[a-z_]+"' "$root/src" |
	sed -E 's/.*"([a-z_]+)"$/\1/' >"$work/keys"
grep -rhA2 'mc_fail_as(' "$root/src" | grep -oE '^[[:space:]]*"[a-z_]+",' |
	tr -d ' \t",' >>"$work/keys"
grep -rhoE 'r->reason = "[a-z_]+"' "$root/src" | sed -E 's/.*"([a-z_]+)"/\1/' >>"$work/keys"
# the codes, which stand for the reason when there is none
sed -n '/^const char \*mc_code_name/,/^}/p' "$root/src/core/error.c" |
	grep -oE 'return "[a-z_]+"' | sed -E 's/return "(.*)"/\1/' >>"$work/keys"
grep -rhoE 'http_reply_(error|retry)\(r, [0-9]+, "[a-z_]+"' "$root/src/http" |
	sed -E 's/.*"([a-z_]+)"$/\1/' >>"$work/keys"
sort -u "$work/keys" | grep -vx 'ok\|unknown' >"$work/all"

n=$(wc -l <"$work/all")
[ "$n" -ge 35 ] && ok || fail "only $n reason keys found in the sources"
for key in $(cat "$work/all"); do
	line=$(grep -E "^[[:space:]]*$key: \[" "$words")
	if [ -z "$line" ]; then
		# the server's failures share one message
		case $key in internal | internal_error | database_error | io_error | out_of_memory | checksum_mismatch)
			grep -q "'$key'" "$words" && ok || fail "$key: not among the server's failures"
			continue ;;
		esac
		fail "$key: no words in web/js/errors.js"
		continue
	fi
	ok
done
# and each has two sentences, Vietnamese then English, that differ
if command -v node >/dev/null 2>&1; then
	node --input-type=module -e "$(sed 's/^export //' "$words")
const bad = Object.entries(REASONS).filter(([, w]) => w.length !== 2 || !w[0] || !w[1] || w[0] === w[1]);
if (bad.length) { console.log(bad.map(([k]) => k).join(' ')); process.exit(1); }" >"$work/out" 2>&1 &&
		ok || fail "reasons without two languages: $(cat "$work/out")"
fi
finish reasons
