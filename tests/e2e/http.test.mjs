// HTTP behaviour end to end: the static UI (ETags, caching, history-mode fallback, 404s), request
// ids in responses and in the access log, the Prometheus metrics, and keep-alive connections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, errorOf, ROOT } from './lib.mjs';

let srv;
let anon;
const DIST = join(ROOT, 'web/dist');
const INDEX = readFileSync(join(DIST, 'index.html'));
const ASSETS = readdirSync(join(DIST, 'assets'));
const JS = ASSETS.find((f) => f.endsWith('.js'));
const CSS = ASSETS.find((f) => f.endsWith('.css'));

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
});
after(async () => { await srv.stop(); });

const get = (path, headers = {}) => fetch(srv.base + path, { headers, redirect: 'manual' });
const bytes = async (r) => Buffer.from(await r.arrayBuffer());

// Wait until the access log has the line of request `id` (it is written once the answer is sent).
async function accessLine(id) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const line = srv.log().split('\n').find((l) => l.includes(` access ${id} `));
    if (line || Date.now() > deadline) return line;
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

test('GET / is index.html with a strong ETag and Cache-Control: no-cache; If-None-Match gives 304', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  const etag = r.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.deepEqual(await bytes(r), INDEX);
  const same = await get('/index.html');
  assert.equal(same.headers.get('etag'), etag);
  assert.deepEqual(await bytes(same), INDEX);

  const cached = await get('/', { 'If-None-Match': etag });
  assert.equal(cached.status, 304);
  assert.equal(cached.headers.get('etag'), etag);
  assert.equal((await bytes(cached)).length, 0);
  assert.ok(cached.headers.get('x-request-id'));
  const stale = await get('/', { 'If-None-Match': '"0123456789abcdef0123456789abcdef"' });
  assert.equal(stale.status, 200);
  assert.deepEqual(await bytes(stale), INDEX);

  const head = await fetch(srv.base + '/', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('etag'), etag);
  assert.equal((await bytes(head)).length, 0);
});

test('files under /assets/ are immutable, typed by extension, and revalidate by ETag', async () => {
  assert.ok(JS && CSS, 'web/dist has built assets');
  for (const [file, type] of [[JS, 'text/javascript; charset=utf-8'], [CSS, 'text/css; charset=utf-8']]) {
    const r = await get(`/assets/${file}`);
    assert.equal(r.status, 200, file);
    assert.equal(r.headers.get('content-type'), type);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.deepEqual(await bytes(r), readFileSync(join(DIST, 'assets', file)));
    const etag = r.headers.get('etag');
    assert.equal((await get(`/assets/${file}`, { 'If-None-Match': etag })).status, 304);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  }
  const icon = await get('/favicon.svg');
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  assert.equal(icon.headers.get('cache-control'), 'no-cache');
});

test('UI routes without a file extension fall back to index.html', async () => {
  for (const path of ['/staff/users', '/staff/users/', '/login', '/staff/audit/123', '/a/b/c/d']) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', path);
    assert.equal(r.headers.get('cache-control'), 'no-cache', path);
    assert.deepEqual(await bytes(r), INDEX, path);
  }
});

test('an unknown file with an extension is 404 in the JSON error shape', async () => {
  for (const path of ['/nope.js', '/assets/missing-abc123.js', '/staff/users.json', '/favicon.ico', '/assets/']) {
    const r = await anon.get(path);
    if (path === '/assets/') {
      // a directory has no extension: a UI route
      assert.equal(r.status, 200);
      continue;
    }
    const e = errorOf(assert, r, 404, 'not_found');
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.ok(e.message.includes(path), e.message);
    assert.equal(e.field, null);
  }
});

test('every response carries a unique X-Request-Id, and its access log line has it', async () => {
  const admin = new Client(srv.base);
  await admin.login('admin');
  const etag = (await get('/')).headers.get('etag');
  const calls = [
    ['GET', '/', {}, 200],
    ['GET', '/', { headers: { 'If-None-Match': etag } }, 304],
    ['GET', '/nope.js', {}, 404],
    ['GET', '/api/health', {}, 200],
    ['GET', '/api/users', {}, 401],
    ['PUT', '/api/users', {}, 405],
    ['GET', '/api/nope', {}, 404],
    ['POST', '/api/session', { body: '{', headers: { 'Content-Type': 'application/json' } }, 400],
    ['POST', '/api/session', { body: 'x'.repeat(5000), headers: { 'Content-Type': 'application/json' } }, 413],
    ['GET', '/metrics', {}, 200],
  ];
  const ids = new Set();
  for (const [method, path, opts, status] of calls) {
    const r = await anon.req(method, path, opts);
    assert.equal(r.status, status, `${method} ${path}`);
    const id = r.headers.get('x-request-id');
    // 16 hex digits, the first a letter: an id starting with 11 or 15-18 digits would be masked
    // as a phone or ID number in the access log
    assert.match(id ?? '', /^[a-f][0-9a-f]{15}$/, `${method} ${path}`);
    assert.ok(!ids.has(id), 'ids are unique');
    ids.add(id);
    const line = await accessLine(id);
    assert.ok(line, `no access line for ${id} (${method} ${path})`);
    assert.ok(line.includes(` access ${id} 127.0.0.1 ${method} ${path} ${status} `), line);
    assert.match(line, / user=-$/);
  }
  const r = await admin.get('/api/users');
  const line = await accessLine(r.headers.get('x-request-id'));
  assert.match(line, / GET \/api\/users 200 [\d.]+ms user=admin$/);
});

// Prometheus text as { 'name{labels}': value }.
async function metrics() {
  const r = await anon.get('/metrics');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const out = {};
  for (const line of r.text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+) (\S+)$/.exec(line);
    assert.ok(m, `bad metrics line: ${line}`);
    out[m[1]] = Number(m[2]);
  }
  return { text: r.text, v: out };
}
const reqs = (route, status) => `yc_http_requests_total{route="${route}",status="${status}"}`;

// The counters are bumped when a request completes, just after its answer: poll briefly.
async function metricsUntil(pred) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const m = await metrics();
    if (pred(m.v) || Date.now() > deadline) return m;
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

test('GET /metrics: requests by route pattern and status, the latency histogram, the database errors', async () => {
  const { text, v } = await metrics();
  assert.match(text, /^# TYPE yc_http_requests_total counter$/m);
  assert.match(text, /^# TYPE yc_http_request_duration_seconds histogram$/m);
  assert.match(text, /^# TYPE yc_db_errors_total counter$/m);
  assert.equal(v.yc_db_errors_total, 0);
  const health0 = v[reqs('/api/health', 200)] ?? 0;
  const pattern0 = v[reqs('/api/users/{}', 401)] ?? 0;
  const unknown0 = v[reqs('unknown', 404)] ?? 0;
  const static0 = v[reqs('static', 200)] ?? 0;
  for (let i = 0; i < 3; i++) assert.equal((await anon.get('/api/health')).status, 200);
  errorOf(assert, await anon.patch('/api/users/12345', { name: 'x' }), 401, 'unauthenticated');
  errorOf(assert, await anon.get('/api/nope'), 404, 'not_found');
  assert.equal((await anon.get('/staff/users')).status, 200);
  // settled: the last request is counted, and the counters agree (a /metrics answer races with
  // the completion of the request before it)
  const settled = (m) => m[reqs('static', 200)] === static0 + 1 && m[reqs('unknown', 404)] === unknown0 + 1 &&
    Object.entries(m).filter(([k]) => k.startsWith('yc_http_requests_total')).reduce((s, [, n]) => s + n, 0) === m.yc_http_request_duration_seconds_count;
  const after = await metricsUntil(settled);
  assert.equal(after.v[reqs('/api/health', 200)], health0 + 3);
  assert.equal(after.v[reqs('/api/users/{}', 401)], pattern0 + 1, 'labelled by pattern, not by path');
  assert.equal(after.v[reqs('unknown', 404)], unknown0 + 1);
  assert.equal(after.v[reqs('static', 200)], static0 + 1);
  assert.ok(!after.text.includes('12345'), 'no raw paths as labels');
  assert.ok(after.v[reqs('/metrics', 200)] >= 1);
  // the histogram: cumulative buckets ending in +Inf = count
  const buckets = Object.entries(after.v).filter(([k]) => k.startsWith('yc_http_request_duration_seconds_bucket'));
  assert.ok(buckets.length >= 2);
  assert.equal(buckets.at(-1)[0], 'yc_http_request_duration_seconds_bucket{le="+Inf"}');
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i][1] >= buckets[i - 1][1], 'cumulative');
  const count = after.v.yc_http_request_duration_seconds_count;
  assert.equal(buckets.at(-1)[1], count);
  const total = Object.entries(after.v).filter(([k]) => k.startsWith('yc_http_requests_total')).reduce((s, [, n]) => s + n, 0);
  assert.equal(total, count, 'every request is in both');
  assert.ok(after.v.yc_http_request_duration_seconds_sum > 0);
  assert.equal(after.v.yc_db_errors_total, 0);
});

test('keep-alive: several requests, including errors, share one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = (method, path, body) => new Promise((ok, fail) => {
    const req = http.request(srv.base + path, { method, agent, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks = [];
      const port = res.socket.localPort;
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => ok({ status: res.statusCode, reused: req.reusedSocket, port, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end(body);
  });
  const seq = [
    ['GET', '/api/health', undefined, 200],
    ['GET', '/', undefined, 200],
    ['GET', '/api/nope', undefined, 404],
    ['POST', '/api/session', '{"username":"nobody-ka","password":"wrong-pass"}', 401],
    ['GET', '/metrics', undefined, 200],
    ['GET', `/assets/${JS}`, undefined, 200],
    ['GET', '/api/health', undefined, 200],
  ];
  const got = [];
  for (const [method, path, body, status] of seq) {
    const r = await once(method, path, body);
    assert.equal(r.status, status, `${method} ${path}`);
    got.push(r);
  }
  agent.destroy();
  assert.equal(got[0].reused, false);
  assert.deepEqual(got.slice(1).map((r) => r.reused), got.slice(1).map(() => true));
  assert.equal(new Set(got.map((r) => r.port)).size, 1, 'one local port');
  assert.deepEqual(got[1].body, INDEX);
});
