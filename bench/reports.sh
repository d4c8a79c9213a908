#!/bin/bash
# bench/reports.sh BIN: the half-monthly report and the scorecard on 10,000,000 cases (called by
# bench/run.sh), on SQLite and then on a throwaway PostgreSQL 15 (tests/pg.sh).
#
# In a fresh database with the demo data (43 departments, the demo catalogue and hall):
#   1. 57 more departments (the bureaus of Shaoyang's 12 counties and districts, 100 in all), each
#      with a copy of the matters of its city counterpart;
#   2. BENCH_REPORT_CASES (default 10,000,000) cases spread evenly over the 730 days up to
#      2026-12-20 ("today", pinned with YC_FAKE_NOW): 3% refused, the last 14 days open, the others
#      decided after 0-12 days (2% overdue), 5% with a 补正 notice, 2.5% extended, 3% stopped; a
#      rating for 20% of them (3% bad reviews, 80% of those rectified), warnings for the overdue
#      ones, a supervision order per 1,000 cases;
#   3. the rollup the fold would have written for them (report_facts, report_daily, report_monthly
#      and the per-matter and per-zone counts), built here in bulk with GROUP BY: the cases were
#      written behind the fold's back, so it has nothing pending;
#   4. the server (ticks hourly: the board's scan of the open cases would otherwise compete for
#      the two cores while the reports are timed): GET /api/reports/half-monthly?period=2026-12-1
#      &live=1 and GET /api/reports/scorecard?year=2026, each BENCH_REPORT_RUNS (default 5) times
#      after one warm-up (median and maximum, target < 1 s), then the same through the command line
#      (a process each: start, migration check, calendar, report), and the server's memory;
#   5. the supervisor's live board (GET /api/supervision/board: every open case by department,
#      matter and warning level, and the 200 most urgent) over the open cases of the last 14 days,
#      after one `yichuang cases scan` has computed their clocks and warnings: BENCH_BOARD_RUNS
#      (default 200) loads one after another, then at 4 connections, then the drill-downs to the
#      busiest department's cases and to every red card, p50/p99 (target p99 < 50 ms).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--pg" ]; then
    shift
    BACKEND=postgresql
else
    BACKEND=sqlite
fi
BIN=$(cd "$(dirname "${1:-build/bench/yichuang}")" && pwd)/$(basename "${1:-build/bench/yichuang}")
N=${BENCH_REPORT_CASES:-10000000}
RUNS=${BENCH_REPORT_RUNS:-5}
export YC_FAKE_NOW=1797732000 # 2026-12-20 10:00 UTC+8
work=$(mktemp -d /tmp/yc-bench-reports.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    # BENCH_KEEP=FILE keeps the SQLite database for a closer look (a profiler, EXPLAIN QUERY PLAN)
    [ -n "${BENCH_KEEP:-}" ] && [ -f "$work/reports.db" ] && cp "$work/reports.db" "$BENCH_KEEP"
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ms() { date +%s%3N; }

if [ "$BACKEND" = sqlite ]; then
    db=$work/reports.db
    sql() { sqlite3 -bail "$db"; }
    scalar() { sqlite3 "$db" "$1"; }
    # day number (0 = 2024-12-21) to text, and text from a day index column
    DAYS_FROM="WITH RECURSIVE d(idx) AS (SELECT 0 UNION ALL SELECT idx + 1 FROM d WHERE idx < 760) SELECT idx, date('2024-12-21', '+' || idx || ' days') FROM d"
    SERIES="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)"
    FROM_SERIES="FROM n"
    PRE="PRAGMA synchronous=OFF; PRAGMA cache_size=-400000; PRAGMA temp_store=FILE;"
    WITHOUT_ROWID="WITHOUT ROWID"
    INT_DIV="/"
else
    [ -n "${YC_TEST_PG:-}" ] || { echo "bench/reports.sh --pg runs under tests/pg.sh" >&2; exit 1; }
    name=yc_bench_reports_$$
    psql "$YC_TEST_PG/postgres" -qc "CREATE DATABASE $name" >/dev/null
    db=$YC_TEST_PG/$name
    sql() { psql "$db" -X -q -v ON_ERROR_STOP=1 >/dev/null; }
    scalar() { psql "$db" -X -A -t -c "$1"; }
    DAYS_FROM="SELECT idx, to_char(DATE '2024-12-21' + idx, 'YYYY-MM-DD') FROM generate_series(0, 760) idx"
    SERIES=""
    FROM_SERIES="FROM generate_series(1::bigint, $N) i"
    PRE="SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '1GB';"
    WITHOUT_ROWID=""
    INT_DIV="/"
fi

echo "== reports ($BACKEND): $N cases over two years, 100 departments ($(nproc) cores, $(date -u +%FT%TZ))"
"$BIN" demo --db "$db" >/dev/null 2>&1
# the demo's own events are folded once, so nothing is pending when the timing starts
"$BIN" report half-monthly --period 2026-12-1 --db "$db" --format json >/dev/null

t0=$(ms)
sql <<SQL
$PRE
BEGIN;
-- 57 more departments: the bureaus of the 12 counties and districts, each with a copy of the
-- matters of its city counterpart (same names, types, limits, window classes)
CREATE TABLE bench_county (k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO bench_county VALUES (0,'双清区'),(1,'大祥区'),(2,'北塔区'),(3,'新邵县'),(4,'邵阳县'),(5,'隆回县'),
  (6,'洞口县'),(7,'绥宁县'),(8,'新宁县'),(9,'城步苗族自治县'),(10,'武冈市'),(11,'邵东市');
CREATE TABLE bench_bureau (k INTEGER PRIMARY KEY, name TEXT, city TEXT);
INSERT INTO bench_bureau VALUES (0,'市场监督管理局','市市场监督管理局'),(1,'交通运输局','市交通运输局'),
  (2,'人力资源和社会保障局','市人力资源和社会保障局'),(3,'自然资源局','市自然资源和规划局'),
  (4,'住房和城乡建设局','市住房和城乡建设局');
INSERT INTO departments(name, code, uscc, seq)
SELECT c.name || b.name, 'BN' || (c.k * 5 + b.k), NULL, 100 + c.k * 5 + b.k
FROM bench_county c, bench_bureau b WHERE c.k * 5 + b.k < 57 ORDER BY c.k, b.k;
CREATE TABLE bench_copy (dept_id BIGINT, code TEXT, src BIGINT);
INSERT INTO bench_copy
SELECT d.id, d.code || '-' || m.code, m.id
FROM departments d JOIN bench_bureau b ON d.name LIKE '%' || b.name AND d.code LIKE 'BN%'
JOIN departments cd ON cd.name = b.city JOIN matters m ON m.department_id = cd.id;
INSERT INTO matters(code, name, department_id, type, window_class, entered, statutory_days, promised_days,
                    current_version, aliases, material_names, digest, updated_at)
SELECT c.code, m.name, c.dept_id, m.type, m.window_class, m.entered, m.statutory_days, m.promised_days,
       1, m.aliases, m.material_names, m.digest, 1733000000000
FROM bench_copy c JOIN matters m ON m.id = c.src;
INSERT INTO matter_versions(matter_id, version, code, name, aliases, department_id, type, window_class,
                            entered, statutory_days, promised_days, conditions, materials, legal_basis,
                            fees, faq, glossary, theme, created_at, created_by)
SELECT n.id, 1, n.code, v.name, v.aliases, n.department_id, v.type, v.window_class, v.entered,
       v.statutory_days, v.promised_days, v.conditions, v.materials, v.legal_basis, v.fees, v.faq,
       v.glossary, v.theme, 1733000000000, 'bench'
FROM bench_copy c JOIN matters n ON n.code = c.code JOIN matters m ON m.id = c.src
JOIN matter_versions v ON v.matter_id = m.id AND v.version = m.current_version;
-- the matters cases are spread over, numbered 0..M-1
CREATE TABLE bench_matter (k INTEGER PRIMARY KEY, id BIGINT, department_id BIGINT, statutory INTEGER);
INSERT INTO bench_matter SELECT row_number() OVER (ORDER BY id) - 1, id, department_id, statutory_days FROM matters;
CREATE TABLE bench_day (idx INTEGER PRIMARY KEY, day TEXT);
INSERT INTO bench_day $DAYS_FROM;
COMMIT;
SQL
t1=$(ms)
sql <<SQL
$PRE
BEGIN;
-- one row per case: day index (0..729), its matter, and its fate
CREATE TABLE bench_case (i BIGINT PRIMARY KEY, day INTEGER, k INTEGER, refused INTEGER, open INTEGER, done INTEGER);
$SERIES
INSERT INTO bench_case
SELECT i, (i - 1) * 730 $INT_DIV $N, (i * 7919) % (SELECT COUNT(*) FROM bench_matter),
       CASE WHEN i % 33 = 0 THEN 1 ELSE 0 END,
       CASE WHEN (i - 1) * 730 $INT_DIV $N >= 716 AND i % 33 <> 0 THEN 1 ELSE 0 END,
       i % 13
$FROM_SERIES;
COMMIT;
SQL
t2=$(ms)
sql <<SQL
$PRE
BEGIN;
INSERT INTO cases(id, number, matter_id, matter_version, applicant_kind, applicant_name, id_number, phone,
                  state, received_day, accepted_day, statutory_days, promised_days, department_id,
                  acceptor_id, decision, created_at, updated_at)
SELECT g.i + 1000000, 'BN' || d.day || '-' || g.i, m.id, 1, 'person', '王建华', '430502198001010011', '',
       CASE WHEN g.refused = 1 THEN 'refused' WHEN g.open = 1 THEN 'in_review' ELSE 'closed' END,
       d.day, CASE WHEN g.refused = 1 THEN NULL ELSE d.day END, m.statutory, 0, m.department_id,
       (SELECT id FROM users WHERE username = 'qiantai'),
       CASE WHEN g.refused = 1 OR g.open = 1 THEN '' ELSE 'grant' END, 1733000000000, 1733000000000
FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day;
COMMIT;
SQL
t3=$(ms)
sql <<SQL
$PRE
BEGIN;
-- the facts the fold would have written: received, accepted or refused, 补正, decided on time or
-- overdue, extended, stopped
CREATE TABLE bench_fact (department_id BIGINT, metric TEXT, day TEXT, case_id BIGINT);
INSERT INTO bench_fact
SELECT m.department_id, 'received', d.day, g.i + 1000000 FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day
UNION ALL SELECT m.department_id, CASE WHEN g.refused = 1 THEN 'refused' ELSE 'accepted' END, d.day, g.i + 1000000 FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day
UNION ALL SELECT m.department_id, 'awaiting_materials', d.day, g.i + 1000000 FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day WHERE g.i % 20 = 1
UNION ALL SELECT m.department_id, 'decided', d.day, g.i + 1000000 FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day + g.done WHERE g.refused = 0 AND g.open = 0
UNION ALL SELECT m.department_id, CASE WHEN g.i % 50 = 7 THEN 'overdue' ELSE 'on_time' END, d.day, g.i + 1000000 FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day + g.done WHERE g.refused = 0 AND g.open = 0
UNION ALL SELECT m.department_id, 'extended', d.day, g.i + 1000000 FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day + 1 WHERE g.refused = 0 AND g.i % 40 = 3
UNION ALL SELECT m.department_id, 'stopped', d.day, g.i + 1000000 FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day + 1 WHERE g.refused = 0 AND g.i % 33 = 5;
INSERT INTO report_facts SELECT department_id, metric, day, case_id FROM bench_fact ORDER BY 1, 2, 3, 4;
INSERT INTO report_daily SELECT day, department_id, metric, COUNT(*) FROM bench_fact WHERE true GROUP BY day, department_id, metric
  ON CONFLICT(day, department_id, metric) DO UPDATE SET n = report_daily.n + excluded.n;
INSERT INTO report_matter_daily SELECT m.id, d.day, COUNT(*) FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day
  WHERE true GROUP BY m.id, d.day ON CONFLICT(matter_id, day) DO UPDATE SET n = report_matter_daily.n + excluded.n;
INSERT INTO report_zone_daily SELECT d.day, 1, COUNT(*) FROM bench_case g JOIN bench_day d ON d.idx = g.day WHERE true GROUP BY d.day
  ON CONFLICT(day, zone_id) DO UPDATE SET n = report_zone_daily.n + excluded.n;
DROP TABLE bench_fact;
COMMIT;
SQL
t4=$(ms)
sql <<SQL
$PRE
BEGIN;
-- supervision: warnings for the overdue ones, a rating for one case in five (3% bad, most of them
-- rectified), an order per 1,000 cases
INSERT INTO case_warnings(case_id, level, day, department_id, matter_id, at)
SELECT g.i + 1000000, l.level, d.day, m.department_id, m.id, 1733000000000
FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day + g.done
JOIN (SELECT 'warn' AS level UNION ALL SELECT 'yellow' UNION ALL SELECT 'red') l ON l.level <> 'red' OR g.i % 150 = 7
WHERE g.refused = 0 AND g.open = 0 AND g.i % 50 = 7;
INSERT INTO ratings(id, case_id, stage, level, reason, channel, real_name, department_id, matter_id, given_at, given_day)
SELECT g.i + 1000000, g.i + 1000000, 'accept', CASE WHEN g.i % 100 < 60 THEN 1 WHEN g.i % 100 < 85 THEN 2 WHEN g.i % 100 < 97 THEN 3 WHEN g.i % 100 < 99 THEN 4 ELSE 5 END,
       CASE WHEN g.i % 100 >= 97 THEN '办理时间过长' ELSE '' END, 'qr', 0, m.department_id, m.id, 1733000000000, d.day
FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day
WHERE g.i % 5 = 0 AND g.refused = 0;
INSERT INTO rectifications(rating_id, case_id, department_id, real_name, state, created_at, created_day, callback_due,
                           fix_due, callback_at, callback_day, action, action_at, action_day)
SELECT r.id, r.case_id, r.department_id, 0, CASE WHEN r.id % 10 < 8 THEN 'acted' ELSE 'open' END, 1733000000000,
       r.given_day, d7.day, d7.day, CASE WHEN r.id % 10 < 8 THEN 1733000000000 END,
       CASE WHEN r.id % 10 < 8 THEN d3.day END, CASE WHEN r.id % 10 < 8 THEN 'immediate' END,
       CASE WHEN r.id % 10 < 8 THEN 1733000000000 END, CASE WHEN r.id % 10 < 8 THEN d3.day END
FROM ratings r JOIN bench_case g ON g.i + 1000000 = r.case_id JOIN bench_day d7 ON d7.idx = g.day + 7 JOIN bench_day d3 ON d3.idx = g.day + 3
WHERE r.level >= 4 AND r.id > 1000000;
INSERT INTO supervision_orders(id, number, department_id, text, reply_days, deadline_day, state, created_by, created_at, created_day)
SELECT g.i + 1000000, '督办〔BN〕' || g.i || '号', m.department_id, '请说明超期原因并限期办结', 5, d.day, 'closed',
       (SELECT id FROM users WHERE username = 'duban'), 1733000000000, d.day
FROM bench_case g JOIN bench_matter m ON m.k = g.k JOIN bench_day d ON d.idx = g.day WHERE g.i % 1000 = 7;
INSERT INTO supervision_order_cases SELECT id, id FROM supervision_orders WHERE number LIKE '督办〔BN〕%';
-- their counts, as the fold keeps them; the triggers queued the rows: the counts are built here
DELETE FROM report_pending;
INSERT INTO report_daily SELECT day, department_id, level, COUNT(*) FROM case_warnings WHERE case_id > 1000000
  GROUP BY day, department_id, level ON CONFLICT(day, department_id, metric) DO UPDATE SET n = report_daily.n + excluded.n;
INSERT INTO report_daily SELECT created_day, department_id, 'orders', COUNT(*) FROM supervision_orders WHERE id > 1000000 GROUP BY created_day, department_id
  ON CONFLICT(day, department_id, metric) DO UPDATE SET n = report_daily.n + excluded.n;
INSERT INTO report_daily SELECT given_day, department_id, 'rating_' || level, COUNT(*) FROM ratings WHERE stage <> 'rectification' AND id > 1000000
  GROUP BY given_day, department_id, level ON CONFLICT(day, department_id, metric) DO UPDATE SET n = report_daily.n + excluded.n;
-- the months, summed again from the days (which hold the demo's own counts too)
DELETE FROM report_monthly;
INSERT INTO report_monthly SELECT substr(day, 1, 7), department_id, metric, SUM(n) FROM report_daily
  GROUP BY substr(day, 1, 7), department_id, metric;
DROP TABLE bench_case;
COMMIT;
SQL
t5=$(ms)
if [ "$BACKEND" = postgresql ]; then
    psql "$db" -X -q -c "VACUUM ANALYZE" >/dev/null
    size=$(psql "$db" -X -A -t -c "SELECT pg_database_size(current_database()) / 1048576")
else
    sqlite3 "$db" "ANALYZE" >/dev/null
    size=$(du -m "$db" | cut -f1)
fi
t6=$(ms)
counts=$("$BIN" report scorecard --year 2026 --db "$db" --format csv | awk -F, 'NR > 1 && $2 != "合计" {n++} END {print n}')
printf 'generated in %d s (departments and matters %d s, cases %d s, rollup %d s, supervision %d s, analyse %d s); %s MiB; %s departments in the 2026 scorecard\n' \
    $(( (t6 - t0) / 1000 )) $(( (t1 - t0) / 1000 )) $(( (t3 - t1) / 1000 )) $(( (t4 - t3) / 1000 )) \
    $(( (t5 - t4) / 1000 )) $(( (t6 - t5) / 1000 )) "$size" "$counts"

# the scheduled scan, as the server's ticker would have run it while the cases came in: their
# clocks and warning levels in case_watch, which the board reads
t7=$(ms)
"$BIN" cases scan --db "$db" >"$work/scan.out" 2>"$work/scan.log"
t8=$(ms)
open=$(scalar "SELECT COUNT(*) FROM case_watch")
printf 'scan: clocks and warnings of %s open cases in %d s (%s)\n' "$open" $(( (t8 - t7) / 1000 )) "$(tr '\n' ' ' <"$work/scan.out")"

port=$(free_port)
"$BIN" serve --listen "127.0.0.1:$port" --db "$db" --web "$ROOT/web/dist" --tick 3600 --no-access-log \
    >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
cookie=$(curl -si -H 'Content-Type: application/json' -d '{"username":"duban","password":"yichuang2025"}' \
    "http://127.0.0.1:$port/api/session" | awk -F'[ ;]' 'tolower($1) == "set-cookie:" {print $2}')
[ -n "$cookie" ] || { echo "bench: login failed" >&2; cat "$work/serve.log" >&2; exit 1; }
idle=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")

# time one request RUNS times after a warm-up: "median max" in ms
time_api() {
    local url=$1 t=()
    curl -sf -b "$cookie" "$url" -o "$work/out" || { echo "bench: $url failed" >&2; cat "$work/out" >&2; exit 1; }
    for _ in $(seq "$RUNS"); do
        t+=("$(curl -sf -b "$cookie" -o /dev/null -w '%{time_total}' "$url")")
    done
    printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR] = $1 * 1000} END {printf "%.0f %.0f\n", a[int((NR + 1) / 2)], a[NR]}'
}
time_cli() {
    local t=()
    for _ in $(seq "$RUNS"); do
        local s e
        s=$(ms)
        "$BIN" report "$@" --db "$db" --format json >/dev/null
        e=$(ms)
        t+=("$((e - s))")
    done
    printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%d %d\n", a[int((NR + 1) / 2)], a[NR]}'
}
base="http://127.0.0.1:$port/api/reports"
read -r hm_med hm_max < <(time_api "$base/half-monthly?period=2026-12-1&live=1")
received=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tables"][0]["total"]["received"])' "$work/out")
read -r sc_med sc_max < <(time_api "$base/scorecard?year=2026")
read -r tg_med tg_max < <(time_api "$base/targets?from=2025-01-01&to=2026-12-20")
read -r tr_med tr_max < <(time_api "$base/half-monthly/cases?period=2026-12-1&metric=overdue&dept=BN0")
read -r xl_med xl_max < <(time_api "$base/half-monthly?period=2026-12-1&live=1&format=xlsx")
read -r pdf_med pdf_max < <(time_api "$base/half-monthly?period=2026-12-1&live=1&format=pdf")
peak=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
read -r chm_med chm_max < <(time_cli half-monthly --period 2026-12-1 --live)
read -r csc_med csc_max < <(time_cli scorecard --year 2026)
printf 'API  half-monthly 2026-12-1 (%s cases received)   median %5d ms, max %5d ms   (target < 1000)\n' "$received" "$hm_med" "$hm_max"
printf 'API  scorecard 2026                                  median %5d ms, max %5d ms   (target < 1000)\n' "$sc_med" "$sc_max"
printf 'API  targets 2025-01-01..2026-12-20 (48 half-months) median %5d ms, max %5d ms\n' "$tg_med" "$tg_max"
printf 'API  trace: the overdue cases of one department       median %5d ms, max %5d ms\n' "$tr_med" "$tr_max"
printf 'API  half-monthly as XLSX / as PDF                    median %5d / %d ms\n' "$xl_med" "$pdf_med"
printf 'CLI  half-monthly (a process: start to end)           median %5d ms, max %5d ms\n' "$chm_med" "$chm_max"
printf 'CLI  scorecard                                        median %5d ms, max %5d ms\n' "$csc_med" "$csc_max"
board=$(node "$ROOT/bench/board-client.mjs" "http://127.0.0.1:$port" "${BENCH_BOARD_RUNS:-200}" "$pid")
printf 'API  live board (%s open cases)   (target p99 < 50)\n     %s\n' "$open" "$board"
peak=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
printf 'server RSS: %d KiB after start, %d KiB after the runs, peak %d KiB\n' "$idle" "$rss" "$peak"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=

if [ "$BACKEND" = sqlite ] && [ -z "${BENCH_REPORT_NO_PG:-}" ] && [ -x /usr/lib/postgresql/15/bin/postgres ]; then
    "$ROOT/tests/pg.sh" "$0" --pg "$BIN" | grep -v '^pg.sh:'
fi
