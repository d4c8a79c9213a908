// The spine end to end: health, login, the current user, logout, and the demo accounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, errorOf, BACKEND } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test(`health names the backend (${BACKEND})`, async () => {
  const r = await new Client(srv.base).get('/api/health');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.equal(r.json.db, BACKEND);
  assert.ok(r.json.schema_version >= 1);
  assert.match(r.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
});

test('every demo role logs in, sees itself, and logs out', async () => {
  const roles = { admin: 'admin', duban: 'supervisor', qiantai: 'front_desk', daoban: 'guide', shenpi: 'back_office', fenguan: 'dept_head' };
  for (const [username, role] of Object.entries(roles)) {
    const c = new Client(srv.base);
    const r = await c.login(username);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.user.roles, [role]);
    const cookie = r.headers.get('set-cookie');
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.doesNotMatch(cookie, /Secure/);
    const me = await c.get('/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.user.username, username);
    assert.equal(me.json.csrf_token, c.csrf);
    const out = await c.del('/api/session');
    assert.equal(out.status, 200, out.text);
    assert.equal(c.cookie, '');
  }
});

test('a logged-out cookie no longer works', async () => {
  const c = new Client(srv.base);
  await c.login('qiantai');
  const saved = c.cookie;
  assert.equal((await c.del('/api/session')).status, 200);
  c.cookie = saved;
  errorOf(assert, await c.get('/api/me'), 401, 'unauthenticated');
});

test('wrong password and unknown user look the same', async () => {
  const a = await new Client(srv.base).login('admin', 'not-the-password');
  const b = await new Client(srv.base).login('nobody', 'not-the-password');
  errorOf(assert, a, 401, 'bad_credentials');
  errorOf(assert, b, 401, 'bad_credentials');
  assert.equal(a.json.error.message, b.json.error.message);
});
