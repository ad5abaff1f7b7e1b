# lib.sh - a tiny harness for command-line tests: each `ok`/`fail` counts
# one check; `finish` prints "NAME: N passed, N failed".
# $MOTCUA is the binary under test; every test works in its own temp dir.
set -u
passed=0
failed=0
work=$(mktemp -d /tmp/motcua-cli-XXXXXX)
trap 'rm -rf "$work"' EXIT
export MOTCUA_DB="$work/test.db"
here=$(cd "$(dirname "$0")" && pwd)

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_exit CODE DESCRIPTION -- command...  (stderr kept in $work/err)
expect_exit() {
	want=$1; what=$2; shift 3
	"$@" >"$work/out" 2>"$work/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		fail "$what: exit $got, expected $want: $(head -c 300 "$work/err")"
	fi
}

# expect_text FILE PATTERN DESCRIPTION  (grep -E)
expect_text() {
	if grep -qE -- "$2" "$1"; then ok; else
		fail "$3: /$2/ not in $(head -c 300 "$1")"
	fi
}

db_digest() { sqlite3 "$MOTCUA_DB" .dump | sha256sum | cut -d' ' -f1; }

finish() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
