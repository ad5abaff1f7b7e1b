#!/bin/sh
# layers.sh - scripts/check-layers.sh passes on the tree as it is and
# refuses, naming file, line and arrow, a copy with a forbidden include
# (a store header in http or cli among them), a forbidden folder
# reached through a header, a cycle of folders, a cycle of headers and
# an unknown folder; the production library holds no demo
# code (docs/internals/architecture.md).
. "$(dirname "$0")/harness.sh.inc"
root=$(cd "$here/../.." && pwd)
check="$root/scripts/check-layers.sh"

# A fresh copy of src/ in $work/src, changed by the caller.
fresh() { rm -rf "$work/src" && cp -R "$root/src" "$work/src"; }

fresh
expect_exit 0 "the tree as it is" -- sh "$check" "$work/src"
expect_text "$work/out" '^check-layers: 0 faults' "no fault on the tree"

# io may include only core.
printf '#include "app/app.h"\n' >>"$work/src/io/portal.c"
n=$(wc -l <"$work/src/io/portal.c")
expect_exit 1 "io including app" -- sh "$check" "$work/src"
expect_text "$work/out" "src/io/portal.c:$n: io -> app is against the layers" \
	"the file, line and arrow of the forbidden include"

# http may not reach store, not even through an app header.
fresh
printf '#include "store/store.h"\n' >"$work/src/app/probe.h"
printf '/* probe */\n#include "app/probe.h"\n' >"$work/src/http/probe.c"
expect_exit 1 "http reaching store through app" -- sh "$check" "$work/src"
expect_text "$work/out" \
	'src/http/probe.c:2: http -> store is against the layers \(via .*app/probe.h -> .*store/store.h\)' \
	"the chain through the app header"
if grep -q 'src/app/probe.h:' "$work/out"; then
	fail "app/probe.h was blamed: app may include store"
else ok; fi

# No file of http or cli is excepted: a store include in any is refused,
# directly or through the demo's own header.
for f in http/handlers_search.c http/router.c cli/dossier.c cli/import.c; do
	fresh
	printf '#include "store/store.h"\n' >>"$work/src/$f"
	n=$(wc -l <"$work/src/$f")
	d=${f%%/*}
	expect_exit 1 "$f including store/store.h" -- sh "$check" "$work/src"
	expect_text "$work/out" "src/$f:$n: $d -> store is against the layers" \
		"the file, line and arrow of $f"
done
fresh
printf '#include "demo/demo_int.h"\n' >>"$work/src/cli/demo.c"
expect_exit 1 "cli reaching store through the demo" -- sh "$check" "$work/src"
expect_text "$work/out" 'src/cli/demo.c:[0-9]+: cli -> store is against the layers \(via .*demo/demo_int.h -> .*store/store.h\)' \
	"the chain through the demo header"

# core -> io with io -> core is a cycle of folders.
fresh
printf '#include "io/portal.h"\n' >>"$work/src/core/str.c"
expect_exit 1 "core including io" -- sh "$check" "$work/src"
expect_text "$work/out" 'src/core/str.c:[0-9]+: core -> io is against' \
	"the forbidden arrow"
expect_text "$work/out" 'core -> io closes a cycle of folders' \
	"the cycle of folders"

# Two headers that include each other.
fresh
printf '#include "core/b.h"\n' >"$work/src/core/a.h"
printf '#include "core/a.h"\n' >"$work/src/core/b.h"
expect_exit 1 "headers in a cycle" -- sh "$check" "$work/src"
expect_text "$work/out" 'include cycle through .*core/(a|b).h' \
	"the include cycle"

# A folder the table does not know.
fresh
mkdir "$work/src/payments"
printf '#include "core/str.h"\n' >"$work/src/payments/pay.c"
expect_exit 1 "an unknown folder" -- sh "$check" "$work/src"
expect_text "$work/out" 'payments is not in the layer table' \
	"the unknown folder"

# The demo generator is its own library: libmotcua.a defines none of it.
lib=$(dirname "$MOTCUA")/libmotcua.a
demo=$(dirname "$MOTCUA")/libmotcua-demo.a
if nm "$lib" | grep -E ' [TDRB] demo_' >"$work/syms"; then
	fail "libmotcua.a defines demo symbols: $(head -3 "$work/syms")"
else ok; fi
if nm "$demo" | grep -q ' T demo_build$'; then ok; else
	fail "libmotcua-demo.a has no demo_build"
fi
if nm "$MOTCUA" | grep -q ' T demo_build$'; then ok; else
	fail "motcua has no demo_build (motcua demo needs it)"
fi

finish cli-layers
