// The client of bench/cases.sh: durable case acceptance and the back-office inbox, through the API.
//
//   node bench/case-client.mjs BASE SECONDS CONNECTIONS SERVER_PID [INBOX_CONNECTIONS]
//
// 1. The demo front desk (qiantai) accepts 道路旅客运输经营许可 at full speed over CONNECTIONS
//    keep-alive connections for SECONDS: every answer 201 means the case, its materials, timeline,
//    audit entry and notification are committed with synchronous=FULL. Cases/s and p50/p99/max.
// 2. The case's assignee (shenpi) loads the first page of the inbox (GET /api/cases?inbox=1: the
//    newest 50 of their open cases, what the UI shows first) over INBOX_CONNECTIONS (default 4: the
//    reviewers of one department at once; at 64 the p99 is only the queue, 64 / throughput)
//    connections for SECONDS: p50/p99/max. Then the whole inbox is walked once, 200 a page on
//    next_before, to count the reviewer's open cases (inbox_open).
// 3. The supervisor loads the live board (GET /api/supervision/board) the same way.
// Prints one JSON object; server CPU per request from /proc (utime + stime).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { residentId } from '../tests/e2e/lib.mjs';

const [,, base, secondsArg, connsArg, serverPid, inboxConnsArg] = process.argv;
const SECONDS = Number(secondsArg || 10);
const CONNS = Number(connsArg || 64);
const { hostname, port } = new URL(base);
const TICK = 1e6 / 100;
const cpuUs = () => {
  const f = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK;
};

function request(agent, method, path, { json, cookie, csrf } = {}) {
  const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const headers = {};
  if (body) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = body.length; }
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  return new Promise((ok, fail) => {
    const r = http.request({ host: hostname, port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data = null;
        try { data = JSON.parse(text); } catch { /* not JSON */ }
        ok({ status: res.statusCode, json: data, text, headers: res.headers });
      });
    });
    r.on('error', fail);
    if (body) r.write(body);
    r.end();
  });
}

async function login(username) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const r = await request(agent, 'POST', '/api/session', { json: { username, password: 'yichuang2025' } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.text}`);
  return { cookie: /yc_session=[^;]*/.exec(r.headers['set-cookie'].join(';'))[0], csrf: r.json.csrf_token, agent };
}

const pct = (s, p) => (s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] : 0);
function figures(lat, ms, errors) {
  const s = Float64Array.from(lat).sort();
  return { n: s.length, per_s: Math.round((s.length / ms) * 1000), p50_ms: pct(s, 50), p99_ms: pct(s, 99), max_ms: s.length ? s[s.length - 1] : 0, errors };
}

// CONNECTIONS loops of fn for SECONDS, each on its own keep-alive connection; latency figures are
// of the successful answers
async function load(sess, fn, conns = CONNS) {
  const lat = [];
  let errors = 0;
  let firstError = null;
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  const c0 = cpuUs();
  await Promise.all(Array.from({ length: conns }, async (_, k) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; performance.now() < end; i++) {
      const t = performance.now();
      const r = await fn(agent, k, i);
      if (r.ok) lat.push(performance.now() - t);
      else { errors++; firstError ??= r.text; }
    }
    agent.destroy();
  }));
  const ms = performance.now() - t0;
  const f = figures(lat, ms, errors);
  f.cpu_us_per_request = Math.round((cpuUs() - c0) / Math.max(1, lat.length + errors));
  if (firstError) f.first_error = firstError.slice(0, 300);
  return f;
}

const fd = await login('qiantai');
const hit = (await request(fd.agent, 'GET', `/api/matters?q=${encodeURIComponent('道路旅客运输经营许可')}`, fd)).json.matters[0];
const matter = (await request(fd.agent, 'GET', `/api/matters/${hit.id}`, fd)).json.matter;
const materials = matter.materials.map((m) => ({ name: m.name, status: 'received' }));

let seq = 0;
const accept = await load(fd, async (agent) => {
  const n = String(seq++ % 1000).padStart(3, '0');
  const r = await request(agent, 'POST', '/api/cases', {
    cookie: fd.cookie, csrf: fd.csrf,
    json: {
      matter_id: matter.id, matter_version: matter.version, applicant_kind: 'person', applicant_name: '刘建国',
      id_number: residentId(`43050219750101${n}`), phone: '13807391234', decision: 'accept', materials,
    },
  });
  return { ok: r.status === 201, text: r.text };
});

const bo = await login('shenpi');
let inboxCount = 0;
const inbox = await load(bo, async (agent) => {
  const r = await request(agent, 'GET', '/api/cases?inbox=1', { cookie: bo.cookie });
  if (r.status === 200) inboxCount = r.json.count ?? r.json.cases.length;
  return { ok: r.status === 200, text: r.text };
}, Number(inboxConnsArg || 4));
inbox.connections = Number(inboxConnsArg || 4);
let inboxOpen = 0;
for (let before = null; ;) {
  const r = await request(bo.agent, 'GET', `/api/cases?inbox=1&limit=200${before ? `&before=${before}` : ''}`, { cookie: bo.cookie });
  if (r.status !== 200) throw new Error(`inbox walk: ${r.text}`);
  inboxOpen += r.json.count;
  before = r.json.next_before;
  if (before == null) break; // null: the last page (a server without paging: none)
}

// 3. The supervisor's live board (GET /api/supervision/board: counts by department and level,
//    kept by the scan) at the same connections as the inbox.
const sv = await login('duban');
let boardTotal = 0;
const board = await load(sv, async (agent) => {
  const r = await request(agent, 'GET', '/api/supervision/board', { cookie: sv.cookie });
  if (r.status === 200) boardTotal = r.json.totals.total;
  return { ok: r.status === 200, text: r.text };
}, Number(inboxConnsArg || 4));
board.connections = Number(inboxConnsArg || 4);

console.log(JSON.stringify({ connections: CONNS, seconds: SECONDS, accept, inbox, inbox_count: inboxCount, inbox_open: inboxOpen, board, board_total: boardTotal }));
