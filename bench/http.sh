#!/bin/sh
# http.sh - the server's speed with wrk on loopback (issue 5): a demo
# province, `motcua serve` on a free port, N dossiers filed through the
# API so that their tracking secrets are real, then 10 s of wrk at 64
# connections against the public lookup (a Lua script picks a random
# code and its secret per request) and against a leader's dashboard
# report (signed in, the session cookie on every request). Prints
# requests/s and p99 latency of each and stops the server. Nothing here
# asserts a time; the goal is >= 30,000 lookups/s with p99 < 10 ms.
#
#   HTTP_BENCH_DOSSIERS   dossiers in the demo province (default 20000)
#   HTTP_BENCH_DB         serve this database instead of a new demo one
#                         (e.g. bench/data/10000000/import.db after `make
#                         bench`); the filed dossiers stay in it
#   HTTP_BENCH_CODES      dossiers filed for the lookup (default 200)
#   HTTP_BENCH_SECONDS    wrk duration (default 10)
#   HTTP_BENCH_CONNS      wrk connections (default 64)
#   HTTP_BENCH_THREADS    server worker threads (default: motcua's)
#   HTTP_BENCH_RUNS       wrk runs of each (default 1); with more, each run
#                         is printed, then the median requests/s and the
#                         median p99 (each taken on its own)
#   MOTCUA                the binary (default build/release/motcua)
set -eu
cd "$(dirname "$0")/.."
bin=${MOTCUA:-build/release/motcua}
dossiers=${HTTP_BENCH_DOSSIERS:-20000}
codes=${HTTP_BENCH_CODES:-200}
secs=${HTTP_BENCH_SECONDS:-10}
conns=${HTTP_BENCH_CONNS:-64}
runs=${HTTP_BENCH_RUNS:-1}
log() { echo "bench/http: $*" >&2; }

command -v wrk >/dev/null 2>&1 || sh scripts/deps.sh wrk
command -v curl >/dev/null 2>&1 || sh scripts/deps.sh curl
[ -x "$bin" ] || make --no-print-directory MODE=release build

tmp=$(mktemp -d)
pid=
stop() {
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" || true
	rm -rf "$tmp"
}
trap stop EXIT INT TERM

db=${HTTP_BENCH_DB:-}
if [ -n "$db" ]; then
	dossiers=$(sqlite3 "$db" "SELECT sum(n) FROM dossier_status_counts" 2>/dev/null ||
		sqlite3 "$db" "SELECT count(*) FROM dossiers")
	log "serving $db ($dossiers dossiers)"
else
	db=$tmp/demo.db
	log "demo province of $dossiers dossiers"
	"$bin" demo --db "$db" --dossiers "$dossiers" \
		--until "$(date +%Y-%m-%d)" >/dev/null 2>&1
fi
threads=
[ -n "${HTTP_BENCH_THREADS:-}" ] && threads="--threads $HTTP_BENCH_THREADS"
# One loopback client stands for many: the per-address limits would
# refuse wrk's 64 connections and most of the filings below.
# shellcheck disable=SC2086
"$bin" serve --db "$db" --listen 127.0.0.1:0 --demo-accounts \
	--filings-per-address 100000 --conns-per-address 10000 \
	$threads >"$tmp/serve.log" 2>&1 &
pid=$!
url=
for _ in $(seq 100); do
	url=$(sed -n 's|^motcua: serving on \(http://[^ ]*\)/$|\1|p' \
		"$tmp/serve.log")
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.log" >&2; log "server did not start"; exit 1; }
log "server at $url (pid $pid)"

# ---- file dossiers through the API: real codes with real secrets -------
q() { sqlite3 "$db" "$1"; }
unit=$(q "SELECT unit_code FROM dossiers GROUP BY unit_code ORDER BY count(*) DESC LIMIT 1")
proc=$(q "SELECT procedure_code FROM dossiers WHERE unit_code = '$unit' AND channel = 2 GROUP BY procedure_code ORDER BY count(*) DESC LIMIT 1")
log "filing $codes dossiers of $proc at $unit"
{
	echo "local paths = {"
	i=0
	while [ "$i" -lt "$codes" ]; do
		curl -sf -X POST "$url/api/v1/dossiers" \
			-H 'Content-Type: application/json' -d "{\"MaTTHC\":\"$proc\",\
\"DonViXuLy\":\"$unit\",\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn Thử\",\
\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}" |
			{ cat; echo; } | sed -n 's|.*"code": *"\([^"]*\)".*"secret": *"\([^"]*\)".*|  "/api/v1/public/dossiers/\1?secret=\2",|p'
		i=$((i + 1))
	done
	echo "}"
	cat <<'LUA'
math.randomseed(os.time())
request = function()
	return wrk.format("GET", paths[math.random(#paths)])
end
LUA
} >"$tmp/lookup.lua"
n=$(grep -c '^  "/api' "$tmp/lookup.lua" || true)
[ "$n" -gt 0 ] || { log "no dossier could be filed"; exit 1; }
curl -sf "$url$(sed -n '2s|^  "\(.*\)",$|\1|p' "$tmp/lookup.lua")" >/dev/null ||
	{ log "a filed dossier cannot be looked up"; exit 1; }

# ---- a leader's session for the report ----------------------------------
cookie=$(curl -si -X POST "$url/api/v1/auth/login" \
	-H 'Content-Type: application/json' \
	-d '{"username":"lanhdao","password":"demo"}' |
	sed -n 's|^Set-Cookie: \(motcua_session=[0-9a-f]*\).*|\1|ip' | tr -d '\r')
[ -n "$cookie" ] || { log "sign-in failed"; exit 1; }
month=$(date +%Y-%m)
report="$url/api/v1/reports/settlement?period=month:$month"
curl -sf -H "Cookie: $cookie" "$report" >/dev/null ||
	{ log "the report request fails"; exit 1; }

# ---- wrk ------------------------------------------------------------------
once() { # name, wrk arguments...
	name=$1
	shift
	wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" >"$tmp/wrk.out" 2>&1
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$tmp/wrk.out")
	p99=$(sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/wrk.out")
	errs=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' \
		"$tmp/wrk.out")
	printf '%-16s %10s req/s   p99 %8s   non-2xx %s\n' "$name" "$rps" \
		"$p99" "${errs:-0}"
}
run() { # name, wrk arguments...: $runs runs, then the medians
	[ "$runs" -gt 1 ] || { once "$@"; return; }
	: >"$tmp/runs"
	i=0
	while [ "$i" -lt "$runs" ]; do
		once "$@" | tee -a "$tmp/runs"
		i=$((i + 1))
	done
	# requests/s and p99 (in ms) each sorted on its own
	sed 's/ req\/s   p99 */ /; s/^.* \([0-9.]* [0-9.]*[a-z]*\)   non.*/\1/' \
		"$tmp/runs" | awk '{ v = $2 + 0
		if ($2 ~ /us$/) v /= 1000; else if ($2 ~ /[0-9]s$/) v *= 1000
		print $1, v }' >"$tmp/vals"
	mid=$(((runs + 1) / 2))
	rps=$(cut -d' ' -f1 "$tmp/vals" | sort -n | sed -n "${mid}p")
	p99=$(cut -d' ' -f2 "$tmp/vals" | sort -n | sed -n "${mid}p")
	printf '%-16s %10s req/s   p99 %6.2fms   (median of %d)\n' \
		"  median" "$rps" "$p99" "$runs"
}
echo "http: $conns connections, ${secs} s, $n codes, $dossiers dossiers"
echo "load: $(uptime | sed 's/.*load average: //')"
run "public lookup" -s "$tmp/lookup.lua" "$url"
run "dashboard report" -H "Cookie: $cookie" "$report"
echo "load: $(uptime | sed 's/.*load average: //')"
