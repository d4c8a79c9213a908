// Cases (办件, issue 5): acceptance at the window, the back office on the one transition table,
// clocks, the seal ledger, deemed acceptance, the public status page, and the access matrix of
// src/http/routes_case.inc. Runs on SQLite, and on PostgreSQL under tests/pg.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, casePages, errorOf, residentId, sql } from './lib.mjs';

// 2025-10-15 11:46 in UTC+8 (a Wednesday)
const NOW = '1760500000';
let srv;
const c = {};
let matter; // 道路旅客运输经营许可 (市交通运输局), covered by qiantai's letter
let uncovered; // a matter of 市公安局: no letter for qiantai
const person = residentId('43050219800101001');

before(async () => {
  srv = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '1'] });
  for (const u of ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan']) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200);
  }
  const hit = (await c.qiantai.get('/api/matters?q=道路旅客运输经营许可')).json.matters[0];
  matter = (await c.qiantai.get(`/api/matters/${hit.id}`)).json.matter;
  uncovered = (await c.qiantai.get('/api/matters?q=开具无犯罪记录证明')).json.matters[0];
});
after(async () => { await srv.stop(); });

const received = () => matter.materials.map((m) => ({ name: m.name, status: 'received' }));
const application = (extra = {}) => ({
  matter_id: matter.id, matter_version: matter.version, applicant_kind: 'person', applicant_name: '王小明',
  id_number: person, phone: '13807390001', decision: 'accept', materials: received(), ...extra,
});
const accept = async (extra) => {
  const r = await c.qiantai.post('/api/cases', application(extra));
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const ev = (who, id, body) => c[who].post(`/api/cases/${id}/events`, body);

test('a case accepted at the window: number, routing to the post, clocks, timeline, notice', async () => {
  const d = await accept();
  const k = d.case;
  assert.match(k.number, /^SY20251015-\d{5}-\d{2}$/);
  assert.equal(k.state, 'accepted');
  assert.equal(k.received, '2025-10-15');
  // the server's today (YC_FAKE_NOW), which the UI counts working days from
  assert.equal((await c.qiantai.get('/api/me')).json.today, '2025-10-15');
  assert.equal(k.accepted, '2025-10-15');
  assert.equal(k.matter.version, matter.version);
  assert.equal(k.assignee.name, '陈志强'); // shenpi, A of 道路运输许可审核岗
  assert.equal(k.applicant.id_number, person); // the acceptor works on it: in clear
  assert.equal(d.clocks.statutory.limit_days, 20);
  assert.equal(d.clocks.promised_end, '2025-10-29'); // 10 working days
  assert.equal(d.clocks.statutory_end, '2025-11-12'); // 20 working days
  assert.equal(d.clocks.warning_level, 'none');
  assert.deepEqual(d.timeline.map((e) => e.event), ['receive', 'accept']);
  assert.equal(d.materials.length, matter.materials.length);
  assert.ok(d.materials.every((m) => m.status === 'received' && m.received === '2025-10-15'));
  assert.equal(d.notifications.length, 1);
  assert.equal(d.notifications[0].recipient, '*******0001');
  // the supervisor sees it, masked
  const v = (await c.duban.get(`/api/cases/${k.id}`)).json;
  assert.equal(v.case.applicant.id_number, '*'.repeat(14) + person.slice(-4));
  assert.equal(v.case.applicant.id_masked, true);
  // lists are masked for everyone
  const list = (await c.qiantai.get('/api/cases')).json;
  const row = list.cases.find((x) => x.id === k.id);
  assert.equal(row.applicant.id_number, '*'.repeat(14) + person.slice(-4));
  assert.equal(row.clocks.promised_end, '2025-10-29');
  assert.equal(row.clocks.extended, false);
  assert.equal(row.clocks.stopped, false);
  assert.equal(row.clocks.promised_left_days, 10);
  assert.equal(row.clocks.statutory_left_days, 20);
  // numbers of one day are sequential
  const k2 = (await accept()).case;
  assert.equal(Number(k2.number.slice(11, 16)), Number(k.number.slice(11, 16)) + 1);
  // the audit log has the acceptance, without the ID number
  const audit = (await c.admin.get('/api/audit')).json;
  const entry = (audit.entries || audit.items || []).find((e) => e.object === k.number && e.action === 'case.accept');
  assert.ok(entry, JSON.stringify(audit).slice(0, 300));
  assert.ok(!JSON.stringify(audit).includes(person));
});

test('bad input at the window: each refused, nothing written', async () => {
  const newest = async () => (await c.admin.get('/api/cases?limit=1')).json.cases[0].id;
  const before = await newest();
  const bad = person.slice(0, 17) + (person[17] === '0' ? '1' : '0');
  errorOf(assert, await c.qiantai.post('/api/cases', application({ id_number: bad })), 422, 'check_failed');
  const stale = await c.qiantai.post('/api/cases', application({ matter_version: matter.version + 1 }));
  const e = errorOf(assert, stale, 409, 'matter_version_stale');
  assert.match(e.message, new RegExp(`第 ${matter.version + 1} 版.*第 ${matter.version} 版`));
  const twice = received();
  twice.push({ name: twice[0].name, status: 'received' });
  errorOf(assert, await c.qiantai.post('/api/cases', application({ materials: twice })), 422, 'material_duplicate');
  errorOf(assert, await c.qiantai.post('/api/cases', application({ materials: [] })), 422, 'materials_incomplete');
  const nd = await c.qiantai.post('/api/cases', application({ matter_id: uncovered.id, matter_version: 1 }));
  const ne = errorOf(assert, nd, 403, 'no_delegation');
  assert.match(ne.message, /张晓燕/);
  errorOf(assert, await c.qiantai.post('/api/cases', application({ decision: 'refuse' })), 422, 'field_required');
  errorOf(assert, await c.shenpi.post('/api/cases', application()), 403, 'forbidden');
  assert.equal(await newest(), before);
  // a failed check overridden with a recorded reason
  const o = await accept({ id_number: bad, override_reason: '老证件号码，经公安核实' });
  assert.equal(o.case.applicant.id_override, '老证件号码，经公安核实');
  assert.match(o.timeline[0].note, /老证件号码/);
});

test('refusal, 补正 then completion, 容缺', async () => {
  const r = await accept({ decision: 'refuse', reason: '不属于本机关职权', other_agency: '省交通运输厅' });
  assert.equal(r.case.state, 'refused');
  assert.match(r.timeline[1].note, /省交通运输厅/);
  assert.equal(r.clocks, null);
  const s = await accept({ decision: 'supplement', materials: received().slice(1) });
  assert.equal(s.case.state, 'awaiting_materials');
  assert.equal(s.case.accepted, null);
  assert.match(s.timeline[1].note, new RegExp(matter.materials[0].name));
  const done = await ev('qiantai', s.case.id, { event: 'supplement_complete' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.case.state, 'accepted');
  assert.equal(done.json.case.accepted, '2025-10-15');
  assert.ok(done.json.materials.every((m) => m.status === 'received'));
  const rq = matter.materials.find((m) => m.rongque);
  if (rq) {
    const mats = received().map((m) => (m.name === rq.name ? { name: m.name, status: 'rongque', commitment: '承诺 5 日内补交', due: '2025-10-22' } : m));
    const k = await accept({ decision: 'conditional', materials: mats });
    assert.equal(k.case.state, 'conditionally_accepted');
  }
});

test('back office: review, extension once, sign, decide, seal, EMS, close', async () => {
  const k = (await accept()).case;
  const inbox = (await c.shenpi.get('/api/cases?inbox=1')).json;
  assert.ok(inbox.cases.some((x) => x.id === k.id));
  let r = await ev('shenpi', k.id, { event: 'start_review' });
  assert.equal(r.status, 200, r.text);
  errorOf(assert, await ev('shenpi', k.id, { event: 'extend', reason: '需现场核查' }), 403, 'case_role_forbidden');
  // the back office asks, the department head grants; the request alone changes no clock
  assert.ok(r.json.events_allowed.includes('request_extension'));
  assert.ok(!r.json.events_allowed.includes('extend'));
  errorOf(assert, await ev('shenpi', k.id, { event: 'request_extension' }), 422, 'field_required');
  r = await ev('shenpi', k.id, { event: 'request_extension', reason: '需现场核查车辆技术状况' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.clocks.extended, false);
  assert.equal(r.json.extension_request.by, 'shenpi');
  assert.match(r.json.extension_request.note, /申请延长 10 个工作日至 2025-11-26：需现场核查车辆技术状况/);
  const head = (await c.fenguan.get(`/api/cases/${k.id}`)).json;
  assert.ok(head.events_allowed.includes('extend') && head.events_allowed.includes('sign'));
  // supervisors and administrators read; they are offered no event
  assert.deepEqual((await c.duban.get(`/api/cases/${k.id}`)).json.events_allowed, []);
  assert.deepEqual((await c.admin.get(`/api/cases/${k.id}`)).json.events_allowed, []);
  r = await ev('fenguan', k.id, { event: 'extend', reason: '需现场核查' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.clocks.statutory.limit_days, 30);
  assert.equal(r.json.clocks.extended, true);
  assert.equal(r.json.extension_request, null);
  errorOf(assert, await ev('fenguan', k.id, { event: 'extend', reason: '再延' }), 409, 'extension_twice');
  errorOf(assert, await ev('shenpi', k.id, { event: 'request_extension', reason: '再延' }), 409, 'extension_twice');
  // a stop for testing and its resumption
  r = await ev('shenpi', k.id, { event: 'suspend', kind: 'testing', reason: '车辆检测，约 5 个工作日' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.clocks.stopped, true);
  r = await ev('shenpi', k.id, { event: 'resume' });
  assert.equal(r.json.clocks.stopped_periods.length, 1);
  // the seal before a decision: refused by the table
  const seals = (await c.admin.get('/api/seals')).json.seals;
  const own = seals.find((s) => s.department.id === k.department.id && s.status === 'active');
  const other = seals.find((s) => s !== own && s.status === 'active');
  const doc = { seal_id: own.id, document: '道路运输经营许可决定书', sha256: 'a'.repeat(64) };
  errorOf(assert, await ev('shenpi', k.id, { event: 'seal', ...doc }), 409, 'case_state_conflict');
  r = await ev('shenpi', k.id, { event: 'sign', version: r.json.case.version });
  assert.equal(r.status, 200, r.text);
  r = await ev('shenpi', k.id, { event: 'decide_grant' });
  assert.equal(r.json.case.decision, 'grant');
  errorOf(assert, await ev('shenpi', k.id, { event: 'seal', ...doc, seal_id: other.id }), 403, 'seal_wrong_department');
  errorOf(assert, await ev('shenpi', k.id, { event: 'seal', ...doc, sha256: 'xyz'.repeat(21) + 'a' }), 422, 'field_invalid');
  r = await ev('shenpi', k.id, { event: 'seal', ...doc });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.seal_uses.length, 1);
  assert.equal(r.json.seal_uses[0].sha256, 'a'.repeat(64));
  errorOf(assert, await ev('shenpi', k.id, { event: 'issue_result', channel: 'ems' }), 422, 'field_required');
  errorOf(assert, await ev('shenpi', k.id, { event: 'issue_result', channel: 'ems', tracking_no: 'EA123456789CN', certificate_no: '湘交运 001' }), 422, 'field_invalid');
  assert.equal((await c.shenpi.get(`/api/cases/${k.id}`)).json.certificates.length, 0);
  r = await ev('shenpi', k.id, { event: 'issue_result', channel: 'ems', tracking_no: 'EA123456789CN', certificate_no: 'HNJT-2025-0430500-01873' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.case.tracking_no, 'EA123456789CN');
  assert.deepEqual(r.json.certificates, [{ cert_no: 'HNJT-2025-0430500-01873', name: '道路旅客运输经营许可电子证照', day: '2025-10-15' }]);
  r = await ev('qiantai', k.id, { event: 'close' });
  assert.equal(r.json.case.state, 'closed');
  assert.deepEqual(r.json.timeline.map((e) => e.event),
    ['receive', 'accept', 'start_review', 'request_extension', 'extend', 'suspend', 'resume', 'sign', 'decide_grant', 'seal', 'certificate', 'issue_result', 'close']);
  // staff of another department do not see it
  const other_dept = new Client(srv.base);
  assert.equal((await other_dept.login('denglihua')).status, 200);
  errorOf(assert, await other_dept.get(`/api/cases/${k.id}`), 404, 'case_not_found');
});

test('withdrawal, and a decision on a withdrawn case is 409 with the state', async () => {
  const k = (await accept()).case;
  const r = await ev('qiantai', k.id, { event: 'withdraw' });
  assert.equal(r.json.case.state, 'withdrawn');
  const e = errorOf(assert, await ev('shenpi', k.id, { event: 'start_review' }), 409, 'case_state_conflict');
  assert.match(e.message, /已撤回/);
});

test('concurrent decisions on one case: exactly one wins, the other gets 409', async () => {
  const k = (await accept()).case;
  const r0 = await ev('shenpi', k.id, { event: 'start_review' });
  const v = r0.json.case.version;
  const rs = await Promise.all([
    ev('shenpi', k.id, { event: 'sign', version: v }),
    ev('fenguan', k.id, { event: 'sign', version: v }),
  ]);
  assert.deepEqual(rs.map((r) => r.status).sort(), [200, 409], rs.map((r) => r.text).join('\n'));
  const lost = rs.find((r) => r.status === 409);
  assert.match(lost.json.error.message, /已签批|signed/);
  const d = (await c.shenpi.get(`/api/cases/${k.id}`)).json;
  assert.equal(d.timeline.filter((e) => e.event === 'sign').length, 1);
});

test('deemed acceptance: a received case past 5 working days, by the server\'s scan, once', async () => {
  const k = (await accept({ decision: 'receive' })).case;
  assert.equal(k.state, 'received');
  // received on 2025-09-30: the 补正 deadline was 10-14, so on 10-15 it counts as accepted
  assert.equal(sql(srv.db, `UPDATE cases SET received_day = '2025-09-30' WHERE id = ${k.id}`).code, 0);
  let d;
  for (let i = 0; i < 50; i++) {
    d = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
    if (d.case.state !== 'received') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(d.case.state, 'deemed_accepted');
  assert.equal(d.case.accepted, '2025-09-30');
  await new Promise((r) => setTimeout(r, 1500));
  d = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  assert.equal(d.timeline.filter((e) => e.event === 'deem_accepted').length, 1);
  // a case received today is not touched
  const t = (await accept({ decision: 'receive' })).case;
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await c.qiantai.get(`/api/cases/${t.id}`)).json.case.state, 'received');
  // the outbox was sent through the log, masked
  assert.match(srv.log(), /sms to \*+0001/);
  assert.ok(!srv.log().includes('13807390001'));
  assert.ok(!srv.log().includes(person));
});

test('public status: check digits first, last 4 of the ID, no personal data', async () => {
  const k = (await accept()).case;
  const anon = new Client(srv.base);
  const r = await anon.get(`/api/public/cases/${k.number.toLowerCase()}?id4=${person.slice(-4)}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'accepted');
  assert.equal(r.json.promised_end, '2025-10-29');
  assert.ok(!r.text.includes('王小明') && !r.text.includes(person.slice(0, 6)));
  // the notice's QR code leads here, and from here to the rating page while a stage may be rated
  const staffView = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  assert.equal(r.json.rating_url, staffView.rating_url);
  assert.match(r.json.rating_url, new RegExp(`^/rate/${k.number}\\?t=[A-Za-z0-9_-]{22}$`));
  assert.equal(r.json.withdrawable, true);
  const cc = k.number.slice(-2);
  const wrong = k.number.slice(0, -2) + String((Number(cc) + 1) % 100).padStart(2, '0');
  errorOf(assert, await anon.get(`/api/public/cases/${wrong}?id4=${person.slice(-4)}`), 422, 'bad_check');
  errorOf(assert, await anon.get(`/api/public/cases/${k.number}?id4=0000`), 404, 'case_not_found');
  // an unknown number with valid check digits
  errorOf(assert, await anon.get(`/api/public/cases/SY20251015-99999-${checkDigits('SY2025101599999')}?id4=1234`), 404, 'case_not_found');
});

test('the applicant withdraws an undecided case with the whole ID number; a decided one cannot be', async () => {
  const k = (await accept()).case;
  const anon = new Client(srv.base);
  const url = `/api/public/cases/${k.number}/withdraw`;
  // the last 4 are enough to look, not to withdraw
  errorOf(assert, await anon.post(url, { id_number: person.slice(-4), reason: '不办了' }), 422, 'field_invalid');
  const other = residentId('43050219900101002');
  errorOf(assert, await anon.post(url, { id_number: other, reason: '不办了' }), 404, 'case_not_found');
  errorOf(assert, await anon.post(url, { id_number: person }), 400, 'field_required');
  assert.equal((await c.qiantai.get(`/api/cases/${k.id}`)).json.case.state, 'accepted');
  const r = await anon.post(url, { id_number: person.toLowerCase(), reason: '材料需重新准备，改日再来' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { number: k.number, state: 'withdrawn', state_zh: '已撤回' });
  const d = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  assert.equal(d.case.state, 'withdrawn');
  const last = d.timeline[d.timeline.length - 1];
  assert.equal(last.event, 'withdraw');
  assert.equal(last.actor, 'applicant');
  assert.match(last.note, /材料需重新准备/);
  assert.ok(d.notifications.some((n) => /已撤回/.test(n.text)));
  // once withdrawn, or once decided, it cannot be withdrawn
  errorOf(assert, await anon.post(url, { id_number: person, reason: '再撤一次' }), 409, 'case_state_conflict');
  const g = (await accept()).case;
  for (const e of ['start_review', 'sign']) assert.equal((await ev('shenpi', g.id, { event: e })).status, 200);
  assert.equal((await ev('fenguan', g.id, { event: 'decide_grant' })).status, 200);
  errorOf(assert, await anon.post(`/api/public/cases/${g.number}/withdraw`, { id_number: person, reason: '不办了' }), 409, 'case_state_conflict');
  const audit = (await c.admin.get('/api/audit')).json;
  assert.ok((audit.entries || audit.items || []).some((e) => e.object === k.number && e.action === 'case.withdraw'));
});

function checkDigits(data) {
  const digits = [...data].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  let n = 0n;
  for (const ch of digits + '00') n = (n * 10n + BigInt(ch)) % 97n;
  return String(98n - n).padStart(2, '0');
}

// ---- who may call what (docs/authz.md), every route of src/http/routes_case.inc ----

// The ids a query of the database returns, one a line.
const idsOf = (statement) => {
  const r = sql(srv.db, statement);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).map(Number);
};
const OPEN = "state NOT IN ('refused', 'closed', 'withdrawn', 'terminated')";
const userId = "(SELECT id FROM users WHERE username = 'shenpi')";

test('case lists a page at a time: the inbox walked whole in id order, with a state, and the plain list', async () => {
  const mine = [];
  for (let i = 0; i < 7; i++) mine.push((await accept()).case.id);
  for (const id of [mine[1], mine[4]]) assert.equal((await ev('shenpi', id, { event: 'start_review' })).status, 200);
  // the reviewer's inbox, 3 a page: each open case of theirs exactly once, newest first
  const inbox = await casePages(assert, c.shenpi, 'inbox=1', 3);
  const ids = inbox.map((x) => x.id);
  assert.deepEqual(ids, idsOf(`SELECT id FROM cases WHERE assignee_id = ${userId} AND ${OPEN} ORDER BY id DESC`));
  assert.ok(ids.length > 7 + 3, ids.length); // several pages, the demo's open cases with the new ones
  assert.deepEqual(ids.slice(0, 7), [...mine].reverse());
  // the first page by default: 50
  const first = (await c.shenpi.get('/api/cases?inbox=1')).json;
  assert.equal(first.count, Math.min(50, ids.length));
  assert.deepEqual(first.cases.map((x) => x.id), ids.slice(0, 50));
  assert.equal(first.next_before, ids.length > 50 ? ids[49] : null);
  // a state with the paging: 2 a page, in review only
  const review = (await casePages(assert, c.shenpi, 'inbox=1&state=in_review', 2)).map((x) => x.id);
  assert.deepEqual(review, idsOf(`SELECT id FROM cases WHERE assignee_id = ${userId} AND state = 'in_review' ORDER BY id DESC`));
  assert.deepEqual(review.slice(0, 2), [mine[4], mine[1]]);
  // a last page that is exactly full has no next one; one row fewer leaves one for the next page
  const whole = (await c.shenpi.get(`/api/cases?inbox=1&state=in_review&limit=${review.length}`)).json;
  assert.equal(whole.count, review.length);
  assert.equal(whole.next_before, null);
  const short = (await c.shenpi.get(`/api/cases?inbox=1&state=in_review&limit=${review.length - 1}`)).json;
  assert.equal(short.next_before, review.at(-2));
  const rest = (await c.shenpi.get(`/api/cases?inbox=1&state=in_review&before=${short.next_before}`)).json;
  assert.deepEqual(rest.cases.map((x) => x.id), [review.at(-1)]);
  assert.equal(rest.next_before, null);
  // before the oldest case: an empty page
  assert.deepEqual((await c.shenpi.get(`/api/cases?inbox=1&before=${ids.at(-1)}`)).json, { count: 0, cases: [], next_before: null, thresholds: { warn_days: 2, red_days: 3 } });
  // the plain list: an administrator's (every case) 50 a page, the department's by state 3 a page
  const all = (await casePages(assert, c.admin, '', 50)).map((x) => x.id);
  assert.deepEqual(all, idsOf('SELECT id FROM cases ORDER BY id DESC'));
  const dept = (await casePages(assert, c.shenpi, 'state=in_review', 3)).map((x) => x.id);
  assert.deepEqual(dept, idsOf(`SELECT id FROM cases WHERE department_id = (SELECT department_id FROM users WHERE username = 'shenpi') AND state = 'in_review' ORDER BY id DESC`));
  // the front desk's own acceptances from a key
  const desk = (await casePages(assert, c.qiantai, `before=${mine[3]}`, 40)).map((x) => x.id);
  assert.deepEqual(desk, idsOf(`SELECT id FROM cases WHERE acceptor_id = (SELECT id FROM users WHERE username = 'qiantai') AND id < ${mine[3]} ORDER BY id DESC`));
});

test('case list paging: a bad limit or before is 422 with its field', async () => {
  for (const base of ['/api/cases?', '/api/cases?inbox=1&']) {
    for (const [q, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=-1', 'limit'], ['limit=x', 'limit'], ['limit=2.5', 'limit'],
      ['before=0', 'before'], ['before=-5', 'before'], ['before=abc', 'before'], ['before=99999999999999999999', 'before']]) {
      const e = errorOf(assert, await c.shenpi.get(base + q), 422, 'field_invalid');
      assert.equal(e.field, field, q);
      assert.match(e.message, new RegExp(field));
    }
  }
  assert.equal((await c.shenpi.get('/api/cases?limit=200')).status, 200);
  assert.equal((await c.shenpi.get('/api/cases?inbox=1&limit=1')).json.count, 1);
});

test('authorisation of every case route, as docs/authz.md says', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { ROOT } = await import('./lib.mjs');
  const WHO = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'anonymous'];
  let fresh;
  const k = (await accept()).case;
  // a task of 市交通运输局 (shenpi's and fenguan's department) on a case of 市市场监督管理局
  const depts = Object.fromEntries((await c.admin.get('/api/departments')).json.departments.map((d) => [d.name, d.id]));
  const chenjing = new Client(srv.base);
  const denglihua = new Client(srv.base);
  assert.equal((await chenjing.login('chenjing')).status, 200);
  assert.equal((await denglihua.login('denglihua')).status, 200);
  const food = (await chenjing.get(`/api/matters/${(await chenjing.get('/api/matters?q=食品经营许可')).json.matters[0].id}`)).json.matter;
  let task;
  const freshTask = async () => {
    const r = await chenjing.post('/api/cases', { ...application(), matter_id: food.id, matter_version: food.version,
      materials: food.materials.map((m) => ({ name: m.name, status: 'received' })) });
    assert.equal(r.status, 201, r.text);
    const id = r.json.case.id;
    assert.equal((await denglihua.post(`/api/cases/${id}/events`, { event: 'start_review' })).status, 200);
    const sp = await denglihua.post(`/api/cases/${id}/events`, { event: 'split', departments: [depts['市交通运输局']] });
    assert.equal(sp.status, 200, sp.text);
    task = { id, tid: sp.json.tasks[0].id };
  };
  // a 容缺 material owed on a case qiantai accepted
  const rq = matter.materials.findIndex((m) => m.rongque);
  const freshRongque = async () => {
    const mats = received().map((m, j) => (j === rq ? { name: m.name, status: 'rongque', commitment: '承诺 5 日内补交', due: '2025-10-22' } : m));
    fresh = (await accept({ decision: 'conditional', materials: mats })).case.id;
  };
  const M = {
    'POST /api/cases': ['403 403 201 403 403 403 401', () => ({ path: '/api/cases', json: application() })],
    'GET /api/cases': ['200 200 200 403 200 200 401', () => ({ path: '/api/cases' })],
    'GET /api/cases/{}': ['200 200 200 403 200 200 401', () => ({ path: `/api/cases/${k.id}` })],
    'POST /api/cases/{}/events': ['403 403 403 403 200 403 401', () => ({ path: `/api/cases/${fresh}/events`, json: { event: 'start_review' } }),
      async () => { fresh = (await accept()).case.id; }],
    'GET /api/public/cases/{}': ['200 200 200 200 200 200 200', () => ({ path: `/api/public/cases/${k.number}?id4=${person.slice(-4)}` })],
    'POST /api/public/cases/{}/withdraw': ['200 200 200 200 200 200 200', () => ({ path: `/api/public/cases/${fresh}/withdraw`, json: { id_number: person, reason: '不办了' } }),
      async () => { fresh = (await accept()).case.number; }],
    'POST /api/cases/{}/tasks/{}/events': ['403 403 403 403 200 200 401', () => ({ path: `/api/cases/${task.id}/tasks/${task.tid}/events`, json: { event: 'done' } }), freshTask],
    'POST /api/cases/{}/materials/{}/receive': ['403 403 200 403 200 200 401', () => ({ path: `/api/cases/${fresh}/materials/${rq + 1}/receive` }), freshRongque],
    'GET /api/joint-matters': ['200 200 200 200 200 200 401', () => ({ path: '/api/joint-matters' })],
    'PUT /api/joint-matters/{}': ['200 403 403 403 403 403 401', () => ({ path: `/api/joint-matters/${uncovered.id}`, json: { departments: [] } })],
    'GET /api/case-policy': ['200 200 200 403 200 200 401', () => ({ path: '/api/case-policy' })],
    'PUT /api/case-policy': ['200 403 403 403 403 403 401', () => ({ path: '/api/case-policy', json: { task_days: 10 } })],
  };
  const src = readFileSync(join(ROOT, 'src/http/routes_case.inc'), 'utf8');
  const routes = [...src.matchAll(/\{\s*YC_([A-Z]+),\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(routes.slice().sort(), Object.keys(M).sort());
  for (const [key, [expect, make, prep]] of Object.entries(M)) {
    const method = key.split(' ')[0];
    for (const [i, who] of WHO.entries()) {
      if (prep) await prep();
      const client = who === 'anonymous' ? new Client(srv.base) : Object.assign(new Client(srv.base), { cookie: c[who].cookie, csrf: c[who].csrf });
      const { path, json } = make(who);
      const r = await client.req(method, path, { json });
      assert.equal(r.status, Number(expect.split(/\s+/)[i]), `${key} as ${who}: ${r.text}`);
    }
  }
});
