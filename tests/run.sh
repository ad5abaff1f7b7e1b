#!/bin/sh
# run.sh - run every unit-test binary of each build given, then the
# command-line tests and the browser tests against the first build's
# motcua, and print the total
# as one "tests: N passed, N failed" line.
set -u
# fontconfig's process-long caches are not leaks of ours (tests/lsan.supp)
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
passed=0
failed=0
tally() {
	# The last line of a test's output is "name: N passed, N failed".
	line=$(printf '%s\n' "$1" | grep -E '[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	if [ -z "$line" ]; then
		failed=$((failed + 1))
		echo "FAIL $2: no tally (crashed?)"
		return
	fi
	p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed$/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed$/\2/')
	passed=$((passed + p))
	failed=$((failed + f))
}

for build in "$@"; do
	for t in $(find "$build/tests" -type f -perm -u+x | sort); do
		out=$("$t" 2>&1)
		rc=$?
		printf '%s\n' "$out" | sed "s|^|[$(basename "$build")] |"
		tally "$out" "$t"
		[ $rc -ne 0 ] && [ -z "$(printf '%s\n' "$out" | grep -E ' [1-9][0-9]* failed$')" ] &&
			{ failed=$((failed + 1)); echo "FAIL $t exited $rc"; }
	done
done

for t in tests/cli/*.sh; do
	[ -f "$t" ] || continue
	out=$(MOTCUA="$1/motcua" sh "$t" 2>&1)
	printf '%s\n' "$out" | sed "s|^|[cli] |"
	tally "$out" "$t"
done

# The browser tests last: headless Chromium through the pages.
if [ -f tests/browser/run.sh ]; then
	out=$(sh tests/browser/run.sh "$1/motcua" 2>&1)
	printf '%s\n' "$out" | sed "s|^|[browser] |"
	tally "$out" tests/browser/run.sh
fi

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
