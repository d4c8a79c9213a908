// The audit log end to end: every state change writes one hash-chained entry with the right actor
// and action; the chain verifies over HTTP and from the command line; the database refuses updates
// and deletes; a tampered entry is named by its seq; personal numbers never appear in clear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, errorOf, run, sql, BACKEND, DEMO_PASSWORD, residentId } from './lib.mjs';

let srv;
let admin;
let duban; // a supervisor may read the log too

before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  duban = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  assert.equal((await duban.login('duban')).status, 200);
});
after(async () => { await srv.stop(); });

async function page(query = 'limit=200') {
  const r = await duban.get(`/api/audit?${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json.entries;
}
async function lastSeq() {
  const e = await page('limit=1');
  return e.length ? e[0].seq : 0;
}
// The entries written since seq `since`, oldest first.
async function since(seq) {
  return (await page()).filter((e) => e.seq > seq).reverse();
}
// The whole log, newest first, page by page (the demo's cases write well over a page).
async function whole() {
  const all = await page();
  while (all.length && all.at(-1).seq > 1) {
    const more = await page(`before=${all.at(-1).seq}&limit=200`);
    if (!more.length) break;
    all.push(...more);
  }
  return all;
}
const brief = (entries) => entries.map((e) => [e.actor, e.action, e.object]);

test('entries have the documented shape, newest first, chained by hash, and page with before/limit', async () => {
  const all = await whole();
  assert.ok(all.length >= 8, 'the demo data and two logins are in the log');
  for (const e of all) {
    assert.deepEqual(Object.keys(e).sort(), ['action', 'actor', 'at', 'hash', 'object', 'prev_hash', 'seq', 'summary']);
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(e.hash, /^[0-9a-f]{64}$/);
    assert.match(e.prev_hash, /^[0-9a-f]{64}$/);
  }
  for (let i = 0; i + 1 < all.length; i++) {
    assert.equal(all[i].seq, all[i + 1].seq + 1);
    assert.equal(all[i].prev_hash, all[i + 1].hash);
  }
  assert.equal(all.at(-1).seq, 1);
  assert.ok(Math.abs(Date.parse(all[0].at) - Date.now()) < 120000, `at ${all[0].at} is now`);
  // the demo users were created by the system, the six role accounts first (later parts add staff)
  const created = all.filter((e) => e.action === 'user.create').map((e) => [e.actor, e.object]).reverse();
  assert.deepEqual(created.slice(0, 6), ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan'].map((u) => ['system', u]));
  assert.ok(created.every(([actor]) => actor === 'system'));
  const two = await page('limit=2');
  assert.deepEqual(two.map((e) => e.seq), [all[0].seq, all[1].seq]);
  const next = await page(`before=${two[1].seq}&limit=2`);
  assert.deepEqual(next.map((e) => e.seq), [all[2].seq, all[3].seq]);
});

test('bad paging parameters are 422 field_invalid naming the parameter', async () => {
  for (const [q, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=x', 'limit'], ['before=0', 'before'], ['before=-5', 'before']]) {
    assert.equal(errorOf(assert, await duban.get(`/api/audit?${q}`), 422, 'field_invalid').field, field, q);
  }
});

test('login, failed login and logout are audited with the right actor', async () => {
  let s = await lastSeq();
  const c = new Client(srv.base);
  assert.equal((await c.login('qiantai')).status, 200);
  assert.deepEqual(brief(await since(s)), [['qiantai', 'session.login', 'qiantai']]);

  s = await lastSeq();
  errorOf(assert, await new Client(srv.base).login('qiantai', 'wrong-password'), 401, 'bad_credentials');
  errorOf(assert, await new Client(srv.base).login('no-such-user', 'wrong-password'), 401, 'bad_credentials');
  const failed = await since(s);
  assert.deepEqual(brief(failed), [['anonymous', 'session.login_failed', 'qiantai'], ['anonymous', 'session.login_failed', 'no-such-user']]);
  assert.match(failed[0].summary, /127\.0\.0\.1/);

  s = await lastSeq();
  assert.equal((await c.del('/api/session')).status, 200);
  assert.deepEqual(brief(await since(s)), [['qiantai', 'session.logout', 'qiantai']]);
});

test('user create and update, password changes and resets are audited', async () => {
  let s = await lastSeq();
  const r = await admin.post('/api/users', { username: 'audit.user', name: '审计对象', password: 'audit-pass-1', roles: ['guide', 'front_desk'] });
  assert.equal(r.status, 201, r.text);
  let e = await since(s);
  assert.deepEqual(brief(e), [['admin', 'user.create', 'audit.user']]);
  assert.match(e[0].summary, /audit\.user/);
  assert.match(e[0].summary, /审计对象/);
  assert.ok(!e[0].summary.includes('audit-pass-1'), 'no password in the log');

  s = await lastSeq();
  assert.equal((await admin.patch(`/api/users/${r.json.user.id}`, { name: '审计对象改', disabled: true })).status, 200);
  e = await since(s);
  assert.deepEqual(brief(e), [['admin', 'user.update', 'audit.user']]);
  assert.match(e[0].summary, /审计对象改/);
  assert.match(e[0].summary, /停用/);

  s = await lastSeq();
  assert.equal((await admin.patch(`/api/users/${r.json.user.id}`, { disabled: false, password: 'audit-pass-2' })).status, 200);
  e = await since(s);
  assert.deepEqual(brief(e), [['admin', 'user.update', 'audit.user']]);
  assert.match(e[0].summary, /重置密码/);
  assert.ok(!e[0].summary.includes('audit-pass-2'));

  const u = new Client(srv.base);
  assert.equal((await u.login('audit.user', 'audit-pass-2')).status, 200);
  s = await lastSeq();
  assert.equal((await u.post('/api/me/password', { old_password: 'audit-pass-2', new_password: 'audit-pass-3' })).status, 200);
  e = await since(s);
  assert.deepEqual(brief(e), [['audit.user', 'user.password', 'audit.user']]);
  assert.ok(!JSON.stringify(e).includes('audit-pass-3'));
});

test('calendar imports are audited; refused requests write nothing', async () => {
  let s = await lastSeq();
  const r = await admin.req('POST', '/api/calendar/import', { body: 'date,kind,name\n2027-01-01,off,元旦\n', headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, r.text);
  const e = await since(s);
  assert.deepEqual(brief(e), [['admin', 'calendar.import', 'calendar']]);
  assert.match(e[0].summary, /2027/);

  s = await lastSeq();
  errorOf(assert, await admin.post('/api/users', { username: 'x', name: 'x', password: 'passw0rd-ok', roles: ['guide'] }), 422, 'field_invalid');
  errorOf(assert, await duban.post('/api/users', { username: 'by.duban', name: 'x', password: 'passw0rd-ok', roles: ['guide'] }), 403, 'forbidden');
  errorOf(assert, await admin.req('POST', '/api/calendar/import', { body: 'date,kind,name\n2027-01-04,work,x\n', headers: { 'Content-Type': 'text/csv' } }), 422, 'field_invalid');
  errorOf(assert, await admin.post('/api/users', { username: 'audit.user', name: 'x', password: 'passw0rd-ok', roles: ['guide'] }), 409, 'conflict');
  assert.equal((await admin.get('/api/users')).status, 200); // reads are not state changes
  assert.equal(await lastSeq(), s);
});

test('GET /api/audit/verify and `yichuang audit verify` say the chain is intact', async () => {
  const n = await lastSeq();
  const r = await duban.get('/api/audit/verify');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { ok: true, entries: n });
  const cli = await run(['audit', 'verify', '--db', srv.db.url]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cli.stdout, `audit chain intact: ${n} entries\n`);
  for (const args of [['audit'], ['audit', 'check'], ['audit', 'verify', 'extra']]) {
    const u = await run([...args, '--db', srv.db.url]);
    assert.equal(u.code, 2, args.join(' '));
    assert.match(u.stderr, /usage: yichuang audit verify/);
  }
});

test('personal numbers never appear in clear in the server log or the audit log', async () => {
  const id = residentId('43052219850612003');
  const masked = '*'.repeat(14) + id.slice(-4);
  const r = await admin.post('/api/check/id', { number: id });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { ok: true, masked, birth_date: '1985-06-12', sex: '男', region: '430522' });
  // a wrong check character: the error names the reason, not the number
  const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  const e = errorOf(assert, await admin.post('/api/check/id', { number: bad }), 422, 'check_failed');
  assert.match(e.message, /bad_check/);
  assert.ok(!e.message.includes(bad.slice(0, 14)));
  // people type their ID number where the username goes; and into URLs
  errorOf(assert, await new Client(srv.base).login(id, 'whatever-pw'), 401, 'bad_credentials');
  errorOf(assert, await admin.get(`/api/users/${id}`), 405, 'method_not_allowed');
  errorOf(assert, await admin.patch(`/api/users/${id}`, { name: 'x' }), 404, 'not_found');
  errorOf(assert, await admin.get(`/api/workdays/is?date=${id}`), 422, 'field_invalid');
  const failed = (await page('limit=5')).find((x) => x.action === 'session.login_failed');
  assert.equal(failed.object, masked);
  // the access lines are written after the answers: wait for the last one
  const last = await admin.get(`/api/nothing/${id}`);
  const rid = last.headers.get('x-request-id');
  const deadline = Date.now() + 3000;
  while (!srv.log().includes(`access ${rid} `) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
  const log = srv.log();
  assert.ok(log.includes(`access ${rid} `));
  assert.ok(log.includes(`/api/nothing/${masked}`), 'the path is logged, masked');
  for (const needle of [id, bad, id.slice(0, 14)]) {
    assert.ok(!log.includes(needle), `server log holds ${needle}`);
    assert.ok(!JSON.stringify(await page()).includes(needle), `audit log holds ${needle}`);
  }
  const v = await duban.get('/api/audit/verify');
  assert.equal(v.json.ok, true, 'masking happens before hashing');
});

test('the database refuses UPDATE and DELETE on audit_log', async () => {
  const first = (await page()).at(-1);
  for (const stmt of ['UPDATE audit_log SET summary = \'tampered\' WHERE seq = 1', 'DELETE FROM audit_log WHERE seq = 1', 'DELETE FROM audit_log']) {
    const r = sql(srv.db, stmt);
    assert.notEqual(r.code, 0, `${stmt} was allowed`);
    assert.match(r.stderr, /append-only/, stmt);
  }
  if (BACKEND === 'postgresql') {
    const r = sql(srv.db, 'TRUNCATE audit_log');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /append-only/);
  }
  const again = (await page()).at(-1);
  assert.deepEqual(again, first);
  assert.equal((await duban.get('/api/audit/verify')).json.ok, true);
});

test('a tampered entry is named by its seq, over HTTP and from the command line (exit 1)', async () => {
  const n = await lastSeq();
  const victim = n - 3;
  const tamper = BACKEND === 'postgresql'
    ? `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET summary = summary || '（改）' WHERE seq = ${victim}`
    : `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET summary = summary || '（改）' WHERE seq = ${victim}`;
  const t = sql(srv.db, tamper);
  assert.equal(t.code, 0, t.stderr);
  assert.match((await page()).find((e) => e.seq === victim).summary, /（改）$/);
  const r = await duban.get('/api/audit/verify');
  assert.equal(r.status, 200);
  assert.equal(r.json.ok, false);
  assert.equal(r.json.broken_seq, victim);
  assert.equal(r.json.entries, victim - 1);
  assert.equal(typeof r.json.reason, 'string');
  assert.ok(r.json.reason.length > 0);
  const cli = await run(['audit', 'verify', '--db', srv.db.url]);
  assert.equal(cli.code, 1);
  assert.match(cli.stderr, new RegExp(`broken at entry ${victim}\\b`));
  // new entries still append, and the break stays where it is
  assert.equal((await new Client(srv.base).login('daoban', DEMO_PASSWORD)).status, 200);
  assert.equal(await lastSeq(), n + 1);
  const again = await admin.get('/api/audit/verify');
  assert.equal(again.json.broken_seq, victim);
});
