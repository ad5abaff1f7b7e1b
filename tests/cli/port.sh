#!/bin/sh
# port.sh - scripts/check-port.sh passes on the tree as it is and
# refuses a copy where a backend defines a store_* function of its own
# (past the table, so a second backend would not have it) and one where
# a table of operations leaves an entry out (docs/internals/store.md).
. "$(dirname "$0")/harness.sh.inc"
root=$(cd "$here/../.." && pwd)
check="$root/scripts/check-port.sh"

fresh() {
	rm -rf "$work/src" "$work/tests"
	cp -R "$root/src" "$work/src"
	mkdir -p "$work/tests" && cp -R "$root/tests/store" "$work/tests/store"
}

fresh
expect_exit 0 "the tree as it is" -- sh "$check" "$work/src" "$work/tests"
expect_text "$work/out" '^check-port: 0 faults' "no fault on the tree"

# A function of the SQLite backend called store_*, declared in store.h.
printf 'enum mc_code store_probe(struct store *st);\n' >>"$work/src/store/store.h"
printf 'enum mc_code store_probe(struct store *st) { (void)st; return MC_OK; }\n' \
	>>"$work/src/store/sqlite_index.c"
n=$(wc -l <"$work/src/store/sqlite_index.c")
expect_exit 1 "a backend's own store_ function" -- sh "$check" "$work/src" "$work/tests"
expect_text "$work/out" "sqlite_index.c:$n: a backend defines a store_\* function" \
	"the file and line of the function"
expect_text "$work/out" "store.c: store_probe is declared in store.h but not defined here" \
	"the declaration without dispatch"

# SQLite's table without one entry.
fresh
sed -i '/^\t\.rating_count = sqlite_rating_count,$/d' "$work/src/store/sqlite.c"
expect_exit 1 "a table without an entry" -- sh "$check" "$work/src" "$work/tests"
expect_text "$work/out" "sqlite.c: store_sqlite_ops does not fill in rating_count" \
	"the table and the entry"

finish port.sh
