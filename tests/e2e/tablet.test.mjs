// The window's evaluation tablet (好差评 at the window, issue 6): enrolment by an administrator or
// supervisor (the key shown once, stored as its SHA-256, replaced by a new enrolment, revoked),
// the tablet's poll with its key (the case of the ticket called at its window, or the walk-in
// accepted by the person holding it; only the latest applicant's, within 30 minutes; no personal
// data), the rating sent from it (channel window; staff sessions refused), the rate limit of
// failed keys, and the access matrix of src/http/routes_tablet.inc.
// Runs on SQLite, and on PostgreSQL under tests/pg.sh.
//
// Requests with a tablet key come from addresses of their own on the loopback network (127.0.9.x),
// so the failures each test provokes count only against its own address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, errorOf, residentId, sql, ROOT } from './lib.mjs';

// 2025-10-15 11:46 in UTC+8 (a Wednesday)
const NOW = '1760500000';
const STAFF = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan'];
let srv;
const c = {};
const win = {}; // window number -> id
let zoneA; // the zone of A01 … A12
let matter; // 道路旅客运输经营许可 (市交通运输局), covered by qiantai's letter

before(async () => {
  srv = await startServer({ env: { YC_FAKE_NOW: NOW } });
  for (const u of STAFF) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200, u);
  }
  const h = (await c.admin.get('/api/hall')).json;
  for (const f of h.floors) {
    for (const z of f.zones) {
      if (z.prefix === 'A') zoneA = z;
      for (const w of z.windows) win[w.number] = w.id;
    }
  }
  const hit = (await c.qiantai.get('/api/matters?q=道路旅客运输经营许可')).json.matters[0];
  matter = (await c.qiantai.get(`/api/matters/${hit.id}`)).json.matter;
  // qiantai holds A01 today, as at the start of every working day
  const open = await c.qiantai.post(`/api/queue/windows/${win.A01}/open`);
  assert.equal(open.status, 200, open.text);
});
after(async () => { await srv.stop(); });

// ---- helpers ----

// One request from a given local address, with the tablet's key when given.
function from(addr, method, path, { key, json, cookie } = {}) {
  const { hostname, port } = new URL(srv.base);
  const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const headers = {};
  if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  if (key !== undefined) headers['X-Tablet-Key'] = key;
  if (cookie) headers.Cookie = cookie;
  return new Promise((ok, fail) => {
    const r = http.request({ host: hostname, port, method, path, localAddress: addr, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let data = null;
        try { data = JSON.parse(text); } catch { /* not JSON */ }
        ok({ status: res.statusCode, headers: { get: (h) => res.headers[h.toLowerCase()] ?? null }, json: data, text });
      });
    });
    r.on('error', fail);
    if (body) r.write(body);
    r.end();
  });
}
const poll = (key, addr = '127.0.9.1') => from(addr, 'GET', '/api/public/tablet', { key });
const rateOn = (key, json, addr = '127.0.9.1') => from(addr, 'POST', '/api/public/tablet/rating', { key, json });

async function enrol(number, who = 'admin') {
  const r = await c[who].post(`/api/hall/windows/${win[number]}/tablet`);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

let person = 0;
// A new applicant: a valid 邵阳 ID number of their own.
const applicant = () => residentId(`43050219850${String(101 + person++).padStart(3, '0')}012`.slice(0, 17));
const application = (extra = {}) => ({
  matter_id: matter.id, matter_version: matter.version, applicant_kind: 'person', applicant_name: '刘桂芳',
  id_number: applicant(), phone: '13907391234', decision: 'accept',
  materials: matter.materials.map((m) => ({ name: m.name, status: 'received' })), ...extra,
});
async function accept(extra) {
  const r = await c.qiantai.post('/api/cases', application(extra));
  assert.equal(r.status, 201, r.text);
  return r.json.case;
}
// A ticket of zone A called at A01 by qiantai (the ticket before it finished).
async function callAtA01() {
  const state = (await c.qiantai.get(`/api/queue/windows/${win.A01}`)).json;
  if (state.current) assert.equal((await c.qiantai.post(`/api/queue/windows/${win.A01}/finish`)).status, 200);
  const t = await c.daoban.post('/api/queue/tickets', { zone: 'A' });
  assert.equal(t.status, 201, t.text);
  const r = await c.qiantai.post(`/api/queue/windows/${win.A01}/call`);
  assert.equal(r.status, 200, r.text);
  return r.json.window.current;
}
function rows(statement) {
  const r = sql(srv.db, statement);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => l.split('|')) : [];
}
const sha256 = (s) => createHash('sha256').update(s).digest('hex');
// Time passes at the window: every case and call so far moves `ms` into the past.
function passes(ms) {
  assert.equal(sql(srv.db, `UPDATE cases SET created_at = created_at - ${ms}`).code, 0);
  assert.equal(sql(srv.db, `UPDATE queue_calls SET called_at = called_at - ${ms}`).code, 0);
}

// ---- enrolment ----

test('enrolment: the key is shown once and stored as its hash; enrolling again replaces it, revoking ends it; audited', async () => {
  const seqBefore = (await c.admin.get('/api/audit?limit=1')).json.entries[0].seq;
  const e = await enrol('A05');
  assert.match(e.key, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(e.url, `/tablet#k=${e.key}`);
  assert.deepEqual(e.window, { id: win.A05, number: 'A05', zone: zoneA.name });
  assert.equal(e.replaced, false);
  assert.equal(e.tablet.by.name, '王建国');
  assert.ok(e.tablet.since);
  assert.equal(e.tablet.last_seen, null);

  // only the hash is stored
  const stored = rows(`SELECT key_hash, created_by, revoked_at FROM window_tablets WHERE window_id = ${win.A05}`);
  assert.equal(stored.length, 1);
  assert.equal(stored[0][0], sha256(e.key));
  assert.equal(stored[0][2], '');
  assert.equal(rows(`SELECT COUNT(*) FROM window_tablets WHERE key_hash LIKE '%${e.key.slice(0, 10)}%'`)[0][0], '0');

  // the key works and says which window
  const p = await poll(e.key);
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.json.window, { number: 'A05', zone: zoneA.name });
  assert.equal(p.json.case, null);
  assert.deepEqual(p.json.levels.map((l) => l.label), ['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  assert.deepEqual(p.json.levels.map((l) => l.reason_required), [false, false, false, true, true]);

  // the window's views say a tablet is there and since when, never the key (every staff role reads them)
  for (const who of ['admin', 'qiantai', 'shenpi']) {
    const w = await c[who].get(`/api/hall/windows/${win.A05}`);
    assert.equal(w.status, 200);
    assert.equal(w.json.tablet.since, e.tablet.since);
    assert.ok(w.json.tablet.last_seen, 'the poll was noted');
    assert.ok(!w.text.includes(e.key));
  }
  const hall = await c.admin.get('/api/hall');
  assert.ok(!hall.text.includes(e.key));
  const wins = hall.json.floors.flatMap((f) => f.zones.flatMap((z) => z.windows));
  assert.ok(wins.find((w) => w.number === 'A05').tablet.since);
  assert.equal(wins.find((w) => w.number === 'A06').tablet, null);

  // enrolling again (the supervisor) replaces the tablet: the old key stops at once
  const e2 = await enrol('A05', 'duban');
  assert.notEqual(e2.key, e.key);
  assert.equal(e2.replaced, true);
  assert.equal(e2.tablet.by.name, (await c.duban.get('/api/me')).json.user.name);
  errorOf(assert, await poll(e.key, '127.0.9.2'), 401, 'tablet_not_enrolled');
  assert.equal((await poll(e2.key)).status, 200);
  assert.equal(rows(`SELECT COUNT(*) FROM window_tablets WHERE window_id = ${win.A05} AND revoked_at IS NULL`)[0][0], '1');

  // revoking ends it; a second revocation finds nothing
  const d = await c.admin.del(`/api/hall/windows/${win.A05}/tablet`);
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.tablet, null);
  assert.equal(d.json.window.number, 'A05');
  errorOf(assert, await poll(e2.key, '127.0.9.2'), 401, 'tablet_not_enrolled');
  errorOf(assert, await c.admin.del(`/api/hall/windows/${win.A05}/tablet`), 404, 'tablet_not_enrolled');
  assert.equal((await c.admin.get(`/api/hall/windows/${win.A05}`)).json.tablet, null);

  // audited, without the key
  const entries = (await c.admin.get('/api/audit?limit=50')).json.entries.filter((a) => a.seq > seqBefore && a.action.startsWith('tablet.'));
  assert.deepEqual(entries.map((a) => [a.action, a.object, a.actor]).reverse(),
    [['tablet.enrol', 'A05', 'admin'], ['tablet.enrol', 'A05', 'duban'], ['tablet.revoke', 'A05', 'admin']]);
  assert.match(entries[1].summary, /原平板已解除绑定/);
  for (const a of entries) assert.ok(!a.summary.includes(e.key) && !a.summary.includes(e2.key));
});

test('enrolment refused: unknown window, a window out of use; nothing written', async () => {
  errorOf(assert, await c.admin.post('/api/hall/windows/99999/tablet'), 404, 'not_found');
  errorOf(assert, await c.admin.del('/api/hall/windows/99999/tablet'), 404, 'not_found');
  const made = await c.admin.post('/api/hall/windows', { number: 'A31', zone_id: zoneA.id, active: false });
  assert.equal(made.status, 201, made.text);
  errorOf(assert, await c.admin.post(`/api/hall/windows/${made.json.id}/tablet`), 409, 'window_inactive');
  assert.equal(rows(`SELECT COUNT(*) FROM window_tablets WHERE window_id = ${made.json.id}`)[0][0], '0');
});

test('a missing, malformed or unknown key: 401 tablet_not_enrolled, for the poll and the rating', async () => {
  const addr = '127.0.9.3';
  for (const key of [undefined, '', 'A01', 'x'.repeat(43), 'not a key at all']) {
    const e = errorOf(assert, await poll(key, addr), 401, 'tablet_not_enrolled');
    assert.equal(e.field, 'X-Tablet-Key');
    assert.equal(e.message, '本平板未绑定窗口，请联系管理员');
  }
  errorOf(assert, await rateOn('y'.repeat(43), { number: '20251015-0001-1', stage: 'accept', level: 1 }, addr), 401, 'tablet_not_enrolled');
});

// ---- the case to rate ----

let keyA01;
let keyA03;
let ticketCase;

test('a case accepted from a ticket called at window A01 appears on A01\'s tablet and not on A03\'s, with no personal data', async () => {
  keyA01 = (await enrol('A01')).key;
  keyA03 = (await enrol('A03')).key;
  assert.equal((await poll(keyA01)).json.case, null, 'nothing served yet');
  const t = await callAtA01();
  const k = await accept({ ticket_id: t.id });
  ticketCase = k;

  const p = await poll(keyA01);
  assert.equal(p.status, 200, p.text);
  assert.equal(p.headers.get('cache-control'), 'no-store');
  assert.equal(p.json.case.number, k.number);
  assert.equal(p.json.case.matter, matter.name);
  assert.equal(p.json.case.department, '市交通运输局');
  assert.equal(p.json.case.stage, 'accept');
  assert.equal(p.json.case.stage_zh, '受理服务');
  assert.deepEqual(p.json.case.stages.map((s) => [s.stage, s.rateable, s.rated]), [['accept', true, false], ['result', false, false]]);
  assert.deepEqual(Object.keys(p.json.case).sort(), ['department', 'matter', 'number', 'stage', 'stage_zh', 'stages', 'state', 'state_zh']);
  // no applicant, no staff, no token
  const detail = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  for (const secret of ['刘桂芳', detail.case.applicant.id_number, '13907391234', '张晓燕', detail.rating.token]) {
    assert.ok(secret && !p.text.includes(secret), `the tablet's answer holds ${secret}`);
  }
  assert.ok(!/applicant|id_number|phone|acceptor|token/.test(p.text));

  assert.equal((await poll(keyA03)).json.case, null, 'another window\'s tablet does not see it');
});

test('the rating on the tablet is stored with channel window; the stage is then gone from the tablet', async () => {
  const k = ticketCase;
  // the other window's tablet cannot rate it
  errorOf(assert, await rateOn(keyA03, { number: k.number, stage: 'accept', level: 1 }), 409, 'case_not_current');
  // same rules as the public page: a reason for the bottom two; no rectification on the tablet
  assert.equal(errorOf(assert, await rateOn(keyA01, { number: k.number, stage: 'accept', level: 4 }), 422, 'reason_required').field, 'reason');
  assert.equal(errorOf(assert, await rateOn(keyA01, { number: k.number, stage: 'rectification', level: 1 }), 422, 'field_invalid').field, 'stage');
  assert.equal(errorOf(assert, await rateOn(keyA01, { number: k.number, stage: 'accept', level: 1, channel: 'qr' }), 400, 'field_unknown').field, 'channel');
  assert.equal(errorOf(assert, await rateOn(keyA01, { number: k.number, stage: 'result', level: 1 }), 409, 'not_rateable').field, 'stage');

  const r = await rateOn(keyA01, { number: k.number, stage: 'accept', level: 2, comment: '窗口人员解释清楚，材料一次就办好了' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.rating.level_zh, '满意');
  assert.equal(r.json.rating.stage, 'accept');
  assert.equal(r.json.rectification, null);
  assert.equal(r.json.message, '感谢您的评价');

  const given = (await c.duban.get('/api/ratings')).json.ratings.find((x) => x.case.number === k.number);
  assert.equal(given.channel, 'window');
  assert.equal(given.channel_zh.length > 0, true);
  assert.equal(given.level, 2);
  assert.deepEqual(rows(`SELECT channel, stage, level FROM ratings WHERE case_id = ${k.id}`), [['window', 'accept', '2']]);
  const audit = (await c.admin.get('/api/audit?limit=5')).json.entries.find((a) => a.action === 'rating.give' && a.object === k.number);
  assert.equal(audit.actor, 'anonymous');
  assert.match(audit.summary, /window/);

  // rated: the tablet has nothing more for this case, and a second rating is refused
  assert.equal((await poll(keyA01)).json.case, null);
  errorOf(assert, await rateOn(keyA01, { number: k.number, stage: 'accept', level: 1 }), 409, 'already_rated');
  // the case page shows the rating to staff once given
  assert.equal((await c.qiantai.get(`/api/cases/${k.id}`)).json.rating.ratings[0].channel, 'window');
});

test('a staff session cannot rate on the tablet, even with the key', async () => {
  const t = await callAtA01();
  const k = await accept({ ticket_id: t.id });
  for (const who of ['qiantai', 'duban', 'admin']) {
    const r = await from('127.0.9.1', 'POST', '/api/public/tablet/rating', { key: keyA01, cookie: c[who].cookie, json: { number: k.number, stage: 'accept', level: 1 } });
    errorOf(assert, r, 403, 'staff_cannot_rate');
  }
  assert.equal(rows(`SELECT COUNT(*) FROM ratings WHERE case_id = ${k.id}`)[0][0], '0');
  // the poll still works with a session (it reads, it does not rate)
  const p = await from('127.0.9.1', 'GET', '/api/public/tablet', { key: keyA01, cookie: c.qiantai.cookie });
  assert.equal(p.json.case.number, k.number);
  // a bad review from the tablet opens its rectification, like one from the public page
  const bad = await rateOn(keyA01, { number: k.number, stage: 'accept', level: 4, reason: '等候时间过长，叫号后窗口无人' });
  assert.equal(bad.status, 201, bad.text);
  assert.ok(bad.json.rectification.id);
  assert.ok(bad.json.rectification.callback_due);
  assert.deepEqual(rows(`SELECT r.channel, x.state FROM ratings r JOIN rectifications x ON x.rating_id = r.id WHERE r.case_id = ${k.id}`), [['window', 'open']]);
});

test('walk-ins: the case accepted by the person holding the window appears; only the latest applicant\'s cases are offered', async () => {
  // a walk-in (no ticket) accepted by qiantai, who holds A01
  const id = applicant();
  const w1 = await accept({ id_number: id });
  let p = await poll(keyA01);
  assert.equal(p.json.case.number, w1.number);
  assert.equal((await poll(keyA03)).json.case, null);

  // the same applicant's second matter: the newer first, then the older (one visit)
  const w2 = await accept({ id_number: id });
  assert.equal((await poll(keyA01)).json.case.number, w2.number);
  assert.equal((await rateOn(keyA01, { number: w2.number, stage: 'accept', level: 1 })).status, 201);
  assert.equal((await poll(keyA01)).json.case.number, w1.number);

  // the next applicant: the previous one's unrated case is no longer offered nor rateable here
  const w3 = await accept();
  assert.equal((await poll(keyA01)).json.case.number, w3.number);
  errorOf(assert, await rateOn(keyA01, { number: w1.number, stage: 'accept', level: 1 }), 409, 'case_not_current');

  // a case refused at the window is a service too (its acceptance may be rated)
  const refused = await accept({ decision: 'refuse', reason: '申请人尚未取得道路旅客运输车辆，不符合经营许可条件' });
  p = await poll(keyA01);
  assert.equal(p.json.case.number, refused.number);
  assert.equal(p.json.case.stage, 'accept');

  // calling the next ticket does not cut off a rating under way (staff cannot stop one with a
  // quick click), but two minutes later the offer has ended, also once that ticket is finished
  await callAtA01();
  assert.equal((await poll(keyA01)).json.case.number, refused.number);
  passes(60 * 1000);
  assert.equal((await poll(keyA01)).json.case.number, refused.number);
  passes(60 * 1000);
  assert.equal((await poll(keyA01)).json.case, null);
  errorOf(assert, await rateOn(keyA01, { number: refused.number, stage: 'accept', level: 1 }), 409, 'case_not_current');
  assert.equal((await c.qiantai.post(`/api/queue/windows/${win.A01}/finish`)).status, 200);
  assert.equal((await poll(keyA01)).json.case, null);
});

test('only the last 30 minutes: an older case is not offered', async () => {
  const t = await callAtA01();
  const k = await accept({ ticket_id: t.id });
  assert.equal((await poll(keyA01)).json.case.number, k.number);
  passes(29 * 60 * 1000);
  assert.equal((await poll(keyA01)).json.case.number, k.number);
  passes(2 * 60 * 1000);
  assert.equal((await poll(keyA01)).json.case, null);
  errorOf(assert, await rateOn(keyA01, { number: k.number, stage: 'accept', level: 1 }), 409, 'case_not_current');
});

test('a window closed in the queue: its holder\'s walk-ins are no longer the window\'s', async () => {
  const k = await accept();
  assert.equal((await poll(keyA01)).json.case.number, k.number);
  const state = (await c.qiantai.get(`/api/queue/windows/${win.A01}`)).json;
  if (state.current) assert.equal((await c.qiantai.post(`/api/queue/windows/${win.A01}/finish`)).status, 200);
  assert.equal((await c.qiantai.post(`/api/queue/windows/${win.A01}/close`)).status, 200);
  assert.equal((await poll(keyA01)).json.case, null);
  assert.equal((await c.qiantai.post(`/api/queue/windows/${win.A01}/open`)).status, 200);
  assert.equal((await poll(keyA01)).json.case.number, k.number);
});

// ---- who may call what (docs/authz.md), every route of src/http/routes_tablet.inc ----

test('authorisation of every tablet route, as docs/authz.md says', async () => {
  const WHO = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'anonymous'];
  let fresh = {};
  const newTablet = async () => { fresh.key = (await enrol('A07')).key; };
  const newCase = async () => { fresh.case = await accept(); };
  const M = {
    'POST /api/hall/windows/{}/tablet': ['201 201 403 403 403 403 401', () => ({ path: `/api/hall/windows/${win.A07}/tablet` })],
    'DELETE /api/hall/windows/{}/tablet': ['200 200 403 403 403 403 401', () => ({ path: `/api/hall/windows/${win.A07}/tablet` }), newTablet],
    'GET /api/public/tablet': ['200 200 200 200 200 200 200', () => ({ path: '/api/public/tablet', key: keyA01 })],
    'POST /api/public/tablet/rating': ['403 403 403 403 403 403 201', () => ({ path: '/api/public/tablet/rating', key: keyA01, json: { number: fresh.case.number, stage: 'accept', level: 1 } }), newCase],
  };
  const src = readFileSync(join(ROOT, 'src/http/routes_tablet.inc'), 'utf8');
  const routes = [...src.matchAll(/\{\s*YC_([A-Z]+),\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(routes.slice().sort(), Object.keys(M).sort());
  for (const [route, [expect, make, prep]] of Object.entries(M)) {
    const method = route.split(' ')[0];
    for (const [i, who] of WHO.entries()) {
      fresh = {};
      if (prep) await prep();
      const { path, json, key } = make(who);
      const client = who === 'anonymous' ? new Client(srv.base) : Object.assign(new Client(srv.base), { cookie: c[who].cookie, csrf: c[who].csrf });
      const r = await client.req(method, path, { json, headers: key ? { 'X-Tablet-Key': key } : {} });
      const want = Number(expect.split(/\s+/)[i]);
      assert.equal(r.status, want, `${route} as ${who}: ${r.text}`);
      if (want === 403) assert.ok(['forbidden', 'staff_cannot_rate'].includes(r.json.error.code), r.text);
    }
  }
});

// ---- the rate limit of failed keys ----

test('failed keys are counted per address: 429 rate_limited after ten, a valid key still served', async () => {
  const addr = '127.0.9.50';
  let r;
  for (let i = 0; i < 12; i++) {
    r = await poll(`${'Z'.repeat(42)}${i % 10}`, addr);
    if (r.status === 429) break;
    errorOf(assert, r, 401, 'tablet_not_enrolled');
  }
  errorOf(assert, r, 429, 'rate_limited');
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  errorOf(assert, await rateOn('Q'.repeat(43), { number: ticketCase.number, stage: 'result', level: 1 }, addr), 429, 'rate_limited');
  // the tablets behind the same address are not locked out by someone else's failures
  const ok = await poll(keyA01, addr);
  assert.equal(ok.status, 200, ok.text);
  // other addresses are not limited
  errorOf(assert, await poll('Z'.repeat(43), '127.0.9.51'), 401, 'tablet_not_enrolled');
});
