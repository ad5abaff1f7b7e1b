#!/bin/sh
# check-port.sh [SRC [TESTS]] - the store's port holds: every store_*
# function of store.h is defined in store/store.c (which dispatches
# through the table) and nowhere else, and every table of operations
# (`const struct store_ops NAME = {` in SRC/store and TESTS/store) fills
# in every entry of struct store_ops (store/backend.h). Prints each
# fault as FILE: WHAT and exits 1 when there is one
# (docs/internals/store.md).
src=${1:-src}
tests=${2:-tests}
faults=0
fault() { echo "$1"; faults=$((faults + 1)); }

# The public functions, as declared in store.h.
public=$(grep -oE '\bstore_[a-z0-9_]+\(' "$src/store/store.h" | tr -d '(' | sort -u)
for f in $public; do
	grep -qE "^[a-z].*[ *]$f\(" "$src/store/store.c" ||
		fault "$src/store/store.c: $f is declared in store.h but not defined here"
done
# A backend defines no store_* function: it fills in the table.
for file in "$src"/store/*.c; do
	[ "$(basename "$file")" = store.c ] && continue
	grep -nE '^[a-z][a-z0-9_ ]*[ *]store_[a-z0-9_]+\(' "$file" |
		while IFS=: read -r line _; do
			echo "$file:$line: a backend defines a store_* function; add an entry to struct store_ops instead"
		done >"${TMPDIR:-/tmp}/check-port.$$"
	if [ -s "${TMPDIR:-/tmp}/check-port.$$" ]; then
		cat "${TMPDIR:-/tmp}/check-port.$$"
		faults=$((faults + $(wc -l <"${TMPDIR:-/tmp}/check-port.$$")))
	fi
	rm -f "${TMPDIR:-/tmp}/check-port.$$"
done

# The entries of struct store_ops.
entries=$(awk '/^struct store_ops \{/ { on = 1; next }
	on && /^\};/ { on = 0 }
	on { while (match($0, /\(\*[a-z0-9_]+\)\(/)) {
		print substr($0, RSTART + 2, RLENGTH - 4); $0 = substr($0, RSTART + RLENGTH) } }' \
	"$src/store/backend.h")
for file in "$src"/store/*.c "$tests"/store/*.c; do
	[ -f "$file" ] || continue
	for table in $(sed -nE 's/^(static )?const struct store_ops ([a-z0-9_]+) = \{.*/\2/p' "$file"); do
		body=$(awk -v t="$table" '$0 ~ "struct store_ops " t " = [{]" { on = 1; next }
			on && /^\};/ { on = 0 } on' "$file")
		for e in $entries; do
			printf '%s\n' "$body" | grep -qE "^[[:space:]]*\.$e[[:space:]]*=" ||
				fault "$file: $table does not fill in $e"
		done
	done
done
echo "check-port: $faults faults"
[ "$faults" -eq 0 ]
