// Supervision and evaluation (issue 6): the live board of open cases by department, matter and
// warning level kept by the scan, warnings told to the responsible staff, supervision orders
// (督办单) with replies, closing and overdue flags, 好差评 through the public rating page with the
// case's token, bad reviews and their rectification up to the rater's second rating, appeals, the
// immutability of ratings, the demo data, and the access matrix of src/http/routes_supervise.inc.
// Runs on SQLite, and on PostgreSQL under tests/pg.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, errorOf, residentId, sql, BACKEND, ROOT } from './lib.mjs';

// 2025-10-15 11:46 in UTC+8 (a Wednesday)
const NOW = '1760500000';
const STAFF = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'denglihua', 'xiaozhenhua'];
let srv;
const c = {};
let matter; // 道路旅客运输经营许可 (市交通运输局, 20/10 working days), covered by qiantai's letter
let transport; // 市交通运输局
let market; // 市市场监督管理局
let seal; // the active seal of 市交通运输局
const person = residentId('43050219800101001');

before(async () => {
  srv = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '1'] });
  for (const u of STAFF) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200, u);
  }
  const hit = (await c.qiantai.get('/api/matters?q=道路旅客运输经营许可')).json.matters[0];
  matter = (await c.qiantai.get(`/api/matters/${hit.id}`)).json.matter;
  const depts = (await c.admin.get('/api/departments')).json.departments;
  transport = depts.find((d) => d.name === '市交通运输局');
  market = depts.find((d) => d.name === '市市场监督管理局');
  seal = (await c.admin.get('/api/seals')).json.seals.find((s) => s.department.id === transport.id && s.status === 'active');
});
after(async () => { await srv.stop(); });

const anon = () => new Client(srv.base);
const application = (extra = {}) => ({
  matter_id: matter.id, matter_version: matter.version, applicant_kind: 'person', applicant_name: '王小明',
  id_number: person, phone: '13807390001', decision: 'accept',
  materials: matter.materials.map((m) => ({ name: m.name, status: 'received' })), ...extra,
});
async function accept(extra) {
  const r = await c.qiantai.post('/api/cases', application(extra));
  assert.equal(r.status, 201, r.text);
  return r.json;
}
async function ev(who, id, body) {
  const r = await c[who].post(`/api/cases/${id}/events`, body);
  assert.equal(r.status, 200, `${body.event}: ${r.text}`);
  return r.json;
}
// A case walked from acceptance to the result handed out at the window.
async function issued() {
  const k = (await accept()).case;
  await ev('shenpi', k.id, { event: 'start_review' });
  await ev('shenpi', k.id, { event: 'sign' });
  await ev('shenpi', k.id, { event: 'decide_grant' });
  await ev('shenpi', k.id, { event: 'seal', seal_id: seal.id, document: '道路旅客运输经营许可决定书', sha256: 'b'.repeat(64) });
  return (await ev('shenpi', k.id, { event: 'issue_result', channel: 'window' })).case;
}
// The token of a case's rating page, as the case detail gives it to staff (each detail view by
// its acceptor is an audited view of a full record, so it is fetched once per case).
const tokens = new Map();
async function tokenOf(id) {
  if (!tokens.has(id)) tokens.set(id, (await c.qiantai.get(`/api/cases/${id}`)).json.rating.token);
  return tokens.get(id);
}
const put = (who, path, json) => c[who].req('PUT', path, { json });
async function rate(k, body, client = anon()) {
  return client.post(`/api/public/rate/${k.number}`, { token: await tokenOf(k.id), channel: 'qr', ...body });
}
async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const lastSeq = async () => (await c.admin.get('/api/audit?limit=1')).json.entries[0].seq;
const audit = async (n = 100) => (await c.admin.get(`/api/audit?limit=${n}`)).json.entries;
function rows(statement) {
  const r = sql(srv.db, statement);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => l.split('|')) : [];
}
const counts = (board, dept, mid) => {
  const d = board.departments.find((x) => x.id === dept);
  const m = d && d.matters.find((x) => x.id === mid);
  return m ? m.counts : { none: 0, warn: 0, yellow: 0, red: 0, total: 0 };
};

// ---- the demo data ----

test('the demo: cases on the board with every card, orders, ratings, a rectification walked through and an appeal', async () => {
  const b = (await c.duban.get('/api/supervision/board')).json;
  for (const l of ['none', 'warn', 'yellow', 'red']) assert.ok(b.totals[l] >= 1, `demo has a ${l} card: ${JSON.stringify(b.totals)}`);
  assert.equal(b.totals.total, b.departments.reduce((s, d) => s + d.counts.total, 0));
  assert.ok(b.departments.some((d) => d.name === '市民政局'));
  const orders = (await c.duban.get('/api/supervision/orders')).json.orders;
  assert.deepEqual(orders.map((o) => o.state).sort(), ['closed', 'open', 'replied']);
  assert.ok(orders.find((o) => o.state === 'open').overdue, 'the demo order to 市交通运输局 is overdue');
  assert.match(orders[0].number, /^督办〔2025〕\d+号$/);
  const ratings = (await c.duban.get('/api/ratings?from=2025-08-01')).json.ratings;
  assert.ok(ratings.length >= 7);
  const rects = (await c.duban.get('/api/rectifications')).json.rectifications;
  const walked = rects.find((x) => x.state === 'rerated');
  assert.equal(walked.rating.rater_name, '刘**');
  assert.equal(walked.action.kind, 'immediate');
  assert.equal(walked.rerating.level_zh, '满意');
  assert.ok(rects.some((x) => x.state === 'open' && x.rating.real_name && x.callback_overdue), 'a real-name bad review not called back in time');
  assert.equal((await c.duban.get('/api/appeals?pending=1')).json.count, 1);
  assert.ok(b.callbacks.missing >= 1 && b.callbacks.rate < 1);
});

// ---- the board ----

test('the board: open cases by department, matter and level from the materialised levels, agreeing with each case', async () => {
  const before = counts((await c.duban.get('/api/supervision/board')).json, transport.id, matter.id);
  // accepted on 2025-09-05 / 09-10 / 09-12 / today with 20 working days: 24, 21, 19, 0 used on 10-15
  const red = (await accept()).case;
  const yellow = (await accept()).case;
  const warn = (await accept()).case;
  const none = (await accept()).case;
  for (const [k, day] of [[red, '2025-09-05'], [yellow, '2025-09-10'], [warn, '2025-09-12']]) {
    rows(`UPDATE cases SET received_day = '${day}', accepted_day = '${day}', version = version + 1 WHERE id = ${k.id}`);
  }
  const board = await until('the scan to see the backdated cases', async () => {
    const b = (await c.duban.get('/api/supervision/board')).json;
    const n = counts(b, transport.id, matter.id);
    return n.red === before.red + 1 && n.yellow === before.yellow + 1 && n.warn === before.warn + 1 ? b : null;
  });
  const after = counts(board, transport.id, matter.id);
  assert.equal(after.none, before.none + 1);
  assert.equal(after.total, before.total + 4);
  assert.ok(board.refreshed_at);
  assert.equal(board.day, '2025-10-15');
  // totals are the sum of the departments, each the sum of its matters
  for (const l of ['none', 'warn', 'yellow', 'red', 'total']) {
    assert.equal(board.totals[l], board.departments.reduce((s, d) => s + d.counts[l], 0), l);
    for (const d of board.departments) assert.equal(d.counts[l], d.matters.reduce((s, m) => s + m.counts[l], 0));
  }
  // drill-down: the red cards of this matter, with their ends counted by hand
  const drill = (await c.duban.get(`/api/supervision/board?dept=${transport.id}&matter=${matter.id}&level=red`)).json;
  const row = drill.cases.find((x) => x.id === red.id);
  assert.deepEqual([row.number, row.level, row.level_zh, row.statutory_end, row.promised_end, row.state, row.department],
    [red.number, 'red', '红牌', '2025-10-10', '2025-09-19', 'accepted', '市交通运输局']);
  assert.ok(drill.cases.every((x) => x.level === 'red'));
  assert.equal(drill.cases.length, after.red);
  const y = (await c.duban.get(`/api/supervision/board?matter=${matter.id}&level=yellow`)).json.cases.find((x) => x.id === yellow.id);
  assert.equal(y.statutory_end, '2025-10-14');
  const w = (await c.duban.get(`/api/supervision/board?dept=${transport.id}&level=warn`)).json.cases.find((x) => x.id === warn.id);
  assert.equal(w.statutory_end, '2025-10-16');
  // the board's level is the case view's level (two computations: thresholds and the clock)
  for (const [k, l] of [[red, 'red'], [yellow, 'yellow'], [warn, 'warn'], [none, 'none']]) {
    assert.equal((await c.duban.get(`/api/cases/${k.id}`)).json.clocks.warning_level, l);
  }
  // a stop before the end takes the card off (one after the end would not); a withdrawal takes
  // the case off the board
  await ev('shenpi', warn.id, { event: 'start_review' });
  await ev('shenpi', warn.id, { event: 'suspend', kind: 'testing', reason: '车辆检测' });
  await ev('qiantai', yellow.id, { event: 'withdraw' });
  await until('the stop and the withdrawal on the board', async () => {
    const n = counts((await c.duban.get('/api/supervision/board')).json, transport.id, matter.id);
    return n.yellow === before.yellow && n.warn === before.warn && n.none === before.none + 2;
  });
  const s = (await c.duban.get(`/api/supervision/board?dept=${transport.id}&level=none`)).json.cases.find((x) => x.id === warn.id);
  assert.equal(s.stopped, true);
  assert.equal(s.state, 'suspended');
  // the warnings reached were told to the assignee and, for the red card, to the department head
  const told = rows(`SELECT recipient FROM outbox WHERE channel = 'staff' AND text LIKE '%${red.number}%红牌%' ORDER BY recipient`).map((r) => r[0]);
  assert.deepEqual(told, ['fenguan', 'shenpi']);
  assert.deepEqual(rows(`SELECT level FROM case_warnings WHERE case_id = ${red.id} ORDER BY level`).map((r) => r[0]), ['red', 'warn', 'yellow']);
  assert.ok((await audit(200)).some((e) => e.action === 'case.warning' && e.object === red.number && e.actor === 'system'));
  // once: later scans tell nobody again
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE channel = 'staff' AND text LIKE '%${red.number}%红牌%'`)[0][0], '2');
});

test('board bad input: an unknown level or a malformed filter is refused', async () => {
  errorOf(assert, await c.duban.get('/api/supervision/board?level=purple'), 422, 'field_invalid');
  errorOf(assert, await c.duban.get('/api/supervision/board?dept=abc'), 422, 'field_invalid');
  errorOf(assert, await c.duban.get('/api/supervision/board?limit=0'), 422, 'field_invalid');
});

// ---- supervision orders ----

test('orders: issued to a department about its cases, deadline by the calendar, told to the staff; replied; closed', async () => {
  const k1 = (await accept()).case;
  const k2 = (await accept()).case;
  const seq = await lastSeq();
  const r = await c.duban.post('/api/supervision/orders', { department_id: transport.id, case_ids: [k1.id, k2.id], text: '请说明两件办件的进度', reply_days: 3 });
  assert.equal(r.status, 201, r.text);
  const o = r.json;
  assert.match(o.number, /^督办〔2025〕\d+号$/);
  // 3 working days after Wednesday 10-15: Thu 16, Fri 17, Mon 20
  assert.deepEqual([o.state, o.state_zh, o.deadline, o.overdue, o.cases_count, o.department.name], ['open', '待回复', '2025-10-20', false, 2, '市交通运输局']);
  assert.deepEqual(o.cases.map((x) => x.number), [k1.number, k2.number]);
  const told = rows(`SELECT recipient FROM outbox WHERE channel = 'staff' AND text LIKE '%${o.number}%' ORDER BY recipient`).map((x) => x[0]);
  assert.deepEqual(told, ['fenguan', 'shenpi']); // the cases' assignee once, and the department head
  assert.ok((await audit()).some((e) => e.seq > seq && e.action === 'order.create' && e.object === o.number && e.actor === 'duban'));
  // the department sees its orders; another department does not
  assert.ok((await c.shenpi.get('/api/supervision/orders')).json.orders.some((x) => x.id === o.id));
  assert.ok(!(await c.denglihua.get('/api/supervision/orders')).json.orders.some((x) => x.id === o.id));
  errorOf(assert, await c.denglihua.get(`/api/supervision/orders/${o.id}`), 404, 'order_not_found');
  errorOf(assert, await c.xiaozhenhua.post(`/api/supervision/orders/${o.id}/replies`, { text: '不是我们的' }), 404, 'order_not_found');
  // the reply
  let x = await c.shenpi.post(`/api/supervision/orders/${o.id}/replies`, { text: '两件均在审查，本周内办结' });
  assert.equal(x.status, 200, x.text);
  assert.deepEqual([x.json.state, x.json.replied_day, x.json.replies[0].by, x.json.replies[0].text], ['replied', '2025-10-15', '陈志强', '两件均在审查，本周内办结']);
  x = await c.fenguan.post(`/api/supervision/orders/${o.id}/replies`, { text: '分管领导已督促' });
  assert.equal(x.json.replies.length, 2);
  // closed by the supervisor; then nothing more
  x = await c.duban.post(`/api/supervision/orders/${o.id}/close`, { note: '已按期办结' });
  assert.deepEqual([x.status, x.json.state, x.json.close_note, x.json.closed_by], [200, 'closed', '已按期办结', '李明华']);
  const seq2 = await lastSeq();
  errorOf(assert, await c.shenpi.post(`/api/supervision/orders/${o.id}/replies`, { text: '补充' }), 409, 'order_closed');
  errorOf(assert, await c.duban.post(`/api/supervision/orders/${o.id}/close`, {}), 409, 'order_closed');
  assert.equal(await lastSeq(), seq2, 'refusals wrote nothing to the audit log');
  assert.ok((await c.duban.get('/api/supervision/orders?state=closed')).json.orders.some((y) => y.id === o.id));
  const actions = (await audit()).filter((e) => e.object === o.number).map((e) => e.action).sort();
  assert.deepEqual(actions, ['order.close', 'order.create', 'order.reply', 'order.reply']);
});

test('orders bad input: cases of another department, unknown, repeated or none; a bad deadline; nothing written', async () => {
  const k = (await accept()).case;
  const n = (await c.duban.get('/api/supervision/orders')).json.count;
  const seq = await lastSeq();
  const base = { department_id: market.id, case_ids: [k.id], text: '请说明进度', reply_days: 3 };
  let e = errorOf(assert, await c.duban.post('/api/supervision/orders', base), 422, 'case_wrong_department');
  assert.match(e.message, new RegExp(`${k.number}.*市交通运输局.*市市场监督管理局`));
  errorOf(assert, await c.duban.post('/api/supervision/orders', { ...base, department_id: transport.id, case_ids: [k.id, 999999] }), 422, 'case_unknown');
  errorOf(assert, await c.duban.post('/api/supervision/orders', { ...base, department_id: transport.id, case_ids: [k.id, k.id] }), 422, 'case_duplicate');
  errorOf(assert, await c.duban.post('/api/supervision/orders', { ...base, case_ids: [] }), 422, 'field_invalid');
  errorOf(assert, await c.duban.post('/api/supervision/orders', { ...base, case_ids: ['x'] }), 422, 'field_invalid');
  errorOf(assert, await c.duban.post('/api/supervision/orders', { ...base, department_id: transport.id, reply_days: 0 }), 422, 'field_invalid');
  errorOf(assert, await c.duban.post('/api/supervision/orders', { ...base, department_id: 999999 }), 422, 'field_invalid');
  errorOf(assert, await c.duban.post('/api/supervision/orders', { ...base, department_id: transport.id, text: '' }), 422, 'field_invalid');
  errorOf(assert, await c.duban.get('/api/supervision/orders?state=lost'), 422, 'field_invalid');
  e = errorOf(assert, await c.shenpi.post('/api/supervision/orders/999999/replies', { text: '回复' }), 404, 'order_not_found');
  assert.equal((await c.duban.get('/api/supervision/orders')).json.count, n);
  assert.equal(await lastSeq(), seq);
});

test('orders overdue: past the deadline without a reply, flagged in the list and on the board, the department told once', async () => {
  const k = (await accept()).case;
  const o = (await c.duban.post('/api/supervision/orders', { department_id: transport.id, case_ids: [k.id], text: '请当日回复', reply_days: 1 })).json;
  const before = (await c.duban.get('/api/supervision/board')).json.orders;
  rows(`UPDATE supervision_orders SET deadline_day = '2025-10-14' WHERE id = ${o.id}`);
  const got = (await c.duban.get(`/api/supervision/orders/${o.id}`)).json;
  assert.deepEqual([got.overdue, got.late], [true, true]);
  assert.ok((await c.duban.get('/api/supervision/orders?overdue=1')).json.orders.some((x) => x.id === o.id));
  assert.equal((await c.duban.get('/api/supervision/board')).json.orders.overdue, before.overdue + 1);
  await until('the overdue notice', async () => rows(`SELECT recipient FROM outbox WHERE channel = 'staff' AND text LIKE '%${o.number}%超过回复期限%'`).length === 1);
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(rows(`SELECT recipient FROM outbox WHERE channel = 'staff' AND text LIKE '%${o.number}%超过回复期限%'`), [['fenguan']]);
  assert.equal((await audit(200)).filter((e) => e.action === 'order.overdue' && e.object === o.number).length, 1);
  // a late reply is recorded as late
  const r = await c.fenguan.post(`/api/supervision/orders/${o.id}/replies`, { text: '已处理' });
  assert.deepEqual([r.json.state, r.json.overdue, r.json.late], ['replied', false, true]);
});

// ---- ratings ----

test('the rating token: in the case detail for staff, per case, opening a public page without personal data', async () => {
  const k = (await accept()).case;
  const other = (await accept()).case;
  const d = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  assert.match(d.rating.token, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(d.rating_url, `/rate/${k.number}?t=${d.rating.token}`);
  assert.deepEqual(d.rating.stages.map((s) => [s.stage, s.rateable, s.rated]), [['accept', true, false], ['result', false, false]]);
  assert.notEqual(await tokenOf(other.id), d.rating.token);
  const p = await anon().get(`/api/public/rate/${k.number}?t=${d.rating.token}`);
  assert.equal(p.status, 200, p.text);
  assert.deepEqual([p.json.number, p.json.matter, p.json.department, p.json.state_zh], [k.number, '道路旅客运输经营许可', '市交通运输局', '已受理']);
  assert.deepEqual(p.json.levels.map((l) => l.label), ['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  assert.deepEqual(p.json.levels.map((l) => l.reason_required), [false, false, false, true, true]);
  for (const secret of ['王小明', person, person.slice(6, 14), '13807390001', '张晓燕', '陈志强']) assert.ok(!p.text.includes(secret), secret);
  // another case's token, a wrong one, none, a bad number
  errorOf(assert, await anon().get(`/api/public/rate/${other.number}?t=${d.rating.token}`), 404, 'case_not_found');
  errorOf(assert, await anon().get(`/api/public/rate/${k.number}`), 400, 'field_required');
  const wrong = k.number.slice(0, -2) + String((Number(k.number.slice(-2)) + 1) % 100).padStart(2, '0');
  errorOf(assert, await anon().get(`/api/public/rate/${wrong}?t=${d.rating.token}`), 422, 'bad_check');
});

test('rating: one per case and stage, only at a rateable stage, a reason for bad ones; staff cannot rate; audited', async () => {
  const k = (await accept()).case;
  await tokenOf(k.id);
  const seq = await lastSeq();
  errorOf(assert, await rate(k, { stage: 'result', level: 1 }), 409, 'not_rateable');
  errorOf(assert, await rate(k, { stage: 'accept', level: 4 }), 422, 'reason_required');
  errorOf(assert, await rate(k, { stage: 'accept', level: 5, reason: '' }), 422, 'reason_required');
  errorOf(assert, await rate(k, { stage: 'accept', level: 6 }), 422, 'field_invalid');
  errorOf(assert, await rate(k, { stage: 'accept', level: 0 }), 422, 'field_invalid');
  errorOf(assert, await rate(k, { stage: 'later', level: 1 }), 422, 'field_invalid');
  errorOf(assert, await rate(k, { stage: 'accept', level: 1, channel: 'sms' }), 422, 'field_invalid');
  errorOf(assert, await rate(k, { stage: 'accept', level: 1, real_name: true, rater_name: '王小明' }), 422, 'field_required');
  errorOf(assert, await rate(k, { stage: 'accept', level: 1, real_name: true, rater_name: '王小明', rater_contact: 'abc' }), 422, 'field_invalid');
  errorOf(assert, await rate(k, { stage: 'accept', level: 1, rectification_id: 1 }), 422, 'field_invalid');
  errorOf(assert, await rate(k, { stage: 'rectification', level: 1 }), 409, 'not_rateable');
  // staff may not rate, even with the token (no staff session writes a rating)
  for (const who of ['qiantai', 'shenpi', 'duban']) {
    errorOf(assert, await rate(k, { stage: 'accept', level: 1 }, c[who]), 403, 'staff_cannot_rate');
  }
  assert.equal(await lastSeq(), seq, 'refusals wrote nothing');
  const r = await rate(k, { stage: 'accept', level: 2, comment: '窗口很耐心' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.rating.stage, r.json.rating.level, r.json.rating.level_zh, r.json.rectification], ['accept', 2, '满意', null]);
  errorOf(assert, await rate(k, { stage: 'accept', level: 1 }), 409, 'already_rated');
  const e = (await audit()).find((x) => x.action === 'rating.give' && x.object === k.number);
  assert.equal(e.actor, 'anonymous');
  // staff see it once given, the page says it is rated but never how
  const d = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  assert.deepEqual(d.rating.ratings.map((x) => [x.stage, x.level_zh]), [['accept', '满意']]);
  const p = (await anon().get(`/api/public/rate/${k.number}?t=${d.rating.token}`)).json;
  assert.deepEqual(p.stages[0], { stage: 'accept', stage_zh: '受理服务', rateable: false, rated: true });
  // not yet accepted: the accept stage is not open; a refusal at the window is
  const rec = (await accept({ decision: 'receive' })).case;
  errorOf(assert, await rate(rec, { stage: 'accept', level: 1 }), 409, 'not_rateable');
  const ref = (await accept({ decision: 'refuse', reason: '不属于本机关职权' })).case;
  assert.equal((await rate(ref, { stage: 'accept', level: 3 })).status, 201);
  // the result, once issued
  const done = await issued();
  assert.equal((await rate(done, { stage: 'result', level: 1, channel: 'window' })).status, 201);
  errorOf(assert, await rate(done, { stage: 'result', level: 2 }), 409, 'already_rated');
});

test('two ratings of one stage at once: exactly one is recorded, the other is 409 already_rated', async () => {
  const k = (await accept()).case;
  await tokenOf(k.id);
  const rs = await Promise.all([rate(k, { stage: 'accept', level: 1 }), rate(k, { stage: 'accept', level: 5, reason: '并发' })]);
  assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409], rs.map((r) => r.text).join('\n'));
  errorOf(assert, rs.find((r) => r.status === 409), 409, 'already_rated');
  assert.equal(rows(`SELECT COUNT(*) FROM ratings WHERE case_id = ${k.id}`)[0][0], '1');
  // a rectification exists exactly when the recorded rating was the bad one
  const level = rows(`SELECT level FROM ratings WHERE case_id = ${k.id}`)[0][0];
  assert.equal(rows(`SELECT COUNT(*) FROM rectifications WHERE case_id = ${k.id}`)[0][0], level === '5' ? '1' : '0');
});

test('ratings are immutable: the database refuses updates and deletes', async () => {
  const k = (await accept()).case;
  assert.equal((await rate(k, { stage: 'accept', level: 3 })).status, 201);
  const id = rows(`SELECT id FROM ratings WHERE case_id = ${k.id}`)[0][0];
  const up = sql(srv.db, `UPDATE ratings SET level = 1 WHERE id = ${id}`);
  assert.notEqual(up.code, 0);
  assert.match(up.stderr, /ratings are immutable/);
  const del = sql(srv.db, `DELETE FROM ratings WHERE id = ${id}`);
  assert.notEqual(del.code, 0);
  if (BACKEND === 'postgresql') assert.notEqual(sql(srv.db, 'TRUNCATE ratings CASCADE').code, 0);
  assert.deepEqual(rows(`SELECT level FROM ratings WHERE id = ${id}`), [['3']]);
});

// ---- bad reviews: rectification ----

test('a bad review opens its rectification in the same transaction; callback, fix, and the rater rates the fix', async () => {
  const k = (await accept()).case;
  const before = (await c.duban.get('/api/supervision/board')).json.callbacks;
  const r = await rate(k, { stage: 'accept', level: 4, reason: '材料清单与指南不一致，多跑了一趟', real_name: true, rater_name: '王小明', rater_contact: '13807391111' });
  assert.equal(r.status, 201, r.text);
  // 5 working days after Wednesday 10-15: 16, 17, 20, 21, 22
  assert.deepEqual([r.json.rectification.callback_due, r.json.rectification.fix_due], ['2025-10-22', '2025-10-22']);
  const id = r.json.rectification.id;
  const told = rows(`SELECT recipient FROM outbox WHERE channel = 'staff' AND text LIKE '%${k.number}%实名评价%' ORDER BY recipient`).map((x) => x[0]);
  assert.deepEqual(told, ['fenguan', 'shenpi']);
  let x = (await c.shenpi.get(`/api/rectifications/${id}`)).json;
  assert.deepEqual([x.state, x.state_zh, x.rating.level_zh, x.rating.rater_name, x.rating.rater_contact, x.callback_overdue], ['open', '待回访', '不满意', '王小明', '13807391111', false]);
  assert.ok((await audit()).some((e) => e.action === 'rectification.view' && e.object === k.number && e.actor === 'shenpi'), 'the view of the rater\'s number is audited');
  // in the lists masked, and among the real-name bad reviews without callback
  const missing = (await c.duban.get('/api/rectifications?callback_missing=1')).json.rectifications.find((y) => y.id === id);
  assert.deepEqual([missing.rating.rater_name, missing.rating.rater_contact], ['王**', '*******1111']);
  const after = (await c.duban.get('/api/supervision/board')).json.callbacks;
  assert.deepEqual([after.real_name_bad, after.missing], [before.real_name_bad + 1, before.missing + 1]);
  // out of order, out of scope, wrong role
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${id}/action`, { kind: 'immediate', evidence: '已整改' }), 409, 'callback_first');
  errorOf(assert, await c.denglihua.post(`/api/rectifications/${id}/callback`, { note: '回访' }), 404, 'rectification_not_found');
  errorOf(assert, await c.daoban.post(`/api/rectifications/${id}/callback`, { note: '回访' }), 403, 'forbidden');
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${id}/callback`, { note: '' }), 422, 'field_invalid');
  // the callback
  x = (await c.shenpi.post(`/api/rectifications/${id}/callback`, { note: '电话回访，已致歉并说明材料清单' })).json;
  assert.deepEqual([x.state, x.callback.by, x.callback.note], ['called_back', '陈志强', '电话回访，已致歉并说明材料清单']);
  errorOf(assert, await c.fenguan.post(`/api/rectifications/${id}/callback`, { note: '再次回访' }), 409, 'callback_recorded');
  assert.ok(!(await c.duban.get('/api/rectifications?callback_missing=1')).json.rectifications.some((y) => y.id === id));
  // the fix: 限期整改 needs a day within the fix deadline
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${id}/action`, { kind: 'later', evidence: '……' }), 422, 'field_invalid');
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${id}/action`, { kind: 'deadline', evidence: '统一材料清单' }), 422, 'field_required');
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${id}/action`, { kind: 'deadline', evidence: '统一材料清单', due: '2025-10-23' }), 422, 'due_after_deadline');
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${id}/action`, { kind: 'deadline', evidence: '统一材料清单', due: '2025-10-14' }), 422, 'field_invalid');
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${id}/action`, { kind: 'deadline', evidence: '' , due: '2025-10-20' }), 422, 'field_invalid');
  x = await c.shenpi.post(`/api/rectifications/${id}/action`, { kind: 'deadline', evidence: '10 月 20 日前统一窗口材料清单与办事指南', due: '2025-10-20' });
  assert.equal(x.status, 200, x.text);
  assert.deepEqual([x.json.state, x.json.action.kind_zh, x.json.action.due, x.json.action.by], ['acted', '限期整改', '2025-10-20', '陈志强']);
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${id}/action`, { kind: 'explain', evidence: '说明' }), 409, 'action_recorded');
  // the rater is told and may rate the fix on the same page, with the same token
  const sms = rows(`SELECT text FROM outbox WHERE recipient = '13807391111'`).map((y) => y[0]);
  assert.equal(sms.length, 1);
  assert.ok(sms[0].includes(`/rate/${k.number}?t=${await tokenOf(k.id)}`));
  const page = (await anon().get(`/api/public/rate/${k.number}?t=${await tokenOf(k.id)}`)).json;
  assert.deepEqual(page.rectifications.map((y) => [y.id, y.action_zh, y.rated_stage]), [[id, '限期整改', 'accept']]);
  const again = await rate(k, { stage: 'rectification', level: 2, comment: '整改及时' });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.rectification, null);
  errorOf(assert, await rate(k, { stage: 'rectification', level: 1 }), 409, 'not_rateable');
  errorOf(assert, await rate(k, { stage: 'rectification', level: 1, rectification_id: id }), 409, 'already_rated');
  x = (await c.duban.get(`/api/rectifications/${id}`)).json;
  assert.deepEqual([x.state, x.rerating.level_zh, x.rating.level_zh], ['rerated', '满意', '不满意']);
  // the original rating stands beside the new one
  const given = rows(`SELECT stage, level, rectification_id FROM ratings WHERE case_id = ${k.id} ORDER BY id`);
  assert.deepEqual(given, [['accept', '4', ''], ['rectification', '2', String(id)]]);
  const acts = (await audit(200)).filter((e) => e.object === k.number).map((e) => e.action);
  for (const a of ['rating.give', 'rectification.open', 'rectification.callback', 'rectification.action']) assert.ok(acts.includes(a), a);
});

test('the deadlines are configurable (administrator); a bad review uses the setting in force', async () => {
  errorOf(assert, await put('duban', '/api/supervision/config', { callback_days: 2 }), 403, 'forbidden');
  errorOf(assert, await put('admin', '/api/supervision/config', { callback_days: 0 }), 422, 'field_invalid');
  errorOf(assert, await put('admin', '/api/supervision/config', { fix_days: 31 }), 422, 'field_invalid');
  let r = await put('admin', '/api/supervision/config', { callback_days: 2, fix_days: 7 });
  assert.deepEqual(r.json, { callback_days: 2, fix_days: 7, warn_days: 2, red_days: 3 });
  assert.deepEqual((await c.duban.get('/api/supervision/config')).json, { callback_days: 2, fix_days: 7, warn_days: 2, red_days: 3 });
  const k = (await accept()).case;
  r = await rate(k, { stage: 'accept', level: 5, reason: '态度很差' });
  // 2 working days: 16, 17; 7: 16, 17, 20, 21, 22, 23, 24
  assert.deepEqual([r.json.rectification.callback_due, r.json.rectification.fix_due], ['2025-10-17', '2025-10-24']);
  assert.equal((await put('admin', '/api/supervision/config', { callback_days: 5, fix_days: 5 })).status, 200);
  assert.ok((await audit()).some((e) => e.action === 'supervision.config' && e.actor === 'admin'));
});

test('the warning thresholds are configurable: the case views at once, the board after its next scan', async () => {
  errorOf(assert, await put('admin', '/api/supervision/config', { warn_days: 21 }), 422, 'field_invalid');
  errorOf(assert, await put('admin', '/api/supervision/config', { red_days: 0 }), 422, 'field_invalid');
  errorOf(assert, await put('duban', '/api/supervision/config', { red_days: 5 }), 403, 'forbidden');
  // accepted on 2025-09-05 with 20 working days: the statutory end is 2025-10-10, and on 10-15 it
  // is 4 working days overdue (10-11, the National Day make-up Saturday, 13, 14, 15): 红牌 by the
  // default (more than 3); accepted today: 20 working days left, no card
  const late = (await accept()).case;
  const fresh = (await accept()).case;
  rows(`UPDATE cases SET received_day = '2025-09-05', accepted_day = '2025-09-05', version = version + 1 WHERE id = ${late.id}`);
  const level = async (k) => (await c.duban.get(`/api/cases/${k.id}`)).json.clocks.warning_level;
  const board = async () => counts((await c.duban.get('/api/supervision/board')).json, transport.id, matter.id);
  assert.deepEqual([await level(late), await level(fresh)], ['red', 'none']);
  const before = await until('the scan to see the backdated case', async () => {
    const n = await board();
    const d = (await c.duban.get(`/api/supervision/board?dept=${transport.id}&matter=${matter.id}&level=red`)).json;
    return d.cases.some((x) => x.id === late.id) ? n : null;
  });
  // 红牌 only beyond 4 days overdue, 预警 from 20 days left: the late case turns yellow, the fresh one warns
  const r = await put('admin', '/api/supervision/config', { warn_days: 20, red_days: 4 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.warn_days, r.json.red_days], [20, 4]);
  assert.deepEqual([await level(late), await level(fresh)], ['yellow', 'warn']);
  // the case lists say the thresholds in force (their legend)
  assert.deepEqual((await c.duban.get('/api/cases?limit=1')).json.thresholds, { warn_days: 20, red_days: 4 });
  const after = await until('the scan to recompute the levels with the new thresholds', async () => {
    const n = await board();
    return n.red <= before.red - 1 && n.yellow >= before.yellow + 1 && n.warn >= before.warn + 1 ? n : null;
  });
  assert.equal(after.total, before.total);
  const y = (await c.duban.get(`/api/supervision/board?dept=${transport.id}&matter=${matter.id}&level=yellow`)).json.cases;
  assert.ok(y.some((x) => x.id === late.id), 'the drill-down agrees with the case view');
  const e = (await audit()).find((x) => x.action === 'supervision.config');
  assert.match(e.summary, /剩余 20 个工作日预警，超期 4 个工作日以上红牌/);
  // back to the defaults, and the board with them
  assert.equal((await put('admin', '/api/supervision/config', { warn_days: 2, red_days: 3 })).status, 200);
  assert.deepEqual([await level(late), await level(fresh)], ['red', 'none']);
  await until('the board back on the default thresholds', async () => {
    const n = await board();
    return n.red === before.red && n.yellow === before.yellow && n.warn === before.warn ? n : null;
  });
});

test('the whole board is kept between scans and still shows every change at once', async () => {
  const strip = (b) => { const { refreshed_at: _, ...rest } = b; return rest; };
  const a = (await c.duban.get('/api/supervision/board')).json;
  const b = (await c.duban.get('/api/supervision/board')).json;
  assert.deepEqual(strip(b), strip(a));
  // an order: its figures are read on every load, not kept
  const k = (await accept()).case;
  const r = await c.duban.post('/api/supervision/orders', { department_id: transport.id, case_ids: [k.id], text: '请说明进度', reply_days: 3 });
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.duban.get('/api/supervision/board')).json.orders.open, a.orders.open + 1);
  // a new case: counted once a scan has run (the page says when, refreshed_at)
  const seen = await until('the scan to count the new case', async () => {
    const n = (await c.duban.get('/api/supervision/board')).json;
    return n.totals.total === a.totals.total + 1 ? n : null;
  });
  assert.notEqual(seen.refreshed_at, a.refreshed_at);
  // the same board as a filter gives (built afresh, not kept)
  const d = (await c.duban.get(`/api/supervision/board?dept=${transport.id}`)).json;
  assert.deepEqual(d.departments, seen.departments.filter((x) => x.id === transport.id));
});

// ---- appeals ----

test('appeals: only the rating\'s department, only bad reviews, once; the supervisor decides; upheld voids the rectification', async () => {
  const k = (await accept()).case;
  const bad = (await rate(k, { stage: 'accept', level: 5, reason: '恶意差评测试' })).json;
  const rid = bad.rating.id;
  const rect = bad.rectification.id;
  let e = errorOf(assert, await c.xiaozhenhua.post(`/api/ratings/${rid}/appeal`, { reason: '不是我们部门' }), 403, 'appeal_wrong_department');
  assert.match(e.message, /市交通运输局/);
  errorOf(assert, await c.shenpi.post(`/api/ratings/${rid}/appeal`, { reason: '恶意' }), 403, 'forbidden');
  errorOf(assert, await c.fenguan.post('/api/ratings/999999/appeal', { reason: '恶意' }), 404, 'rating_not_found');
  errorOf(assert, await c.fenguan.post(`/api/ratings/${rid}/appeal`, { reason: '' }), 422, 'field_invalid');
  const good = (await rate((await accept()).case, { stage: 'accept', level: 1 })).json.rating.id;
  errorOf(assert, await c.fenguan.post(`/api/ratings/${good}/appeal`, { reason: '好评也申诉' }), 409, 'not_bad_review');
  let r = await c.fenguan.post(`/api/ratings/${rid}/appeal`, { reason: '评价人当日并未到窗口办理，系误评' });
  assert.equal(r.status, 201, r.text);
  const a = r.json;
  assert.deepEqual([a.state, a.state_zh, a.rating.level_zh, a.department.name, a.filed_by, a.rectification_id], ['pending', '待裁定', '非常不满意', '市交通运输局', '赵国庆', rect]);
  errorOf(assert, await c.fenguan.post(`/api/ratings/${rid}/appeal`, { reason: '再次申诉' }), 409, 'appeal_exists');
  assert.ok((await c.duban.get('/api/appeals?pending=1')).json.appeals.some((x) => x.id === a.id));
  assert.ok(!(await c.denglihua.get('/api/appeals')).json.appeals.some((x) => x.id === a.id));
  // the decision
  errorOf(assert, await c.fenguan.post(`/api/appeals/${a.id}/decision`, { decision: 'upheld' }), 403, 'forbidden');
  errorOf(assert, await c.duban.post(`/api/appeals/${a.id}/decision`, { decision: 'maybe' }), 422, 'field_invalid');
  errorOf(assert, await c.duban.post('/api/appeals/999999/decision', { decision: 'upheld' }), 404, 'appeal_not_found');
  r = await c.duban.post(`/api/appeals/${a.id}/decision`, { decision: 'upheld', note: '经调阅录像核实' });
  assert.deepEqual([r.status, r.json.state, r.json.state_zh, r.json.decided_by, r.json.decision_note], [200, 'upheld', '申诉成立', '李明华', '经调阅录像核实']);
  errorOf(assert, await c.duban.post(`/api/appeals/${a.id}/decision`, { decision: 'rejected' }), 409, 'appeal_decided');
  const x = (await c.duban.get(`/api/rectifications/${rect}`)).json;
  assert.deepEqual([x.state, x.appeal.state], ['void', 'upheld']);
  errorOf(assert, await c.shenpi.post(`/api/rectifications/${rect}/callback`, { note: '回访' }), 409, 'rectification_void');
  // the rating itself stays as given
  assert.deepEqual(rows(`SELECT level FROM ratings WHERE id = ${rid}`), [['5']]);
  // rejected: nothing else changes
  const k2 = (await accept()).case;
  const bad2 = (await rate(k2, { stage: 'accept', level: 4, reason: '等太久' })).json;
  const a2 = (await c.fenguan.post(`/api/ratings/${bad2.rating.id}/appeal`, { reason: '误评' })).json;
  r = await c.duban.post(`/api/appeals/${a2.id}/decision`, { decision: 'rejected' });
  assert.equal(r.json.state, 'rejected');
  assert.equal((await c.duban.get(`/api/rectifications/${bad2.rectification.id}`)).json.state, 'open');
  const acts = (await audit(200)).filter((y) => y.object === k.number).map((y) => y.action);
  assert.ok(acts.includes('appeal.file') && acts.includes('appeal.decide'));
});

test('rating lists: scoped to the department, filtered by stage, period and bad reviews; a bad period is refused', async () => {
  const all = (await c.duban.get('/api/ratings?bad=1')).json;
  assert.ok(all.count > 0 && all.ratings.every((r) => r.bad));
  assert.deepEqual([all.from, all.to], ['2025-09-15', '2025-10-15']);
  const own = (await c.denglihua.get('/api/ratings?from=2025-08-01')).json;
  assert.ok(own.ratings.every((r) => r.department.name === '市市场监督管理局'));
  const stage = (await c.duban.get('/api/ratings?stage=result&from=2025-08-01')).json;
  assert.ok(stage.count > 0 && stage.ratings.every((r) => r.stage === 'result'));
  errorOf(assert, await c.duban.get('/api/ratings?from=2025-10-15&to=2025-10-01'), 422, 'period_invalid');
  errorOf(assert, await c.duban.get('/api/ratings?from=2025-13-01'), 422, 'field_invalid');
  errorOf(assert, await c.duban.get('/api/ratings?stage=any'), 422, 'field_invalid');
  errorOf(assert, await c.duban.get('/api/rectifications?state=lost'), 422, 'field_invalid');
});

// ---- who may call what (docs/authz.md), every route of src/http/routes_supervise.inc ----

test('authorisation of every supervision and evaluation route, as docs/authz.md says', async () => {
  const WHO = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'anonymous'];
  let fresh = {};
  const order = (await c.duban.post('/api/supervision/orders', { department_id: transport.id, case_ids: [(await accept()).case.id], text: '矩阵', reply_days: 5 })).json;
  const k = (await accept()).case;
  const bad = (await rate(k, { stage: 'accept', level: 4, reason: '矩阵' })).json;
  const newOrder = async () => { fresh.order = (await c.duban.post('/api/supervision/orders', { department_id: transport.id, case_ids: [(await accept()).case.id], text: '矩阵', reply_days: 5 })).json.id; };
  const newBad = async () => {
    const kk = (await accept()).case;
    const b = (await rate(kk, { stage: 'accept', level: 4, reason: '矩阵' })).json;
    fresh.rating = b.rating.id;
    fresh.rect = b.rectification.id;
  };
  const newCalledBack = async () => { await newBad(); await c.shenpi.post(`/api/rectifications/${fresh.rect}/callback`, { note: '回访' }); };
  const newAppeal = async () => { await newBad(); fresh.appeal = (await c.fenguan.post(`/api/ratings/${fresh.rating}/appeal`, { reason: '矩阵' })).json.id; };
  const newCase = async () => { fresh.case = (await accept()).case; fresh.token = await tokenOf(fresh.case.id); };
  const M = {
    'GET /api/supervision/board': ['200 200 403 403 403 403 401', () => ({ path: '/api/supervision/board' })],
    'GET /api/supervision/config': ['200 200 403 403 403 403 401', () => ({ path: '/api/supervision/config' })],
    'PUT /api/supervision/config': ['200 403 403 403 403 403 401', () => ({ path: '/api/supervision/config', json: { callback_days: 5 } })],
    'GET /api/supervision/orders': ['200 200 403 403 200 200 401', () => ({ path: '/api/supervision/orders' })],
    'POST /api/supervision/orders': ['403 201 403 403 403 403 401', () => ({ path: '/api/supervision/orders', json: { department_id: transport.id, case_ids: [k.id], text: '矩阵', reply_days: 2 } })],
    'GET /api/supervision/orders/{}': ['200 200 403 403 200 200 401', () => ({ path: `/api/supervision/orders/${order.id}` })],
    'POST /api/supervision/orders/{}/replies': ['403 403 403 403 200 200 401', () => ({ path: `/api/supervision/orders/${order.id}/replies`, json: { text: '回复' } })],
    'POST /api/supervision/orders/{}/close': ['403 200 403 403 403 403 401', () => ({ path: `/api/supervision/orders/${fresh.order}/close`, json: {} }), newOrder],
    'GET /api/ratings': ['200 200 403 403 200 200 401', () => ({ path: '/api/ratings' })],
    'POST /api/ratings/{}/appeal': ['403 403 403 403 403 201 401', () => ({ path: `/api/ratings/${fresh.rating}/appeal`, json: { reason: '矩阵' } }), newBad],
    'GET /api/rectifications': ['200 200 403 403 200 200 401', () => ({ path: '/api/rectifications' })],
    'GET /api/rectifications/{}': ['200 200 403 403 200 200 401', () => ({ path: `/api/rectifications/${bad.rectification.id}` })],
    'POST /api/rectifications/{}/callback': ['403 200 403 403 200 200 401', () => ({ path: `/api/rectifications/${fresh.rect}/callback`, json: { note: '回访' } }), newBad],
    'POST /api/rectifications/{}/action': ['403 200 403 403 200 200 401', () => ({ path: `/api/rectifications/${fresh.rect}/action`, json: { kind: 'explain', evidence: '说明' } }), newCalledBack],
    'GET /api/appeals': ['200 200 403 403 200 200 401', () => ({ path: '/api/appeals' })],
    'POST /api/appeals/{}/decision': ['403 200 403 403 403 403 401', () => ({ path: `/api/appeals/${fresh.appeal}/decision`, json: { decision: 'rejected' } }), newAppeal],
    'GET /api/public/rate/{}': ['200 200 200 200 200 200 200', () => ({ path: `/api/public/rate/${k.number}?t=${bad.token || ''}` }), async () => { bad.token = await tokenOf(k.id); }],
    'POST /api/public/rate/{}': ['403 403 403 403 403 403 201', () => ({ path: `/api/public/rate/${fresh.case.number}`, json: { token: fresh.token, stage: 'accept', level: 1, channel: 'window' } }), newCase],
  };
  const src = readFileSync(join(ROOT, 'src/http/routes_supervise.inc'), 'utf8');
  const routes = [...src.matchAll(/\{\s*YC_([A-Z]+),\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(routes.slice().sort(), Object.keys(M).sort());
  for (const [key, [expect, make, prep]] of Object.entries(M)) {
    const method = key.split(' ')[0];
    for (const [i, who] of WHO.entries()) {
      fresh = {};
      if (prep) await prep();
      const client = who === 'anonymous' ? new Client(srv.base) : Object.assign(new Client(srv.base), { cookie: c[who].cookie, csrf: c[who].csrf });
      const { path, json } = make(who);
      const r = await client.req(method, path, { json });
      assert.equal(r.status, Number(expect.split(/\s+/)[i]), `${key} as ${who}: ${r.text}`);
    }
  }
});

// Last: it blocks this address for ten minutes of (frozen) time.
test('failed lookups on the rating page are counted per address: 429 rate_limited', async () => {
  const k = (await accept()).case;
  let r;
  for (let i = 0; i < 12; i++) {
    r = await anon().get(`/api/public/rate/${k.number}?t=${'A'.repeat(22)}`);
    if (r.status === 429) break;
    errorOf(assert, r, 404, 'case_not_found');
  }
  errorOf(assert, r, 429, 'rate_limited');
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  errorOf(assert, await anon().post(`/api/public/rate/${k.number}`, { token: await tokenOf(k.id), stage: 'accept', level: 1, channel: 'qr' }), 429, 'rate_limited');
});
