// The authorisation matrix: every route of src/http/routes.c against the six demo roles and an
// anonymous client. The expectations are written out by hand from docs/api.md, not derived from
// the server's own table (src/svc/perm.c): "ok" means a 2xx answer to a valid request, 401 is
// unauthenticated, 403 is forbidden.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, errorOf, ROOT, DEMO_PASSWORD, residentId, uscc } from './lib.mjs';

// columns, in this order
const WHO = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'anonymous'];
// duban = supervisor, qiantai = front_desk, daoban = guide, shenpi = back_office, fenguan = dept_head

const CSV_2027 = 'date,kind,name\n2027-01-01,off,元旦\n2027-02-06,work,春节\n';
let seq = 0;

// route -> expected per column (admin duban qiantai daoban shenpi fenguan anonymous) and a valid
// request. `fresh`: the request ends the session, so it gets a session of its own.
const MATRIX = {
  // public
  'GET /api/health':           { expect: 'ok  ok  ok  ok  ok  ok  ok', req: () => ({ path: '/api/health' }) },
  'GET /metrics':              { expect: 'ok  ok  ok  ok  ok  ok  ok', req: () => ({ path: '/metrics' }) },
  'POST /api/session':         { expect: 'ok  ok  ok  ok  ok  ok  ok', req: (who) => ({ path: '/api/session', json: { username: who === 'anonymous' ? 'daoban' : who, password: DEMO_PASSWORD } }) },
  // any session
  'DELETE /api/session':       { expect: 'ok  ok  ok  ok  ok  ok  401', fresh: true, req: () => ({ path: '/api/session' }) },
  'GET /api/me':               { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/me' }) },
  'POST /api/me/password':     { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/me/password', json: { old_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD } }) },
  'GET /api/departments':      { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/departments' }) },
  'GET /api/workdays/add':     { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/workdays/add?date=2025-09-30&n=5' }) },
  'GET /api/workdays/between': { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/workdays/between?from=2025-09-30&to=2025-10-14' }) },
  'GET /api/workdays/is':      { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/workdays/is?date=2025-10-11' }) },
  'GET /api/calendar':         { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/calendar?year=2026' }) },
  'POST /api/check/id':        { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/check/id', json: { number: residentId('43010219900101123') } }) },
  'POST /api/check/uscc':      { expect: 'ok  ok  ok  ok  ok  ok  401', req: () => ({ path: '/api/check/uscc', json: { code: uscc('91430500MA4L0K2X1') } }) },
  // administrators only
  'GET /api/users':            { expect: 'ok  403 403 403 403 ok  401', req: () => ({ path: '/api/users' }) },
  'POST /api/users':           { expect: 'ok  403 403 403 403 403 401', req: (who) => ({ path: '/api/users', json: { username: `authz_${who}_${seq++}`, name: '矩阵用户', password: 'matrix-pass-1', roles: ['guide'] } }) },
  'PATCH /api/users/{}':       { expect: 'ok  403 403 403 403 403 401', req: (who) => ({ path: `/api/users/${targetId}`, json: { name: `改名-${who}` } }) },
  'POST /api/calendar/import': { expect: 'ok  403 403 403 403 403 401', req: () => ({ path: '/api/calendar/import', body: CSV_2027, headers: { 'Content-Type': 'text/csv' } }) },
  // administrators and supervisors
  'GET /api/audit':            { expect: 'ok  ok  403 403 403 403 401', req: () => ({ path: '/api/audit?limit=10' }) },
  'GET /api/audit/verify':     { expect: 'ok  ok  403 403 403 403 401', req: () => ({ path: '/api/audit/verify' }) },
};

let srv;
let targetId;
const clients = {};

before(async () => {
  srv = await startServer();
  for (const who of WHO) {
    clients[who] = new Client(srv.base);
    if (who !== 'anonymous') assert.equal((await clients[who].login(who)).status, 200, who);
  }
  const t = await clients.admin.post('/api/users', { username: 'authz_target', name: '目标用户', password: 'target-pass-1', roles: ['front_desk'] });
  assert.equal(t.status, 201, t.text);
  targetId = t.json.user.id;
});
after(async () => { await srv.stop(); });

// The route patterns of src/http/routes.c's own lines as "METHOD /pattern", one per method. Each part
// of the centre keeps its routes in src/http/routes_<part>.inc, and its own suite holds the
// matrix for them (checked below).
function routesIn(src) {
  const out = [];
  for (const m of src.matchAll(/\{\s*((?:YC_[A-Z]+\s*\|?\s*)+),\s*"([^"]+)"/g)) {
    for (const method of m[1].split('|').map((s) => s.trim().replace(/^YC_/, '')).filter(Boolean)) {
      out.push(`${method} ${m[2]}`);
    }
  }
  return out;
}

test('the matrix covers every route of src/http/routes.c, and nothing else', () => {
  const routes = routesIn(readFileSync(join(ROOT, 'src/http/routes.c'), 'utf8'));
  assert.ok(routes.length >= 19, `parsed only ${routes.length} routes`);
  assert.deepEqual([...routes].sort(), Object.keys(MATRIX).sort());
  for (const [key, row] of Object.entries(MATRIX)) {
    assert.equal(row.expect.split(/\s+/).length, WHO.length, key);
  }
});

test('every route file of a part has an access matrix in a suite that checks it route by route', () => {
  const src = readFileSync(join(ROOT, 'src/http/routes.c'), 'utf8');
  const suites = readdirSync(join(ROOT, 'tests/e2e')).filter((f) => f.endsWith('.test.mjs') && f !== 'authz.test.mjs')
    .map((f) => readFileSync(join(ROOT, 'tests/e2e', f), 'utf8'));
  for (const inc of src.matchAll(/#include "http\/(routes_[a-z_]+\.inc)"/g)) {
    const routes = routesIn(readFileSync(join(ROOT, 'src/http', inc[1]), 'utf8'));
    if (routes.length === 0) continue;
    const owner = suites.find((t) => t.includes(inc[1]));
    assert.ok(owner, `no suite checks the access matrix of ${inc[1]}`);
    for (const r of routes) assert.ok(owner.includes(`'${r}'`), `${inc[1]}: ${r} has no row in its suite's matrix`);
  }
});

for (const [key, row] of Object.entries(MATRIX)) {
  test(`authorisation: ${key}`, async () => {
    const method = key.split(' ')[0];
    const expect = row.expect.split(/\s+/);
    for (const [i, who] of WHO.entries()) {
      let c = clients[who];
      if (row.fresh && who !== 'anonymous') {
        c = new Client(srv.base);
        assert.equal((await c.login(who)).status, 200);
      } else {
        // a copy, so that a Set-Cookie in the answer does not change the shared client
        c = Object.assign(new Client(srv.base), { cookie: c.cookie, csrf: c.csrf });
      }
      const { path, json, body, headers } = row.req(who);
      const r = await c.req(method, path, { json, body, headers });
      const what = `${key} as ${who}`;
      if (expect[i] === 'ok') {
        assert.ok(r.status >= 200 && r.status < 300, `${what}: expected 2xx, got ${r.status} ${r.text}`);
      } else if (expect[i] === '401') {
        errorOf(assert, r, 401, 'unauthenticated');
      } else if (expect[i] === '403') {
        errorOf(assert, r, 403, 'forbidden');
      } else {
        assert.fail(`bad expectation ${expect[i]} in ${key}`);
      }
    }
  });
}

test('refused requests changed nothing', async () => {
  const users = (await clients.admin.get('/api/users')).json.users;
  const made = users.map((u) => u.username).filter((n) => n.startsWith('authz_') && n !== 'authz_target');
  assert.deepEqual(made, ['authz_admin_0']);
  assert.equal(users.find((u) => u.id === targetId).name, '改名-admin');
  // every role still has its session (the password "change" kept the session that made it)
  for (const who of WHO.slice(0, 6)) {
    assert.equal((await clients[who].get('/api/me')).status, 200, who);
  }
});
