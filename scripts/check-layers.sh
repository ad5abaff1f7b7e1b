#!/bin/sh
# check-layers.sh - the include graph of src/ follows the layers of
# docs/internals/architecture.md: every `#include "dir/file.h"` of a file
# in src/FROM/ names a folder FROM may use, and so does every header that
# include reaches in turn (a file cannot see store through an app header
# either). Folders form no cycle, and headers include each other in no
# cycle. Exit 0 when the graph holds; else exit 1, one line per fault
# naming the file, the line and the forbidden arrow.
#
# Usage: sh scripts/check-layers.sh [SRC_DIR]   (default: src)
set -u
src=${1:-src}
[ -d "$src" ] || { echo "check-layers: $src: no such folder" >&2; exit 2; }

# What each folder may include besides itself (the table of
# docs/internals/architecture.md). A folder missing here is refused.
layers='
core
store      core
docstore   core
pki        core
aggregates core store
io         core
app        core io store aggregates docstore pki
demo       core io app
http       core io app pki
cli        core io app demo http docstore pki
'

# The exceptions: files that reach a folder their layer forbids, each
# named with the folder and why. Only the demo is here: it writes a
# province's past in bulk (a catalogue, dossiers already lived to the
# cut with their backdated steps and the numbers of past days, ratings
# and feedback at past instants), which no operation of the application
# may write (each takes now, checks the actor and the state), and an
# application call that could would be a door around those checks for
# every edge. So the demo alone writes through the store, inside one
# transaction of its own. http and cli have no line here: any store
# header they reach is refused (docs/internals/architecture.md).
allow='
demo/demo_int.h              store  # the demo context holds the store handle (struct demo_ctx.st)
demo/demo.c                  store  # store_begin store_finish: the province in one transaction; store_unit_put store_procedure_put store_offers_set: the catalogue as built
demo/demo_catalog.c          store  # through demo/demo_int.h
demo/demo_dossier.c          store  # store_dossier_next_code store_event_append: numbers of past days and backdated steps
demo/demo_people.c           store  # through demo/demo_int.h
demo/demo_reorg.c            store  # through demo/demo_int.h
demo/demo_rows.c             store  # through demo/demo_int.h
demo/demo_voice.c            store  # store_rating_put store_feedback_put store_publication_put: ratings, feedback and publication dates of the past
'

find "$src" -name '*.[ch]' | sort | while read -r f; do
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		sed "s|^|$f:|"
done | awk -v src="$src" -v layers="$layers" -v allow="$allow" '
function dir_of(path,   rest) {
	rest = substr(path, length(src) + 2)
	return substr(rest, 1, index(rest, "/") - 1)
}
function may(from, to) {
	return from == to || ((from, to) in ok)
}
# Depth-first walk of the headers reached from file f; reach[f, dir] is
# set to the chain by which f reaches a header of dir.
function walk(f,   i, t, d, k) {
	if (f in done)
		return
	state[f] = 1
	for (i = 1; i <= n_inc[f]; i++) {
		t = inc[f, i]
		d = dir_of(t)
		if (!((f, d) in reach))
			reach[f, d] = t
		if (state[t] == 1) {
			print "check-layers: " f ":" line[f, i] \
			    ": include cycle through " t
			bad++
			continue
		}
		walk(t)
		for (k in dirs)
			if (((t, k) in reach) && !((f, k) in reach))
				reach[f, k] = t " -> " reach[t, k]
	}
	state[f] = 2
	done[f] = 1
}
BEGIN {
	n = split(layers, row, "\n")
	for (i = 1; i <= n; i++) {
		m = split(row[i], w, " ")
		if (!m)
			continue
		known[w[1]] = 1
		dirs[w[1]] = 1
		for (j = 2; j <= m; j++)
			ok[w[1], w[j]] = 1
	}
	n = split(allow, row, "\n")
	for (i = 1; i <= n; i++) {
		sub(/#.*/, "", row[i])
		if (split(row[i], w, " ") == 2)
			allowed[src "/" w[1], w[2]] = 1
	}
}
{
	# FILE:LINE:#include "dir/name.h"
	file = $0; sub(/:.*/, "", file)
	rest = substr($0, length(file) + 2)
	ln = rest; sub(/:.*/, "", ln)
	target = rest; sub(/^[^"]*"/, "", target); sub(/".*/, "", target)
	if (index(target, "/") == 0)
		next
	to = substr(target, 1, index(target, "/") - 1)
	k = ++n_inc[file]
	inc[file, k] = src "/" target
	line[file, k] = ln
	files[file] = 1
	dirs[to] = 1
}
END {
	bad = 0
	for (f in files) {
		d = dir_of(f)
		if (!(d in known)) {
			print "check-layers: " f ": folder " d \
			    " is not in the layer table"
			bad++
		}
	}
	# Folder arrows: forbidden ones, then cycles between folders.
	for (f in files) {
		from = dir_of(f)
		for (i = 1; i <= n_inc[f]; i++) {
			to = dir_of(inc[f, i])
			if (from != to)
				arrow[from, to] = f ":" line[f, i]
		}
	}
	for (f in files)
		walk(f)
	for (f in files) {
		from = dir_of(f)
		for (to in dirs) {
			if (!((f, to) in reach) || may(from, to))
				continue
			if ((f, to) in allowed) {
				used[f, to] = 1
				continue
			}
			# the include line that leads there
			via = reach[f, to]; sub(/ .*/, "", via)
			for (i = 1; i <= n_inc[f]; i++)
				if (inc[f, i] == via)
					break
			print "check-layers: " f ":" line[f, i] ": " from \
			    " -> " to " is against the layers (via " \
			    reach[f, to] ")"
			bad++
		}
	}
	# A folder that reaches itself through other folders is a cycle
	# (the closure of the folder arrows).
	for (k in arrow)
		path[k] = 1
	for (c in dirs)
		for (a in dirs)
			for (b in dirs)
				if (((a, c) in path) && ((c, b) in path))
					path[a, b] = 1
	for (a in dirs)
		if ((a, a) in path) {
			for (b in dirs)
				if (((a, b) in arrow) && ((b, a) in path))
					break
			print "check-layers: " arrow[a, b] ": " a " -> " b \
			    " closes a cycle of folders (" b " reaches " a ")"
			bad++
		}
	for (k in allowed)
		if (!(k in used)) {
			split(k, w, SUBSEP)
			print "check-layers: note: " w[1] " no longer reaches " \
			    w[2] ": remove it from the list"
		}
	n = 0
	for (k in used)
		n++
	printf "check-layers: %d faults, %d allowed exceptions\n", bad, n
	exit bad ? 1 : 0
}'
