// The supervision reports (issue 6, docs/reports.md): the half-monthly report, the scorecard, the
// targets over time, the cases behind every figure, and the stored report of an ended half-month;
// the same numbers in JSON, XLSX, PDF and on the command line; bad input; the access matrix of
// src/http/routes_reports.inc. Runs on SQLite, and on PostgreSQL under tests/pg.sh.
//
// The fixture is made through the real API on six days: the server is restarted on the same
// database with the clock pinned to each day (YC_FAKE_NOW). Every expected figure below is worked
// out by hand from this script and the calendar (data/cn-holidays.csv), not by the code under test.
//
//   Z 2025-11-10 (Mon)  交通: 15 × 出租汽车经营许可 accepted and decided the same day
//   A 2026-01-26 (Mon)  交通: T1 道路旅客运输经营许可 accepted (20 working days: ends Sat 02-28,
//                       a make-up working day: Jan 27-30, Feb 2-6, 9-13, Sat 14, 24-27, Sat 28)
//   B 2026-02-24 (Tue)  交通: T2, T3 accepted; T1 review starts. 市监: S1 食品经营许可 accepted (10
//                       working days: ends 03-09); S2 received with materials missing (补正告知)
//   C 2026-03-02 (Mon)  交通: T4 accepted, T5 refused, T6 道路运输车辆年度审验 on the spot (即办);
//                       T2 suspended for testing (检测). 市监: S2 complete (accepted), S3 accepted,
//                       S1 reviewed, signed and granted (5 of 10 days used: on time)
//   D 2026-03-03 (Tue)  交通: T1 signed and granted: 22 working days used of 20, overdue; T3
//                       extended by the head, signed and refused (on time); T2 resumes.
//                       市监: S3 review asks for more materials (a clock stop)
//   E 2026-03-16 (Mon)  交通: T2 signed and granted (14 of 20 used: on time). 市监: S4 accepted.
//                       The half-month 2026-03-1 has ended: the ticker stores its report.
//
// Supervision and evaluation (the tables of migration 0007, through their API):
//   warnings  T1: 预警 from 02-26 (2 working days left), 黄牌 from 03-01 (the day after its end), both
//             recorded by the scan on day C with those days; decided on D, before 红牌 (03-05).
//             S2 (accepted 03-02, 10 days: ends 03-16): 预警 from 03-12, recorded on day E.
//   order     C: a 督办单 to 交通 about T1.
//   ratings   C: T6 accept 1 非常满意 and result 2 满意; T5 (refused) accept 5 非常不满意, real name;
//             T4 accept 4 不满意; S2 accept 4 不满意, appealed by 市监's head and upheld on D (left
//             out of the counts, its rectification void). D: S1 accept 3 基本满意.
//   rectify   T5's: called back and explained (解释说明) on D, within its deadline (03-09): rectified.
//             T4's: nothing done by its deadline 03-09: not rectified in time as of E.
//
// Q = 2026-02-2 (Feb 16-28), P = 2026-03-1 (Mar 1-15). Working days: Q 5 (Feb 16-23 春节 off,
// 24-27, Sat 28 make-up), P 10.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, errorOf, residentId, sql, run, freshDb, ROOT } from './lib.mjs';

const DAYS = { Z: '2025-11-10', A: '2026-01-26', B: '2026-02-24', C: '2026-03-02', D: '2026-03-03', E: '2026-03-16' };
const at = (d) => String(Math.floor(Date.parse(`${d}T10:00:00+08:00`) / 1000));
const JT = '市交通运输局';
const SJ = '市市场监督管理局';
const P = '2026-03-1';
const Q = '2026-02-2';

const base = freshDb();
const db = { url: base.url, cleanup() {} }; // kept across the restarts, removed at the end
const tmp = mkdtempSync(join(tmpdir(), 'yc-reports-'));
let srv;
let today;
const c = {};
const matters = {};
const k = {}; // the fixture's cases by name: {id, number}
let person = 1;

async function day(name) {
  // let the ticker (every second) run the supervision scan after the day's last change, so the
  // board's thresholds of every open case are computed on the day it last changed (a level reached
  // while no server ran would otherwise be dated the day the next server computes it)
  if (srv) await new Promise((r) => setTimeout(r, 2500));
  if (srv) await srv.stop();
  today = DAYS[name];
  srv = await startServer({ db, env: { YC_FAKE_NOW: at(today) }, args: ['--tick', '1'] });
  for (const u of ['admin', 'duban', 'qiantai', 'chenjing', 'shenpi', 'fenguan', 'denglihua', 'daoban', 'xiaozhenhua']) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200, u);
  }
}

async function matter(name) {
  if (!matters[name]) {
    const hit = (await c.qiantai.get(`/api/matters?q=${encodeURIComponent(name)}`)).json.matters.find((m) => m.name === name);
    matters[name] = (await c.qiantai.get(`/api/matters/${hit.id}`)).json.matter;
  }
  return matters[name];
}

const NAMES = ['王建华', '李秀梅', '刘志强', '陈丽娟', '张国栋', '杨晓燕', '赵文斌', '黄春梅', '周海涛', '吴雪芳'];

async function accept(who, name, decision = 'accept', extra = {}) {
  const m = await matter(name);
  let materials = m.materials.map((x) => ({ name: x.name, status: 'received' }));
  if (decision === 'supplement') materials = materials.slice(1); // the application form is missing
  const n = person++;
  const r = await c[who].post('/api/cases', {
    matter_id: m.id, matter_version: m.version, applicant_kind: 'person', applicant_name: NAMES[n % NAMES.length],
    id_number: residentId(`430502198${n % 10}0615${String(n).padStart(3, '0')}`),
    phone: `1380739${String(1000 + n).slice(-4)}`, decision, materials, ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return { id: r.json.case.id, number: r.json.case.number };
}

async function ev(who, kase, event, extra = {}) {
  const r = await c[who].post(`/api/cases/${kase.id}/events`, { event, ...extra });
  assert.equal(r.status, 200, `${event} on ${kase.number} by ${who}: ${r.text}`);
}

// A rating given on the public page (no session) with the case's token, as the applicant would.
async function rate(kase, body) {
  const token = (await c.duban.get(`/api/cases/${kase.id}`)).json.rating.token;
  const r = await new Client(srv.base).post(`/api/public/rate/${kase.number}`, { token, channel: 'qr', ...body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
const rects = {};
const ids = {};

before(async () => {
  // the demo's cases (its eight weeks of history, the board's showcase) would come on the first
  // start: the fixture is only what this script makes
  assert.equal((await run(['migrate', '--db', db.url])).code, 0);
  assert.equal(sql(db, "INSERT INTO settings(key, value) VALUES ('demo.supervision', '1')").code, 0);
  assert.equal(sql(db, "INSERT INTO settings(key, value) VALUES ('demo.history', '1')").code, 0);

  await day('Z');
  for (let i = 0; i < 15; i++) {
    const t = await accept('qiantai', '出租汽车经营许可');
    await ev('shenpi', t, 'start_review');
    await ev('shenpi', t, 'sign');
    await ev('shenpi', t, 'decide_grant');
  }
  await day('A');
  k.T1 = await accept('qiantai', '道路旅客运输经营许可');
  await day('B');
  k.T2 = await accept('qiantai', '道路旅客运输经营许可');
  k.T3 = await accept('qiantai', '道路旅客运输经营许可');
  await ev('shenpi', k.T1, 'start_review');
  k.S1 = await accept('chenjing', '食品经营许可');
  k.S2 = await accept('chenjing', '食品经营许可', 'supplement');
  await day('C');
  k.T4 = await accept('qiantai', '道路旅客运输经营许可');
  k.T5 = await accept('qiantai', '道路旅客运输经营许可', 'refuse', { reason: '申请人不具备道路旅客运输经营的车辆条件' });
  k.T6 = await accept('qiantai', '道路运输车辆年度审验', 'on_the_spot');
  await ev('shenpi', k.T2, 'start_review');
  await ev('shenpi', k.T2, 'suspend', { kind: 'testing', reason: '车辆技术检测，约 1 个工作日' });
  await ev('chenjing', k.S2, 'supplement_complete');
  k.S3 = await accept('chenjing', '食品经营许可');
  await ev('denglihua', k.S1, 'start_review');
  await ev('denglihua', k.S1, 'sign');
  await ev('denglihua', k.S1, 'decide_grant');
  ids.JT = (await c.duban.get('/api/departments')).json.departments.find((d) => d.name === JT).id;
  const o = await c.duban.post('/api/supervision/orders', { department_id: ids.JT, case_ids: [k.T1.id], text: '该件已超过法定办结期限，请说明原因并限期办结', reply_days: 3 });
  assert.equal(o.status, 201, o.text);
  k.order = o.json.number;
  await rate(k.T6, { stage: 'accept', level: 1, channel: 'window' });
  await rate(k.T6, { stage: 'result', level: 2 });
  rects.T5 = (await rate(k.T5, { stage: 'accept', level: 5, reason: '不予受理没有当场讲清依据', real_name: true, rater_name: '刘志强', rater_contact: '13807391003' })).rectification.id;
  rects.T4 = (await rate(k.T4, { stage: 'accept', level: 4, reason: '排队等候时间过长', channel: 'online' })).rectification.id;
  const s2 = await rate(k.S2, { stage: 'accept', level: 4, reason: '补正材料一次告知不清' });
  const appeal = await c.xiaozhenhua.post(`/api/ratings/${s2.rating.id}/appeal`, { reason: '已书面一次性告知全部补正材料，评价与事实不符' });
  assert.equal(appeal.status, 201, appeal.text);
  ids.appeal = appeal.json.id;
  await day('D');
  await rate(k.S1, { stage: 'accept', level: 3, channel: 'window' });
  let r = await c.shenpi.post(`/api/rectifications/${rects.T5}/callback`, { note: '电话回访申请人，说明不予受理的法律依据' });
  assert.equal(r.status, 200, r.text);
  r = await c.shenpi.post(`/api/rectifications/${rects.T5}/action`, { kind: 'explain', evidence: '不予受理决定书已载明依据，窗口补充书面说明' });
  assert.equal(r.status, 200, r.text);
  r = await c.duban.post(`/api/appeals/${ids.appeal}/decision`, { decision: 'upheld', note: '经调阅补正告知书，已一次性告知' });
  assert.equal(r.status, 200, r.text);
  await ev('shenpi', k.T1, 'sign');
  await ev('shenpi', k.T1, 'decide_grant');
  await ev('shenpi', k.T3, 'start_review');
  await ev('fenguan', k.T3, 'extend', { reason: '需实地核查拟投入车辆' });
  await ev('shenpi', k.T3, 'sign');
  await ev('shenpi', k.T3, 'decide_refuse', { reason: '拟投入车辆不符合营运客车类型等级要求' });
  await ev('shenpi', k.T2, 'resume');
  await ev('denglihua', k.S3, 'start_review');
  await ev('denglihua', k.S3, 'request_materials', { reason: '请补充经营场所平面布局图' });
  await day('E');
  await ev('shenpi', k.T2, 'sign');
  await ev('shenpi', k.T2, 'decide_grant');
  k.S4 = await accept('chenjing', '食品经营许可');
  // the ticker (every second) stores the report of P, which ended yesterday
  for (let i = 0; i < 100 && !stored(P); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(stored(P), 'the ticker did not store the report of the ended half-month');
});

after(async () => {
  if (srv) await srv.stop();
  if (process.env.YC_REPORTS_KEEP) {
    // to look at the files by hand: the database, and the PDF and its PNG in tmp
    console.log(`kept: database ${db.url}, files in ${tmp}`);
    return;
  }
  base.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

function stored(period) {
  const r = sql(db, `SELECT COUNT(*) FROM report_snapshots WHERE kind = 'half_monthly' AND period = '${period}'`);
  return Number(r.stdout.trim()) > 0;
}

const rowOf = (table, dept) => table.rows.find((r) => r.department === dept);
const tableOf = (report, key) => report.tables.find((t) => t.key === key);

// ---- the half-monthly report, by hand ----

// P per department (see the fixture above). 交通: received T4 T5 T6, accepted T4 T6, refused T5,
// decided T6 (C) T1 T3 (D), T1 overdue, T3 extended, T2 stopped; accepted in Q: T2 T3.
// 市监: received S3, accepted S2 (after 补正) S3, decided S1 on time, S3 stopped; accepted in Q: S1.
// Supervision in P: 交通 黄牌 T1, order about T1, ratings 1 2 4 5 (good 2 of 4), bad T4 T5, T5
// rectified, T4 not in time; 市监 预警 S2, rating 3 (S2's 4 upheld on appeal: left out).
const EXPECT_P = {
  [JT]: { received: 3, accepted: 2, accepted_prev: 2, accepted_change: 0, refused: 1, awaiting_materials: 0, decided: 3, on_time: 2, overdue: 1, on_time_rate: 667, extended: 1, stopped: 1, dark_matters: 0,
    warn: 0, yellow: 1, red: 0, orders: 1, rating_1: 1, rating_2: 1, rating_3: 0, rating_4: 1, rating_5: 1, good_rate: 500, bad_reviews: 2, rectified: 1, rectification_rate: 500, unrectified: 1 },
  [SJ]: { received: 1, accepted: 2, accepted_prev: 1, accepted_change: 100, refused: 0, awaiting_materials: 0, decided: 1, on_time: 1, overdue: 0, on_time_rate: 1000, extended: 0, stopped: 1, dark_matters: 0,
    warn: 1, yellow: 0, red: 0, orders: 0, rating_1: 0, rating_2: 0, rating_3: 1, rating_4: 0, rating_5: 0, good_rate: 1000, bad_reviews: 0, rectified: 0, rectification_rate: null, unrectified: 0 },
  合计: { received: 4, accepted: 4, accepted_prev: 3, accepted_change: 33, refused: 1, awaiting_materials: 0, decided: 4, on_time: 3, overdue: 1, on_time_rate: 750, extended: 1, stopped: 2, dark_matters: 0,
    warn: 1, yellow: 1, red: 0, orders: 1, rating_1: 1, rating_2: 1, rating_3: 1, rating_4: 1, rating_5: 1, good_rate: 600, bad_reviews: 2, rectified: 1, rectification_rate: 500, unrectified: 1 },
};

test('half-monthly report of 2026-03-1: every figure per department, totals, ranking and the summary, by hand', async () => {
  const r = await c.duban.get(`/api/reports/half-monthly?period=${P}`);
  assert.equal(r.status, 200, r.text);
  const h = r.json;
  assert.equal(h.report, 'half_monthly');
  assert.deepEqual(h.period, { id: P, kind: 'half_month', from: '2026-03-01', to: '2026-03-15', days: 15, label: '2026年3月上半月（3月1日至15日）', workdays: 10 });
  assert.deepEqual([h.previous.id, h.previous.from, h.previous.to], [Q, '2026-02-16', '2026-02-28']);
  assert.equal(h.final, true);
  assert.equal(h.as_of, '2026-03-15');
  assert.equal(h.pending_events, 0);
  const t = tableOf(h, 'departments');
  for (const [dept, want] of Object.entries(EXPECT_P)) {
    const row = dept === '合计' ? t.total : rowOf(t, dept);
    assert.ok(row, dept);
    for (const [key, v] of Object.entries(want)) assert.equal(row[key], v, `${dept}.${key}`);
  }
  // 交通 loses 1 point for its overdue decision and 2 for T4's bad review not rectified in time;
  // 市监 keeps 100 and ranks first
  assert.deepEqual([rowOf(t, SJ).rank, rowOf(t, SJ).score, rowOf(t, JT).rank, rowOf(t, JT).score], [1, 100, 2, 97]);
  assert.deepEqual([rowOf(t, JT).overdue_points, rowOf(t, JT).unrectified_points, rowOf(t, JT).red_points, rowOf(t, JT).deduction], [1, 2, 0, 3]);
  assert.deepEqual(h.pending_metrics, []);
  assert.deepEqual(t.rows.slice(0, 2).map((x) => x.department), [SJ, JT]);
  // departments without work are listed after, unranked, without a score
  const idle = rowOf(t, '市教育局');
  assert.deepEqual([idle.rank, idle.score, idle.received], [0, null, 0]);
  assert.deepEqual(tableOf(h, 'ranking').rows.map((x) => [x.rank, x.department, x.score]), [[1, SJ, 100], [2, JT, 97]]);
  assert.equal(h.summary[0], '本期（2026年3月1日至15日）全中心共收件 4 件，与上期持平（上期 4 件）；受理 4 件、不予受理 1 件、补正告知 0 件；办结 4 件，其中按时办结 3 件、超期办结 1 件，按时办结率 75.0%；延期 1 件，停止计时 2 次。');
  assert.equal(h.summary[1], '电子监察预警 1 件、黄牌 1 件、红牌 0 件，下发督办单 1 份；收到评价 5 条，好评率 60.0%；差评 2 条，已整改 1 条，整改率 50.0%。');
  assert.equal(h.summary[2], `综合得分排名前列的部门：${SJ}（100 分）、${JT}（97 分）。明进暗不进事项 0 项。`);
  assert.deepEqual(h.changes, [`${JT}受理量与上期持平（2 件），超期 1 件，差评逾期未整改 1 件`, `${SJ}受理量较上期增加 100%`]);
});

test('half-monthly report of 2026-02-2 (the previous period), stored and live: a tie shares the first rank', async () => {
  // Q: 交通 received T2 T3, accepted both; 市监 received S1 S2, accepted S1, 补正 S2. Nothing
  // decided, so both are 100 with a 100% on-time rate and 2 received: equal, both first.
  for (const live of ['0', '1']) {
    const h = (await c.duban.get(`/api/reports/half-monthly?period=${Q}&live=${live}`)).json;
    const t = tableOf(h, 'departments');
    const jt = rowOf(t, JT), sj = rowOf(t, SJ);
    assert.deepEqual([jt.received, jt.accepted, jt.awaiting_materials, jt.decided, jt.accepted_change], [2, 2, 0, 0, null]);
    assert.deepEqual([jt.warn, jt.yellow, sj.warn, jt.orders, jt.bad_reviews], [1, 0, 0, 0, 0]); // T1's 预警 on 02-26
    assert.deepEqual([sj.received, sj.accepted, sj.awaiting_materials, sj.decided], [2, 1, 1, 0]);
    assert.deepEqual([jt.rank, sj.rank, jt.score, sj.score], [1, 1, 100, 100]);
    assert.deepEqual([t.total.received, t.total.accepted, t.total.awaiting_materials], [4, 3, 1]);
    assert.equal(h.period.workdays, 5);
    // stored on the first tick of day C, from then on served as stored
    if (live === '0') assert.equal(h.stored.by, 'system');
    else assert.equal(h.stored, null);
  }
});

test('the report of an ended half-month is stored once, served as stored, and equal to a live one', async () => {
  const s = await c.duban.get(`/api/reports/half-monthly?period=${P}`);
  assert.equal(s.json.stored.by, 'system');
  assert.match(s.json.stored.at, /^2026-03-16T\d\d:\d\d:\d\dZ$/);
  const live = (await c.duban.get(`/api/reports/half-monthly?period=${P}&live=1`)).json;
  assert.equal(live.stored, null);
  assert.deepEqual(tableOf(live, 'departments'), tableOf(s.json, 'departments'));
  assert.deepEqual(live.summary, s.json.summary);
  // one stored report and one audit entry per period, whatever the number of ticks
  assert.equal(sql(db, `SELECT COUNT(*) FROM report_snapshots WHERE period = '${P}'`).stdout.trim(), '1');
  const audited = (period) => sql(db, `SELECT COUNT(*) FROM audit_log WHERE action = 'report.store' AND object = '${period}'`).stdout.trim();
  assert.deepEqual([audited(P), audited(Q)], ['1', '1']);
  // the current half-month is never served from a store: it has not ended
  const cur = (await c.duban.get('/api/reports/half-monthly')).json;
  assert.deepEqual([cur.period.id, cur.final, cur.stored, cur.as_of], ['2026-03-2', false, null, '2026-03-16']);
  const jt = rowOf(tableOf(cur, 'departments'), JT);
  assert.deepEqual([jt.decided, jt.on_time], [1, 1]); // T2 on day E
});

// ---- the cases behind every figure ----

test('every figure of 2026-03-1 traces to the list of cases behind it, and the count is the figure', async () => {
  const h = (await c.duban.get(`/api/reports/half-monthly?period=${P}`)).json;
  const t = tableOf(h, 'departments');
  const events = ['received', 'accepted', 'refused', 'awaiting_materials', 'decided', 'on_time', 'overdue', 'extended', 'stopped',
    'warn', 'yellow', 'red', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5', 'bad_reviews', 'rectified', 'unrectified'];
  for (const dept of [JT, SJ]) {
    const row = rowOf(t, dept);
    for (const metric of events) {
      const r = await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&dept=${row.department_id}&metric=${metric}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.count, row[metric], `${dept} ${metric}`);
      assert.equal(r.json.cases.length, row[metric]);
      assert.ok(r.json.cases.every((x) => x.department === dept && x.day >= '2026-03-01' && x.day <= '2026-03-15'));
    }
  }
  const nums = async (q) => (await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&${q}`)).json.cases.map((x) => x.number).sort();
  assert.deepEqual(await nums('dept=JTJ&metric=overdue'), [k.T1.number]);
  assert.deepEqual(await nums('dept=JTJ&metric=received'), [k.T4.number, k.T5.number, k.T6.number].sort());
  assert.deepEqual(await nums('dept=JTJ&metric=on_time'), [k.T3.number, k.T6.number].sort());
  assert.deepEqual(await nums(`dept=${encodeURIComponent(SJ)}&metric=accepted`), [k.S2.number, k.S3.number].sort());
  assert.deepEqual(await nums('dept=SJGJ&metric=stopped'), [k.S3.number]);
  assert.deepEqual(await nums('dept=JTJ&metric=yellow'), [k.T1.number]);
  assert.deepEqual(await nums('dept=SJGJ&metric=warn'), [k.S2.number]);
  assert.deepEqual(await nums('dept=JTJ&metric=bad_reviews'), [k.T4.number, k.T5.number].sort());
  assert.deepEqual(await nums('dept=JTJ&metric=rectified'), [k.T5.number]);
  assert.deepEqual(await nums('dept=JTJ&metric=unrectified'), [k.T4.number]);
  assert.deepEqual(await nums('dept=JTJ&metric=rating_1'), [k.T6.number]);
  assert.deepEqual(await nums('dept=SJGJ&metric=rating_4'), []); // upheld on appeal
  // the order: one, about T1
  const ord = (await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&dept=JTJ&metric=orders`)).json;
  assert.deepEqual([ord.count, ord.cases.map((x) => [x.order, x.number])], [1, [[k.order, k.T1.number]]]);
  const w = (await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&dept=JTJ&metric=yellow`)).json.cases[0];
  assert.deepEqual([w.day, w.level], ['2026-03-01', 'yellow']); // the day after the end (Sat 02-28)
  const bad = (await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&dept=JTJ&metric=unrectified`)).json.cases[0];
  assert.deepEqual([bad.day, bad.rectification_state, bad.fix_due], ['2026-03-02', 'open', '2026-03-09']);
  // all departments: the total's figure
  const all = (await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&metric=decided`)).json;
  assert.equal(all.department, null);
  assert.equal(all.count, t.total.decided);
  // paging
  const p1 = (await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&metric=received&limit=2`)).json;
  const p2 = (await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&metric=received&limit=2&offset=2`)).json;
  assert.deepEqual([p1.count, p1.cases.length, p2.cases.length], [4, 2, 2]);
  assert.equal(new Set([...p1.cases, ...p2.cases].map((x) => x.id)).size, 4);
  // a trace is a list of cases with their state, never personal data
  const one = (await c.duban.get(`/api/reports/half-monthly/cases?period=${P}&dept=JTJ&metric=overdue`)).json.cases[0];
  assert.deepEqual([one.day, one.matter.name, one.state, one.state_zh, one.received, one.accepted], ['2026-03-03', '道路旅客运输经营许可', 'decided', '已决定', '2026-01-26', '2026-01-26']);
  assert.deepEqual(Object.keys(one).sort(), ['accepted', 'day', 'department', 'id', 'matter', 'number', 'received', 'state', 'state_zh']);
});

// ---- the scorecard ----

test('scorecard of 2026 by the one formula: an overdue decision and a 明进暗不进 matter, by hand', async () => {
  // 2026 as of 03-16. 交通: received T1-T6, accepted T1 T2 T3 T4 T6, decided T6 T1 T3 T2, T1
  // overdue; T4's bad review not rectified in time; 出租汽车经营许可 had 15 cases in the 365 days
  // before 2026 and none in the 75 days of 2026 so far: 15 * 75 = 1125 >= 3 * 365 = 1095, a
  // 明进暗不进 signal. 100 - 1 - 2 - 5 = 92.
  // 市监: received S1-S4, accepted S1-S4, decided S1: 100.
  const r = await c.duban.get('/api/reports/scorecard?year=2026');
  assert.equal(r.status, 200, r.text);
  const s = r.json;
  assert.deepEqual([s.period.id, s.period.kind, s.final, s.as_of, s.base], ['2026', 'year', false, '2026-03-16', 100]);
  assert.deepEqual(s.formula.map((f) => [f.metric, f.points, f.cap]), [['red', 2, 30], ['overdue', 1, 30], ['unrectified', 2, 20], ['dark_matters', 5, 20]]);
  const t = tableOf(s, 'scorecard');
  const jt = rowOf(t, JT), sj = rowOf(t, SJ);
  assert.deepEqual([jt.received, jt.accepted, jt.refused, jt.decided, jt.on_time, jt.overdue, jt.on_time_rate, jt.extended, jt.stopped, jt.dark_matters],
    [6, 5, 1, 4, 3, 1, 750, 1, 1, 1]);
  assert.deepEqual([jt.red, jt.bad_reviews, jt.unrectified], [0, 2, 1]);
  assert.deepEqual([jt.overdue_points, jt.unrectified_points, jt.dark_points, jt.red_points, jt.deduction, jt.score, jt.rank], [1, 2, 5, 0, 8, 92, 2]);
  assert.deepEqual([sj.received, sj.accepted, sj.awaiting_materials, sj.decided, sj.on_time, sj.stopped, sj.score, sj.rank], [4, 4, 1, 1, 1, 1, 100, 1]);
  assert.equal(s.summary[0], '2026年度（1月1日至12月31日）参评部门 2 个，平均得分 96.0 分，满分 1 个。');
  assert.equal(s.summary[1], `${JT}（第 2 名，92 分）扣 8 分：超期办结 1 件扣 1 分、差评逾期未整改 1 件扣 2 分、明进暗不进事项 1 项扣 5 分。`);
  // the 明进暗不进 figure traces to the matter and its volume
  const d = (await c.duban.get('/api/reports/scorecard/cases?year=2026&dept=JTJ&metric=dark_matters')).json;
  assert.equal(d.count, 1);
  assert.deepEqual(d.matters.map((m) => [m.name, m.baseline_cases, m.period_cases]), [['出租汽车经营许可', 15, 0]]);
  const o = (await c.duban.get('/api/reports/scorecard/cases?year=2026&dept=JTJ&metric=overdue')).json;
  assert.deepEqual(o.cases.map((x) => x.number), [k.T1.number]);
  // a range over whole and partial months (Jan 20-31 by day, February by month, Mar 1-10 by day):
  // 交通 received T1 (01-26) T2 T3 (02-24) T4 T5 T6 (03-02), decided T6 (03-02) T1 T3 (03-03);
  // 市监 received S1 S2 (02-24) S3 (03-02), decided S1 (03-02)
  const mix = tableOf((await c.duban.get('/api/reports/scorecard?from=2026-01-20&to=2026-03-10')).json, 'scorecard');
  assert.deepEqual(['received', 'decided', 'overdue'].map((m) => rowOf(mix, JT)[m]), [6, 3, 1]);
  assert.deepEqual(['received', 'decided', 'awaiting_materials'].map((m) => rowOf(mix, SJ)[m]), [3, 1, 1]);
  // 2025: the 15 cases of day Z, all on time; no baseline before them
  const y25 = rowOf(tableOf((await c.duban.get('/api/reports/scorecard?year=2025')).json, 'scorecard'), JT);
  assert.deepEqual([y25.received, y25.accepted, y25.decided, y25.on_time, y25.dark_matters, y25.score], [15, 15, 15, 15, 0, 100]);
});

// ---- the targets ----

test('targets over time: 无差别 share, windows and case volume against Annex 3 pro-rated, by hand', async () => {
  const r = await c.duban.get('/api/reports/targets?from=2026-02-16&to=2026-03-15');
  assert.equal(r.status, 200, r.text);
  const g = r.json;
  assert.deepEqual(g.plan, { undifferentiated_share: 70, window_reduction: 40, annex3_days: 366 });
  const rows = tableOf(g, 'periods').rows;
  assert.deepEqual(rows.map((x) => x.period), [Q, P]);
  // 1,369,221 cases in 2024 (366 days): 13 days 48,633.5 -> 48,634; 15 days 56,115.6 -> 56,116
  assert.deepEqual(rows.map((x) => [x.cases, x.expected, x.volume_ratio]), [[4, 48634, 0], [4, 56116, 0]]);
  // the windows of each half-month as stored with its report: the demo hall's 48 of 84 (-42.9%)
  assert.deepEqual(rows.map((x) => [x.windows, x.reduction, x.reduction_met]), [[48, 429, '是'], [48, 429, '是']]);
  // the share per half-month is the catalogue's as it stood (unchanged since day Z): the dashboard's
  const share = (await c.duban.get('/api/reform/share')).json.summary;
  for (const x of rows) assert.deepEqual([x.entered, x.undifferentiated], [share.entered, share.undifferentiated]);
  assert.equal(rows[0].share, share.share_permille);
  assert.equal(rows[0].share_met, share.meets_target);
  // per zone over the 28 days: all 8 receipts at 无差别 windows (qiantai sits at A01, chenjing at
  // A04); 37,598 * 28 / 366 = 2,876.3 -> 2,876; 8 / 2,876 = 2.8‰ -> 3
  const z = tableOf(g, 'zones');
  const wd = z.rows.find((x) => x.zone === '无差别综合窗口');
  assert.deepEqual([wd.cases_2024, wd.expected, wd.cases, wd.ratio], [37598, 2876, 8, 3]);
  assert.deepEqual([z.total.cases_2024, z.total.expected, z.total.cases], [1369221, 104749, 8]);
  assert.equal(z.rows.filter((x) => x.cases > 0).length, 1);
  assert.match(g.summary[2], /^期间收件 8 件，为附件3 2024年办件量按期间天数折算（104749 件）的 0.0%。$/);
});

// ---- one document, four renderings ----

function xlsxSheets(buf) {
  // read the workbook back with python3's zipfile and ElementTree: sheet names and rows of values
  const py = `
import sys, zipfile, io, json, xml.etree.ElementTree as ET
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
ss = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)] if 'xl/sharedStrings.xml' in z.namelist() else []
names = [s.get('name') for s in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', ns)]
out = {}
for i, n in enumerate(names):
    rows = []
    for r in ET.fromstring(z.read('xl/worksheets/sheet%d.xml' % (i + 1))).iter('{%s}row' % ns['m']):
        row = []
        for cell in r.findall('m:c', ns):
            v = cell.find('m:v', ns)
            row.append(ss[int(v.text)] if cell.get('t') == 's' else (float(v.text) if v is not None else None))
        rows.append(row)
    out[n] = rows
print(json.dumps(out, ensure_ascii=False))`;
  const r = spawnSync('python3', ['-c', py], { input: buf });
  assert.equal(r.status, 0, r.stderr?.toString());
  return JSON.parse(r.stdout.toString());
}

async function download(client, path) {
  const r = await fetch(client.base + path, { headers: { Cookie: client.cookie } });
  return { status: r.status, headers: r.headers, buf: Buffer.from(await r.arrayBuffer()) };
}

// 交通's row of P as people read it: 排名 部门 收件 受理 较上期 不予受理 补正 办结 按时 超期 按时率 延期 停止计时 得分
const JT_TEXT = ['2', JT, '3', '2', '0%', '1', '0', '3', '2', '1', '66.7%', '1', '1', '97'];

test('XLSX of the half-monthly report: Chinese headers, number formats, the same numbers', async () => {
  const x = await download(c.duban, `/api/reports/half-monthly?period=${P}&format=xlsx`);
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(x.headers.get('content-disposition'), `attachment; filename="half-monthly-${P}.xlsx"`);
  const book = xlsxSheets(x.buf);
  assert.deepEqual(Object.keys(book), ['情况摘要', '各部门情况', '综合排名']);
  assert.ok(book['情况摘要'].some((r) => r[0] === '统计期间：2026年3月上半月（3月1日至15日）'));
  assert.ok(book['情况摘要'].some((r) => r[0] === `· ${JT}受理量与上期持平（2 件），超期 1 件，差评逾期未整改 1 件`));
  const sheet = book['各部门情况'];
  assert.match(sheet[0][0], /各部门办件与监督评价情况/);
  const head = sheet[1];
  assert.deepEqual(head.slice(0, 12), ['排名', '部门', '收件', '受理', '受理较上期', '不予受理', '补正告知', '办结', '按时办结', '超期办结', '按时办结率', '延期']);
  const jt = sheet.find((r) => r[1] === JT);
  const col = (title) => jt[head.indexOf(title)];
  assert.deepEqual(['排名', '收件', '受理', '不予受理', '办结', '按时办结', '超期办结', '延期', '停止计时', '得分'].map(col), [2, 3, 2, 1, 3, 2, 1, 1, 1, 97]);
  assert.equal(col('按时办结率'), 0.667); // a number shown as 66.7%
  assert.equal(col('受理较上期'), '0%');
  const total = sheet.find((r) => r[1] === '合计');
  assert.deepEqual([total[head.indexOf('收件')], total[head.indexOf('办结')], total[head.indexOf('按时办结率')]], [4, 4, 0.75]);
  // the number format of the rate column is a percentage
  const styles = spawnSync('python3', ['-c', "import sys,zipfile,io; print(zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())).read('xl/styles.xml').decode())"], { input: x.buf }).stdout.toString();
  assert.match(styles, /formatCode="0.0%"/);
  const rank = book['综合排名'];
  assert.deepEqual(rank.filter((r) => typeof r[0] === 'number').map((r) => [r[0], r[1], r[2]]), [[1, SJ, 100], [2, JT, 97]]);
});

test('PDF of the half-monthly report: A4 landscape, title, period, summary, ranking, the same numbers', async () => {
  const p = await download(c.duban, `/api/reports/half-monthly?period=${P}&format=pdf`);
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('content-type'), 'application/pdf');
  assert.equal(p.buf.subarray(0, 5).toString(), '%PDF-');
  const file = join(tmp, 'half-monthly.pdf');
  writeFileSync(file, p.buf);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  assert.match(info, /Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
  assert.match(info, /Title:\s+政务服务“一窗受理”改革进展半月通报（2026年3月上半月（3月1日至15日））/);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  for (const s of ['邵阳市政务服务中心', '政务服务“一窗受理”改革进展半月通报', '统计期间：2026年3月上半月（3月1日至15日）',
    '统计截至：2026-03-15', '一、总体情况', '二、与上期相比', '（一）办件情况', '（二）监督与评价', '综合得分排名']) {
    assert.ok(text.includes(s), `PDF lacks ${s}:\n${text}`);
  }
  assert.match(text, /第 ?1 ?页 ?\/ ?共 ?\d+ ?页/);
  // the summary and the changes, whatever the line breaks
  const flat = text.replace(/\s+/g, '');
  assert.ok(flat.includes('全中心共收件4件'), flat.slice(0, 400));
  assert.ok(flat.includes('按时办结率75.0%'));
  assert.ok(flat.includes(`${JT}受理量与上期持平（2件），超期1件，差评逾期未整改1件`));
  assert.ok(flat.includes('好评率60.0%'));
  // 交通's row of the 办件情况 part, cell by cell
  const line = text.split('\n').find((l) => l.includes(JT) && /66\.7%/.test(l));
  assert.ok(line, text);
  assert.deepEqual(line.trim().split(/\s+/), JT_TEXT);
  // rendered to an image a person can look at (kept next to the test's temporary files)
  const png = spawnSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', file, join(tmp, 'page')]);
  assert.equal(png.status, 0, png.stderr?.toString());
  assert.ok(readFileSync(join(tmp, 'page-1.png')).length > 10000);
});

test('command line: the same report as a table, CSV, JSON, XLSX and PDF, and the cases behind a figure', async () => {
  const env = { YC_FAKE_NOW: at(today) };
  const dbArgs = ['--db', db.url];
  const api = (await c.duban.get(`/api/reports/half-monthly?period=${P}`)).json;
  let r = await run(['report', 'half-monthly', '--period', P, '--format', 'json', ...dbArgs], { env });
  assert.equal(r.code, 0, r.stderr);
  const cli = JSON.parse(r.stdout);
  assert.deepEqual(cli.tables, api.tables);
  assert.deepEqual([cli.summary, cli.changes, cli.stored.by], [api.summary, api.changes, 'system']);
  r = await run(['report', 'half-monthly', '--period', P, ...dbArgs], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes(`${JT}受理量与上期持平（2 件），超期 1 件，差评逾期未整改 1 件`));
  const line = r.stdout.split('\n').find((l) => l.includes(JT) && l.includes('66.7%'));
  assert.deepEqual(line.trim().split(/\s+/).slice(0, 13), JT_TEXT.slice(0, 13));
  r = await run(['report', 'half-monthly', '--period', P, '--format', 'csv', ...dbArgs], { env });
  const csv = r.stdout.trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(csv[0].slice(0, 4), ['排名', '部门', '收件', '受理']);
  assert.deepEqual(csv.find((x) => x[1] === JT).slice(0, 13), JT_TEXT.slice(0, 13));
  r = await run(['report', 'half-monthly', '--period', P, '--format', 'csv', '--table', 'ranking', ...dbArgs], { env });
  assert.deepEqual(r.stdout.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 3)), [['1', SJ, '100'], ['2', JT, '97']]);
  // XLSX and PDF written by the command line hold what the API's do
  const xf = join(tmp, 'cli.xlsx');
  r = await run(['report', 'half-monthly', '--period', P, '--format', 'xlsx', '--out', xf, ...dbArgs], { env });
  assert.equal(r.code, 0, r.stderr);
  const viaApi = xlsxSheets((await download(c.duban, `/api/reports/half-monthly?period=${P}&format=xlsx`)).buf);
  assert.deepEqual(xlsxSheets(readFileSync(xf)), viaApi);
  const pf = join(tmp, 'cli.pdf');
  r = await run(['report', 'half-monthly', '--period', P, '--format', 'pdf', '--out', pf, ...dbArgs], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(spawnSync('pdftotext', ['-layout', pf, '-'], { encoding: 'utf8' }).stdout.split('\n').some((l) => l.trim().split(/\s+/).join(' ') === JT_TEXT.join(' ')));
  // the cases behind a figure
  r = await run(['report', 'half-monthly', '--period', P, '--cases', '--dept', 'JTJ', '--metric', 'overdue', ...dbArgs], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^超期办结：2026年3月上半月（3月1日至15日），市交通运输局，共 1 件/);
  assert.ok(r.stdout.includes(k.T1.number));
  r = await run(['report', 'scorecard', '--year', '2026', '--cases', '--dept', 'JTJ', '--metric', 'dark_matters', ...dbArgs], { env });
  assert.match(r.stdout, /出租汽车经营许可  上一年收件 15 件，本期 0 件/);
  // the scorecard and the targets
  r = await run(['report', 'scorecard', '--year', '2026', '--format', 'csv', ...dbArgs], { env });
  const sc = r.stdout.trim().split('\n').map((l) => l.split(','));
  const jt = sc.find((x) => x[1] === JT);
  assert.deepEqual([jt[0], jt.at(-1), jt.at(-2)], ['2', '92', '8']);
  r = await run(['report', 'targets', '--from', '2026-02-16', '--to', '2026-03-15', '--format', 'json', ...dbArgs], { env });
  assert.deepEqual(JSON.parse(r.stdout).tables, (await c.duban.get('/api/reports/targets?from=2026-02-16&to=2026-03-15')).json.tables);
  // bad input on the command line: the same errors
  r = await run(['report', 'half-monthly', '--period', '2027-01-1', ...dbArgs], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /calendar_year_missing: 没有 2027 年的节假日数据/);
  r = await run(['report', 'half-monthly', '--from', '2026-03-10', '--to', '2026-03-01', ...dbArgs], { env });
  assert.match(r.stderr, /period_inverted/);
  r = await run(['report', 'half-monthly', '--format', 'pdf', ...dbArgs], { env });
  assert.equal(r.code, 2);
  r = await run(['report', 'nothing', ...dbArgs], { env });
  assert.equal(r.code, 2);
});

// ---- bad input ----

test('bad input: each refused with its documented error', async () => {
  const bad = [
    ['/api/reports/half-monthly?period=2026-13-1', 422, 'field_invalid', 'period'],
    ['/api/reports/half-monthly?period=2026-03-3', 422, 'field_invalid', 'period'],
    ['/api/reports/half-monthly?period=2026-03-01', 422, 'field_invalid', 'period'],
    ['/api/reports/half-monthly?from=2026-03-10&to=2026-03-01', 422, 'period_inverted', 'to'],
    ['/api/reports/scorecard?from=2026-12-31&to=2026-01-01', 422, 'period_inverted', 'to'],
    ['/api/reports/half-monthly?from=2026-03-01', 400, 'field_required', 'to'],
    ['/api/reports/half-monthly?from=2026-02-30&to=2026-03-01', 422, 'field_invalid', 'from'],
    ['/api/reports/half-monthly?period=2026-03-1&from=2026-03-01&to=2026-03-02', 422, 'field_invalid', 'period'],
    ['/api/reports/half-monthly?year=2026', 422, 'field_invalid', 'year'],
    ['/api/reports/scorecard?period=2026-03-1', 422, 'field_invalid', 'period'],
    ['/api/reports/scorecard?year=26', 422, 'field_invalid', 'year'],
    ['/api/reports/targets?from=2020-01-01&to=2026-03-01', 422, 'field_invalid', 'to'],
    ['/api/reports/half-monthly?period=2026-03-1&format=docx', 422, 'field_invalid', 'format'],
    ['/api/reports/half-monthly?period=2026-03-1&live=yes', 422, 'field_invalid', 'live'],
    [`/api/reports/half-monthly/cases?period=${P}&dept=NOPE&metric=received`, 422, 'department_unknown', 'dept'],
    [`/api/reports/half-monthly/cases?period=${P}&dept=JTJ&metric=speed`, 422, 'field_invalid', 'metric'],
    [`/api/reports/half-monthly/cases?period=${P}&dept=JTJ`, 400, 'field_required', 'metric'],
    [`/api/reports/half-monthly/cases?period=${P}&metric=received&limit=0`, 422, 'field_invalid', 'limit'],
    [`/api/reports/half-monthly/cases?period=${P}&metric=received&limit=1001`, 422, 'field_invalid', 'limit'],
  ];
  for (const [path, status, code, field] of bad) {
    const e = errorOf(assert, await c.duban.get(path), status, code);
    assert.equal(e.field, field, path);
  }
  // a period in a year without calendar data names the year
  for (const path of ['/api/reports/half-monthly?period=2027-01-1', '/api/reports/scorecard?year=2027',
    '/api/reports/targets?from=2026-12-20&to=2027-01-10', `/api/reports/half-monthly/cases?period=2027-01-2&metric=received`]) {
    const e = errorOf(assert, await c.duban.get(path), 422, 'calendar_year_missing');
    assert.match(e.message, /2027 年/, path);
  }
  // once the State Council's notice for 2027 is imported, the same period is answered
  const imp = await c.admin.req('POST', '/api/calendar/import', { body: 'date,kind,name\n2027-01-01,off,元旦\n', headers: { 'Content-Type': 'text/csv' } });
  assert.equal(imp.status, 200, imp.text);
  const ok = await c.duban.get('/api/reports/half-monthly?period=2027-01-1');
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.json.period.workdays, ok.json.final, ok.json.as_of], [10, false, '2026-03-16']); // Jan 4-8, 11-15 2027
});

// ---- who may call what (docs/authz.md), every route of src/http/routes_reports.inc ----

test('authorisation of every report route, as docs/authz.md says; a department head traces only their own department', async () => {
  const WHO = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'anonymous'];
  const M = {
    'GET /api/reports/half-monthly': ['200 200 403 403 403 200 401', `/api/reports/half-monthly?period=${P}`],
    'GET /api/reports/half-monthly/cases': ['200 200 403 403 403 200 401', `/api/reports/half-monthly/cases?period=${P}&dept=JTJ&metric=received`],
    'GET /api/reports/scorecard': ['200 200 403 403 403 200 401', '/api/reports/scorecard?year=2026'],
    'GET /api/reports/scorecard/cases': ['200 200 403 403 403 200 401', '/api/reports/scorecard/cases?year=2026&dept=JTJ&metric=overdue'],
    'GET /api/reports/targets': ['200 200 403 403 403 200 401', '/api/reports/targets?from=2026-03-01&to=2026-03-15'],
  };
  const src = readFileSync(join(ROOT, 'src/http/routes_reports.inc'), 'utf8');
  const routes = [...src.matchAll(/\{\s*YC_([A-Z]+),\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(routes.slice().sort(), Object.keys(M).sort());
  for (const [key, [expect, path]] of Object.entries(M)) {
    for (const [i, who] of WHO.entries()) {
      const client = who === 'anonymous' ? new Client(srv.base) : c[who];
      const r = await client.get(path);
      assert.equal(r.status, Number(expect.split(/\s+/)[i]), `${key} as ${who}: ${r.text}`);
    }
  }
  // fenguan heads 市交通运输局: their own department's cases, by default too, never another's
  const own = (await c.fenguan.get(`/api/reports/half-monthly/cases?period=${P}&metric=received`)).json;
  assert.deepEqual([own.department.name, own.count], [JT, 3]);
  const e = errorOf(assert, await c.fenguan.get(`/api/reports/half-monthly/cases?period=${P}&dept=SJGJ&metric=received`), 403, 'forbidden');
  assert.match(e.message, new RegExp(SJ));
  // the report itself, a 通报 circulated to every department, is whole for them
  const h = (await c.fenguan.get(`/api/reports/half-monthly?period=${P}`)).json;
  assert.ok(rowOf(tableOf(h, 'departments'), SJ));
  // and the PDF and XLSX are the same for every reader
  assert.equal((await download(c.xiaozhenhua, `/api/reports/half-monthly?period=${P}&format=pdf`)).status, 200);
});

// ---- several server processes ----

test('two server processes store the report of a half-month once between them', async () => {
  // move both to 2026-04-01: the half-month 2026-03-2 has ended and neither has stored it
  await srv.stop();
  const env = { YC_FAKE_NOW: at('2026-04-01') };
  const [a, b] = await Promise.all([
    startServer({ db, env, args: ['--tick', '1'] }),
    startServer({ db, env, args: ['--tick', '1'] }),
  ]);
  srv = a;
  try {
    for (let i = 0; i < 100 && !stored('2026-03-2'); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 2500)); // several more ticks of both
    assert.equal(sql(db, "SELECT COUNT(*) FROM report_snapshots WHERE period = '2026-03-2'").stdout.trim(), '1');
    assert.equal(sql(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'report.store' AND object = '2026-03-2'").stdout.trim(), '1');
    const d = new Client(b.base);
    assert.equal((await d.login('duban')).status, 200);
    const h = (await d.get('/api/reports/half-monthly?period=2026-03-2')).json;
    assert.equal(h.stored.by, 'system');
    const jt = rowOf(tableOf(h, 'departments'), JT);
    // 2026-03-2: T2 decided on E (on time); 市监 S4 received and accepted on E
    assert.deepEqual([jt.decided, jt.on_time, jt.received], [1, 1, 0]);
    assert.deepEqual([rowOf(tableOf(h, 'departments'), SJ).received, rowOf(tableOf(h, 'departments'), SJ).accepted], [1, 1]);
  } finally {
    await b.stop();
  }
});
