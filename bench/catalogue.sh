#!/bin/bash
# bench/catalogue.sh BIN: the catalogue at the size of a province's (called by bench/run.sh).
#
#   1. Generate BENCH_MATTERS (default 20,000) matters with realistic lengths (bench/gen-catalogue.mjs)
#      and import them with `yichuang import matters` into a fresh SQLite database holding the demo
#      data: seconds (target < 5 s). Then import the same file again: nothing changes.
#   2. Search at 32 connections: wrk -t2 -c32 for BENCH_SECONDS (default 10) after a 2 s warm-up,
#      rotating realistic queries (bench/search.lua) signed in as a front desk; p50 and p99 per
#      query (target p99 < 20 ms), with the server's CPU per request.
set -euo pipefail
BIN=${1:-build/bench/yichuang}
N=${BENCH_MATTERS:-20000}
SECS=${BENCH_SECONDS:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/yc-bench-cat.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "== catalogue: $N matters ($(nproc) cores, $(date -u +%FT%TZ))"
node "$ROOT/bench/gen-catalogue.mjs" "$N" >"$work/matters.csv"
db=$work/bench.db
"$BIN" demo --db "$db" >/dev/null 2>&1

t0=$(now)
"$BIN" import matters "$work/matters.csv" --db "$db" >"$work/import.txt" 2>"$work/import.err" ||
    { cat "$work/import.err" >&2; exit 1; }
t1=$(now)
"$BIN" import matters "$work/matters.csv" --db "$db" >"$work/again.txt" 2>/dev/null
t2=$(now)
printf '%-26s %8.2f s   %s (%s MB)\n' "import CSV (SQLite)" "$(echo "$t1 - $t0" | bc)" \
    "$(cat "$work/import.txt")" "$(du -m "$work/matters.csv" | cut -f1)"
printf '%-26s %8.2f s   %s\n' "re-import, unchanged" "$(echo "$t2 - $t1" | bc)" "$(cat "$work/again.txt")"

port=$(free_port)
"$BIN" serve --listen "127.0.0.1:$port" --db "$db" --no-access-log >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
cookie=$(curl -si -H 'Content-Type: application/json' -d '{"username":"qiantai","password":"yichuang2025"}' \
    "http://127.0.0.1:$port/api/session" | sed -n 's/^Set-Cookie: \(yc_session=[^;]*\).*/\1/ip')
[ -n "$cookie" ] || { echo "bench: login failed" >&2; exit 1; }
# the first search builds the index: timed on its own
t0=$(now)
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/matters?q=%E9%A3%9F%E5%93%81" >/dev/null
t1=$(now)
printf '%-26s %8.0f ms\n' "index build (first search)" "$(echo "($t1 - $t0) * 1000" | bc)"

wrk -t2 -c32 -d2s -s "$ROOT/bench/search.lua" -H "Cookie: $cookie" "http://127.0.0.1:$port" >/dev/null
c0=$(cpu_ticks "$pid")
wrk -t2 -c32 "-d${SECS}s" --latency -s "$ROOT/bench/search.lua" -H "Cookie: $cookie" \
    "http://127.0.0.1:$port" >"$work/wrk.txt"
c1=$(cpu_ticks "$pid")
reqs=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
printf '%-26s %8.0f req/s p50 %-8s p99 %-8s %s µs CPU/req%s\n' "search, 32 connections" \
    "$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")" \
    "$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")" "$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")" \
    "$(awk -v a="$c0" -v b="$c1" -v n="$reqs" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", (b - a) / hz * 1e6 / n}')" \
    "${non2xx:+   NON-2XX: $non2xx}"
[ -z "$non2xx" ] || { echo "bench: search answered errors" >&2; exit 1; }
