#!/bin/bash
# bench/cases.sh BIN: durable case acceptance with a million cases on file (called by bench/run.sh).
#
# In a fresh SQLite database (WAL, synchronous=FULL) with the demo data:
#   1. BENCH_CASES (default 1,000,000) generated cases over the two years before today, on the demo
#      catalogue's matters: 97% closed, 3% open (accepted or in review) in the last 14 days and
#      assigned to the posts of their departments, as the window's routing would;
#   2. the plain C loop of bench/fsync-loop.c on the same disk: one 300-byte row per transaction,
#      synchronous=FULL: the disk's durable-commit rate;
#   3. case acceptance through the API at BENCH_CONNS (default 64) connections for BENCH_SECONDS
#      (default 10): cases/s, p50/p99 (target p99 < 20 ms), and the ratio to the loop (target >= 2);
#      then the same with group commit off (YC_SQLITE_GROUP=0), the server committing each case on
#      its own;
#   4. the back-office inbox of the demo reviewer, its first page (GET /api/cases?inbox=1: the newest
#      50 of the reviewer's open cases, every case accepted in 3. among them) at BENCH_INBOX_CONNS
#      (default 4) connections: p50/p99 (target p99 < 20 ms);
#      and the supervisor's live board (GET /api/supervision/board) the same way (p99 < 50 ms);
#   5. the deadline scan over all open cases (`yichuang cases scan`), twice: the first catches up
#      with whatever the generated history owes (explanations of missed promises, each its own
#      durable transaction), the second is the steady tick (target < 1 s).
set -euo pipefail
BIN=${1:-build/bench/yichuang}
CASES=${BENCH_CASES:-1000000}
CONNS=${BENCH_CONNS:-64}
SECONDS_EACH=${BENCH_SECONDS:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/yc-bench-cases.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    # BENCH_KEEP=FILE keeps the database for a closer look (a profiler, EXPLAIN QUERY PLAN)
    [ -n "${BENCH_KEEP:-}" ] && [ -f "$work/cases.db" ] && cp "$work/cases.db" "$BENCH_KEEP"
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ms() { date +%s%3N; }

echo "== cases: $CASES cases on file, acceptance at $CONNS connections ($(nproc) cores, $(date -u +%FT%TZ))"
db=$work/cases.db
"$BIN" demo --db "$db" >/dev/null 2>&1

t0=$(ms)
sqlite3 "$db" <<SQL
PRAGMA synchronous=OFF;
BEGIN;
CREATE TEMP TABLE mm AS
  SELECT row_number() OVER (ORDER BY m.id) AS k, m.id, m.department_id,
         (SELECT p.id FROM posts p WHERE p.department_id = m.department_id ORDER BY p.id LIMIT 1) AS post_id,
         (SELECT p.a_user_id FROM posts p WHERE p.department_id = m.department_id ORDER BY p.id LIMIT 1) AS a_user
  FROM matters m;
CREATE TEMP TABLE mp AS SELECT row_number() OVER (ORDER BY id) AS k, id, department_id, post_id, a_user FROM mm WHERE post_id IS NOT NULL;
CREATE TEMP TABLE names(k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO names VALUES (0,'张伟'),(1,'王芳'),(2,'李娜'),(3,'刘洋'),(4,'陈静'),(5,'杨帆'),(6,'赵磊'),(7,'黄丽'),(8,'周杰'),(9,'吴敏');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $CASES),
g AS (
  SELECT i, i % 100 < 3 AS open,
         CASE WHEN i % 100 < 3 THEN date('now', '-' || (i % 14) || ' days')
              ELSE date('now', '-' || (40 + i % 690) || ' days') END AS day
  FROM n)
INSERT INTO cases(number, matter_id, matter_version, applicant_kind, applicant_name, id_number, phone,
                  state, received_day, accepted_day, statutory_days, promised_days, department_id,
                  acceptor_id, post_id, assignee_id, decision, result_channel, created_at, updated_at)
SELECT 'SY' || replace(g.day, '-', '') || '-' || printf('%07d', g.i) || '-00',
       COALESCE(mp.id, mm.id), 1, 'person', names.name,
       '430502' || printf('%012d', g.i), '1380739' || printf('%04d', g.i % 10000),
       CASE WHEN NOT g.open THEN 'closed' WHEN g.i % 2 = 0 THEN 'accepted' ELSE 'in_review' END,
       g.day, g.day, 20, 10, COALESCE(mp.department_id, mm.department_id),
       (SELECT id FROM users WHERE username = 'qiantai'), COALESCE(mp.post_id, mm.post_id),
       COALESCE(mp.a_user, mm.a_user),
       CASE WHEN g.open THEN '' ELSE 'grant' END, CASE WHEN g.open THEN '' ELSE 'window' END,
       CAST(strftime('%s', g.day) AS INTEGER) * 1000, CAST(strftime('%s', g.day) AS INTEGER) * 1000
FROM g
LEFT JOIN mp ON g.open AND mp.k = 1 + g.i % (SELECT count(*) FROM mp)
LEFT JOIN mm ON NOT g.open AND mm.k = 1 + g.i % (SELECT count(*) FROM mm)
JOIN names ON names.k = g.i % 10;
COMMIT;
SQL
t1=$(ms)
open=$(sqlite3 "$db" "SELECT count(*) FROM cases WHERE state NOT IN ('closed','refused','withdrawn','terminated')")
echo "generated                  $(sqlite3 "$db" 'SELECT count(*) FROM cases') cases in $(( (t1 - t0) / 1000 )) s, $open open; file $(du -m "$db" | cut -f1) MiB"

cc -O2 "$ROOT/bench/fsync-loop.c" $(pkg-config --cflags --libs sqlite3) -o "$work/fsync-loop"
loop=$("$work/fsync-loop" "$work/loop.db" 5)
echo "plain loop, 1 row per tx    $loop transactions/s (synchronous=FULL, the disk's flush rate)"

serve() { # serve [ENV=...]: start the server on the bench database
    port=$(free_port)
    env "$@" "$BIN" serve --listen "127.0.0.1:$port" --db "$db" --no-access-log >"$work/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
report() { # report LABEL JSON
    node -e '
const [label, loop, json] = process.argv.slice(1);
const r = JSON.parse(json);
const f = (x) => x.toFixed(2);
const a = r.accept;
console.log(`${label.padEnd(26)} ${String(a.per_s).padStart(6)} cases/s  p50 ${f(a.p50_ms)} ms  p99 ${f(a.p99_ms)} ms  max ${f(a.max_ms)} ms  ${a.errors} errors  ${a.cpu_us_per_request} µs CPU/case  ratio to the loop ${(a.per_s / Number(loop)).toFixed(2)}` + (a.first_error ? `\n  first error: ${a.first_error}` : ""));
if (label.startsWith("accept, group")) {
  const i = r.inbox;
  console.log(`inbox (page of ${r.inbox_count} of ${r.inbox_open} open), ${r.inbox.connections} conn. ${String(i.per_s).padStart(6)} loads/s  p50 ${f(i.p50_ms)} ms  p99 ${f(i.p99_ms)} ms  max ${f(i.max_ms)} ms  ${i.errors} errors  ${i.cpu_us_per_request} µs CPU/load   (target p99 < 20 ms)`);
  const b = r.board;
  console.log(`board (${r.board_total} open), ${b.connections} conn.     ${String(b.per_s).padStart(6)} loads/s  p50 ${f(b.p50_ms)} ms  p99 ${f(b.p99_ms)} ms  max ${f(b.max_ms)} ms  ${b.errors} errors  ${b.cpu_us_per_request} µs CPU/load   (target p99 < 50 ms)`);
}' "$1" "$loop" "$2"
}

serve
out=$(node "$ROOT/bench/case-client.mjs" "http://127.0.0.1:$port" "$SECONDS_EACH" "$CONNS" "$pid" "${BENCH_INBOX_CONNS:-4}") ||
    { tail -20 "$work/serve.log" >&2; exit 1; }
report "accept, group commit" "$out"
rss=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
stop
serve YC_SQLITE_GROUP=0
out=$(node "$ROOT/bench/case-client.mjs" "http://127.0.0.1:$port" "$SECONDS_EACH" "$CONNS" "$pid") ||
    { tail -20 "$work/serve.log" >&2; exit 1; }
report "accept, one commit each" "$out"
stop

for run in first again; do
    t0=$(ms)
    "$BIN" cases scan --db "$db" >"$work/scan.out" 2>"$work/scan.log"
    t1=$(ms)
    echo "deadline scan, $run $(printf '%*s' $((6 - ${#run})) '')  $(( t1 - t0 )) ms over $open open cases: $(tr '\n' ' ' <"$work/scan.out")  (target < 1 s)"
done
echo "server peak RSS            $rss KiB"
