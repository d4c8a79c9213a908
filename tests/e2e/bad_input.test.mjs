// Bad input end to end: every kind of bad request named in docs/api.md gets its documented error,
// nothing is written, and the server keeps serving (checked after each group).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, errorOf, sql, tokenHash, rawHttp, ROOT, DEMO_PASSWORD } from './lib.mjs';

let srv;
let admin; // a logged-in admin, reused by most tests
let clerk; // a logged-in front-desk clerk
const INDEX_HTML = readFileSync(join(ROOT, 'web/dist/index.html'), 'utf8');

before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  clerk = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  assert.equal((await clerk.login('qiantai')).status, 200);
});
after(async () => { await srv.stop(); });

// The server still answers, and the admin session still works.
async function alive() {
  const h = await new Client(srv.base).get('/api/health');
  assert.equal(h.status, 200, h.text);
  assert.equal(h.json.status, 'ok');
  const me = await admin.get('/api/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.user.username, 'admin');
}

// A request with a raw body (string or bytes) and explicit headers in the admin's session.
function send(client, method, path, body, headers = {}) {
  return client.req(method, path, { body, headers });
}
const JSON_CT = { 'Content-Type': 'application/json' };
const validUser = (over = {}) => ({ username: `u${Date.now() % 1e9}${Math.floor(Math.random() * 1e4)}`, name: '测试用户', password: 'passw0rd-ok', roles: ['guide'], ...over });

async function usernames() {
  const r = await admin.get('/api/users');
  assert.equal(r.status, 200);
  return r.json.users.map((u) => u.username);
}

test('malformed JSON, non-objects and duplicate keys are 400 bad_json', async () => {
  const bodies = [
    '{"username": "x", ',          // truncated
    '{username: "x"}',              // unquoted key
    "{'username': 'x'}",            // single quotes
    '{"username": "x"} trailing',   // garbage after the object
    '',                              // empty
    '[{"username": "x"}]',          // an array, not an object
    '"just a string"',
    '42',
    'null',
    '{"username": "dupe1", "name": "a", "password": "passw0rd-ok", "roles": ["guide"], "username": "dupe2"}',
    '['.repeat(100000),              // deep nesting must not crash the parser
  ];
  for (const b of bodies) {
    errorOf(assert, await send(admin, 'POST', '/api/users', b, JSON_CT), 400, 'bad_json');
  }
  errorOf(assert, await send(new Client(srv.base), 'POST', '/api/session', '{"username":', JSON_CT), 400, 'bad_json');
  errorOf(assert, await send(new Client(srv.base), 'POST', '/api/session', '["admin", "x"]', JSON_CT), 400, 'bad_json');
  errorOf(assert, await send(admin, 'PATCH', '/api/users/2', '[]', JSON_CT), 400, 'bad_json');
  errorOf(assert, await send(admin, 'POST', '/api/check/id', '{"number": "1", "number": "2"}', JSON_CT), 400, 'bad_json');
  const names = await usernames();
  assert.ok(!names.includes('dupe1') && !names.includes('dupe2'));
  await alive();
});

test('wrong JSON types are 400 field_type naming the field', async () => {
  const cases = [
    ['POST', '/api/users', validUser({ username: 12345 }), 'username'],
    ['POST', '/api/users', validUser({ name: ['a'] }), 'name'],
    ['POST', '/api/users', validUser({ roles: 'admin' }), 'roles'],
    ['POST', '/api/users', validUser({ roles: ['admin', 3] }), 'roles'],
    ['POST', '/api/users', validUser({ department_id: '3' }), 'department_id'],
    ['POST', '/api/users', validUser({ department_id: 1.5 }), 'department_id'],
    ['PATCH', '/api/users/4', { disabled: 'yes' }, 'disabled'],
    ['PATCH', '/api/users/4', { name: 7 }, 'name'],
    ['POST', '/api/check/id', { number: 430102199001011234 }, 'number'],
    ['POST', '/api/check/uscc', { code: true }, 'code'],
    ['POST', '/api/me/password', { old_password: DEMO_PASSWORD, new_password: 12345678 }, 'new_password'],
  ];
  for (const [method, path, body, field] of cases) {
    const e = errorOf(assert, await admin.req(method, path, { json: body }), 400, 'field_type');
    assert.equal(e.field, field, `${method} ${path} ${JSON.stringify(body)}`);
  }
  const e = errorOf(assert, await new Client(srv.base).post('/api/session', { username: 'admin', password: 12345678 }), 400, 'field_type');
  assert.equal(e.field, 'password');
  await alive();
});

test('missing required fields are 400 field_required naming the field (null counts as missing)', async () => {
  const cases = [
    ['/api/users', { name: 'x', password: 'passw0rd-ok', roles: ['guide'] }, 'username'],
    ['/api/users', validUser({ name: undefined }), 'name'],
    ['/api/users', validUser({ password: undefined }), 'password'],
    ['/api/users', validUser({ roles: undefined }), 'roles'],
    ['/api/users', validUser({ username: null }), 'username'],
    ['/api/me/password', { new_password: 'something-new' }, 'old_password'],
    ['/api/me/password', { old_password: DEMO_PASSWORD }, 'new_password'],
    ['/api/check/id', {}, 'number'],
    ['/api/check/uscc', {}, 'code'],
  ];
  for (const [path, body, field] of cases) {
    const e = errorOf(assert, await admin.post(path, body), 400, 'field_required');
    assert.equal(e.field, field, `${path} ${JSON.stringify(body)}`);
  }
  const anon = new Client(srv.base);
  assert.equal(errorOf(assert, await anon.post('/api/session', {}), 400, 'field_required').field, 'username');
  assert.equal(errorOf(assert, await anon.post('/api/session', { username: 'admin' }), 400, 'field_required').field, 'password');
  assert.equal(errorOf(assert, await anon.post('/api/session', { username: 'admin', password: null }), 400, 'field_required').field, 'password');
  await alive();
});

test('unknown fields are 400 field_unknown naming the field; nothing is written', async () => {
  const u = validUser({ email: 'a@example.com' });
  const e1 = errorOf(assert, await admin.post('/api/users', u), 400, 'field_unknown');
  assert.equal(e1.field, 'email');
  assert.ok(!(await usernames()).includes(u.username));
  const e2 = errorOf(assert, await admin.patch('/api/users/4', { username: 'renamed' }), 400, 'field_unknown');
  assert.equal(e2.field, 'username');
  const e3 = errorOf(assert, await new Client(srv.base).post('/api/session', { username: 'admin', password: DEMO_PASSWORD, remember: true }), 400, 'field_unknown');
  assert.equal(e3.field, 'remember');
  const e4 = errorOf(assert, await admin.post('/api/check/id', { number: '1', id: '2' }), 400, 'field_unknown');
  assert.equal(e4.field, 'id');
  await alive();
});

test('invalid UTF-8 in a JSON body is 400 bad_utf8', async () => {
  const bad = [
    Buffer.from([0x7b, 0x22, 0x6e, 0x75, 0x6d, 0x62, 0x65, 0x72, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), // {"number":"\xff"}
    Buffer.concat([Buffer.from('{"number":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),          // overlong '/'
    Buffer.concat([Buffer.from('{"number":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),    // a UTF-16 surrogate
    Buffer.concat([Buffer.from('{"number":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}')]),          // truncated 中
  ];
  for (const b of bad) {
    errorOf(assert, await send(admin, 'POST', '/api/check/id', b, JSON_CT), 400, 'bad_utf8');
  }
  const u = validUser();
  const body = Buffer.concat([Buffer.from(JSON.stringify(u).slice(0, -1)), Buffer.from(',"x":"'), Buffer.from([0xfe]), Buffer.from('"}')]);
  errorOf(assert, await send(admin, 'POST', '/api/users', body, JSON_CT), 400, 'bad_utf8');
  assert.ok(!(await usernames()).includes(u.username));
  errorOf(assert, await send(new Client(srv.base), 'POST', '/api/session', Buffer.from([0x7b, 0xff, 0x7d]), JSON_CT), 400, 'bad_utf8');
  await alive();
});

test('oversized bodies are 413 body_too_large: 1 MiB on JSON routes, 4 KiB on POST /api/session', async () => {
  const pad = (n) => `{"username": "${'a'.repeat(n)}"}`;
  const big = pad(1 << 20); // a little over 1 MiB
  errorOf(assert, await send(admin, 'POST', '/api/users', big, JSON_CT), 413, 'body_too_large');
  errorOf(assert, await send(admin, 'PATCH', '/api/users/4', big, JSON_CT), 413, 'body_too_large');
  errorOf(assert, await send(admin, 'POST', '/api/check/id', big, JSON_CT), 413, 'body_too_large');
  errorOf(assert, await send(new Client(srv.base), 'POST', '/api/users', big, JSON_CT), 413, 'body_too_large');
  errorOf(assert, await send(admin, 'POST', '/api/calendar/import', 'date,kind,name\n' + 'x'.repeat(1 << 20), { 'Content-Type': 'text/csv' }), 413, 'body_too_large');
  // POST /api/session and /api/me/password take 4 KiB
  errorOf(assert, await send(new Client(srv.base), 'POST', '/api/session', pad(5000), JSON_CT), 413, 'body_too_large');
  errorOf(assert, await send(admin, 'POST', '/api/me/password', pad(5000), JSON_CT), 413, 'body_too_large');
  // exactly 4096 bytes is still read: a well-formed login padded with whitespace
  const login = JSON.stringify({ username: 'no-such-user-413', password: 'whatever-pw' });
  const exact = login.slice(0, -1) + ' '.repeat(4096 - login.length) + '}';
  assert.equal(Buffer.byteLength(exact), 4096);
  errorOf(assert, await send(new Client(srv.base), 'POST', '/api/session', exact, JSON_CT), 401, 'bad_credentials');
  errorOf(assert, await send(new Client(srv.base), 'POST', '/api/session', exact + ' ', JSON_CT), 413, 'body_too_large');
  // a body just under 1 MiB reaches the handler
  const almost = JSON.stringify({ number: 'x' }).slice(0, -1) + ' '.repeat((1 << 20) - 20) + '}';
  assert.ok(Buffer.byteLength(almost) <= 1 << 20);
  errorOf(assert, await send(admin, 'POST', '/api/check/id', almost, JSON_CT), 422, 'check_failed');
  await alive();
});

test('a JSON route refuses other content types with 415', async () => {
  const body = JSON.stringify(validUser());
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'text/csv', 'multipart/form-data; boundary=x',
    'application/jsonx', 'application/json-patch+json', 'application/json5']) {
    const e = errorOf(assert, await send(admin, 'POST', '/api/users', body, { 'Content-Type': ct }), 415, 'unsupported_media_type');
    assert.equal(e.field, 'Content-Type');
  }
  // no Content-Type at all (bytes, so fetch adds none)
  errorOf(assert, await send(admin, 'POST', '/api/users', Buffer.from(body), {}), 415, 'unsupported_media_type');
  errorOf(assert, await send(new Client(srv.base), 'POST', '/api/session', 'username=admin&password=x', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  // the calendar import wants text/csv
  const e = errorOf(assert, await send(admin, 'POST', '/api/calendar/import', '{"csv": "date,kind,name"}', JSON_CT), 415, 'unsupported_media_type');
  assert.equal(e.field, 'Content-Type');
  errorOf(assert, await send(admin, 'POST', '/api/calendar/import', 'date,kind,name\n', { 'Content-Type': 'text/csvx' }), 415, 'unsupported_media_type');
  // a charset parameter is fine, and media types are case-insensitive
  for (const ct of ['application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON']) {
    errorOf(assert, await send(admin, 'POST', '/api/check/uscc', '{"code": "x"}', { 'Content-Type': ct }), 422, 'check_failed');
  }
  errorOf(assert, await send(admin, 'POST', '/api/calendar/import', 'date,kind,name\n', { 'Content-Type': 'text/csv; charset=utf-8' }), 422, 'field_invalid');
  await alive();
});

test('invalid UTF-8 in a path or a query parameter is 400 bad_utf8', async () => {
  for (const path of ['/%FF', '/api/%C3%28', '/staff/%E4%B8', '/assets/%ED%A0%80.js', '/api/users/%FF']) {
    errorOf(assert, await admin.get(path), 400, 'bad_utf8');
  }
  const e = errorOf(assert, await admin.get('/api/workdays/is?date=%FF'), 400, 'bad_utf8');
  assert.equal(e.field, 'date');
  const e2 = errorOf(assert, await admin.get('/api/calendar?year=2026%C0%AF'), 400, 'bad_utf8');
  assert.equal(e2.field, 'year');
  // a NUL must not silently cut a parameter short ("2025-10-11\0junk" is not 2025-10-11)
  const e3 = errorOf(assert, await admin.get('/api/workdays/is?date=2025-10-11%00junk'), 400, 'bad_utf8');
  assert.equal(e3.field, 'date');
  assert.equal((await admin.get('/api/workdays/is?date=2025-10-11')).json.kind, 'work');
  await alive();
});

test('static path traversal is 400 bad_path (or 404) and never serves a file outside web/dist', async () => {
  const raw = (path) => rawHttp(srv.base, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  const traversals = [
    '/../etc/passwd',
    '/../../../../../../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
    '/assets/..%2f..%2f..%2fetc/passwd',
    '/..\\..\\etc\\passwd',
    '/assets\\..\\index.html',
    '/%5c..%5c..%5cetc%5cpasswd',
    '/index.html/..',
  ];
  for (const path of traversals) {
    const r = await raw(path);
    assert.equal(r.status, 400, `${path}: ${r.status} ${r.body.slice(0, 200)}`);
    assert.equal(r.json?.error?.code, 'bad_path', path);
    assert.ok(r.headers['x-request-id'], path);
  }
  // a NUL would cut the path short inside the HTTP library; it must be refused, not served
  for (const path of ['/%00/../../etc/passwd', '/index.html%00.png', '/a%00b']) {
    const r = await raw(path);
    assert.equal(r.status, 400, `${path}: ${r.status}`);
    assert.equal(r.json?.error?.code, 'bad_path', path);
  }
  // under /api/ the same paths are simply unknown routes
  const r = await raw('/api/../../etc/passwd');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  // paths that look like system files but have no dot are UI routes: index.html, nothing else
  for (const path of ['/etc/passwd', '//etc/passwd', '/proc/self/environ', '/.git/config']) {
    const s = await raw(path);
    assert.equal(s.status, 200, path);
    assert.equal(s.body, INDEX_HTML, path);
  }
  for (const path of ['/etc/passwd.txt', '/.env', '/.git/HEAD.lock', '/yichuang.db']) {
    const s = await raw(path);
    assert.equal(s.status, 404, path);
    assert.equal(s.json.error.code, 'not_found', path);
  }
  await alive();
});

test('a control character in the path cannot forge a log line', async () => {
  const r = await admin.get('/x%0Aforged-line%20info%20access%20ffffffffffffffff%0D');
  assert.equal(r.status, 200); // a UI route: index.html
  const id = r.headers.get('x-request-id');
  const deadline = Date.now() + 3000;
  while (!srv.log().includes(`access ${id} `) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
  assert.ok(srv.log().includes(`access ${id} `), 'the access line is written');
  const forged = srv.log().split('\n').filter((l) => l.startsWith('forged-line'));
  assert.deepEqual(forged, []);
  assert.ok(!srv.log().includes('\r'));
  await alive();
});

test('unknown routes are 404 not_found; a wrong method is 405 with an Allow header', async () => {
  for (const path of ['/api/nope', '/api', '/api/', '/api/users/1/extra', '/api/health/', '/api/session/x', '/api/USERS']) {
    errorOf(assert, await admin.get(path), 404, 'not_found');
  }
  for (const id of ['abc', '0', '-1', '99999999999999999999', '1.5', '999999']) {
    errorOf(assert, await admin.patch(`/api/users/${id}`, { name: 'x' }), 404, 'not_found');
  }
  const allowed = [
    ['PUT', '/api/users', ['GET', 'POST']],
    ['DELETE', '/api/users', ['GET', 'POST']],
    ['GET', '/api/session', ['POST', 'DELETE']],
    ['PUT', '/api/session', ['POST', 'DELETE']],
    ['POST', '/api/me', ['GET']],
    ['GET', '/api/me/password', ['POST']],
    ['GET', '/api/users/3', ['PATCH']],
    ['DELETE', '/api/users/3', ['PATCH']],
    ['POST', '/api/health', ['GET']],
    ['GET', '/api/calendar/import', ['POST']],
    ['DELETE', '/metrics', ['GET']],
    ['OPTIONS', '/api/users', ['GET', 'POST']],
    ['POST', '/', ['GET']],
    ['DELETE', '/staff/users', ['GET']],
    ['OPTIONS', '/index.html', ['GET']],
  ];
  for (const [method, path, methods] of allowed) {
    const r = await admin.req(method, path, {});
    errorOf(assert, r, 405, 'method_not_allowed');
    const allow = (r.headers.get('allow') || '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const m of methods) assert.ok(allow.includes(m), `${method} ${path}: Allow "${allow}" lacks ${m}`);
    for (const m of allow) assert.ok(methods.includes(m) || m === 'HEAD', `${method} ${path}: Allow "${allow}" has ${m}`);
    assert.ok(!allow.includes(method), `${method} ${path}: Allow lists the refused method`);
  }
  // an unknown method on an unknown path is still a 404
  errorOf(assert, await admin.req('OPTIONS', '/api/nope', {}), 404, 'not_found');
  await alive();
});

test('a forged or malformed session cookie is 401 unauthenticated; public routes still answer', async () => {
  const forged = 'yc_session=' + Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString('base64url');
  assert.equal(forged.length, 'yc_session='.length + 43);
  const cookies = [
    forged,
    'yc_session=abc',
    'yc_session=',
    `yc_session=${'A'.repeat(42)}!`,
    `yc_session=${'A'.repeat(44)}`,
    `yc_session="${'A'.repeat(43)}"`,
    `yc_session=${'%00'.repeat(15)}`,
    ';;;==;',
    'other=1; yc_session',
    `yc_session=${admin.cookie.slice(11, 40)}`, // a prefix of a real token
  ];
  for (const cookie of cookies) {
    const c = new Client(srv.base);
    c.cookie = cookie;
    errorOf(assert, await c.get('/api/me'), 401, 'unauthenticated');
    errorOf(assert, await c.get('/api/users'), 401, 'unauthenticated');
    c.csrf = admin.csrf; // even with a real CSRF token: the session is what counts
    errorOf(assert, await c.post('/api/users', validUser()), 401, 'unauthenticated');
    const h = await c.get('/api/health');
    assert.equal(h.status, 200, cookie);
  }
  // a stale cookie does not stop a login
  const c = new Client(srv.base);
  c.cookie = forged;
  assert.equal((await c.login('daoban')).status, 200);
  assert.notEqual(c.cookie, forged);
  assert.equal((await c.get('/api/me')).json.user.username, 'daoban');
  await alive();
});

test('an idle or too old session is 401 session_expired (time simulated in the database)', async () => {
  const c = new Client(srv.base);
  assert.equal((await c.login('qiantai')).status, 200);
  const h = tokenHash(c.cookie);
  const now = Date.now();
  // 29 minutes idle: still fine
  let r = sql(srv.db, `UPDATE sessions SET last_seen = ${now - 29 * 60 * 1000} WHERE token_hash = '${h}'`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await c.get('/api/me')).status, 200);
  // 31 minutes idle: expired
  r = sql(srv.db, `UPDATE sessions SET last_seen = ${now - 31 * 60 * 1000} WHERE token_hash = '${h}'`);
  assert.equal(r.code, 0, r.stderr);
  errorOf(assert, await c.get('/api/me'), 401, 'session_expired');
  errorOf(assert, await c.post('/api/check/id', { number: '1' }), 401, 'session_expired');
  assert.equal((await c.get('/api/health')).status, 200);

  // past the absolute limit, though active a moment ago
  const d = new Client(srv.base);
  assert.equal((await d.login('qiantai')).status, 200);
  r = sql(srv.db, `UPDATE sessions SET expires_at = ${Date.now() - 1000}, last_seen = ${Date.now()} WHERE token_hash = '${tokenHash(d.cookie)}'`);
  assert.equal(r.code, 0, r.stderr);
  errorOf(assert, await d.get('/api/me'), 401, 'session_expired');
  errorOf(assert, await d.del('/api/session'), 401, 'session_expired');
  // the other sessions of the user are untouched
  assert.equal((await clerk.get('/api/me')).status, 200);
  await alive();
});

test('state-changing requests need the session\'s X-CSRF-Token: 403 csrf_missing / csrf_invalid', async () => {
  const u = validUser();
  const calls = [
    ['POST', '/api/users', u],
    ['PATCH', '/api/users/4', { name: 'CSRF 改名' }],
    ['POST', '/api/me/password', { old_password: DEMO_PASSWORD, new_password: 'csrf-new-password' }],
    ['POST', '/api/check/id', { number: '1' }],
    ['DELETE', '/api/session', undefined],
  ];
  for (const [method, path, json] of calls) {
    const missing = await admin.req(method, path, { json, csrf: false });
    assert.equal(errorOf(assert, missing, 403, 'csrf_missing').field, 'X-CSRF-Token');
    for (const token of ['0'.repeat(32), admin.csrf.slice(0, -1), admin.csrf + '0', clerk.csrf, admin.csrf.toUpperCase() === admin.csrf ? 'x' : admin.csrf.toUpperCase()]) {
      const wrong = await admin.req(method, path, { json, csrf: false, headers: { 'X-CSRF-Token': token } });
      assert.equal(errorOf(assert, wrong, 403, 'csrf_invalid').field, 'X-CSRF-Token');
    }
    const empty = await admin.req(method, path, { json, csrf: false, headers: { 'X-CSRF-Token': '' } });
    errorOf(assert, empty, 403, 'csrf_missing');
  }
  // nothing happened: no user, no rename, the old password and the session still work
  assert.ok(!(await usernames()).includes(u.username));
  const users = (await admin.get('/api/users')).json.users;
  assert.notEqual(users.find((x) => x.id === 4).name, 'CSRF 改名');
  await alive();
  const again = new Client(srv.base);
  assert.equal((await again.login('admin')).status, 200);
  // GET needs no token
  assert.equal((await admin.get('/api/users', { csrf: false })).status, 200);
});

describe('login throttling (its own server: the per-address limit locks the address out)', () => {
  let t;
  before(async () => { t = await startServer(); });
  after(async () => { await t.stop(); });

  test('the 6th failed login for one account in the window is 429 throttled with Retry-After; the right password is refused too', async () => {
    for (let i = 1; i <= 5; i++) {
      errorOf(assert, await new Client(t.base).login('qiantai', `wrong-${i}`), 401, 'bad_credentials');
    }
    const sixth = await new Client(t.base).login('qiantai', 'wrong-6');
    errorOf(assert, sixth, 429, 'throttled');
    const retry = Number(sixth.headers.get('retry-after'));
    assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 900, `Retry-After ${sixth.headers.get('retry-after')}`);
    const right = await new Client(t.base).login('qiantai', DEMO_PASSWORD);
    errorOf(assert, right, 429, 'throttled');
    assert.ok(Number(right.headers.get('retry-after')) > 0);
    // other accounts from the same address are not locked (5 failures < 20)
    assert.equal((await new Client(t.base).login('daoban')).status, 200);
    assert.equal((await new Client(t.base).get('/api/health')).status, 200);
  });

  test('20 failed logins from one address with different usernames lock the address (429)', async () => {
    // 5 failures so far from this address (the throttled attempts do not count)
    for (let i = 6; i <= 20; i++) {
      errorOf(assert, await new Client(t.base).login(`nobody${i}`, 'wrong-password'), 401, 'bad_credentials');
    }
    const r = await new Client(t.base).login('nobody21', 'wrong-password');
    errorOf(assert, r, 429, 'throttled');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
    errorOf(assert, await new Client(t.base).login('shenpi'), 429, 'throttled');
    assert.equal((await new Client(t.base).get('/api/health')).status, 200);
  });
});
