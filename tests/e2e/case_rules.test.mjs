// The rules of a case beyond its transition table (issue 5, docs/cases.md): joint approval split
// into department tasks, the AB post rule and the inbox by post, the explanation of a missed
// promise, a 容缺 commitment not kept, seal uses with a retired seal, an extension after the end.
// The scheduled scan runs every second here; days are moved back in the database to let time
// pass. Runs on SQLite, and on PostgreSQL under tests/pg.sh. The access matrix of these routes is
// in cases.test.mjs with the other case routes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, casePages, errorOf, residentId, sql } from './lib.mjs';

// 2025-10-15 11:46 in UTC+8 (a Wednesday)
const NOW = '1760500000';
const WHO = ['admin', 'duban', 'qiantai', 'shenpi', 'fenguan', 'liuweidong', 'denglihua', 'zengzhiming'];
let srv;
const c = {};
const dept = {}; // name -> id
let passenger; // 道路旅客运输经营许可 (市交通运输局): promised 10, statutory 20, one 容缺 material
let hazmat; // 道路危险货物运输许可 (市交通运输局)
const person = residentId('43050219850315002');

const ms = (iso) => Date.parse(iso); // an instant, e.g. '2025-10-10T10:00:00+08:00'
const sleep = (t) => new Promise((r) => setTimeout(r, t));

async function matterNamed(client, name) {
  const hit = (await client.get(`/api/matters?q=${encodeURIComponent(name)}`)).json.matters.find((m) => m.name === name);
  assert.ok(hit, name);
  return (await client.get(`/api/matters/${hit.id}`)).json.matter;
}

async function login(base, who) {
  const k = new Client(base);
  assert.equal((await k.login(who)).status, 200, who);
  return k;
}

before(async () => {
  srv = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '1'] });
  for (const u of WHO) c[u] = await login(srv.base, u);
  for (const d of (await c.admin.get('/api/departments')).json.departments) dept[d.name] = d.id;
  passenger = await matterNamed(c.qiantai, '道路旅客运输经营许可');
  hazmat = await matterNamed(c.qiantai, '道路危险货物运输许可');
});
after(async () => {
  const log = await srv.stop();
  // every scan ran through: no rule failed or skipped a case
  assert.doesNotMatch(log, /case scan/);
});

const received = (m) => m.materials.map((x) => ({ name: x.name, status: 'received' }));
const application = (m, extra = {}) => ({
  matter_id: m.id, matter_version: m.version, applicant_kind: 'person', applicant_name: '刘建华',
  id_number: person, phone: '13907390123', decision: 'accept', materials: received(m), ...extra,
});
async function accept(m, extra) {
  const r = await c.qiantai.post('/api/cases', application(m, extra));
  assert.equal(r.status, 201, r.text);
  return r.json;
}
const ev = (who, id, body) => c[who].post(`/api/cases/${id}/events`, body);
const okEv = async (who, id, body) => {
  const r = await ev(who, id, body);
  assert.equal(r.status, 200, `${body.event}: ${r.text}`);
  return r.json;
};
const detail = async (id, who = 'shenpi') => (await c[who].get(`/api/cases/${id}`)).json;
// the whole inbox of a user, every page
const inbox = async (who, k = c, query = 'inbox=1', limit = 200) => (await casePages(assert, k[who], query, limit)).map((x) => x.id);
const audit = async () => (await c.admin.get('/api/audit?limit=200')).json.entries;
function exec(db, statement) {
  const r = sql(db, statement);
  assert.equal(r.code, 0, r.stderr);
}
// Poll the case until pred holds (the scan runs every second).
async function until(id, pred, who = 'shenpi') {
  let d;
  for (let i = 0; i < 60; i++) {
    d = await detail(id, who);
    if (pred(d)) return d;
    await sleep(200);
  }
  assert.fail(`condition never held: ${JSON.stringify(d).slice(0, 600)}`);
}

// ---- joint approval (联合审批) ----

let police; // a post of 市公安局 created here: 危险化学品道路运输审核岗 (王军 A, 李健 B)

test('matters handled jointly: set by an administrator, each department checked', async () => {
  const mk = async (username, name) => {
    const r = await c.admin.post('/api/users', { username, name, password: 'yichuang2025', roles: ['back_office'], department_id: dept['市公安局'] });
    assert.equal(r.status, 201, r.text);
    return r.json.user;
  };
  const path = `/api/joint-matters/${hazmat.id}`;
  // 市公安局 has no back-office post yet: its tasks could not be routed
  errorOf(assert, await c.admin.req('PUT', path, { json: { departments: [dept['市公安局']] } }), 422, 'department_no_post');
  const a = await mk('wangjun', '王军');
  const b = await mk('lijian', '李健');
  const p = await c.admin.post('/api/posts', { department_id: dept['市公安局'], name: '危险化学品道路运输审核岗', a_user_id: a.id, b_user_id: b.id });
  assert.equal(p.status, 201, p.text);
  police = p.json;
  c.wangjun = await login(srv.base, 'wangjun');
  c.lijian = await login(srv.base, 'lijian');
  errorOf(assert, await c.admin.req('PUT', path, { json: { departments: [dept['市交通运输局']] } }), 422, 'field_invalid');
  errorOf(assert, await c.admin.req('PUT', path, { json: { departments: [dept['市公安局'], dept['市公安局']] } }), 422, 'field_invalid');
  errorOf(assert, await c.admin.req('PUT', path, { json: { departments: [987654] } }), 422, 'field_invalid');
  errorOf(assert, await c.admin.req('PUT', path, { json: { departments: ['市公安局'] } }), 400, 'field_type');
  errorOf(assert, await c.admin.req('PUT', '/api/joint-matters/987654', { json: { departments: [] } }), 404, 'not_found');
  errorOf(assert, await c.fenguan.req('PUT', path, { json: { departments: [dept['市公安局']] } }), 403, 'forbidden');
  assert.deepEqual((await c.admin.get('/api/joint-matters')).json.matters, []);
  const r = await c.admin.req('PUT', path, { json: { departments: [dept['市公安局'], dept['市市场监督管理局']] } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.departments.map((d) => d.name), ['市公安局', '市市场监督管理局']);
  const list = (await c.qiantai.get('/api/joint-matters')).json.matters;
  assert.equal(list.length, 1);
  assert.equal(list[0].matter.name, '道路危险货物运输许可');
  assert.equal(list[0].matter.department.name, '市交通运输局');
  assert.equal(list[0].departments.length, 2);
  assert.ok((await audit()).some((e) => e.action === 'matter.joint' && e.summary.includes('市公安局')));
});

test('a joint matter: 45 working days, tasks as review starts, inboxes, opinions, decision held until all are done', async () => {
  const d0 = await accept(hazmat);
  const k = d0.case;
  assert.equal(k.joint, true);
  assert.equal(d0.clocks.statutory.limit_days, 45);
  // 2025-10-15 + 45 working days: Oct 16, 17, 20-24, 27-31, Nov 3-7, 10-14, 17-21, 24-28,
  // Dec 1-5, 8-12, 15, 16, 17
  assert.equal(d0.clocks.statutory_end, '2025-12-17');
  assert.deepEqual(d0.tasks, []);
  // 材料流转: the review starts and each department gets its task
  const d1 = await okEv('shenpi', k.id, { event: 'start_review' });
  assert.equal(d1.tasks.length, 2);
  const byDept = Object.fromEntries(d1.tasks.map((t) => [t.department.name, t]));
  assert.equal(byDept['市公安局'].assignee.name, '王军');
  assert.equal(byDept['市公安局'].post.name, '危险化学品道路运输审核岗');
  assert.equal(byDept['市市场监督管理局'].assignee.name, '邓丽华'); // A of 登记注册审核岗
  for (const t of d1.tasks) {
    assert.equal(t.state, 'open');
    assert.equal(t.days, 10);
    assert.equal(t.created, '2025-10-15');
    assert.equal(t.due, '2025-10-29'); // 10 working days
    assert.equal(t.may_act, false); // shenpi is not of those departments
  }
  assert.match(d1.timeline.at(-1).note, /联合审批：分送市公安局.*市市场监督管理局/);
  assert.ok(d1.notifications.some((n) => n.channel === 'internal' && n.recipient === 'wangjun'));
  // each department sees it in its inbox, in full, and may act on its own task only
  assert.ok((await inbox('denglihua')).includes(k.id));
  assert.ok((await inbox('wangjun')).includes(k.id));
  const seen = await detail(k.id, 'denglihua');
  assert.equal(seen.case.applicant.id_number, person);
  assert.deepEqual(seen.events_allowed, []);
  assert.equal(seen.tasks.find((t) => t.department.name === '市市场监督管理局').may_act, true);
  assert.equal(seen.tasks.find((t) => t.department.name === '市公安局').may_act, false);
  errorOf(assert, await ev('denglihua', k.id, { event: 'sign' }), 403, 'case_wrong_department');
  // another department's staff without a task still see nothing
  const other = await login(srv.base, 'heli');
  errorOf(assert, await other.get(`/api/cases/${k.id}`), 404, 'case_not_found');
  // the decision waits for every department
  await okEv('shenpi', k.id, { event: 'sign' });
  let e = errorOf(assert, await ev('shenpi', k.id, { event: 'decide_grant' }), 409, 'tasks_open');
  assert.match(e.message, /2 个部门.*市公安局（王军）.*市市场监督管理局（邓丽华）/);
  // opinions
  const tp = `/api/cases/${k.id}/tasks/${byDept['市公安局'].id}/events`;
  const tm = `/api/cases/${k.id}/tasks/${byDept['市市场监督管理局'].id}/events`;
  errorOf(assert, await c.denglihua.post(tp, { event: 'done' }), 403, 'task_wrong_department');
  errorOf(assert, await c.denglihua.post(tm, { event: 'refuse' }), 422, 'field_required');
  errorOf(assert, await c.denglihua.post(tm, { event: 'approve' }), 422, 'field_invalid');
  errorOf(assert, await c.denglihua.post(`/api/cases/${k.id}/tasks/987654/events`, { event: 'done' }), 404, 'task_not_found');
  let r = await c.denglihua.post(tm, { event: 'done', opinion: '罐式车辆压力容器使用登记齐全，同意' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.tasks.find((t) => t.department.name === '市市场监督管理局').state, 'done');
  errorOf(assert, await c.zengzhiming.post(tm, { event: 'done' }), 409, 'task_state_conflict');
  e = errorOf(assert, await ev('shenpi', k.id, { event: 'decide_grant' }), 409, 'tasks_open');
  assert.match(e.message, /1 个部门.*市公安局/);
  r = await c.wangjun.post(tp, { event: 'refuse', opinion: '专职安全管理人员配备不足，不同意' });
  assert.equal(r.status, 200, r.text);
  // a department refused: no grant; a refusal with reasons is possible
  e = errorOf(assert, await ev('shenpi', k.id, { event: 'decide_grant' }), 409, 'tasks_refused');
  assert.match(e.message, /市公安局：专职安全管理人员配备不足/);
  const d2 = await okEv('shenpi', k.id, { event: 'decide_refuse', reason: '联合审批部门市公安局不同意' });
  assert.equal(d2.case.state, 'decided');
  assert.equal(d2.case.decision, 'refuse');
  const tl = d2.timeline.map((x) => x.event);
  assert.deepEqual(tl.filter((x) => x.startsWith('task_')), ['task_done', 'task_refuse']);
  assert.equal(d2.timeline.find((x) => x.event === 'task_refuse').event_zh, '会办不同意');
  const left = await audit();
  assert.ok(left.some((x) => x.action === 'case.task_done' && x.object === k.number));
  assert.ok(left.some((x) => x.action === 'case.task_refuse' && x.object === k.number));
  // the department's inbox no longer holds the case (decided is still open; the task is not)
  assert.ok(!(await inbox('wangjun')).includes(k.id));
});

test('split by the back office: the joint limit, a task routed to B while A is on leave, decided when all are done', async () => {
  const k = (await accept(passenger)).case;
  assert.equal(k.joint, false);
  errorOf(assert, await ev('shenpi', k.id, { event: 'split', departments: [dept['市市场监督管理局']] }), 409, 'case_state_conflict');
  await okEv('shenpi', k.id, { event: 'start_review' });
  errorOf(assert, await ev('qiantai', k.id, { event: 'split', departments: [dept['市市场监督管理局']] }), 403, 'case_role_forbidden');
  errorOf(assert, await ev('shenpi', k.id, { event: 'split' }), 422, 'field_required');
  errorOf(assert, await ev('shenpi', k.id, { event: 'split', departments: [dept['市交通运输局']] }), 422, 'field_invalid');
  errorOf(assert, await ev('shenpi', k.id, { event: 'split', departments: [dept['市生态环境局']] }), 422, 'department_no_post');
  errorOf(assert, await ev('shenpi', k.id, { event: 'split', departments: [dept['市市场监督管理局']], days: 0 }), 422, 'field_invalid');
  // nothing was written by the refusals
  assert.deepEqual((await detail(k.id)).tasks, []);
  // 邓丽华 (A of 登记注册审核岗) is on leave: the task goes to 曾志明 (B), and the hand-over is recorded
  const lv = await c.admin.post('/api/leaves', { user_id: (await c.denglihua.get('/api/me')).json.user.id, from: '2025-10-15', to: '2025-10-17', reason: '年休假' });
  assert.equal(lv.status, 201, lv.text);
  const d = await okEv('shenpi', k.id, { event: 'split', departments: [dept['市市场监督管理局']], days: 5, reason: '涉及营运车辆特种设备' });
  assert.equal(d.case.joint, true);
  assert.equal(d.clocks.statutory.limit_days, 45);
  assert.equal(d.clocks.promised.limit_days, 10); // the promise stands
  assert.equal(d.tasks.length, 1);
  assert.equal(d.tasks[0].assignee.name, '曾志明');
  assert.equal(d.tasks[0].due, '2025-10-22'); // 5 working days
  assert.match(d.timeline.at(-1).note, /涉及营运车辆特种设备；联合审批：分送市市场监督管理局/);
  const post = d.tasks[0].post.id;
  const hs = (await c.admin.get(`/api/posts/${post}/handovers`)).json.handovers;
  assert.ok(hs.some((h) => h.kind === 'leave' && h.case_ref === k.number), JSON.stringify(hs));
  assert.ok((await inbox('zengzhiming')).includes(k.id));
  errorOf(assert, await ev('shenpi', k.id, { event: 'split', departments: [dept['市市场监督管理局']] }), 409, 'task_exists');
  // a joint case's extension is 15 working days (45 + 15)
  const x = await okEv('fenguan', k.id, { event: 'extend', reason: '联合审批部门需现场核查' });
  assert.equal(x.clocks.statutory.limit_days, 60);
  await okEv('shenpi', k.id, { event: 'sign' });
  errorOf(assert, await ev('shenpi', k.id, { event: 'decide_grant' }), 409, 'tasks_open');
  const r = await c.zengzhiming.post(`/api/cases/${k.id}/tasks/${d.tasks[0].id}/events`, { event: 'done' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.tasks[0].opinion, '同意');
  assert.equal(r.json.tasks[0].done_by.name, '曾志明');
  const g = await okEv('shenpi', k.id, { event: 'decide_grant' });
  assert.equal(g.case.decision, 'grant');
});

// ---- the AB post rule ----

test('AB post rule: A untouched past the set time tells B once; B sees it; configurable', async () => {
  const pol = (await c.shenpi.get('/api/case-policy')).json;
  assert.deepEqual(pol, { ab_idle_days: 2, explain_days: 5, task_days: 10 });
  // idle: assigned Fri Oct 10; 2 working days = Oct 11 (make-up Saturday), Oct 13; today Oct 15
  const idle = (await accept(passenger)).case;
  // touched: A acted after the assignment
  const touched = (await accept(passenger)).case;
  await okEv('shenpi', touched.id, { event: 'start_review' });
  // recent: assigned Mon Oct 13, deadline Oct 15 (today): not yet
  const recent = (await accept(passenger)).case;
  assert.equal(idle.assignee.name, '陈志强');
  exec(srv.db, `UPDATE cases SET assigned_at = ${ms('2025-10-10T10:00:00+08:00')} WHERE id IN (${idle.id}, ${touched.id})`);
  exec(srv.db, `UPDATE cases SET assigned_at = ${ms('2025-10-13T09:00:00+08:00')} WHERE id = ${recent.id}`);
  const d = await until(idle.id, (x) => x.case.ab_notified);
  assert.equal(d.case.ab_notified.b.name, '刘卫东');
  assert.equal(d.case.assignee.name, '陈志强'); // A keeps it; B is told and sees it
  const note = d.timeline.find((x) => x.event === 'ab_notify');
  assert.equal(note.event_zh, '超时提醒B岗');
  assert.match(note.note, /道路运输许可审核岗 A 岗 陈志强 自 2025-10-10 分派后 2 个工作日未处理，已提醒 B 岗 刘卫东/);
  const n = d.notifications.find((x) => x.channel === 'internal');
  assert.equal(n.recipient, 'liuweidong');
  assert.match(n.text, /请 B 岗 刘卫东 跟进/);
  assert.ok((await inbox('liuweidong')).includes(idle.id));
  assert.ok(!(await inbox('liuweidong')).includes(recent.id));
  const hs = (await c.admin.get(`/api/posts/${d.case.post_id}/handovers`)).json.handovers;
  assert.ok(hs.some((h) => h.kind === 'overdue' && h.case_ref === idle.number), JSON.stringify(hs));
  assert.ok((await audit()).some((e) => e.action === 'case.ab_notify' && e.object === idle.number));
  // several more scans: still once; the touched and recent cases are left alone
  await sleep(2500);
  const again = await detail(idle.id);
  assert.equal(again.timeline.filter((x) => x.event === 'ab_notify').length, 1);
  assert.equal((await detail(touched.id)).case.ab_notified, null);
  assert.equal((await detail(recent.id)).case.ab_notified, null);
  // the set time is configurable: 1 working day makes the Monday case idle too
  errorOf(assert, await c.fenguan.req('PUT', '/api/case-policy', { json: { ab_idle_days: 1 } }), 403, 'forbidden');
  errorOf(assert, await c.admin.req('PUT', '/api/case-policy', { json: { ab_idle_days: 0 } }), 422, 'field_invalid');
  errorOf(assert, await c.admin.req('PUT', '/api/case-policy', { json: { idle: 1 } }), 400, 'field_unknown');
  const p = await c.admin.req('PUT', '/api/case-policy', { json: { ab_idle_days: 1 } });
  assert.deepEqual(p.json, { ab_idle_days: 1, explain_days: 5, task_days: 10 });
  await until(recent.id, (x) => x.case.ab_notified);
  assert.equal((await detail(touched.id)).case.ab_notified, null);
  assert.equal((await c.admin.req('PUT', '/api/case-policy', { json: { ab_idle_days: 2 } })).status, 200);
  assert.match(srv.log(), /notice to liuweidong: /);
});

// ---- a missed promise ----

test('a missed promised date: an explanation with a new date, once, and the clocks use it', async () => {
  const k = (await accept(passenger)).case;
  // accepted Mon Sep 22: promised 10 = Sep 23-26, 28 (make-up Sunday), 29, 30, Oct 9, 10, 11
  // (make-up Saturday); statutory 20 = ... Oct 13-17, 20-24. On Oct 15 the promise is missed
  // (13 used): the new date is Oct 11 + 5 working days = Oct 17.
  exec(srv.db, `UPDATE cases SET received_day = '2025-09-22', accepted_day = '2025-09-22' WHERE id = ${k.id}`);
  // the detail reads the case and its explanations in two statements: on PostgreSQL a scan can
  // commit between them, so wait until both show it
  const d = await until(k.id, (x) => x.explanations.length > 0 && x.clocks.promised_end === '2025-10-17');
  assert.equal(d.explanations.length, 1);
  const x = d.explanations[0];
  assert.equal(x.day, '2025-10-15');
  assert.equal(x.old_promised_end, '2025-10-11');
  assert.equal(x.new_promised_end, '2025-10-17');
  assert.match(x.text, /说明函：您申请的“道路旅客运输经营许可”.*未能在承诺的 2025-10-11 前办结.*2025-10-17 前办结/);
  assert.equal(d.clocks.promised_end, '2025-10-17');
  assert.equal(d.clocks.promised.limit_days, 15);
  assert.equal(d.clocks.promised.overdue, false);
  assert.equal(d.clocks.statutory_end, '2025-10-24');
  assert.ok(d.notifications.some((n) => n.channel === 'sms' && n.text.includes('2025-10-17')));
  assert.equal(d.timeline.filter((e) => e.event === 'explain').length, 1);
  assert.equal(d.timeline.find((e) => e.event === 'explain').event_zh, '逾期说明');
  assert.ok((await audit()).some((e) => e.action === 'case.explain' && e.object === k.number));
  // the public page shows the new date
  const pub = await new Client(srv.base).get(`/api/public/cases/${k.number}?id4=${person.slice(-4)}`);
  assert.equal(pub.json.promised_end, '2025-10-17');
  // more scans: once per missed date
  await sleep(2500);
  const again = await detail(k.id);
  assert.equal(again.explanations.length, 1);
  assert.equal(again.timeline.filter((e) => e.event === 'explain').length, 1);
  // the list carries the new date too
  const row = (await c.shenpi.get('/api/cases')).json.cases.find((y) => y.id === k.id);
  assert.equal(row.clocks.promised_end, '2025-10-17');
});

test('no explanation while stopped, nor once the statutory end has passed', async () => {
  const late = (await accept(passenger)).case;
  const stopped = (await accept(passenger)).case;
  const missed = (await accept(passenger)).case; // the control: the same miss, running
  await okEv('shenpi', stopped.id, { event: 'start_review' });
  await okEv('shenpi', stopped.id, { event: 'suspend', kind: 'expert_review', reason: '组织专家评审，约 10 个工作日' });
  // late: accepted Sep 1, statutory end passed long ago; stopped: promise missed before the stop
  exec(srv.db, `UPDATE cases SET received_day = '2025-09-01', accepted_day = '2025-09-01' WHERE id = ${late.id}`);
  exec(srv.db, `UPDATE cases SET received_day = '2025-09-22', accepted_day = '2025-09-22' WHERE id = ${stopped.id}`);
  exec(srv.db, `UPDATE case_stops SET stop_day = '2025-10-14' WHERE case_id = ${stopped.id}`);
  exec(srv.db, `UPDATE cases SET received_day = '2025-09-22', accepted_day = '2025-09-22' WHERE id = ${missed.id}`);
  await until(missed.id, (x) => x.explanations.length === 1);
  await sleep(1500);
  const l = await detail(late.id);
  assert.deepEqual(l.explanations, []);
  assert.equal(l.clocks.warning_level, 'red');
  assert.deepEqual((await detail(stopped.id)).explanations, []);
});

// ---- 容缺 not kept ----

const rongque = () => received(passenger).map((m) => (m.name === '安全生产管理制度文本'
  ? { name: m.name, status: 'rongque', commitment: '承诺于 2025-10-22 前补交盖章的安全生产管理制度文本', due: '2025-10-22' }
  : m));

test('容缺 not kept: the scan terminates the case (also during review); supplied in time: it goes on', async () => {
  const lost = (await accept(passenger, { decision: 'conditional', materials: rongque() })).case;
  const kept = (await accept(passenger, { decision: 'conditional', materials: rongque() })).case;
  assert.equal(lost.state, 'conditionally_accepted');
  await okEv('shenpi', lost.id, { event: 'start_review' });
  // supplied at the window in time
  const seq = (await detail(kept.id)).materials.find((m) => m.status === 'rongque').seq;
  errorOf(assert, await c.qiantai.post(`/api/cases/${kept.id}/materials/987/receive`), 404, 'material_not_found');
  errorOf(assert, await c.qiantai.post(`/api/cases/${kept.id}/materials/1/receive`), 409, 'material_not_owed');
  const r = await c.qiantai.post(`/api/cases/${kept.id}/materials/${seq}/receive`);
  assert.equal(r.status, 200, r.text);
  const m = r.json.materials.find((x) => x.seq === seq);
  assert.equal(m.status, 'received');
  assert.equal(m.received, '2025-10-15');
  assert.equal(r.json.timeline.at(-1).event, 'material_received');
  assert.equal(r.json.timeline.at(-1).event_zh, '容缺材料收讫');
  errorOf(assert, await c.qiantai.post(`/api/cases/${kept.id}/materials/${seq}/receive`), 409, 'material_not_owed');
  // the commitment's day passes for both
  exec(srv.db, `UPDATE case_materials SET due_day = '2025-10-14' WHERE case_id IN (${lost.id}, ${kept.id})`);
  const d = await until(lost.id, (x) => x.case.state === 'terminated');
  const t = d.timeline.at(-1);
  assert.equal(t.event, 'terminate');
  assert.equal(t.from, 'in_review');
  assert.equal(t.actor, 'system');
  assert.match(t.note, /容缺材料“安全生产管理制度文本”承诺于 2025-10-14 前补交，逾期未补交，终止办理/);
  assert.ok(d.notifications.some((n) => n.text.includes('已终止办理')));
  assert.ok((await audit()).some((e) => e.action === 'case.terminate' && e.object === lost.number));
  errorOf(assert, await ev('shenpi', lost.id, { event: 'sign' }), 409, 'case_state_conflict');
  await sleep(1500);
  assert.equal((await detail(kept.id)).case.state, 'conditionally_accepted');
  assert.equal((await detail(lost.id)).timeline.filter((x) => x.event === 'terminate').length, 1);
});

// ---- with the scan held back: the window's view of an overdue commitment, seals, extensions ----

test('a second server without a running scan: late 容缺, extension after the end, retired seal, inbox of B while A is on leave', async () => {
  const s2 = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '3600'] });
  try {
    const k = {};
    for (const u of ['admin', 'qiantai', 'shenpi', 'fenguan', 'liuweidong']) k[u] = await login(s2.base, u);
    const m = await matterNamed(k.qiantai, '道路旅客运输经营许可');
    const acc = async (extra) => {
      const r = await k.qiantai.post('/api/cases', application(m, extra));
      assert.equal(r.status, 201, r.text);
      return r.json.case;
    };
    const e2 = async (who, id, body) => k[who].post(`/api/cases/${id}/events`, body);
    // a 容缺 material brought after its day: refused, the case is to be terminated
    const late = await acc({ decision: 'conditional', materials: rongque() });
    exec(s2.db, `UPDATE case_materials SET due_day = '2025-10-14' WHERE case_id = ${late.id} AND status = 'rongque'`);
    const seq = (await k.qiantai.get(`/api/cases/${late.id}`)).json.materials.find((x) => x.status === 'rongque').seq;
    errorOf(assert, await k.qiantai.post(`/api/cases/${late.id}/materials/${seq}/receive`), 409, 'rongque_overdue');
    // the back office may terminate it by hand, with a reason
    errorOf(assert, await e2('shenpi', late.id, { event: 'terminate' }), 422, 'field_required');
    const tr = await e2('shenpi', late.id, { event: 'terminate', reason: '容缺材料逾期未补交' });
    assert.equal(tr.status, 200, tr.text);
    assert.equal(tr.json.case.state, 'terminated');
    // an extension asked after the statutory end: 409 extension_late, nothing written
    const old = await acc();
    exec(s2.db, `UPDATE cases SET received_day = '2025-09-01', accepted_day = '2025-09-01' WHERE id = ${old.id}`);
    assert.equal((await e2('shenpi', old.id, { event: 'start_review' })).status, 200);
    const xl = errorOf(assert, await e2('fenguan', old.id, { event: 'extend', reason: '需补充现场核查' }), 409, 'extension_late');
    assert.match(xl.message, /法定期限已过/);
    const od = (await k.shenpi.get(`/api/cases/${old.id}`)).json;
    assert.equal(od.clocks.extended, false);
    assert.ok(!od.timeline.some((x) => x.event === 'extend'));
    // a seal use before the decision, then with the department's seal retired
    const c1 = await acc();
    for (const e of ['start_review', 'sign']) assert.equal((await e2('shenpi', c1.id, { event: e })).status, 200);
    const seals = (await k.admin.get('/api/seals')).json.seals;
    const own = seals.find((s) => s.department.id === c1.department.id && s.status === 'active');
    const doc = { seal_id: own.id, document: '道路运输经营许可决定书', sha256: 'b'.repeat(64) };
    errorOf(assert, await e2('shenpi', c1.id, { event: 'seal', ...doc }), 409, 'case_state_conflict');
    assert.equal((await e2('shenpi', c1.id, { event: 'decide_grant' })).status, 200);
    const rt = await k.admin.patch(`/api/seals/${own.id}`, { status: 'retired' });
    assert.equal(rt.status, 200, rt.text);
    const sr = errorOf(assert, await e2('shenpi', c1.id, { event: 'seal', ...doc }), 409, 'seal_retired');
    assert.match(sr.message, /已停用/);
    const after1 = (await k.shenpi.get(`/api/cases/${c1.id}`)).json;
    assert.equal(after1.case.state, 'decided');
    assert.deepEqual(after1.seal_uses, []);
    // the inbox by post: A (陈志强) on leave today, B (刘卫东) sees A's pending cases
    const pending = await acc();
    assert.equal(pending.assignee.name, '陈志强');
    assert.ok(!(await inbox('liuweidong', k)).includes(pending.id));
    const me = (await k.shenpi.get('/api/me')).json.user;
    assert.equal((await k.admin.post('/api/leaves', { user_id: me.id, from: '2025-10-15', to: '2025-10-16', reason: '病假' })).status, 201);
    const box = await inbox('liuweidong', k);
    assert.ok(box.includes(pending.id));
    assert.ok(!box.includes(late.id)); // terminated: not open
  } finally {
    await s2.stop();
  }
});

test('the inbox by post a page at a time: own cases, department tasks, B told, A on leave, each once, newest first', async () => {
  const s3 = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '3600'] });
  try {
    const k = {};
    for (const u of ['admin', 'qiantai', 'shenpi', 'denglihua', 'zengzhiming']) k[u] = await login(s3.base, u);
    const ids = (statement) => {
      const r = sql(s3.db, statement);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.split('\n').filter(Boolean).map(Number);
    };
    const depts = Object.fromEntries((await k.admin.get('/api/departments')).json.departments.map((d) => [d.name, d.id]));
    // 道路危险货物运输许可 handled jointly with 市市场监督管理局: its task goes to the first post of
    // that department, 登记注册审核岗 (邓丽华 A, 曾志明 B)
    const hz = await matterNamed(k.qiantai, '道路危险货物运输许可');
    const j = await k.admin.req('PUT', `/api/joint-matters/${hz.id}`, { json: { departments: [depts['市市场监督管理局']] } });
    assert.equal(j.status, 200, j.text);
    const acc = async (m) => {
      const r = await k.qiantai.post('/api/cases', application(m));
      assert.equal(r.status, 201, r.text);
      return r.json.case;
    };
    const joint = await acc(hz);
    const started = await k.shenpi.post(`/api/cases/${joint.id}/events`, { event: 'start_review' });
    assert.equal(started.status, 200, started.text);
    assert.equal(started.json.tasks[0].assignee.name, '邓丽华');
    await acc(hz); // newer, 陈志强's alone: in neither inbox below
    // 邓丽华's inbox, 4 a page: her open cases (the demo's) and the joint case of her task
    const dlh = (await k.denglihua.get('/api/me')).json.user;
    const OPEN = "state NOT IN ('refused', 'closed', 'withdrawn', 'terminated')";
    const hers = ids(`SELECT id FROM cases WHERE assignee_id = ${dlh.id} AND ${OPEN} ORDER BY id DESC`);
    assert.ok(hers.length > 8, hers.length);
    const expected = [joint.id, ...hers];
    assert.deepEqual(await inbox('denglihua', k, 'inbox=1', 4), expected);
    // 曾志明, B of her post, told about one of her cases (the AB post rule): that one only
    const told = hers[Math.floor(hers.length / 2)];
    exec(s3.db, `UPDATE cases SET ab_notified_at = ${ms('2025-10-14T09:00:00+08:00')}, ab_user_id = (SELECT id FROM users WHERE username = 'zengzhiming') WHERE id = ${told}`);
    assert.deepEqual(await inbox('zengzhiming', k, 'inbox=1', 3), [told]);
    // 邓丽华 on leave today: 曾志明 sees her open cases and her open task, each once (the one he was
    // told about too), newest first, 3 a page
    const lv = await k.admin.post('/api/leaves', { user_id: dlh.id, from: '2025-10-15', to: '2025-10-17', reason: '年休假' });
    assert.equal(lv.status, 201, lv.text);
    assert.deepEqual(await inbox('zengzhiming', k, 'inbox=1', 3), expected);
    // with a state: in review only, 2 a page
    const review = ids(`SELECT id FROM cases WHERE assignee_id = ${dlh.id} AND state = 'in_review' ORDER BY id DESC`);
    assert.deepEqual(await inbox('zengzhiming', k, 'inbox=1&state=in_review', 2), [joint.id, ...review]);
    assert.deepEqual(await inbox('denglihua', k, 'inbox=1&state=in_review', 2), [joint.id, ...review]);
    // the task done, the joint case leaves both inboxes
    const t = started.json.tasks[0];
    const done = await k.denglihua.post(`/api/cases/${joint.id}/tasks/${t.id}/events`, { event: 'done' });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(await inbox('zengzhiming', k, 'inbox=1', 3), hers);
    assert.deepEqual(await inbox('denglihua', k, 'inbox=1', 5), hers);
  } finally {
    await s3.stop();
  }
});

// ---- two serve processes scanning one database ----

test('two serve processes on one database: each rule applies once', async () => {
  const twin = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '1'], db: { url: srv.db.url, cleanup() {} } });
  try {
    const cases = [];
    for (let i = 0; i < 4; i++) cases.push((await accept(passenger)).case);
    const ids = cases.map((x) => x.id).join(', ');
    exec(srv.db, `UPDATE cases SET received_day = '2025-09-22', accepted_day = '2025-09-22', assigned_at = ${ms('2025-10-09T10:00:00+08:00')} WHERE id IN (${ids})`);
    for (const x of cases) await until(x.id, (d) => d.explanations.length > 0 && d.case.ab_notified);
    await sleep(2500);
    for (const x of cases) {
      const d = await detail(x.id);
      assert.equal(d.explanations.length, 1, x.number);
      assert.equal(d.timeline.filter((e) => e.event === 'explain').length, 1, x.number);
      assert.equal(d.timeline.filter((e) => e.event === 'ab_notify').length, 1, x.number);
      assert.equal(d.notifications.filter((n) => n.channel === 'internal').length, 1, x.number);
    }
  } finally {
    assert.doesNotMatch(await twin.stop(), /case scan/);
  }
});
