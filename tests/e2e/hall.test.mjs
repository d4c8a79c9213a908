// The hall, staff posts, AB posts, delegation letters, seals and the reform dashboard, end to end:
// the demo hall of Annex 3, an administrator laying out and staffing windows, department heads
// managing their own department only, the acceptance check with each reason for "no", and the
// dashboard's tables as JSON and XLSX. Every bad input gets a precise error and writes nothing.
//
// The clock is pinned to 2025-10-15 10:00 (UTC+8) so validity periods and overdue steps are fixed.
// The matters the tests need are imported through the catalogue's own import (POST
// /api/catalogue/import) with codes of their own, so the demo catalogue may hold anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, Client, errorOf, BACKEND } from './lib.mjs';

const FAKE_NOW = String(Date.parse('2025-10-15T10:00:00+08:00') / 1000);

let srv;
const c = {}; // clients by username
const users = {}; // username -> id
const depts = {}; // name -> id
const matters = {}; // code -> id

const FIXTURE = [
  'code,name,department,type,statutory_days,promised_days,window_class,entered',
  'HT-JT-01,道路旅客运输站经营许可,市交通运输局,01,20,10,无差别,1',
  'HT-JT-02,巡游出租汽车经营许可,市交通运输局,01,20,10,无差别,1',
  'HT-JT-03,道路运输从业人员从业资格证补发,市交通运输局,20,10,3,无差别,1',
  'HT-SJ-01,食品经营许可（新办）,市市场监督管理局,01,20,10,无差别,1',
  'HT-SJ-02,特种设备使用登记,市市场监督管理局,07,15,5,分领域,1',
  'HT-WJ-01,公共场所卫生许可,市卫生健康委员会,01,20,10,部门,1',
  'HT-JY-01,民办学校分立合并审批,市教育局,01,20,20,无差别,0',
].join('\n') + '\n';

before(async () => {
  srv = await startServer({ env: { YC_FAKE_NOW: FAKE_NOW } });
  for (const u of ['admin', 'duban', 'qiantai', 'fenguan', 'xiaozhenhua']) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200, u);
  }
  for (const u of (await c.admin.get('/api/users')).json.users) users[u.username] = u.id;
  for (const d of (await c.admin.get('/api/departments')).json.departments) depts[d.name] = d.id;
  const r = await c.admin.req('POST', '/api/catalogue/import', { body: FIXTURE, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, `the catalogue import is needed for these tests: ${r.text}`);
  for (const code of FIXTURE.split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0])) {
    const m = await c.admin.get(`/api/matters?q=${encodeURIComponent(code)}`);
    const hit = (m.json?.matters || []).find((x) => x.code === code);
    matters[code] = hit?.id;
  }
  // the search may not index codes: fall back on the uncovered report, which lists them all
  if (Object.values(matters).some((id) => !id)) {
    const u = (await c.admin.get('/api/letters/uncovered')).json.matters;
    for (const m of u) if (m.code in matters && !matters[m.code]) matters[m.code] = m.id;
  }
  assert.ok(matters['HT-SJ-01'] && matters['HT-JT-01'], JSON.stringify(matters));
});
after(async () => { await srv.stop(); });

async function lastSeq() {
  return (await c.admin.get('/api/audit?limit=1')).json.entries[0].seq;
}

// Run a refused request and check it wrote nothing to the audit chain (every write has an entry).
async function refused(client, method, path, json, status, code, field) {
  const seq = await lastSeq();
  const r = await client.req(method, path, { json });
  const e = errorOf(assert, r, status, code);
  if (field !== undefined) assert.equal(e.field, field, r.text);
  assert.equal(await lastSeq(), seq, `${method} ${path} wrote to the audit log`);
  return e;
}

// ---- the demo hall ----

test(`the demo hall is Annex 3's: 3 floors, 8 zones, 63 windows, 15 for new entrants (${BACKEND})`, async () => {
  const h = (await c.qiantai.get('/api/hall')).json;
  assert.deepEqual(h.floors.map((f) => f.number), [1, 2, 3]);
  const zones = h.floors.flatMap((f) => f.zones.map((z) => ({ ...z, floor: f.number })));
  assert.deepEqual(zones.map((z) => `${z.floor}${z.prefix} ${z.name}`), [
    '1A 无差别综合窗口', '1B 社会保障综合窗口', '1C 税务综窗', '2D 公积金综窗', '2E 不动产综窗',
    '2F 便民服务窗口', '2G 公安业务综窗', '3H 企业服务专厅',
  ]);
  const windows = zones.flatMap((z) => z.windows);
  assert.equal(windows.length, 63);
  assert.equal(windows.filter((w) => w.new_entrant).length, 15);
  for (const w of windows) assert.match(w.number, /^[A-H]\d\d$/);
  const g = zones.find((z) => z.prefix === 'G');
  assert.deepEqual([...new Set(g.windows.map((w) => w.unit))], ['市公安局人口和出入境支队', '市车辆管理所']);
  assert.equal(g.windows[0].department.name, '市公安局');
  assert.equal(zones[0].kind, 'undifferentiated');
  assert.equal(zones[0].windows[0].window_class_zh, '无差别');
  const duty = (await c.qiantai.get('/api/hall/duty')).json;
  assert.equal(duty.date, '2025-10-15');
  assert.equal(duty.windows.find((w) => w.number === 'A01').user.name, '张晓燕');
  assert.equal(duty.windows.filter((w) => w.user).length, 24);
  const seals = (await c.qiantai.get('/api/seals')).json.seals;
  assert.equal(seals.length, Object.keys(depts).length);
  assert.ok(seals.some((s) => s.name === '邵阳市交通运输局行政审批专用章' && s.keeper?.name === '赵国庆'));
});

// ---- laying out and staffing the hall ----

test('an administrator lays out a zone and windows, and says what each serves', async () => {
  const f = await c.admin.post('/api/hall/floors', { number: 4, name: '四楼 政务直播间' });
  assert.equal(f.status, 201, f.text);
  const z = await c.admin.post('/api/hall/zones', { floor_id: f.json.id, name: '虚拟窗口', kind: '虚拟窗口', prefix: 'V' });
  assert.equal(z.status, 201, z.text);
  assert.equal(z.json.kind, 'virtual');
  const w = await c.admin.post('/api/hall/windows', { number: 'V01', zone_id: z.json.id, unit: '网上受理' });
  assert.equal(w.status, 201, w.text);
  assert.equal(w.json.window_class, 'undifferentiated');
  const p = await c.admin.patch(`/api/hall/windows/${w.json.id}`, { active: false, department_id: depts['市数据局'] });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.active, false);
  assert.equal(p.json.department.name, '市数据局');
  const s = await c.admin.req('PUT', `/api/hall/windows/${w.json.id}/serves`, { json: { matters: ['HT-JT-01', 'HT-SJ-01'], zones: ['V', 'A'] } });
  assert.equal(s.status, 200, s.text);
  assert.deepEqual(s.json.matters.map((m) => m.code), ['HT-JT-01', 'HT-SJ-01']);
  assert.deepEqual(s.json.zones.map((x) => x.prefix), ['A', 'V']);
  const audit = (await c.admin.get('/api/audit?limit=1')).json.entries[0];
  assert.equal(audit.action, 'hall.window.serves');
  assert.match(audit.summary, /V01/);
  const zp = await c.admin.patch(`/api/hall/zones/${z.json.id}`, { name: '虚拟窗口（网上办）' });
  assert.equal(zp.json.name, '虚拟窗口（网上办）');
});

test('bad hall input: unknown zone or window, duplicate numbers and prefixes, bad kind', async () => {
  const a = c.admin;
  const zone = (await a.get('/api/hall')).json.floors[0].zones[0];
  await refused(a, 'POST', '/api/hall/windows', { number: 'A99', zone_id: 999999 }, 422, 'field_invalid', 'zone_id');
  await refused(a, 'PATCH', '/api/hall/windows/999999', { active: false }, 404, 'not_found');
  await refused(a, 'PATCH', '/api/hall/zones/999999', { name: '无' }, 404, 'not_found');
  await refused(a, 'PUT', '/api/hall/windows/999999/serves', { matters: [] }, 404, 'not_found');
  await refused(a, 'POST', '/api/hall/windows', { number: 'A01', zone_id: zone.id }, 409, 'conflict', 'number');
  await refused(a, 'POST', '/api/hall/zones', { floor_id: 999999, name: '新区域', kind: '无差别', prefix: 'Q' }, 422, 'field_invalid', 'floor_id');
  await refused(a, 'POST', '/api/hall/zones', { floor_id: zone.floor_id, name: '新区域', kind: '无差别', prefix: 'A' }, 409, 'conflict');
  await refused(a, 'POST', '/api/hall/zones', { floor_id: zone.floor_id, name: '新区域', kind: '无差别', prefix: 'q1' }, 422, 'field_invalid', 'prefix');
  await refused(a, 'POST', '/api/hall/zones', { floor_id: zone.floor_id, name: '新区域', kind: '综合', prefix: 'Q' }, 422, 'field_invalid', 'kind');
  await refused(a, 'POST', '/api/hall/windows', { number: 'A98', zone_id: zone.id, window_class: '通办' }, 422, 'field_invalid', 'window_class');
  const e = await refused(a, 'PUT', `/api/hall/windows/${zone.windows[0].id}/serves`, { matters: ['HT-NONE'] }, 422, 'field_invalid', 'matters');
  assert.match(e.message, /HT-NONE/);
  await refused(a, 'PUT', `/api/hall/windows/${zone.windows[0].id}/serves`, { zones: ['Z'] }, 422, 'field_invalid', 'zones');
  await refused(c.qiantai, 'POST', '/api/hall/zones', { floor_id: zone.floor_id, name: '新区域', kind: '无差别', prefix: 'Q' }, 403, 'forbidden');
});

test('front-desk duty: standing posts, a day that overrides them, and one window per person a day', async () => {
  const a = c.admin;
  const win = Object.fromEntries((await a.get('/api/hall')).json.floors.flatMap((f) => f.zones.flatMap((z) => z.windows)).map((w) => [w.number, w.id]));
  // 李婷 (standing at A02) covers A12 on 2025-10-16
  const r = await a.req('PUT', `/api/hall/windows/${win.A12}/duty`, { json: { user_id: users.liting, date: '2025-10-16' } });
  assert.equal(r.status, 200, r.text);
  const d16 = (await a.get('/api/hall/duty?date=2025-10-16')).json.windows;
  assert.equal(d16.find((w) => w.number === 'A12').user.name, '李婷');
  assert.equal(d16.find((w) => w.number === 'A12').user.standing, false);
  assert.equal(d16.find((w) => w.number === 'A02').user, null); // she is at A12 that day
  const d17 = (await a.get('/api/hall/duty?date=2025-10-17')).json.windows;
  assert.equal(d17.find((w) => w.number === 'A02').user.name, '李婷');
  assert.equal(d17.find((w) => w.number === 'A12').user.name, '胡蓉');
  const e = await refused(a, 'PUT', `/api/hall/windows/${win.A11}/duty`, { user_id: users.liting, date: '2025-10-16' }, 409, 'conflict', 'user_id');
  assert.match(e.message, /A12/);
  await refused(a, 'PUT', `/api/hall/windows/${win.A11}/duty`, { user_id: users.shenpi }, 422, 'field_invalid', 'user_id');
  await refused(a, 'PUT', `/api/hall/windows/${win.A11}/duty`, { user_id: 999999 }, 422, 'field_invalid', 'user_id');
  await refused(a, 'PUT', `/api/hall/windows/${win.A11}/duty`, { user_id: users.liting, date: '2025-02-30' }, 422, 'field_invalid', 'date');
  await refused(a, 'PUT', '/api/hall/windows/999999/duty', { user_id: users.liting }, 404, 'not_found');
  // a department head staffs only their department's windows
  await refused(c.fenguan, 'PUT', `/api/hall/windows/${win.A11}/duty`, { user_id: users.liting }, 403, 'forbidden');
  assert.equal((await a.del(`/api/hall/windows/${win.A12}/duty?date=2025-10-16`)).status, 200);
  await refused(a, 'DELETE', `/api/hall/windows/${win.A12}/duty?date=2025-10-16`, undefined, 404, 'not_found');
});

// ---- AB posts ----

test('AB posts: A acts, B when A is on leave, and the hand-over is recorded', async () => {
  const h = c.fenguan; // 赵国庆, head of 市交通运输局
  const zone = (await h.get('/api/hall')).json.floors[0].zones[0];
  const p = await h.post('/api/posts', {
    department_id: depts['市交通运输局'], name: '港航审批岗', zone_id: zone.id, resident: true,
    a_user_id: users.luohaiyan, b_user_id: users.tanzhiyong,
  });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.a.name, '罗海燕');
  assert.equal(p.json.b.name, '谭志勇');
  let act = (await h.get(`/api/posts/${p.json.id}/acting?date=2025-10-20`)).json;
  assert.equal(act.as, 'A');
  assert.equal(act.acting.name, '罗海燕');
  const l = await h.post('/api/leaves', { user_id: users.luohaiyan, from: '2025-10-20', to: '2025-10-24', reason: '年休假' });
  assert.equal(l.status, 201, l.text);
  assert.equal(l.json.handovers, 1);
  act = (await h.get(`/api/posts/${p.json.id}/acting?date=2025-10-22`)).json;
  assert.equal(act.as, 'B');
  assert.equal(act.acting.name, '谭志勇');
  assert.match(act.reason, /罗海燕 休假（2025-10-20 至 2025-10-24，年休假）/);
  assert.equal((await h.get(`/api/posts/${p.json.id}/acting?date=2025-10-25`)).json.as, 'A');
  const ho = (await h.get(`/api/posts/${p.json.id}/handovers`)).json.handovers;
  assert.deepEqual(ho.map((x) => [x.from_user.name, x.to_user.name, x.kind, x.from, x.to]), [['罗海燕', '谭志勇', 'leave', '2025-10-20', '2025-10-24']]);
  // both absent: nobody
  assert.equal((await h.post('/api/leaves', { user_id: users.tanzhiyong, from: '2025-10-24', to: '2025-10-24', reason: '病假' })).status, 201);
  act = (await h.get(`/api/posts/${p.json.id}/acting?date=2025-10-24`)).json;
  assert.equal(act.acting, null);
  // swap A and B
  const u = await h.patch(`/api/posts/${p.json.id}`, { a_user_id: users.tanzhiyong, b_user_id: users.luohaiyan });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.a.name, '谭志勇');
  const list = (await c.qiantai.get(`/api/posts?department=${depts['市交通运输局']}`)).json.posts;
  assert.ok(list.length >= 4);
});

test('bad AB posts and leave: B equal to A, B from another department, another department, dates', async () => {
  const h = c.fenguan;
  const base = { department_id: depts['市交通运输局'], name: '错误岗位', a_user_id: users.shenpi, b_user_id: users.liuweidong };
  let e = await refused(h, 'POST', '/api/posts', { ...base, b_user_id: users.shenpi }, 422, 'field_invalid', 'b_user_id');
  assert.match(e.message, /B 岗不能与 A 岗是同一人/);
  e = await refused(h, 'POST', '/api/posts', { ...base, b_user_id: users.denglihua }, 422, 'field_invalid', 'b_user_id');
  assert.match(e.message, /邓丽华.*市市场监督管理局.*市交通运输局/);
  e = await refused(h, 'POST', '/api/posts', { ...base, a_user_id: users.qiantai }, 422, 'field_invalid', 'a_user_id');
  await refused(h, 'POST', '/api/posts', { ...base, zone_id: 999999 }, 422, 'field_invalid', 'zone_id');
  await refused(c.admin, 'POST', '/api/posts', { ...base, department_id: 999999 }, 422, 'field_invalid', 'department_id');
  e = await refused(h, 'POST', '/api/posts', { ...base, department_id: depts['市市场监督管理局'], a_user_id: users.denglihua, b_user_id: users.zengzhiming }, 403, 'forbidden');
  assert.match(e.message, /市交通运输局.*市市场监督管理局/);
  await refused(h, 'POST', '/api/posts', { ...base, name: '道路运输许可审核岗' }, 409, 'conflict', 'name');
  const posts = (await h.get(`/api/posts?department=${depts['市市场监督管理局']}`)).json.posts;
  await refused(h, 'PATCH', `/api/posts/${posts[0].id}`, { name: '改名' }, 403, 'forbidden');
  await refused(h, 'PATCH', '/api/posts/999999', { name: '改名' }, 404, 'not_found');
  await refused(c.qiantai, 'POST', '/api/posts', base, 403, 'forbidden');
  e = await refused(h, 'POST', '/api/leaves', { user_id: users.shenpi, from: '2025-10-20', to: '2025-10-19', reason: '事假' }, 422, 'field_invalid', 'to');
  assert.match(e.message, /2025-10-19.*早于.*2025-10-20/);
  await refused(h, 'POST', '/api/leaves', { user_id: users.luohaiyan, from: '2025-10-24', to: '2025-10-28', reason: '事假' }, 409, 'conflict', 'from');
  await refused(h, 'POST', '/api/leaves', { user_id: users.denglihua, from: '2025-11-03', to: '2025-11-04', reason: '事假' }, 403, 'forbidden');
  await refused(h, 'POST', '/api/leaves', { user_id: users.shenpi, from: '2025-13-01', to: '2025-13-02', reason: '事假' }, 422, 'field_invalid', 'from');
});

// ---- delegation letters ----

test('a letter lets its grantee accept its matters while it holds, and the check says why not', async () => {
  const h = c.xiaozhenhua; // head of 市市场监督管理局
  const r = await h.post('/api/letters', {
    number: '邵市监授〔2025〕9号', department_id: depts['市市场监督管理局'], grantee_id: users.sunhao,
    matters: ['HT-SJ-01', 'HT-SJ-02'], authorities: ['受理', '初审'], valid_from: '2025-10-01', valid_to: '2025-12-31',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'active');
  assert.deepEqual(r.json.matters.map((m) => m.code), ['HT-SJ-01', 'HT-SJ-02']);
  assert.deepEqual(r.json.authorities, ['受理', '初审']);
  const check = async (user, code, date) => (await c.qiantai.get(`/api/letters/check?user=${users[user]}&matter=${matters[code]}${date ? `&date=${date}` : ''}`)).json;
  let k = await check('sunhao', 'HT-SJ-01');
  assert.equal(k.may, true, JSON.stringify(k));
  assert.equal(k.letter.number, '邵市监授〔2025〕9号');
  k = await check('sunhao', 'HT-SJ-01', '2026-01-01');
  assert.deepEqual([k.may, k.verdict], [false, 'expired']);
  assert.match(k.reason, /邵市监授〔2025〕9号 已于 2025-12-31 到期/);
  k = await check('sunhao', 'HT-SJ-01', '2025-09-30');
  assert.deepEqual([k.may, k.verdict], [false, 'not_yet_valid']);
  assert.match(k.reason, /自 2025-10-01 起才生效/);
  k = await check('sunhao', 'HT-JT-01');
  assert.deepEqual([k.may, k.verdict, k.letter], [false, 'no_letter', null]);
  assert.match(k.reason, /没有授权委托书授权 孙浩 受理事项「道路旅客运输站经营许可」/);
  // 初审 only
  const p = await h.post('/api/letters', {
    number: '邵市监授〔2025〕10号', department_id: depts['市市场监督管理局'], grantee_id: users.xudan,
    matters: ['HT-SJ-01'], authorities: ['初审'], valid_from: '2025-10-01', valid_to: '2025-12-31',
  });
  assert.equal(p.status, 201, p.text);
  k = await check('xudan', 'HT-SJ-01');
  assert.deepEqual([k.may, k.verdict], [false, 'lacks_authority']);
  assert.match(k.reason, /未授予受理权限/);
  // revoked from tomorrow: today still yes, tomorrow no, with the reason
  const v = await h.post(`/api/letters/${r.json.id}/revoke`, { reason: '孙浩调岗', date: '2025-10-16' });
  assert.equal(v.status, 200, v.text);
  assert.deepEqual(v.json.revoked, { on: '2025-10-16', reason: '孙浩调岗', by: 'xiaozhenhua' });
  assert.equal((await check('sunhao', 'HT-SJ-01')).may, true);
  k = await check('sunhao', 'HT-SJ-01', '2025-10-16');
  assert.deepEqual([k.may, k.verdict], [false, 'revoked']);
  assert.match(k.reason, /已于 2025-10-16 撤销：孙浩调岗/);
  // the history stays: the letter is still there, with its matters
  const g = (await c.duban.get(`/api/letters/${r.json.id}`)).json;
  assert.equal(g.matters.length, 2);
  assert.equal(g.revoked.reason, '孙浩调岗');
  const list = (await c.duban.get(`/api/letters?grantee=${users.sunhao}`)).json.letters;
  assert.deepEqual(list.map((x) => x.number), ['邵市监授〔2025〕9号']);
  // a new letter may follow the revoked one from the revocation day
  const n = await h.post('/api/letters', {
    number: '邵市监授〔2025〕11号', department_id: depts['市市场监督管理局'], grantee_id: users.sunhao,
    matters: ['HT-SJ-01'], authorities: ['受理'], valid_from: '2025-10-16', valid_to: '2026-10-15',
  });
  assert.equal(n.status, 201, n.text);
  assert.equal((await check('sunhao', 'HT-SJ-01', '2025-10-20')).letter.number, '邵市监授〔2025〕11号');
  const audit = (await c.admin.get('/api/audit?limit=3')).json.entries.map((x) => x.action);
  assert.deepEqual(audit, ['letter.create', 'letter.revoke', 'letter.create']);
});

test('bad letters: another department\'s matter, overlapping validity, dates, grantee, department', async () => {
  const h = c.xiaozhenhua;
  const base = {
    number: '邵市监授〔2025〕99号', department_id: depts['市市场监督管理局'], grantee_id: users.hurong,
    matters: ['HT-SJ-01'], authorities: ['受理', '初审'], valid_from: '2025-10-01', valid_to: '2026-09-30',
  };
  let e = await refused(h, 'POST', '/api/letters', { ...base, matters: ['HT-SJ-01', 'HT-JT-02'] }, 422, 'field_invalid', 'matters');
  assert.match(e.message, /巡游出租汽车经营许可.*HT-JT-02.*市交通运输局.*市市场监督管理局/);
  e = await refused(h, 'POST', '/api/letters', { ...base, grantee_id: users.sunhao, valid_from: '2026-06-01', valid_to: '2026-12-31' }, 409, 'conflict', 'valid_from');
  assert.match(e.message, /邵市监授〔2025〕11号/);
  e = await refused(h, 'POST', '/api/letters', { ...base, valid_from: '2026-01-01', valid_to: '2025-12-31' }, 422, 'field_invalid', 'valid_to');
  assert.match(e.message, /2025-12-31.*早于.*2026-01-01/);
  await refused(h, 'POST', '/api/letters', { ...base, valid_to: '2026-02-30' }, 422, 'field_invalid', 'valid_to');
  await refused(h, 'POST', '/api/letters', { ...base, matters: ['HT-NOPE'] }, 422, 'field_invalid', 'matters');
  await refused(h, 'POST', '/api/letters', { ...base, matters: ['HT-SJ-01', 'HT-SJ-01'] }, 422, 'field_invalid', 'matters');
  await refused(h, 'POST', '/api/letters', { ...base, authorities: ['审批'] }, 422, 'field_invalid', 'authorities');
  await refused(h, 'POST', '/api/letters', { ...base, matters: [] }, 422, 'field_invalid', 'matters');
  e = await refused(h, 'POST', '/api/letters', { ...base, grantee_id: users.shenpi }, 422, 'field_invalid', 'grantee_id');
  assert.match(e.message, /陈志强.*不是前台受理人员/);
  await refused(h, 'POST', '/api/letters', { ...base, grantee_id: 999999 }, 422, 'field_invalid', 'grantee_id');
  await refused(c.admin, 'POST', '/api/letters', { ...base, department_id: 999999 }, 422, 'field_invalid', 'department_id');
  await refused(h, 'POST', '/api/letters', { ...base, number: '邵市监授〔2025〕9号' }, 409, 'conflict', 'number');
  e = await refused(h, 'POST', '/api/letters', { ...base, department_id: depts['市交通运输局'], matters: ['HT-JT-01'] }, 403, 'forbidden');
  assert.match(e.message, /本部门（市市场监督管理局）.*市交通运输局/);
  await refused(c.duban, 'POST', '/api/letters', base, 403, 'forbidden');
  // revocation: not backwards, not twice, not another department's
  const mine = (await h.get(`/api/letters?grantee=${users.sunhao}`)).json.letters;
  const live = mine.find((x) => x.number === '邵市监授〔2025〕11号');
  const old = mine.find((x) => x.number === '邵市监授〔2025〕9号');
  e = await refused(h, 'POST', `/api/letters/${live.id}/revoke`, { reason: '补登', date: '2025-10-14' }, 422, 'field_invalid', 'date');
  assert.match(e.message, /撤销不能追溯/);
  await refused(h, 'POST', `/api/letters/${old.id}/revoke`, { reason: '再撤' }, 409, 'conflict');
  await refused(c.fenguan, 'POST', `/api/letters/${live.id}/revoke`, { reason: '越权' }, 403, 'forbidden');
  await refused(h, 'POST', '/api/letters/999999/revoke', { reason: '无' }, 404, 'not_found');
  await refused(h, 'POST', `/api/letters/${live.id}/revoke`, {}, 400, 'field_required', 'reason');
  errorOf(assert, await c.qiantai.get(`/api/letters/check?user=${users.sunhao}`), 400, 'field_required');
  errorOf(assert, await c.qiantai.get(`/api/letters/check?user=999999&matter=${matters['HT-SJ-01']}`), 422, 'field_invalid');
  errorOf(assert, await c.qiantai.get(`/api/letters/check?user=${users.sunhao}&matter=${matters['HT-SJ-01']}&date=2025-13-01`), 422, 'field_invalid');
});

test('the uncovered report lists entered matters at comprehensive windows no letter covers', async () => {
  const u = async (date) => (await c.duban.get(`/api/letters/uncovered?date=${date}`)).json.matters.map((m) => m.code).filter((x) => x.startsWith('HT-'));
  // 无差别 and 分领域 only; not the 部门 matter, not the one that is not entered
  assert.deepEqual(await u('2025-10-15'), ['HT-JT-01', 'HT-JT-02', 'HT-JT-03']);
  assert.deepEqual(await u('2025-09-30'), ['HT-JT-01', 'HT-JT-02', 'HT-JT-03', 'HT-SJ-01', 'HT-SJ-02']);
  assert.deepEqual(await u('2025-10-20'), ['HT-JT-01', 'HT-JT-02', 'HT-JT-03', 'HT-SJ-02']);
  const all = (await c.duban.get('/api/letters/uncovered?date=2025-10-20')).json;
  assert.equal(all.count, all.matters.length);
  assert.ok(all.matters.every((m) => ['undifferentiated', 'domain'].includes(m.window_class)));
});

// ---- seals ----

test('seals: one in use per department, a keeper of the department, retiring keeps the record', async () => {
  const h = c.fenguan;
  const jt = depts['市交通运输局'];
  const cur = (await h.get(`/api/seals?department=${jt}`)).json.seals;
  assert.equal(cur.length, 1);
  let e = await refused(h, 'POST', '/api/seals', { department_id: jt, name: '邵阳市交通运输局行政审批专用章（2）', code: '4305002025901' }, 409, 'conflict', 'department_id');
  assert.match(e.message, /邵阳市交通运输局行政审批专用章/);
  const r = await h.patch(`/api/seals/${cur[0].id}`, { status: 'retired' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.retired_on], ['retired', '2025-10-15']);
  const n = await h.post('/api/seals', { department_id: jt, name: '邵阳市交通运输局行政审批专用章', code: '4305002025901', keeper_id: users.shenpi, published_on: '2025-10-15' });
  assert.equal(n.status, 201, n.text);
  assert.equal(n.json.keeper.name, '陈志强');
  assert.equal((await h.get(`/api/seals?department=${jt}`)).json.seals.length, 2);
  e = await refused(h, 'PATCH', `/api/seals/${cur[0].id}`, { status: 'active' }, 422, 'field_invalid', 'status');
  await refused(h, 'PATCH', `/api/seals/${n.json.id}`, { keeper_id: users.denglihua }, 422, 'field_invalid', 'keeper_id');
  await refused(c.admin, 'POST', '/api/seals', { department_id: 999999, name: '不存在部门专用章', code: '4305002025902' }, 422, 'field_invalid', 'department_id');
  await refused(c.admin, 'POST', '/api/seals', { department_id: jt, name: '重复编码章', code: '4305002025901' }, 409, 'conflict');
  await refused(c.admin, 'POST', '/api/seals', { department_id: jt, name: '编码有误章', code: '43050 20' }, 422, 'field_invalid', 'code');
  const sj = (await h.get(`/api/seals?department=${depts['市市场监督管理局']}`)).json.seals[0];
  e = await refused(h, 'PATCH', `/api/seals/${sj.id}`, { keeper_id: null }, 403, 'forbidden');
  assert.match(e.message, /市市场监督管理局/);
  await refused(h, 'PATCH', '/api/seals/999999', { status: 'retired' }, 404, 'not_found');
  const k = await h.patch(`/api/seals/${n.json.id}`, { keeper_id: null });
  assert.equal(k.json.keeper, null);
});

// ---- the reform dashboard ----

function xlsxRows(buf) {
  // read the workbook back with python3's zipfile: sheet names and each sheet's rows of values
  const py = `
import sys, zipfile, io, json, re, xml.etree.ElementTree as ET
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

test('dashboard: windows and staff per zone, 84 -> 48 is 42.9% fewer (target 40%)', async () => {
  const w = (await c.duban.get('/api/reform/windows')).json;
  const s = w.summary;
  assert.deepEqual([s.windows_before, s.plan_windows_after, s.plan_windows_new, s.plan_after_existing, s.plan_reduction, s.target_reduction],
    [84, 63, 15, 48, '42.9%', '40.0%']);
  assert.equal(s.plan_reduction_permille, 429);
  // the demo hall has them all; one more (inactive) window changes nothing
  assert.deepEqual([s.windows, s.windows_new, s.after_existing, s.reduction, s.meets_target], [63, 15, 48, '42.9%', '是']);
  const wd = w.rows.find((r) => r.zone === '无差别综合窗口');
  assert.deepEqual([wd.floor, wd.plan_windows_before, wd.plan_windows_after, wd.windows, wd.plan_front, wd.front, wd.staff_before, wd.plan_resident],
    [1, 23, 12, 12, 12, 12, 78, 64]);
  assert.equal(wd.resident, 13); // the demo's A and B of 交通, 市场监管 and 卫健 posts in the zone
  const total = w.rows.at(-1);
  assert.deepEqual([total.zone, total.staff_before, total.plan_front, total.plan_resident, total.plan_nonresident, total.cases_2024], ['合计', 170, 63, 126, 14, 1369221]);
  assert.ok(w.rows.some((r) => r.zone.startsWith('虚拟窗口') && r.note === '方案未列出的区域'));
});

test('dashboard: matters per department and type beside Annex 2, and the share at 无差别 windows', async () => {
  const a = (await c.duban.get('/api/reform/annex2')).json;
  assert.equal(a.columns.length, 26);
  assert.equal(a.columns[1].title, '行政许可·计划');
  const jt = a.rows.find((r) => r.department === '市交通运输局');
  assert.equal(jt.t01_plan, 128);
  assert.equal(jt.total_plan, 198);
  assert.ok(jt.t01_actual >= 2 && jt.t20_actual >= 1);
  assert.equal(jt.total_diff, jt.total_actual - 198);
  const tot = a.rows.at(-1);
  assert.equal(tot.department, '合计');
  assert.deepEqual([tot.t01_plan, tot.t05_plan, tot.t07_plan, tot.t08_plan, tot.t09_plan, tot.t10_plan, tot.t20_plan, tot.total_plan], [733, 8, 167, 36, 8, 329, 325, 1606]);
  assert.equal(a.summary.plan_total, 1606);
  assert.equal(a.summary.entered_total, tot.total_actual);
  // the not-entered fixture matter is not counted: 教育局 has no entered HT- matter
  const sh = (await c.duban.get('/api/reform/share')).json;
  assert.equal(sh.summary.target, '70.0%');
  assert.equal(sh.summary.entered, tot.total_actual);
  const below = sh.rows.map((r) => r.code);
  assert.ok(below.includes('HT-SJ-02') && below.includes('HT-WJ-01'));
  assert.ok(!below.includes('HT-JT-01') && !below.includes('HT-JY-01'));
  const expect = Math.round((1000 * sh.summary.undifferentiated) / sh.summary.entered);
  assert.equal(sh.summary.share_permille, expect);
  assert.equal(sh.summary.meets_target, expect >= 700 ? '是' : '否');
  assert.equal(sh.summary.undifferentiated + sh.rows.length, sh.summary.entered);
});

test('dashboard: the eight steps with deadlines, overdue against today, status set by an administrator', async () => {
  let st = (await c.duban.get('/api/reform/steps')).json;
  assert.equal(st.rows.length, 8);
  const s3 = st.rows.find((r) => r.seq === 3);
  assert.deepEqual([s3.deadline, s3.status, s3.status_zh, s3.overdue_days], ['2025-07-31', 'in_progress', '进行中', 76]);
  assert.equal(st.rows.find((r) => r.seq === 8).overdue_days, 0); // due 2025-11-30
  const r = await c.admin.patch('/api/reform/steps/3', { status: '已完成', note: '各部门行政审批专用章均已公示' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.overdue_days, r.json.note], ['done', 0, '各部门行政审批专用章均已公示']);
  st = (await c.duban.get('/api/reform/steps?date=2025-12-01')).json;
  assert.equal(st.rows.find((r) => r.seq === 8).overdue_days, 1);
  assert.equal(st.summary.done, st.rows.filter((x) => x.status === 'done').length);
  await refused(c.duban, 'PATCH', '/api/reform/steps/3', { status: 'done' }, 403, 'forbidden');
  await refused(c.admin, 'PATCH', '/api/reform/steps/3', { status: 'finished' }, 422, 'field_invalid', 'status');
  await refused(c.admin, 'PATCH', '/api/reform/steps/9', { status: 'done' }, 404, 'not_found');
  errorOf(assert, await c.qiantai.get('/api/reform/steps'), 403, 'forbidden');
  errorOf(assert, await new Client(srv.base).get('/api/reform'), 401, 'unauthenticated');
  errorOf(assert, await c.duban.get('/api/reform/nothing'), 404, 'not_found');
  errorOf(assert, await c.duban.get('/api/reform/steps?format=pdf'), 422, 'field_invalid');
});

test('dashboard: every table exports to XLSX that opens, and the summary names the headline figures', async () => {
  const x = await download(c.duban, '/api/reform/windows?format=xlsx');
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(x.headers.get('content-disposition'), 'attachment; filename="reform-windows-2025-10-15.xlsx"');
  assert.equal(x.buf.subarray(0, 2).toString(), 'PK');
  const one = xlsxRows(x.buf);
  const sheet = one['附件3 窗口'];
  assert.ok(sheet, Object.keys(one).join());
  assert.match(sheet[0][0], /附件3/);
  assert.equal(sheet[1][1], '区域');
  const totalRow = sheet.find((r) => r[1] === '合计');
  assert.equal(totalRow[2], 84);
  assert.ok(sheet.some((r) => r[0] === '方案窗口减少比例' && Math.abs(r[1] - 0.429) < 1e-9));
  const all = xlsxRows((await download(c.duban, '/api/reform?format=xlsx')).buf);
  assert.deepEqual(Object.keys(all), ['附件2 事项', '附件3 窗口', '无差别占比', '未授权事项', '实施步骤']);
  assert.equal(all['实施步骤'].filter((r) => typeof r[0] === 'number').length, 8);
  const sum = (await c.duban.get('/api/reform')).json;
  assert.equal(sum.date, '2025-10-15');
  assert.deepEqual(Object.keys(sum.parts), ['annex2', 'windows', 'share', 'uncovered', 'steps']);
  assert.equal(sum.parts.windows.summary.plan_reduction, '42.9%');
  assert.equal(sum.parts.uncovered.summary.uncovered, (await c.duban.get('/api/letters/uncovered')).json.count);
});

// ---- who may call what (docs/authz.md), every route of src/http/routes_hall.inc ----

test('authorisation of every hall route, as docs/authz.md says', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { ROOT } = await import('./lib.mjs');
  const WHO = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'anonymous'];
  for (const u of ['daoban', 'shenpi']) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200);
  }
  const jt = depts['市交通运输局'];
  const hall = (await c.admin.get('/api/hall')).json;
  const zoneA = hall.floors[0].zones[0];
  // a window of 市交通运输局 and a front-desk person of it, so its head may staff it
  const tw = await c.admin.post('/api/hall/windows', { number: 'A20', zone_id: zoneA.id, department_id: jt, unit: '市交通运输局' });
  assert.equal(tw.status, 201, tw.text);
  const tu = await c.admin.post('/api/users', { username: 'jt_qiantai', name: '邹丽君', password: 'matrix-pass-1', roles: ['front_desk'], department_id: jt });
  assert.equal(tu.status, 201, tu.text);
  const post = (await c.admin.get(`/api/posts?department=${jt}`)).json.posts[0];
  let n = 0;
  const letter = () => ({
    number: `邵交授〔2026〕${++n}号`, department_id: jt, grantee_id: tu.json.user.id, matters: ['HT-JT-03'],
    authorities: ['受理'], valid_from: `${2030 + n}-01-01`, valid_to: `${2030 + n}-12-31`,
  });
  const activeSeal = async () => (await c.admin.get(`/api/seals?department=${jt}`)).json.seals.find((s) => s.status === 'active');
  let revokeId;
  const ALL = 'ok  ok  ok  ok  ok  ok  401';
  const ADMIN = 'ok  403 403 403 403 403 401';
  const OWN = 'ok  403 403 403 403 ok  401';
  const DASH = 'ok  ok  403 403 403 403 401';
  const M = {
    'GET /api/hall': [ALL, () => ({ path: '/api/hall' })],
    'POST /api/hall/floors': [ADMIN, () => ({ path: '/api/hall/floors', json: { number: 5, name: '五楼' } })],
    'POST /api/hall/zones': [ADMIN, () => ({ path: '/api/hall/zones', json: { floor_id: zoneA.floor_id, name: '矩阵区域', kind: '便民', prefix: 'M' } })],
    'PATCH /api/hall/zones/{}': [ADMIN, () => ({ path: `/api/hall/zones/${zoneA.id}`, json: { name: zoneA.name } })],
    'POST /api/hall/windows': [ADMIN, () => ({ path: '/api/hall/windows', json: { number: 'A21', zone_id: zoneA.id } })],
    'GET /api/hall/windows/{}': [ALL, () => ({ path: `/api/hall/windows/${tw.json.id}` })],
    'PATCH /api/hall/windows/{}': [ADMIN, () => ({ path: `/api/hall/windows/${tw.json.id}`, json: { active: true } })],
    'PUT /api/hall/windows/{}/serves': [ADMIN, () => ({ path: `/api/hall/windows/${tw.json.id}/serves`, json: { zones: ['A'] } })],
    'PUT /api/hall/windows/{}/duty': [OWN, () => ({ path: `/api/hall/windows/${tw.json.id}/duty`, json: { user_id: tu.json.user.id } })],
    'DELETE /api/hall/windows/{}/duty': [OWN, () => ({ path: `/api/hall/windows/${tw.json.id}/duty?date=2025-11-03` }),
      () => c.admin.req('PUT', `/api/hall/windows/${tw.json.id}/duty`, { json: { user_id: tu.json.user.id, date: '2025-11-03' } })],
    'GET /api/hall/duty': [ALL, () => ({ path: '/api/hall/duty?date=2025-10-15' })],
    'GET /api/posts': [ALL, () => ({ path: '/api/posts' })],
    'POST /api/posts': [OWN, (who) => ({ path: '/api/posts', json: { department_id: jt, name: `矩阵岗-${who}`, a_user_id: users.shenpi, b_user_id: users.liuweidong } })],
    'PATCH /api/posts/{}': [OWN, () => ({ path: `/api/posts/${post.id}`, json: { resident: true } })],
    'GET /api/posts/{}/acting': [ALL, () => ({ path: `/api/posts/${post.id}/acting` })],
    'GET /api/posts/{}/handovers': [ALL, () => ({ path: `/api/posts/${post.id}/handovers` })],
    'GET /api/leaves': [ALL, () => ({ path: '/api/leaves' })],
    'POST /api/leaves': [OWN, (who) => ({ path: '/api/leaves', json: { user_id: users.liuweidong, from: `2026-0${WHO.indexOf(who) + 1}-01`, to: `2026-0${WHO.indexOf(who) + 1}-02`, reason: '事假' } })],
    'GET /api/letters/check': [ALL, () => ({ path: `/api/letters/check?user=${users.qiantai}&matter=${matters['HT-JT-01']}` })],
    'GET /api/letters/uncovered': [ALL, () => ({ path: '/api/letters/uncovered' })],
    'GET /api/letters': [ALL, () => ({ path: '/api/letters' })],
    'POST /api/letters': [OWN, () => ({ path: '/api/letters', json: letter() })],
    'GET /api/letters/{}': [ALL, () => ({ path: `/api/letters/${revokeId}` })],
    'POST /api/letters/{}/revoke': [OWN, () => ({ path: `/api/letters/${revokeId}/revoke`, json: { reason: '矩阵' } }),
      async () => { revokeId = (await c.admin.post('/api/letters', letter())).json.id; }],
    'GET /api/seals': [ALL, () => ({ path: '/api/seals' })],
    'POST /api/seals': [OWN, (who) => ({ path: '/api/seals', json: { department_id: jt, name: `邵阳市交通运输局行政审批专用章（${who}）`, code: `43050020269${WHO.indexOf(who)}` } }),
      async () => { const s = await activeSeal(); if (s) await c.admin.patch(`/api/seals/${s.id}`, { status: 'retired' }); }],
    'PATCH /api/seals/{}': [OWN, () => ({ path: `/api/seals/${sealId}`, json: { published_on: '2025-10-15' } }),
      async () => {
        sealId = (await activeSeal())?.id
          ?? (await c.admin.post('/api/seals', { department_id: jt, name: '邵阳市交通运输局行政审批专用章', code: '4305002026999' })).json.id;
      }],
    'GET /api/reform': [DASH, () => ({ path: '/api/reform' })],
    'GET /api/reform/{}': [DASH, () => ({ path: '/api/reform/share' })],
    'PATCH /api/reform/steps/{}': [ADMIN, () => ({ path: '/api/reform/steps/7', json: { status: 'in_progress' } })],
  };
  let sealId;
  revokeId = (await c.admin.post('/api/letters', letter())).json.id;
  assert.ok(revokeId);
  const src = readFileSync(join(ROOT, 'src/http/routes_hall.inc'), 'utf8');
  const routes = [...src.matchAll(/\{\s*YC_([A-Z]+),\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(routes.slice().sort(), Object.keys(M).sort());
  for (const [key, [expect, make, prep]] of Object.entries(M)) {
    const method = key.split(' ')[0];
    for (const [i, who] of WHO.entries()) {
      if (prep) await prep();
      const client = who === 'anonymous' ? new Client(srv.base) : Object.assign(new Client(srv.base), { cookie: c[who].cookie, csrf: c[who].csrf });
      const { path, json } = make(who);
      const r = await client.req(method, path, { json });
      const want = expect.split(/\s+/)[i];
      const what = `${key} as ${who}`;
      if (want === 'ok') assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text}`);
      else errorOf(assert, r, Number(want), want === '401' ? 'unauthenticated' : 'forbidden');
    }
  }
});
