// Test rig for the end-to-end suites: starts the real `yichuang serve` on a free port against a new
// SQLite file, or against a new database on the PostgreSQL server named by $YC_TEST_PG (tests/pg.sh
// starts one), and talks to it over HTTP like any client.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const BIN = resolve(ROOT, process.env.YC_BIN || 'build/yichuang');
export const BACKEND = process.env.YC_TEST_PG ? 'postgresql' : 'sqlite';
export const DEMO_PASSWORD = 'yichuang2025';

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

let dbSeq = 0;

// A fresh, empty database: a SQLite file in a temporary folder, or a new PostgreSQL database.
export function freshDb() {
  if (BACKEND === 'postgresql') {
    const name = `yc_test_${process.pid}_${Date.now()}_${dbSeq++}`;
    execFileSync('psql', [`${process.env.YC_TEST_PG}/postgres`, '-qc', `CREATE DATABASE ${name}`]);
    return { url: `${process.env.YC_TEST_PG}/${name}`, cleanup() {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'yc-e2e-'));
  return { url: join(dir, 'yichuang.db'), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Run the binary once (a command-line call) and return {code, stdout, stderr}.
export function run(args, { env = {}, input } = {}) {
  return new Promise((ok) => {
    const p = spawn(BIN, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    if (input !== undefined) p.stdin.end(input);
    else p.stdin.end();
    p.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

// Start `yichuang serve --demo` on a free port. Returns {base, db, log(), stop()}.
export async function startServer({ demo = true, env = {}, args = [], db } = {}) {
  const port = await freePort();
  db = db || freshDb();
  const argv = ['serve', '--listen', `127.0.0.1:${port}`, '--db', db.url, '--web', join(ROOT, 'web/dist'), ...args];
  if (demo) argv.push('--demo');
  const proc = spawn(BIN, argv, { cwd: ROOT, env: { ...process.env, ...env } });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const exited = new Promise((ok) => proc.on('exit', (code, signal) => ok({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early (${proc.exitCode}):\n${log}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    port,
    db,
    log: () => log,
    async stop() {
      proc.kill('SIGTERM');
      const { code, signal } = await exited;
      db.cleanup();
      if (code !== 0) throw new Error(`server exited with ${code ?? signal}:\n${log.slice(-4000)}`);
      return log;
    },
  };
}

// An HTTP client with a cookie jar and the session's CSRF token, like the browser UI.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }

  async req(method, path, { json, body, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    if (json !== undefined) {
      h['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    }
    const r = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
    const setCookie = r.headers.get('set-cookie');
    if (setCookie) {
      const m = /yc_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `yc_session=${m[1]}` : '';
    }
    const text = await r.text();
    let data = null;
    try { data = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, headers: r.headers, json: data, text };
  }

  get(path, opts) { return this.req('GET', path, opts); }
  post(path, json, opts = {}) { return this.req('POST', path, { json, ...opts }); }
  patch(path, json, opts = {}) { return this.req('PATCH', path, { json, ...opts }); }
  del(path, opts) { return this.req('DELETE', path, opts); }

  async login(username, password = DEMO_PASSWORD) {
    const r = await this.post('/api/session', { username, password });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}

// Assert the one error shape and return the error object.
export function errorOf(assert, r, status, code) {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status}: ${r.text}`);
  assert.ok(r.json && r.json.error, `error shape missing: ${r.text}`);
  assert.equal(r.json.error.code, code, `expected code ${code}: ${r.text}`);
  assert.equal(typeof r.json.error.message, 'string');
  assert.ok(r.json.error.message.length > 0);
  assert.ok('field' in r.json.error);
  return r.json.error;
}

// Walk a case list page by page (GET /api/cases?QUERY&limit=N&before=..., keyset paging on
// next_before, from QUERY's own before if it has one) and check the paging as it goes: every page
// but the last is full and its next_before is its last id, the last has next_before null. Returns
// the cases of all pages in order.
export async function casePages(assert, client, query, limit) {
  const all = [];
  const params = new URLSearchParams(query);
  params.set('limit', limit);
  for (let page = 0; page < 10000; page++) {
    const path = `/api/cases?${params}`;
    const r = await client.get(path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    const { count, cases, next_before: next } = r.json;
    assert.equal(count, cases.length);
    assert.ok(count <= limit, path);
    all.push(...cases);
    if (next === null) return all;
    assert.equal(count, limit, `${path}: a page before the last is full`);
    assert.equal(next, cases.at(-1).id, `${path}: next_before is the page's last id`);
    params.set('before', next);
  }
  assert.fail(`${query}: no last page`);
}

// Run SQL directly against a server's database (for tests that simulate time or tampering): the
// sqlite3 CLI on a SQLite file, psql on a PostgreSQL URL. Returns {code, stdout, stderr}; stdout
// holds one line per row, columns separated by '|'.
export function sql(db, statement) {
  const args = BACKEND === 'postgresql'
    ? ['psql', [db.url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', statement]]
    : ['sqlite3', ['-bail', '-cmd', '.timeout 5000', db.url, statement]];
  const r = spawnSync(args[0], args[1], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The hex SHA-256 of a session cookie's token, as the sessions table stores it.
export function tokenHash(cookie) {
  const token = cookie.replace(/^yc_session=/, '');
  return createHash('sha256').update(token).digest('hex');
}

// Send raw bytes over one TCP connection (no client-side normalisation of the path) and parse the
// single HTTP/1.1 response: {status, headers (lower-case names), body}.
export function rawHttp(base, request) {
  const { hostname, port } = new URL(base);
  return new Promise((ok, fail) => {
    const sock = connect(Number(port), hostname);
    const chunks = [];
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', fail);
    sock.on('end', () => {
      const buf = Buffer.concat(chunks);
      const split = buf.indexOf('\r\n\r\n');
      if (split < 0) return fail(new Error(`no HTTP response: ${buf.toString('latin1')}`));
      const head = buf.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(head[0].split(' ')[1]);
      const headers = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const body = buf.subarray(split + 4).toString('utf8');
      let json = null;
      try { json = JSON.parse(body); } catch { /* not JSON */ }
      ok({ status, headers, body, text: body, json });
    });
    sock.end(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  });
}

// A 居民身份证号码 with its GB 11643 (MOD 11-2) check character: first17 is 17 digits.
export function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

// A 统一社会信用代码 with its GB 32100 (MOD 31) check character: first17 from the code set.
export function uscc(first17) {
  const set = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + set.indexOf(c) * w[i], 0);
  return first17 + set[(31 - (sum % 31)) % 31];
}
