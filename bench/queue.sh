#!/bin/bash
# bench/queue.sh BIN: a simulated busy day of the hall queue (called by bench/run.sh).
#
# On the demo hall (63 windows; 39 more front desks added so each window has its own person), in a
# fresh SQLite database (WAL, synchronous=FULL: every ticket and every call is durable):
#   1. BENCH_TICKETS (default 6,000) tickets: 5/6 issued at full speed over 64 connections by the
#      guide desk (tickets/s, latency);
#   2. BENCH_STREAMS (default 200) display streams open on every zone;
#   3. every window calls next and finishes at full speed while one more connection issues the last
#      1/6: 64 connections (calls/s; p50/p99 are then queueing, about 64 / throughput), until a
#      third of the day is left; that third paced at BENCH_RATE calls/s in all (default 200): the
#      call-next p50/p99 of a server that is not saturated (target p99 < 5 ms);
#   4. every call must reach every stream within 1 s: delivery delay from the call (its server time)
#      to each stream receiving it, p50/p99/max, and any missing.
# Also the server's CPU per request (utime + stime), and its memory: idle, with the streams, peak.
set -euo pipefail
BIN=${1:-build/bench/yichuang}
TICKETS=${BENCH_TICKETS:-6000}
STREAMS=${BENCH_STREAMS:-200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/yc-bench-queue.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

echo "== queue: a busy day on the demo hall, $TICKETS tickets, $STREAMS display streams ($(nproc) cores, $(date -u +%FT%TZ))"
db=$work/queue.db
"$BIN" demo --db "$db" >/dev/null 2>&1
seq 1 39 | xargs -P "$(nproc)" -I{} env YC_PASSWORD=yichuang2025 \
    "$BIN" user add "bench{}" --name "前台{}" --roles front_desk --db "$db" >/dev/null

port=$(free_port)
"$BIN" serve --listen "127.0.0.1:$port" --db "$db" --no-access-log >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
idle=$(rss_kb "$pid")
c0=$(cpu_ticks "$pid")
node "$ROOT/bench/queue-client.mjs" "http://127.0.0.1:$port" "$TICKETS" "$STREAMS" day "$pid" >"$work/out.json" ||
    { tail -20 "$work/serve.log" >&2; exit 1; }
c1=$(cpu_ticks "$pid")
peak=$(hwm_kb "$pid")

node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const [idle, peak, ticks, hz] = process.argv.slice(2).map(Number);
const reqs = r.tickets + 2 * r.served; // issue, call, finish
const f = (x) => x.toFixed(2);
console.log(`tickets issued             ${r.tickets} (${r.served} called and served on ${r.windows} windows, ${r.errors} errors)`);
console.log(`issue, 64 connections      ${String(r.issue.per_s).padStart(6)} tickets/s   p50 ${f(r.issue.p50_ms)} ms  p99 ${f(r.issue.p99_ms)} ms  max ${f(r.issue.max_ms)} ms`);
console.log(`call next, paced, ${r.paced.connections} conn. ${String(r.paced.per_s).padStart(6)} calls/s     p50 ${f(r.paced.p50_ms)} ms  p99 ${f(r.paced.p99_ms)} ms  max ${f(r.paced.max_ms)} ms   (target p99 < 5 ms)   ${r.paced.cpu_us_per_call_and_finish} µs CPU per call + finish`);
console.log(`call next, full speed, ${r.call.connections} conn. ${String(r.call.per_s).padStart(4)} calls/s  p50 ${f(r.call.p50_ms)} ms  p99 ${f(r.call.p99_ms)} ms  max ${f(r.call.max_ms)} ms   ${r.call.cpu_us_per_call_and_finish} µs CPU per call + finish`);
console.log(`finish, full speed                        p50 ${f(r.finish.p50_ms)} ms  p99 ${f(r.finish.p99_ms)} ms`);
console.log(`display: ${r.delivery.streams} streams, ${r.delivery.deliveries} deliveries, ${r.delivery.missing} missing, ${r.delivery.late_over_1s} over 1 s; delay call -> received p50 ${f(r.delivery.p50_ms)} ms  p99 ${f(r.delivery.p99_ms)} ms  max ${f(r.delivery.max_ms)} ms`);
console.log(`server RSS: idle ${idle} KiB; ${r.delivery.streams} streams open ${r.rss_kb.streams_open} KiB; end of day ${r.rss_kb.end_of_day} KiB; peak ${peak} KiB (the logins: Argon2id takes 64 MiB a hash)`);
console.log(`server CPU ${Math.round(ticks / hz * 1e6 / reqs)} µs per request over the whole run (127 logins included)`);
if (r.errors || r.delivery.missing || r.served !== r.tickets) { console.error("bench: the day did not go through"); process.exit(1); }
' "$work/out.json" "$idle" "$peak" "$((c1 - c0))" "$(getconf CLK_TCK)"
