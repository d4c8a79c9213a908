#!/bin/bash
# make bench: measure the server against the ceiling of an HTTP server on this machine, in one run.
#
#   1. nginx answering `return 200 "ok"` on loopback: the ceiling here (wrk shares the 2 cores).
#   2. GET /api/health: routing, JSON, a database ping.
#   3. GET /api/me with a session cookie: a session lookup in the database per request.
# Each with wrk -t2 -c64 for $BENCH_SECONDS (default 10) after a 2 s warm-up. Reported: requests/s,
# p50 and p99, the ratio to the ceiling, the server's CPU time per request (utime + stime from
# /proc, which moves least between runs) and its memory (RSS idle, peak under load).
set -euo pipefail
BIN=${1:-build/bench/yichuang}
SECS=${BENCH_SECONDS:-10}
CONN=${BENCH_CONNECTIONS:-64}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/yc-bench.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
TICK=$(getconf CLK_TCK)

# wrk_run NAME URL PID [header] -> prints a result line and sets RPS
wrk_run() {
    local name=$1 url=$2 pid=$3 hdr=${4:-}
    local out=$work/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_').txt
    local args=(-t2 "-c$CONN" --latency)
    [ -n "$hdr" ] && args+=(-H "$hdr")
    wrk "${args[@]}" -d2s "$url" >/dev/null
    local t0 t1
    t0=$(cpu_ticks "$pid")
    wrk "${args[@]}" "-d${SECS}s" "$url" >"$out"
    t1=$(cpu_ticks "$pid")
    local rps p50 p99 reqs non2xx
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    reqs=$(awk '/requests in/ {print $1}' "$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    local cpu_us
    cpu_us=$(awk -v a="$t0" -v b="$t1" -v n="$reqs" -v hz="$TICK" 'BEGIN {printf "%.1f", (b - a) / hz * 1e6 / n}')
    printf '%-22s %10.0f req/s   p50 %-8s p99 %-8s  %6s µs CPU/req%s\n' "$name" "$rps" "$p50" "$p99" "$cpu_us" \
        "${non2xx:+   NON-2XX: $non2xx}"
    RPS=$rps
    [ -z "$non2xx" ] || { echo "bench: $name answered errors" >&2; exit 1; }
}

echo "== Yichuang HTTP benchmark ($(nproc) cores, wrk -t2 -c$CONN, ${SECS}s each, $(date -u +%FT%TZ))"

# 1. the ceiling
nport=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
    server { listen 127.0.0.1:$nport; location / { return 200 "ok"; } }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
nginx_pid=$!
sleep 0.5
wrk -t2 "-c$CONN" -d2s "http://127.0.0.1:$nport/" >/dev/null
wrk -t2 "-c$CONN" --latency "-d${SECS}s" "http://127.0.0.1:$nport/" >"$work/nginx.txt"
CEIL=$(awk '/^Requests\/sec/ {print $2}' "$work/nginx.txt")
printf '%-22s %10.0f req/s   p50 %-8s p99 %-8s\n' "nginx (ceiling)" "$CEIL" \
    "$(awk '$1 == "50%" {print $2}' "$work/nginx.txt")" "$(awk '$1 == "99%" {print $2}' "$work/nginx.txt")"
kill "$nginx_pid"

# 2 and 3 (and a static file, for the cost of the HTTP library alone): the server, SQLite WAL, synchronous=FULL
port=$(free_port)
"$BIN" serve --listen "127.0.0.1:$port" --db "$work/bench.db" --web "$ROOT/web/dist" --demo ${BENCH_SERVE_ARGS:-} \
    >"$work/serve.log" 2>&1 &
pids+=($!)
spid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
cookie=$(curl -si -H 'Content-Type: application/json' -d '{"username":"qiantai","password":"yichuang2025"}' \
    "http://127.0.0.1:$port/api/session" | awk -F'[ ;]' 'tolower($1) == "set-cookie:" {print $2}')
[ -n "$cookie" ] || { echo "bench: login failed" >&2; cat "$work/serve.log" >&2; exit 1; }
idle=$(rss_kb "$spid")
wrk_run "GET /favicon.svg" "http://127.0.0.1:$port/favicon.svg" "$spid"
STATIC=$RPS
wrk_run "GET /api/health" "http://127.0.0.1:$port/api/health" "$spid"
HEALTH=$RPS
wrk_run "GET /api/me (session)" "http://127.0.0.1:$port/api/me" "$spid" "Cookie: $cookie"
ME=$RPS
peak=$(hwm_kb "$spid")

echo
awk -v h="$HEALTH" -v m="$ME" -v c="$CEIL" -v s="$STATIC" 'BEGIN {
    printf "ratio static / ceiling   %5.1f%%   (libmicrohttpd with no work: the floor of our overhead)\n", 100 * s / c
    printf "ratio health / ceiling   %5.1f%%   (target >= 70%%)\n", 100 * h / c
    printf "ratio /api/me / ceiling  %5.1f%%   (target >= 30%%)\n", 100 * m / c
}'
printf 'server RSS idle %d KiB, peak under load %d KiB\n' "$idle" "$peak"

# The parts of the centre, each with its own script (same binary, same run).
for part in catalogue queue cases reports; do
    if [ -x "$ROOT/bench/$part.sh" ]; then
        echo
        "$ROOT/bench/$part.sh" "$BIN"
    fi
done
