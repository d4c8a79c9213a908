// The hall queue end to end: tickets numbered per zone (parallel issuing never duplicates), slips
// and the live position page without personal data, every bad input of the kiosk, the front
// desk's window (held by one person, calling through the fairness policy, recall, no-show,
// transfer keeping the issue time, pause and close), appointments (full, past, non-working day,
// double check-in, unknown code), the rate limit of a kiosk flooding 1,000 tickets, the display's
// event stream (live calls, zone filter, reconnect with Last-Event-ID), many windows calling at
// once, the supervisor's board, and the statistics to the second on a seeded day.
//
// The clock is pinned to Wednesday 2025-10-15 09:30 (UTC+8), a working day. Public requests come
// from addresses of their own on the loopback network (127.0.x.y) so each rate limit counts only
// what its test sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, freshDb, Client, errorOf, sql, BACKEND } from './lib.mjs';

const FAKE_NOW = String(Date.parse('2025-10-15T09:30:00+08:00') / 1000);
const TODAY = '2025-10-15';

let srv;
const c = {}; // clients by username
const win = {}; // window number -> id
const zoneWindows = {}; // prefix -> [numbers]

// ---- helpers ----

// One request from a given local address (the server sees it as the client's address).
function from(addr, method, path, json, headers = {}) {
  const { hostname, port } = new URL(srv.base);
  const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  return new Promise((ok, fail) => {
    const r = http.request({
      host: hostname, port, method, path, localAddress: addr, agent: false,
      headers: { ...(body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {}), ...headers },
    }, (res) => {
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

// A display: an event-stream connection that collects the events it receives.
function display(query = '', lastEventId) {
  const { hostname, port } = new URL((this && this.srvBase) || srv.base);
  const events = [];
  const waiters = [];
  let status = 0;
  let contentType = '';
  let buf = '';
  const req = http.get({
    host: hostname, port, path: `/api/display/stream${query}`, agent: false,
    headers: lastEventId !== undefined ? { 'Last-Event-ID': String(lastEventId) } : {},
  });
  const opened = new Promise((ok, fail) => {
    req.on('error', fail);
    req.on('response', (res) => {
      status = res.statusCode;
      contentType = res.headers['content-type'] || '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        buf += d;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const e = { event: 'message', id: null, data: null, comment: null, received: Date.now() };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) e.comment = line.slice(1).trim();
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('id: ')) e.id = Number(line.slice(4));
            else if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6));
            else if (line.startsWith('retry: ')) e.event = 'retry';
          }
          events.push(e);
          for (const w of waiters.splice(0)) w();
        }
      });
      res.on('end', () => { for (const w of waiters.splice(0)) w(); });
      ok(res);
    });
  });
  return {
    events,
    opened,
    get status() { return status; },
    get contentType() { return contentType; },
    async waitFor(pred, ms = 2000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`event not received in ${ms} ms; got ${JSON.stringify(events.map((e) => [e.event, e.data]))}`);
        await new Promise((ok) => { waiters.push(ok); setTimeout(ok, left); });
      }
    },
    close() { req.destroy(); },
  };
}

async function login(u) {
  c[u] = new Client(srv.base);
  assert.equal((await c[u].login(u)).status, 200, u);
  return c[u];
}

const act = (u, number, action, json) => c[u].post(`/api/queue/windows/${win[number]}/${action}`, json);
const issue = (json, who = 'daoban') => c[who].post('/api/queue/tickets', json);

async function lastSeq() {
  return (await c.admin.get('/api/audit?limit=1')).json.entries[0].seq;
}

function count(statement) {
  const r = sql(srv.db, statement);
  assert.equal(r.code, 0, r.stderr);
  return Number(r.stdout.trim());
}

let startedAt;
before(async () => {
  startedAt = Date.now();
  srv = await startServer({ env: { YC_FAKE_NOW: FAKE_NOW } });
  for (const u of ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'liting', 'wanglei', 'chenjing',
    'huangmin', 'yangli', 'zhengli', 'hanbing', 'tangxin']) await login(u);
  const h = (await c.admin.get('/api/hall')).json;
  for (const f of h.floors) {
    for (const z of f.zones) {
      zoneWindows[z.prefix] = z.windows.map((w) => w.number);
      for (const w of z.windows) win[w.number] = w.id;
    }
  }
  assert.equal(Object.keys(win).length, 63);
});
after(async () => { await srv.stop(); });

// ---- numbering ----

test(`tickets are numbered per zone from 001; 50 taken at once get 50 different numbers (${BACKEND})`, async () => {
  const staff = Array.from({ length: 40 }, () => issue({ zone: 'C' }));
  const kiosks = Array.from({ length: 10 }, (_, i) => from(`127.0.2.${i + 1}`, 'POST', '/api/public/tickets', { zone: 'C' }));
  const all = await Promise.all([...staff, ...kiosks]);
  for (const r of all) assert.equal(r.status, 201, r.text);
  const numbers = all.map((r) => r.json.ticket.number).sort();
  assert.deepEqual(numbers, Array.from({ length: 50 }, (_, i) => `C${String(i + 1).padStart(3, '0')}`));
  assert.equal(new Set(all.map((r) => r.json.ticket.token)).size, 50);
  assert.equal(count(`SELECT COUNT(DISTINCT seq) FROM queue_tickets WHERE day = '${TODAY}' AND number LIKE 'C%'`), 50);
  assert.equal(count(`SELECT last_seq FROM queue_counters c JOIN hall_zones z ON z.id = c.zone_id WHERE z.prefix = 'C' AND c.day = '${TODAY}'`), 50);
  const channels = all.map((r) => r.json.ticket.channel);
  assert.equal(channels.filter((x) => x === 'guide').length, 40);
  assert.equal(channels.filter((x) => x === 'kiosk').length, 10);
  // another zone starts at 001 of its own
  const d = await issue({ zone: 'D' });
  assert.equal(d.json.ticket.number, 'D001');
});

test('a slip gives number, zone, people ahead, estimated wait, windows and a masked phone; the live page shows no personal data', async () => {
  const r1 = await from('127.0.3.1', 'POST', '/api/public/tickets', { zone: 'F', phone: '13912345678' });
  assert.equal(r1.status, 201, r1.text);
  const t1 = r1.json.ticket;
  assert.equal(t1.number, 'F001');
  assert.deepEqual(t1.zone, { prefix: 'F', name: '便民服务窗口', floor: 2 });
  assert.equal(t1.class, 'normal');
  assert.equal(t1.channel, 'kiosk');
  assert.equal(t1.state, 'waiting');
  assert.equal(t1.date, TODAY);
  assert.equal(t1.phone, '*******5678');
  assert.equal(t1.ahead, 0);
  assert.equal(t1.est_wait_s, 0);
  assert.deepEqual(t1.windows, zoneWindows.F);
  assert.match(t1.token, /^[A-Za-z0-9_-]{22}$/);
  assert.match(t1.issued_at, /^2025-10-15T01:3\d:\d\dZ$/);
  const r2 = await from('127.0.3.2', 'POST', '/api/public/tickets', { zone: 'F', channel: 'online' });
  const t2 = r2.json.ticket;
  assert.equal(t2.number, 'F002');
  assert.equal(t2.channel, 'online');
  assert.equal(t2.ahead, 1);
  // nobody serves zone F yet: all its windows count; no service today yet: 600 s each
  assert.equal(t2.est_wait_s, Math.ceil(600 / zoneWindows.F.length));
  assert.equal(t2.phone, null);

  const live = await from('127.0.3.3', 'GET', `/api/public/tickets/${t1.token}`);
  assert.equal(live.status, 200, live.text);
  assert.equal(live.json.number, 'F001');
  assert.equal(live.json.state, 'waiting');
  assert.equal(live.json.ahead, 0);
  assert.equal(live.json.window, null);
  assert.deepEqual(live.json.windows, zoneWindows.F);
  for (const k of ['phone', 'id', 'matter', 'token']) assert.ok(!(k in live.json), `live page shows ${k}`);
  assert.ok(!live.text.includes('5678'));
  const second = await from('127.0.3.3', 'GET', `/api/public/tickets/${t2.token}`);
  assert.equal(second.json.ahead, 1);
  errorOf(assert, await from('127.0.3.3', 'GET', '/api/public/tickets/nosuchtoken'), 404, 'not_found');

  const q = await from('127.0.3.3', 'GET', '/api/public/queue');
  const f = q.json.zones.find((z) => z.prefix === 'F');
  assert.equal(f.waiting, 2);
  assert.equal(f.open_windows, 0);
  assert.ok(f.longest_wait_s >= 0 && f.longest_wait_s < 60);
});

test('taking a ticket: every bad input has its error and writes nothing', async () => {
  const before = count('SELECT COUNT(*) FROM queue_tickets');
  const k = (json) => from('127.0.4.1', 'POST', '/api/public/tickets', json);
  assert.equal(errorOf(assert, await k({ zone: 'Z' }), 422, 'field_invalid').field, 'zone');
  assert.equal(errorOf(assert, await k({}), 400, 'field_required').field, 'zone');
  assert.equal(errorOf(assert, await k({ zone: 'A', phone: '12345' }), 422, 'field_invalid').field, 'phone');
  assert.equal(errorOf(assert, await k({ zone: 'A', phone: '1381234567x' }), 422, 'field_invalid').field, 'phone');
  assert.equal(errorOf(assert, await k({ zone: 'A', channel: 'guide' }), 422, 'field_invalid').field, 'channel');
  assert.equal(errorOf(assert, await k({ zone: 'A', class: 'green' }), 400, 'field_unknown').field, 'class');
  assert.equal(errorOf(assert, await k({ zone: 7 }), 400, 'field_type').field, 'zone');
  assert.equal(errorOf(assert, await k({ matter: 'NO-SUCH-MATTER' }), 422, 'field_invalid').field, 'matter');
  const bad = await from('127.0.4.1', 'POST', '/api/public/tickets', undefined, { 'Content-Type': 'application/json' });
  assert.equal(bad.status, 400);
  assert.equal(errorOf(assert, await issue({ zone: 'A', class: 'green' }), 400, 'field_required').field, 'green_reason');
  assert.equal(errorOf(assert, await issue({ zone: 'A', class: 'green', green_reason: 'vip' }), 422, 'field_invalid').field, 'green_reason');
  assert.equal(errorOf(assert, await issue({ zone: 'A', class: 'urgent' }), 422, 'field_invalid').field, 'class');
  errorOf(assert, await c.duban.post('/api/queue/tickets', { zone: 'A' }), 403, 'forbidden');
  errorOf(assert, await c.shenpi.post('/api/queue/tickets', { zone: 'A' }), 403, 'forbidden');
  errorOf(assert, await new Client(srv.base).post('/api/queue/tickets', { zone: 'A' }), 401, 'unauthenticated');
  assert.equal(count('SELECT COUNT(*) FROM queue_tickets'), before);
});

// ---- the window ----

test('a window is held by the one who opened it; one window per person; calling on a closed window is refused', async () => {
  let r = await act('qiantai', 'A01', 'open');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.window.state, 'open');
  assert.equal(r.json.window.holder.username, 'qiantai');
  assert.deepEqual(r.json.window.serves, ['A']);
  assert.equal(r.json.window.current, null);
  const seq = await lastSeq();
  r = await act('qiantai', 'A01', 'open'); // again: nothing changes
  assert.equal(r.status, 200);
  assert.equal(await lastSeq(), seq);

  let e = errorOf(assert, await act('liting', 'A01', 'open'), 409, 'window_held');
  assert.match(e.message, /A01.*张晓燕/);
  errorOf(assert, await act('liting', 'A01', 'call'), 409, 'window_held');
  errorOf(assert, await act('liting', 'A01', 'close'), 409, 'window_held');
  errorOf(assert, await act('liting', 'A02', 'call'), 409, 'window_closed');
  errorOf(assert, await act('liting', 'A02', 'pause', { reason: 'x' }), 409, 'window_closed');
  e = errorOf(assert, await act('qiantai', 'A02', 'open'), 409, 'already_holding');
  assert.match(e.message, /A01/);
  errorOf(assert, await act('daoban', 'A02', 'open'), 403, 'forbidden');
  errorOf(assert, await act('admin', 'A02', 'open'), 403, 'forbidden');
  errorOf(assert, await new Client(srv.base).post(`/api/queue/windows/${win.A02}/open`), 401, 'unauthenticated');
  errorOf(assert, await c.qiantai.post('/api/queue/windows/99999/open'), 404, 'not_found');
  errorOf(assert, await c.qiantai.post(`/api/queue/windows/${win.A01}/dance`), 404, 'not_found');
  assert.equal(await lastSeq(), seq, 'refusals wrote to the audit log');

  const mine = await c.qiantai.get('/api/queue/my-window');
  assert.equal(mine.json.window.number, 'A01');
  assert.deepEqual((await c.liting.get('/api/queue/my-window')).json, { window: null });
  const audit = (await c.admin.get('/api/audit?limit=5')).json.entries;
  assert.ok(audit.some((a) => a.action === 'queue.window.open' && a.object === 'A01' && a.actor === 'qiantai'));
});

test('call next: the policy picks (a green ticket goes first with four windows open); recall, start, finish, no-show; each stored with its time and audited', async () => {
  for (const [u, w] of [['liting', 'A02'], ['wanglei', 'A03'], ['chenjing', 'A04']]) {
    assert.equal((await act(u, w, 'open')).status, 200);
  }
  const a1 = (await issue({ zone: 'A', phone: '13700001111' })).json.ticket;
  const a2 = (await issue({ zone: 'A' })).json.ticket;
  const a3 = (await issue({ zone: 'A', class: 'green', green_reason: 'elderly' })).json.ticket;
  assert.deepEqual([a1.number, a2.number, a3.number], ['A001', 'A002', 'A003']);
  assert.equal(a3.ahead, 0, 'a green ticket stands before normal ones issued within the bonus');
  assert.equal(a3.class, 'green');
  assert.equal(a3.green_reason, 'elderly');

  let r = await act('qiantai', 'A01', 'call');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.called.number, 'A003');
  assert.equal(r.json.called.as_class, 'green');
  assert.equal(r.json.called.why, 'order');
  assert.equal(r.json.called.text, '请A003号到A01号窗口办理');
  assert.equal(r.json.window.current.number, 'A003');
  assert.equal(r.json.window.current.state, 'called');
  assert.equal(r.json.window.waiting, 2);
  errorOf(assert, await act('qiantai', 'A01', 'call'), 409, 'window_busy');
  r = await act('liting', 'A02', 'call');
  assert.equal(r.json.called.number, 'A001');
  assert.equal(r.json.called.why, 'order');
  r = await act('wanglei', 'A03', 'call');
  assert.equal(r.json.called.number, 'A002');
  errorOf(assert, await act('chenjing', 'A04', 'call'), 409, 'queue_empty');

  r = await act('qiantai', 'A01', 'recall');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.recalled.recalls, 1);
  assert.equal(r.json.recalled.text, '请A003号到A01号窗口办理');
  r = await act('qiantai', 'A01', 'start');
  assert.equal(r.json.window.current.state, 'serving');
  errorOf(assert, await act('qiantai', 'A01', 'recall'), 409, 'ticket_state');
  errorOf(assert, await act('qiantai', 'A01', 'no-show'), 409, 'ticket_state');
  errorOf(assert, await act('qiantai', 'A01', 'close'), 409, 'window_busy');
  errorOf(assert, await act('qiantai', 'A01', 'pause', { reason: '休息' }), 409, 'window_busy');
  r = await act('qiantai', 'A01', 'finish');
  assert.equal(r.json.window.current, null);
  assert.equal(r.json.window.served_today, 1);
  errorOf(assert, await act('qiantai', 'A01', 'finish'), 409, 'no_ticket');
  errorOf(assert, await act('qiantai', 'A01', 'recall'), 409, 'no_ticket');
  r = await act('liting', 'A02', 'no-show');
  assert.equal(r.status, 200);
  assert.equal(r.json.window.current, null);

  const t3 = (await c.qiantai.get(`/api/queue/tickets/${a3.id}`)).json.ticket;
  assert.equal(t3.state, 'served');
  assert.deepEqual(t3.events.map((e) => e.kind), ['issued', 'called', 'recalled', 'serving', 'served']);
  for (const e of t3.events) assert.match(e.at, /^2025-10-15T01:\d\d:\d\dZ$/);
  assert.deepEqual(t3.events.slice(1).map((e) => [e.window, e.actor]), Array(4).fill(['A01', 'qiantai']));
  assert.equal(t3.events[0].actor, 'daoban');
  const t1 = (await c.duban.get(`/api/queue/tickets/${a1.id}`)).json.ticket;
  assert.equal(t1.state, 'no_show');
  assert.equal(t1.phone, '*******1111');
  assert.ok(t1.finished_at);
  assert.deepEqual(t1.events.map((e) => e.kind), ['issued', 'called', 'no_show']);

  const audit = (await c.admin.get('/api/audit?limit=30')).json.entries;
  const mine = audit.filter((a) => a.action.startsWith('queue.') && a.object === 'A003').map((a) => a.action);
  assert.deepEqual(mine.reverse(), ['queue.ticket.issue', 'queue.recalled', 'queue.serving', 'queue.served']);
  const call = audit.find((a) => a.action === 'queue.call' && a.object === 'A01');
  assert.match(call.summary, /叫号 A003（green，按排队位次，相对无优先顺序 [+-]\d+ 秒）/);
  assert.ok(audit.some((a) => a.action === 'queue.no_show' && a.object === 'A001' && a.actor === 'liting'));
  assert.equal((await c.admin.get('/api/audit/verify')).json.ok, true);
});

test('with one window open a green ticket waits its turn: the bound holds the order (queue-policy.md)', async () => {
  assert.equal((await act('zhengli', 'D01', 'open')).status, 200);
  // D001 was issued by the numbering test; then a normal and a green one
  await issue({ zone: 'D' });
  await new Promise((ok) => setTimeout(ok, 1100)); // the policy counts whole seconds
  const g = (await issue({ zone: 'D', class: 'green', green_reason: 'military' })).json.ticket;
  let r = await act('zhengli', 'D01', 'call');
  assert.equal(r.json.called.number, 'D001');
  assert.equal(r.json.called.why, 'bound');
  assert.equal((await act('zhengli', 'D01', 'finish')).status, 200);
  r = await act('zhengli', 'D01', 'call');
  assert.equal(r.json.called.number, 'D002');
  await act('zhengli', 'D01', 'finish');
  r = await act('zhengli', 'D01', 'call');
  assert.equal(r.json.called.number, g.number);
  assert.equal(r.json.called.as_class, 'green');
  await act('zhengli', 'D01', 'finish');
  assert.equal((await act('zhengli', 'D01', 'close')).json.window.state, 'closed');
});

test('a transfer keeps the number and the original issue time; a zone or window that does not exist is refused', async () => {
  // wanglei still has A002 at A03
  const seq = await lastSeq();
  assert.equal(errorOf(assert, await act('wanglei', 'A03', 'transfer', { zone: 'Z', reason: '走错区域' }), 422, 'field_invalid').field, 'zone');
  assert.equal(errorOf(assert, await act('wanglei', 'A03', 'transfer', { window: 'X99', reason: '走错区域' }), 422, 'field_invalid').field, 'window');
  assert.equal(errorOf(assert, await act('wanglei', 'A03', 'transfer', { window: 'A03', reason: '走错区域' }), 422, 'field_invalid').field, 'window');
  assert.equal(errorOf(assert, await act('wanglei', 'A03', 'transfer', { zone: 'B' }), 400, 'field_required').field, 'reason');
  assert.equal(errorOf(assert, await act('wanglei', 'A03', 'transfer', { reason: 'x' }), 400, 'field_required').field, 'zone');
  errorOf(assert, await act('wanglei', 'A03', 'transfer', { zone: 'B', window: 'B01', reason: 'x' }), 400, 'field_required');
  errorOf(assert, await act('chenjing', 'A04', 'transfer', { zone: 'B', reason: 'x' }), 409, 'no_ticket');
  assert.equal(await lastSeq(), seq);

  const a2 = (await c.wanglei.get(`/api/queue/windows/${win.A03}`)).json.current;
  assert.equal(a2.number, 'A002');
  const b1 = (await issue({ zone: 'B' })).json.ticket; // issued after A002
  let r = await act('wanglei', 'A03', 'transfer', { zone: 'B', reason: '社保业务请到社保窗口' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.transferred, { id: a2.id, number: 'A002', to_zone: 'B', to_window: null });
  assert.equal(r.json.window.current, null);

  assert.equal((await act('huangmin', 'B01', 'open')).status, 200);
  r = await act('huangmin', 'B01', 'call');
  assert.equal(r.json.called.number, 'A002', 'the transferred ticket keeps its earlier issue time');
  assert.equal(r.json.called.zone, 'B');
  assert.equal(r.json.called.text, '请A002号到B01号窗口办理');
  // now to one window: only B02 may call it
  r = await act('huangmin', 'B01', 'transfer', { window: 'B02', reason: '需由 B02 办理' });
  assert.deepEqual(r.json.transferred, { id: a2.id, number: 'A002', to_zone: 'B', to_window: 'B02' });
  r = await act('huangmin', 'B01', 'call');
  assert.equal(r.json.called.number, b1.number);
  assert.equal((await act('yangli', 'B02', 'open')).status, 200);
  r = await act('yangli', 'B02', 'call');
  assert.equal(r.json.called.number, 'A002');
  await act('yangli', 'B02', 'finish');
  await act('huangmin', 'B01', 'finish');

  const t = (await c.daoban.get(`/api/queue/tickets/${a2.id}`)).json.ticket;
  assert.deepEqual(t.events.map((e) => e.kind), ['issued', 'called', 'transferred', 'called', 'transferred', 'called', 'served']);
  assert.equal(t.events[2].reason, '转至区域 B：社保业务请到社保窗口');
  assert.equal(t.events[4].reason, '转至窗口 B02：需由 B02 办理');
  assert.equal(t.zone.prefix, 'B');
  assert.equal(t.number, 'A002');
  const issuedAt = count(`SELECT issued_at FROM queue_tickets WHERE id = ${a2.id}`);
  assert.equal(new Date(issuedAt).toISOString().slice(0, 19) + 'Z', t.issued_at);
  assert.ok(count(`SELECT joined_at FROM queue_tickets WHERE id = ${a2.id}`) >= issuedAt);
  const audit = (await c.admin.get('/api/audit?limit=20')).json.entries;
  assert.ok(audit.some((a) => a.action === 'queue.transfer' && a.summary === '窗口 A03 将 A002 号转至区域 B：社保业务请到社保窗口'));
});

test('pause with a reason, resume, close; the board shows it, serving whom for how long, numbers only', async () => {
  assert.equal(errorOf(assert, await act('qiantai', 'A01', 'pause'), 400, 'field_required').field, 'reason');
  let r = await act('qiantai', 'A01', 'pause', { reason: '系统维护' });
  assert.equal(r.json.window.state, 'paused');
  assert.equal(r.json.window.pause_reason, '系统维护');
  errorOf(assert, await act('qiantai', 'A01', 'call'), 409, 'window_paused');
  errorOf(assert, await act('qiantai', 'A01', 'pause', { reason: 'x' }), 409, 'window_paused');
  await issue({ zone: 'A', phone: '13600002222' });
  r = await act('liting', 'A02', 'call');
  assert.equal(r.json.called.number, 'A004');

  const b = await c.duban.get('/api/queue/board');
  assert.equal(b.status, 200, b.text);
  assert.equal(b.json.windows.length, 63);
  const A01 = b.json.windows.find((w) => w.number === 'A01');
  assert.equal(A01.state, 'paused');
  assert.equal(A01.pause_reason, '系统维护');
  assert.deepEqual(A01.holder, { username: 'qiantai', name: '张晓燕' });
  const A02 = b.json.windows.find((w) => w.number === 'A02');
  assert.equal(A02.state, 'open');
  assert.equal(A02.current.number, 'A004');
  assert.equal(A02.current.state, 'called');
  assert.ok(A02.current.for_s >= 0 && A02.current.for_s < 30);
  assert.equal(A02.served_today, 0);
  const B02 = b.json.windows.find((w) => w.number === 'B02');
  assert.equal(B02.served_today, 1);
  const A05 = b.json.windows.find((w) => w.number === 'A05');
  assert.deepEqual([A05.state, A05.holder, A05.current], ['closed', null, null]);
  assert.ok(!b.text.includes('2222') && !b.text.includes('1111'), 'the board shows a phone number');
  const za = b.json.zones.find((z) => z.prefix === 'A');
  assert.equal(za.open_windows, 3); // A02, A03, A04 (A01 paused)
  errorOf(assert, await c.qiantai.get('/api/queue/board'), 403, 'forbidden');
  errorOf(assert, await c.daoban.get('/api/queue/board'), 403, 'forbidden');
  errorOf(assert, await new Client(srv.base).get('/api/queue/board'), 401, 'unauthenticated');

  r = await act('qiantai', 'A01', 'resume');
  assert.equal(r.json.window.state, 'open');
  assert.equal(r.json.window.pause_reason, null);
  errorOf(assert, await act('qiantai', 'A01', 'resume'), 409, 'window_not_paused');
  r = await act('qiantai', 'A01', 'close');
  assert.equal(r.json.window.state, 'closed');
  assert.equal(r.json.window.holder, null);
  errorOf(assert, await act('qiantai', 'A01', 'call'), 409, 'window_closed');
  const kinds = sql(srv.db, `SELECT kind FROM queue_events WHERE window_id = ${win.A01} AND ticket_id IS NULL ORDER BY id`).stdout.trim().split('\n');
  assert.deepEqual(kinds, ['window_open', 'window_pause', 'window_resume', 'window_close']);
  await act('liting', 'A02', 'finish');
});

test('the waiting list shows no phone numbers and lists tickets in calling order', async () => {
  await issue({ zone: 'A', phone: '13500003333' });
  await issue({ zone: 'A', class: 'green', green_reason: 'disabled', phone: '13500004444' });
  const r = await c.daoban.get('/api/queue/tickets?zone=A&state=waiting');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.tickets.map((t) => [t.number, t.class]), [['A006', 'green'], ['A005', 'normal']]);
  for (const t of r.json.tickets) {
    assert.ok(!('phone' in t));
    assert.equal(t.state, 'waiting');
    assert.ok(t.waited_s >= 0);
  }
  assert.ok(!r.text.includes('3333') && !r.text.includes('4444'));
  assert.equal(errorOf(assert, await c.daoban.get('/api/queue/tickets?state=lost'), 422, 'field_invalid').field, 'state');
  assert.equal(errorOf(assert, await c.daoban.get('/api/queue/tickets?zone=Q'), 422, 'field_invalid').field, 'zone');
  errorOf(assert, await c.shenpi.get('/api/queue/tickets'), 403, 'forbidden');
  // abandoned by the guide desk: the applicant left
  const id = r.json.tickets[0].id;
  const a = await c.daoban.post(`/api/queue/tickets/${id}/abandon`, { reason: '申请人离开' });
  assert.equal(a.json.ticket.state, 'abandoned');
  assert.equal(a.json.ticket.events.at(-1).kind, 'abandoned');
  errorOf(assert, await c.daoban.post(`/api/queue/tickets/${id}/abandon`, {}), 409, 'ticket_state');
});

// ---- appointments ----

test('appointments: slots of a working day, booking to capacity (in parallel too), full, past, non-working day, unknown slot', async () => {
  let n = 0;
  const addr = () => `127.0.5.${++n}`;
  const s = await from(addr(), 'GET', `/api/public/appointments/slots?date=${TODAY}&zone=A`);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.workday, true);
  assert.deepEqual(s.json.slots.map((x) => [x.start, x.end, x.capacity, x.booked, x.past]), [
    ['09:00', '10:00', 4, 0, false], ['10:00', '11:00', 4, 0, false], ['11:00', '12:00', 4, 0, false],
    ['14:30', '15:30', 4, 0, false], ['15:30', '16:30', 4, 0, false]]);
  const sat = await from(addr(), 'GET', '/api/public/appointments/slots?date=2025-10-18&zone=A');
  assert.deepEqual([sat.json.workday, sat.json.slots], [false, []]);

  const book = (json) => from(addr(), 'POST', '/api/public/appointments', { zone: 'A', date: TODAY, phone: '13800001234', ...json });
  const codes = [];
  for (let i = 0; i < 4; i++) {
    const r = await book({ start: '10:00' });
    assert.equal(r.status, 201, r.text);
    assert.match(r.json.appointment.code, /^[2-9A-HJ-NP-Z]{8}$/);
    assert.deepEqual([r.json.appointment.start, r.json.appointment.end, r.json.appointment.status], ['10:00', '11:00', 'booked']);
    assert.equal(r.json.appointment.phone, '*******1234');
    codes.push(r.json.appointment.code);
  }
  assert.equal(new Set(codes).size, 4);
  let e = errorOf(assert, await book({ start: '10:00' }), 409, 'slot_full');
  assert.equal(e.field, 'start');
  // eight at once for four places
  const rs = await Promise.all(Array.from({ length: 8 }, () => book({ start: '11:00' })));
  assert.equal(rs.filter((r) => r.status === 201).length, 4);
  assert.equal(rs.filter((r) => r.status === 409 && r.json.error.code === 'slot_full').length, 4);
  const after = await from(addr(), 'GET', `/api/public/appointments/slots?date=${TODAY}&zone=A`);
  assert.deepEqual(after.json.slots.map((x) => x.available), [4, 0, 0, 4, 4]);
  assert.equal(count(`SELECT COUNT(*) FROM queue_appointments WHERE day = '${TODAY}' AND status = 'booked'`), 8);

  assert.equal(errorOf(assert, await book({ date: '2025-10-14', start: '10:00' }), 422, 'slot_past').field, 'date');
  assert.equal(errorOf(assert, await book({ date: '2025-10-18', start: '10:00' }), 422, 'not_workday').field, 'date');
  assert.equal(errorOf(assert, await book({ date: '2025-12-01', start: '10:00' }), 422, 'field_invalid').field, 'date');
  assert.equal(errorOf(assert, await book({ start: '08:00' }), 422, 'field_invalid').field, 'start');
  assert.equal(errorOf(assert, await book({ start: '8 am' }), 422, 'field_invalid').field, 'start');
  assert.equal(errorOf(assert, await book({ start: '10:00', phone: '110' }), 422, 'field_invalid').field, 'phone');
  assert.equal(errorOf(assert, await book({ date: '2025-02-30', start: '10:00' }), 422, 'field_invalid').field, 'date');
  assert.equal(errorOf(assert, await from(addr(), 'POST', '/api/public/appointments', { zone: 'A', date: TODAY, start: '10:00' }), 400, 'field_required').field, 'phone');
  assert.equal(errorOf(assert, await book({ zone: 'Z', start: '10:00' }), 422, 'field_invalid').field, 'zone');
  e = errorOf(assert, await book({ date: '2027-10-18', start: '10:00' }), 422, 'field_invalid');
  // a past slot of today: an administrator's early slot
  let r = await c.admin.req('PUT', '/api/queue/slots', { json: { zone: 'F', slots: [{ start: '08:00', end: '09:00', capacity: 2 }, { start: '09:00', end: '12:00', capacity: 20 }] } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.slots.map((x) => [x.start, x.end, x.capacity]), [['08:00', '09:00', 2], ['09:00', '12:00', 20]]);
  assert.equal(errorOf(assert, await book({ zone: 'F', start: '08:00' }), 422, 'slot_past').field, 'start');
  // bad slot configurations
  for (const slots of [[{ start: '09:00', end: '08:00', capacity: 2 }], [{ start: '09:00', end: '10:00', capacity: 0 }],
    [{ start: '09:00', end: '11:00', capacity: 2 }, { start: '10:00', end: '12:00', capacity: 2 }], [{ start: '25:00', end: '26:00', capacity: 1 }]]) {
    assert.equal(errorOf(assert, await c.admin.req('PUT', '/api/queue/slots', { json: { zone: 'F', slots } }), 422, 'field_invalid').field, 'slots');
  }
  errorOf(assert, await c.duban.req('PUT', '/api/queue/slots', { json: { zone: 'F', slots: [] } }), 403, 'forbidden');
});

test('appointments: check-in gives a priority ticket; double check-in, wrong day, cancelled and unknown codes are refused', async () => {
  let n = 0;
  const addr = () => `127.0.6.${++n}`;
  const book = async (json) => {
    const r = await from(addr(), 'POST', '/api/public/appointments', { zone: 'A', phone: '13800005678', ...json });
    assert.equal(r.status, 201, r.text);
    return r.json.appointment.code;
  };
  const today = await book({ date: TODAY, start: '09:00' });
  let r = await from(addr(), 'POST', `/api/public/appointments/${today}/checkin`);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.priority, true);
  assert.equal(r.json.ticket.class, 'appointment');
  assert.equal(r.json.ticket.channel, 'appointment');
  assert.equal(r.json.ticket.phone, '*******5678');
  assert.match(r.json.ticket.number, /^A0\d\d$/);
  const number = r.json.ticket.number;
  // the slot 09:00-10:00 has started: it stands first
  assert.equal(r.json.ticket.ahead, 0);
  r = await from(addr(), 'GET', `/api/public/appointments/${today}`);
  assert.deepEqual([r.json.appointment.status, r.json.appointment.ticket], ['checked_in', number]);
  let e = errorOf(assert, await from(addr(), 'POST', `/api/public/appointments/${today}/checkin`), 409, 'already_checked_in');
  assert.match(e.message, new RegExp(number));
  errorOf(assert, await from(addr(), 'DELETE', `/api/public/appointments/${today}`), 409, 'already_checked_in');

  const tomorrow = await book({ date: '2025-10-16', start: '10:00' });
  errorOf(assert, await from(addr(), 'POST', `/api/public/appointments/${tomorrow}/checkin`), 422, 'wrong_day');
  let slots = await from(addr(), 'GET', '/api/public/appointments/slots?date=2025-10-16&zone=A');
  assert.equal(slots.json.slots[1].booked, 1);
  r = await from(addr(), 'DELETE', `/api/public/appointments/${tomorrow}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.appointment.status, 'cancelled');
  slots = await from(addr(), 'GET', '/api/public/appointments/slots?date=2025-10-16&zone=A');
  assert.equal(slots.json.slots[1].booked, 0, 'the place is free again');
  errorOf(assert, await from(addr(), 'DELETE', `/api/public/appointments/${tomorrow}`), 409, 'already_cancelled');
  errorOf(assert, await from(addr(), 'POST', `/api/public/appointments/${tomorrow}/checkin`), 409, 'already_cancelled');
  for (const [m, p] of [['GET', ''], ['DELETE', ''], ['POST', '/checkin']]) {
    errorOf(assert, await from(addr(), m, `/api/public/appointments/NOSUCH22${p}`), 404, 'unknown_code');
  }
  // the checked-in ticket is called before the normal ones waiting
  assert.equal((await act('chenjing', 'A04', 'call')).json.called.number, number);
  await act('chenjing', 'A04', 'finish');
});

test('booking is rate-limited per address: the 11th in 10 minutes is refused and not written', async () => {
  const rs = [];
  for (let i = 0; i < 11; i++) {
    rs.push(await from('127.0.7.1', 'POST', '/api/public/appointments', { zone: 'B', date: '2025-10-17', start: ['09:00', '10:00', '11:00', '14:30', '15:30'][i % 5], phone: '13800009999' }));
  }
  assert.deepEqual(rs.map((r) => r.status), [...Array(10).fill(201), 429]);
  const e = errorOf(assert, rs[10], 429, 'throttled');
  assert.match(e.message, /预约/);
  const retry = Number(rs[10].headers.get('retry-after'));
  assert.ok(retry > 0 && retry <= 600, `Retry-After ${retry}`);
  assert.equal(count("SELECT COUNT(*) FROM queue_appointments WHERE day = '2025-10-17'"), 10);
});

// ---- the kiosk flood ----

test('1,000 tickets a minute from one kiosk: 30 taken, 970 refused (429), nothing lost or duplicated', async () => {
  const statuses = [];
  const numbers = [];
  let retry = 0;
  for (let i = 0; i < 1000; i += 50) {
    const rs = await Promise.all(Array.from({ length: 50 }, () => from('127.0.8.1', 'POST', '/api/public/tickets', { zone: 'G' })));
    for (const r of rs) {
      statuses.push(r.status);
      if (r.status === 201) numbers.push(r.json.ticket.number);
      else { errorOf(assert, r, 429, 'throttled'); retry = Number(r.headers.get('retry-after')); }
    }
  }
  assert.equal(statuses.filter((s) => s === 201).length, 30);
  assert.equal(statuses.filter((s) => s === 429).length, 970);
  assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);
  assert.deepEqual(numbers.sort(), Array.from({ length: 30 }, (_, i) => `G${String(i + 1).padStart(3, '0')}`));
  assert.equal(count("SELECT COUNT(*) FROM queue_tickets WHERE number LIKE 'G%'"), 30);
  assert.equal(count("SELECT COUNT(*) FROM queue_events e JOIN queue_tickets t ON t.id = e.ticket_id WHERE t.number LIKE 'G%'"), 30);
  // another kiosk is not held up, and numbering goes on without a gap
  const other = await from('127.0.8.2', 'POST', '/api/public/tickets', { zone: 'G' });
  assert.equal(other.json.ticket.number, 'G031');
});

// ---- the display ----

test('the display stream: live calls and recalls with the spoken text, zones filtered, reconnect with Last-Event-ID', async () => {
  const e = display('?zone=E');
  const all = display();
  await Promise.all([e.opened, all.opened]);
  assert.equal(e.status, 200);
  assert.match(e.contentType, /^text\/event-stream/);
  const snap = await e.waitFor((x) => x.event === 'snapshot');
  assert.deepEqual(snap.data.zones.map((z) => z.prefix), ['E']);
  assert.deepEqual(snap.data.recent, []);
  const allSnap = await all.waitFor((x) => x.event === 'snapshot');
  assert.equal(allSnap.data.zones.length, 8);
  assert.ok(allSnap.data.recent.length >= 1 && allSnap.data.recent.length <= 10);

  assert.equal((await act('hanbing', 'E01', 'open')).status, 200);
  await issue({ zone: 'E', phone: '13100007777' });
  await issue({ zone: 'E' });
  const t0 = Date.now();
  let r = await act('hanbing', 'E01', 'call');
  assert.equal(r.json.called.number, 'E001');
  const call = await e.waitFor((x) => x.event === 'call' && x.data.ticket === 'E001', 1000);
  assert.ok(call.received - t0 < 1000, `delivered in ${call.received - t0} ms`);
  assert.deepEqual({ ...call.data, seq: 0, at: '', at_ms: 0 }, { seq: 0, kind: 'call', ticket: 'E001', window: 'E01', zone: 'E', zone_name: '不动产综窗', text: '请E001号到E01号窗口办理', at: '', at_ms: 0 });
  assert.equal(new Date(call.data.at_ms).toISOString().slice(0, 19) + 'Z', call.data.at);
  assert.equal(call.id, call.data.seq);
  await all.waitFor((x) => x.event === 'call' && x.data.ticket === 'E001', 1000);
  await act('hanbing', 'E01', 'recall');
  const recall = await e.waitFor((x) => x.event === 'recall', 1000);
  assert.deepEqual([recall.data.kind, recall.data.ticket, recall.data.text], ['recall', 'E001', '请E001号到E01号窗口办理']);
  assert.ok(recall.id > call.id);
  // a call of another zone reaches the stream of every zone only
  assert.equal((await act('chenjing', 'A04', 'call')).status, 200);
  await all.waitFor((x) => x.event === 'call' && x.data.window === 'A04', 1000);
  await new Promise((ok) => setTimeout(ok, 300));
  assert.ok(!e.events.some((x) => x.data && x.data.window === 'A04'), 'zone E stream got a zone A call');
  await act('chenjing', 'A04', 'finish');
  // waiting counts every 3 s
  const w = await e.waitFor((x) => x.event === 'waiting', 4000);
  assert.deepEqual(w.data.zones, [{ prefix: 'E', name: '不动产综窗', waiting: 1 }]);
  assert.ok(!JSON.stringify(e.events).includes('7777'), 'the display shows a phone number');

  // away for a call, back with Last-Event-ID: the missed call comes first
  const last = recall.id;
  e.close();
  await act('hanbing', 'E01', 'finish');
  await act('hanbing', 'E01', 'call');
  const again = display('?zone=E', last);
  await again.opened;
  const missed = await again.waitFor((x) => x.event === 'call', 1000);
  assert.equal(missed.data.ticket, 'E002');
  assert.deepEqual(again.events.find((x) => x.event === 'snapshot').data.recent, []);
  assert.ok(again.events.findIndex((x) => x.event === 'snapshot') < again.events.indexOf(missed));
  // a new display starts with the latest calls, newest first
  const fresh = display('?zone=E');
  const fs = await fresh.waitFor((x) => x.event === 'snapshot');
  assert.deepEqual(fs.data.recent.map((x) => [x.kind, x.ticket]), [['call', 'E002'], ['recall', 'E001'], ['call', 'E001']]);
  await act('hanbing', 'E01', 'finish');
  again.close();
  fresh.close();
  all.close();

  errorOf(assert, await from('127.0.9.1', 'GET', '/api/display/stream?zone=Q'), 422, 'field_invalid');
  errorOf(assert, await from('127.0.9.1', 'GET', '/api/display/stream?zone=A,,B'), 422, 'field_invalid');
});

test(`two server processes on one database: a call on either reaches the streams of both within 1 s (${BACKEND})`, async () => {
  // the same pinned clock: the first process's fake time has run on since it started
  const fakeNow = String(Number(FAKE_NOW) + Math.ceil((Date.now() - startedAt) / 1000));
  const other = await startServer({ db: { url: srv.db.url, cleanup() {} }, env: { YC_FAKE_NOW: fakeNow } });
  try {
    const remote = display.call({ srvBase: other.base }, '?zone=F');
    const local = display('?zone=F');
    await Promise.all([remote.opened, local.opened]);
    await remote.waitFor((x) => x.event === 'snapshot');
    await local.waitFor((x) => x.event === 'snapshot');
    assert.equal((await act('tangxin', 'F01', 'open')).status, 200);
    const t0 = Date.now();
    const r = await act('tangxin', 'F01', 'call');
    assert.equal(r.json.called.number, 'F001');
    const there = await remote.waitFor((x) => x.event === 'call' && x.data.ticket === 'F001', 1000);
    assert.ok(there.received - t0 < 1000, `reached the other process in ${there.received - t0} ms`);
    await local.waitFor((x) => x.event === 'call' && x.data.ticket === 'F001', 1000);
    // and back: a front desk signed in on the other process
    const yang = new Client(other.base);
    assert.equal((await yang.login('tangxin')).status, 200);
    await yang.post(`/api/queue/windows/${win.F01}/finish`);
    const t1 = Date.now();
    const r2 = await yang.post(`/api/queue/windows/${win.F01}/call`);
    assert.equal(r2.json.called.number, 'F002');
    const here = await local.waitFor((x) => x.event === 'call' && x.data.ticket === 'F002', 1000);
    assert.ok(here.received - t1 < 1000, `reached this process in ${here.received - t1} ms`);
    await remote.waitFor((x) => x.event === 'call' && x.data.ticket === 'F002', 1000);
    assert.equal(here.id, (await remote.waitFor((x) => x.data?.ticket === 'F002')).id, 'one numbering for both');
    await yang.post(`/api/queue/windows/${win.F01}/finish`);
    await yang.post(`/api/queue/windows/${win.F01}/close`);
    remote.close();
    local.close();
  } finally {
    await other.stop();
  }
});

// ---- many windows ----

test('eight windows calling at once never call one ticket twice', async () => {
  const users = ['zhuwenjing', 'guoliang', 'hexuemei', 'gaojun', 'linjia', 'luobin', 'liangxiaohong', 'songtao'];
  await Promise.all(users.map(login));
  await Promise.all(users.map((u, i) => act(u, `H0${i + 1}`, 'open')));
  const issued = await Promise.all(Array.from({ length: 40 }, () => issue({ zone: 'H' })));
  assert.ok(issued.every((r) => r.status === 201));
  const called = [];
  const byWindow = {};
  await Promise.all(users.map(async (u, i) => {
    for (;;) {
      const r = await act(u, `H0${i + 1}`, 'call');
      if (r.status === 409) { assert.equal(r.json.error.code, 'queue_empty'); return; }
      assert.equal(r.status, 200, r.text);
      called.push(r.json.called.number);
      byWindow[`H0${i + 1}`] = (byWindow[`H0${i + 1}`] ?? 0) + 1;
      assert.equal((await act(u, `H0${i + 1}`, 'finish')).status, 200);
    }
  }));
  assert.equal(called.length, 40);
  assert.deepEqual([...called].sort(), Array.from({ length: 40 }, (_, i) => `H${String(i + 1).padStart(3, '0')}`));
  assert.equal(count(`SELECT COUNT(*) FROM queue_calls c JOIN queue_tickets t ON t.id = c.ticket_id WHERE t.number LIKE 'H%' AND c.outcome = 'served'`), 40);
  const st = await c.duban.get('/api/queue/stats?zone=H');
  assert.equal(st.json.tickets.issued, 40);
  assert.equal(st.json.calls.served, 40);
  assert.equal(st.json.windows.reduce((s, w) => s + w.served, 0), 40);
  // a window lists once it has called; one that found the zone empty on its first call
  // (seven fast windows may take all forty) has nothing to list
  assert.deepEqual(Object.fromEntries(st.json.windows.map((w) => [w.number, w.served])), byWindow);
});

// ---- statistics ----

test('statistics of today follow what happened; bad filters are refused', async () => {
  const r = await c.duban.get('/api/queue/stats');
  assert.equal(r.status, 200, r.text);
  const s = r.json;
  assert.equal(s.date, TODAY);
  assert.deepEqual(s.filters, { zone: null, window: null, staff: null });
  const n = count(`SELECT COUNT(*) FROM queue_tickets WHERE day = '${TODAY}'`);
  assert.equal(s.tickets.issued, n);
  assert.equal(s.tickets.by_class.normal + s.tickets.by_class.green + s.tickets.by_class.appointment, n);
  assert.equal(s.tickets.by_class.green, count(`SELECT COUNT(*) FROM queue_tickets WHERE day = '${TODAY}' AND class = 'green'`));
  assert.equal(s.tickets.by_channel.kiosk, count(`SELECT COUNT(*) FROM queue_tickets WHERE day = '${TODAY}' AND channel = 'kiosk'`));
  assert.equal(s.tickets.abandoned, 1);
  assert.equal(s.calls.no_show, 1);
  assert.equal(s.calls.transferred, 2);
  assert.equal(s.calls.recalls, 2);
  assert.equal(s.calls.served, count(`SELECT COUNT(*) FROM queue_calls WHERE day = '${TODAY}' AND outcome = 'served'`));
  assert.equal(s.wait.n, count(`SELECT COUNT(*) FROM queue_calls WHERE day = '${TODAY}' AND first_call = 1`));
  const q = await c.duban.get('/api/queue/stats?staff=qiantai&window=A01');
  assert.deepEqual(q.json.staff.map((x) => [x.username, x.calls, x.served]), [['qiantai', 1, 1]]);
  assert.equal(errorOf(assert, await c.duban.get('/api/queue/stats?zone=Q'), 422, 'field_invalid').field, 'zone');
  assert.equal(errorOf(assert, await c.duban.get('/api/queue/stats?window=Q99'), 422, 'field_invalid').field, 'window');
  assert.equal(errorOf(assert, await c.duban.get('/api/queue/stats?staff=nobody'), 422, 'field_invalid').field, 'staff');
  errorOf(assert, await c.duban.get('/api/queue/stats?date=2025-13-01'), 422, 'field_invalid');
  errorOf(assert, await c.qiantai.get('/api/queue/stats'), 403, 'forbidden');
});

test('the policy is configurable by administrators only, within its ranges', async () => {
  let r = await c.qiantai.get('/api/queue/policy');
  assert.deepEqual(r.json, { max_extra_wait_s: 600, green_bonus_s: 1800, appt_bonus_s: 1800, appt_late_grace_s: 300, est_service_s: 600, max_service_s: 900, green_reasons: ['elderly', 'disabled', 'military'] });
  r = await c.admin.req('PUT', '/api/queue/policy', { json: { max_extra_wait_s: 1200, green_reasons: ['elderly', 'pregnant'] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.max_extra_wait_s, 1200);
  assert.deepEqual(r.json.green_reasons, ['elderly', 'pregnant']);
  assert.equal((await issue({ zone: 'A', class: 'green', green_reason: 'pregnant' })).status, 201);
  errorOf(assert, await issue({ zone: 'A', class: 'green', green_reason: 'military' }), 422, 'field_invalid');
  errorOf(assert, await c.admin.req('PUT', '/api/queue/policy', { json: { green_reasons: ['Bad reason'] } }), 422, 'field_invalid');
  errorOf(assert, await c.admin.req('PUT', '/api/queue/policy', { json: { max_extra_wait_s: 90000 } }), 422, 'field_invalid');
  errorOf(assert, await c.duban.req('PUT', '/api/queue/policy', { json: { max_extra_wait_s: 60 } }), 403, 'forbidden');
  r = await c.admin.req('PUT', '/api/queue/policy', { json: { max_extra_wait_s: 600, green_reasons: ['elderly', 'disabled', 'military'] } });
  assert.equal(r.status, 200);
});

// ---- who may call what (docs/authz.md), every route of src/http/routes_queue.inc ----

test('authorisation of every queue route, as docs/authz.md says', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { ROOT } = await import('./lib.mjs');
  const WHO = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'anonymous'];
  await login('fenguan');
  const PUBLIC = 'ok  ok  ok  ok  ok  ok  ok';
  const ALL = 'ok  ok  ok  ok  ok  ok  401';
  const ADMIN = 'ok  403 403 403 403 403 401';
  const ISSUE = 'ok  403 ok  ok  403 403 401';
  const TICKETS = 'ok  ok  ok  ok  403 403 401';
  const CALL = '403 403 ok  403 403 403 401';
  const BOARD = 'ok  ok  403 403 403 403 401';
  let n = 0;
  let code;
  let waiting;
  const book = async () => {
    const r = await from(`127.0.10.${++n}`, 'POST', '/api/public/appointments', { zone: 'C', date: '2025-10-20', start: '14:30', phone: '13800001111' });
    assert.equal(r.status, 201, r.text);
    return r.json.appointment.code;
  };
  const starts = ['09:00', '10:00', '11:00', '14:30', '15:30'];
  const today = async () => {
    const r = await from(`127.0.10.${++n}`, 'POST', '/api/public/appointments', { zone: 'C', date: TODAY, start: starts[n % 5], phone: '13800001111' });
    assert.equal(r.status, 201, r.text);
    return r.json.appointment.code;
  };
  const token = (await issue({ zone: 'C' })).json.ticket.token;
  const ticketId = (await issue({ zone: 'C' })).json.ticket.id;
  const M = {
    'GET /api/public/queue': [PUBLIC, () => ({ path: '/api/public/queue' })],
    'POST /api/public/tickets': [PUBLIC, () => ({ path: '/api/public/tickets', json: { zone: 'C' } })],
    'GET /api/public/tickets/{}': [PUBLIC, () => ({ path: `/api/public/tickets/${token}` })],
    'GET /api/public/appointments/slots': [PUBLIC, () => ({ path: '/api/public/appointments/slots?zone=C&date=2025-10-20' })],
    'POST /api/public/appointments': [PUBLIC, (who) => ({ path: '/api/public/appointments', json: { zone: 'C', date: '2025-10-21', start: starts[WHO.indexOf(who) % 5], phone: '13800001111' } })],
    'GET /api/public/appointments/{}': [PUBLIC, () => ({ path: `/api/public/appointments/${code}` }), async () => { code = code || await book(); }],
    'DELETE /api/public/appointments/{}': [PUBLIC, () => ({ path: `/api/public/appointments/${code}` }), async () => { code = await book(); }],
    'POST /api/public/appointments/{}/checkin': [PUBLIC, () => ({ path: `/api/public/appointments/${code}/checkin` }), async () => { code = await today(); }],
    'GET /api/display/stream': [PUBLIC, () => ({ path: '/api/display/stream?zone=C', stream: true })],
    'POST /api/queue/tickets': [ISSUE, () => ({ path: '/api/queue/tickets', json: { zone: 'C' } })],
    'GET /api/queue/tickets': [TICKETS, () => ({ path: '/api/queue/tickets?zone=C' })],
    'GET /api/queue/tickets/{}': [TICKETS, () => ({ path: `/api/queue/tickets/${ticketId}` })],
    'POST /api/queue/tickets/{}/abandon': [ISSUE, () => ({ path: `/api/queue/tickets/${waiting}/abandon`, json: {} }),
      async () => { waiting = (await issue({ zone: 'C' })).json.ticket.id; }],
    'GET /api/queue/my-window': [ALL, () => ({ path: '/api/queue/my-window' })],
    'GET /api/queue/windows/{}': [ALL, () => ({ path: `/api/queue/windows/${win.A01}` })],
    'POST /api/queue/windows/{}/{}': [CALL, () => ({ path: `/api/queue/windows/${win.A01}/open` }),
      () => act('qiantai', 'A01', 'close')],
    'GET /api/queue/board': [BOARD, () => ({ path: '/api/queue/board' })],
    'GET /api/queue/stats': [BOARD, () => ({ path: '/api/queue/stats' })],
    'GET /api/queue/policy': [ALL, () => ({ path: '/api/queue/policy' })],
    'PUT /api/queue/policy': [ADMIN, () => ({ path: '/api/queue/policy', json: { max_extra_wait_s: 600 } })],
    'GET /api/queue/slots': [ALL, () => ({ path: '/api/queue/slots?zone=C' })],
    'PUT /api/queue/slots': [ADMIN, () => ({ path: '/api/queue/slots', json: { zone: 'G', slots: [{ start: '09:00', end: '12:00', capacity: 10 }] } })],
  };
  const src = readFileSync(join(ROOT, 'src/http/routes_queue.inc'), 'utf8');
  const routes = [...src.matchAll(/\{\s*YC_([A-Z]+),\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(routes.slice().sort(), Object.keys(M).sort());
  for (const [key, [expect, make, prep]] of Object.entries(M)) {
    const method = key.split(' ')[0];
    for (const [i, who] of WHO.entries()) {
      if (prep) await prep();
      const client = who === 'anonymous' ? new Client(srv.base) : Object.assign(new Client(srv.base), { cookie: c[who].cookie, csrf: c[who].csrf });
      const { path, json, stream } = make(who);
      const want = expect.split(/\s+/)[i];
      const what = `${key} as ${who}`;
      if (stream) {
        const ac = new AbortController();
        const r = await fetch(srv.base + path, { headers: client.cookie ? { Cookie: client.cookie } : {}, signal: ac.signal });
        assert.equal(r.status, 200, what);
        ac.abort();
        continue;
      }
      const r = await client.req(method, path, { json });
      if (want === 'ok') assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text}`);
      else errorOf(assert, r, Number(want), want === '401' ? 'unauthenticated' : 'forbidden');
    }
  }
});

// ---- a seeded day: statistics to the second, and the end of the day ----

test(`statistics to the second on a seeded day; tickets left at the end of a day are abandoned (${BACKEND})`, async () => {
  const db = freshDb();
  const keep = { url: db.url, cleanup() {} };
  let s = await startServer({ db: keep, env: { YC_FAKE_NOW: FAKE_NOW } });
  await s.stop();
  const day = '2025-10-14';
  const t0 = Date.parse('2025-10-14T09:00:00+08:00');
  const zone = (p) => `(SELECT id FROM hall_zones WHERE prefix = '${p}')`;
  const window = (n) => `(SELECT id FROM hall_windows WHERE number = '${n}')`;
  const user = (u) => `(SELECT id FROM users WHERE username = '${u}')`;
  const tid = (i) => `(SELECT id FROM queue_tickets WHERE token = 'seed${i}')`;
  const stmts = [];
  const ticket = (i, state, issued, called, finished, z = 'A') => stmts.push(
    `INSERT INTO queue_tickets(day, issue_zone_id, seq, number, zone_id, class, green_reason, channel, token, state, issued_at, first_called_at, finished_at, issued_by) VALUES ('${day}', ${zone('A')}, ${i}, 'A${String(i).padStart(3, '0')}', ${zone(z)}, 'normal', '', 'kiosk', 'seed${i}', '${state}', ${issued}, ${called ?? 'NULL'}, ${finished ?? 'NULL'}, 'seed')`);
  const callRow = (i, z, w, u, issued, called, finished, outcome, first) => stmts.push(
    `INSERT INTO queue_calls(ticket_id, day, zone_id, window_id, staff_id, issued_at, called_at, finished_at, outcome, first_call) VALUES (${tid(i)}, '${day}', ${zone(z)}, ${window(w)}, ${user(u)}, ${issued}, ${called}, ${finished ?? 'NULL'}, '${outcome}', ${first})`);
  for (let i = 1; i <= 10; i++) {
    const issued = t0 + i * 60000;
    const called = issued + 60000 * i; // waits 60 .. 600 s
    const finished = called + 100000 * i; // services 100 .. 1000 s
    ticket(i, 'served', issued, called, finished);
    callRow(i, 'A', i % 2 ? 'A01' : 'A02', i % 2 ? 'qiantai' : 'liting', issued, called, finished, 'served', 1);
  }
  const i11 = t0 + 11 * 60000;
  ticket(11, 'no_show', i11, i11 + 30000, i11 + 40000);
  callRow(11, 'A', 'A01', 'qiantai', i11, i11 + 30000, i11 + 40000, 'no_show', 1);
  const i12 = t0 + 12 * 60000;
  ticket(12, 'served', i12, i12 + 90000, i12 + 400000, 'B');
  callRow(12, 'A', 'A01', 'qiantai', i12, i12 + 90000, i12 + 110000, 'transferred', 1);
  callRow(12, 'B', 'B01', 'huangmin', i12, i12 + 200000, i12 + 400000, 'served', 0);
  ticket(13, 'waiting', t0 + 13 * 60000, null, null);
  ticket(14, 'waiting', t0 + 14 * 60000, null, null);
  ticket(15, 'called', t0 + 15 * 60000, t0 + 16 * 60000, null);
  callRow(15, 'A', 'A03', 'wanglei', t0 + 15 * 60000, t0 + 16 * 60000, null, '', 1);
  for (const st of stmts) {
    const r = sql(keep, st);
    assert.equal(r.code, 0, `${st}\n${r.stderr}`);
  }
  // started again on the next day: the end of 2025-10-14 is closed
  s = await startServer({ db: keep, env: { YC_FAKE_NOW: FAKE_NOW } });
  try {
    const duban = new Client(s.base);
    await duban.login('duban');
    let st;
    for (let k = 0; k < 50; k++) {
      st = (await duban.get(`/api/queue/stats?date=${day}`)).json;
      if (st.tickets.abandoned === 3) break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.deepEqual(st.tickets, { issued: 15, by_class: { normal: 15, green: 0, appointment: 0 }, by_channel: { kiosk: 15, guide: 0, online: 0, appointment: 0 }, waiting: 0, abandoned: 3 });
    assert.deepEqual(st.calls, { called: 14, served: 11, no_show: 1, transferred: 1, recalls: 0 });
    // first calls wait 30, 60, 60, 90, 120, 180 ... 600: median (rank 7 of 13) 240, p90 (rank 12)
    // 540, mean 3480 / 13
    assert.deepEqual(st.wait, { n: 13, median_s: 240, p90_s: 540, mean_s: 267, max_s: 600 });
    // services 100, 200, 200, 300 ... 1000: median (rank 6 of 11) 500, p90 (rank 10) 900, mean 5700 / 11
    assert.deepEqual(st.service, { n: 11, median_s: 500, p90_s: 900, mean_s: 518, max_s: 1000 });
    const za = st.zones.find((z) => z.prefix === 'A');
    assert.deepEqual([za.issued, za.served, za.no_show, za.transferred, za.abandoned], [15, 10, 1, 1, 3]);
    const zb = st.zones.find((z) => z.prefix === 'B');
    assert.deepEqual([zb.issued, zb.served, zb.service.median_s], [0, 1, 200]);
    // one window: A01 made the first calls of tickets 1 3 5 7 9, 11 and 12
    const w = (await duban.get(`/api/queue/stats?date=${day}&window=A01`)).json;
    assert.deepEqual(w.wait, { n: 7, median_s: 180, p90_s: 540, mean_s: 231, max_s: 540 });
    assert.deepEqual(w.calls, { called: 7, served: 5, no_show: 1, transferred: 1, recalls: 0 });
    assert.deepEqual(w.windows.map((x) => x.number), ['A01']);
    // one member of staff: liting served 2, 4, 6, 8, 10 (200 .. 1000 s)
    const l = (await duban.get(`/api/queue/stats?date=${day}&staff=liting`)).json;
    assert.deepEqual(l.service, { n: 5, median_s: 600, p90_s: 1000, mean_s: 600, max_s: 1000 });
    assert.deepEqual(l.staff, [{ username: 'liting', name: '李婷', calls: 5, served: 5, service: l.service }]);
    const z = (await duban.get(`/api/queue/stats?date=${day}&zone=B`)).json;
    assert.deepEqual([z.tickets.issued, z.calls.served, z.wait.n], [0, 1, 0]);
    // the abandoned ones have their event; the open call is closed
    const ev = sql(keep, `SELECT t.number, e.kind FROM queue_events e JOIN queue_tickets t ON t.id = e.ticket_id WHERE t.day = '${day}' ORDER BY t.seq`).stdout.trim().split('\n');
    assert.deepEqual(ev, ['A013|abandoned', 'A014|abandoned', 'A015|abandoned']);
    assert.equal(sql(keep, `SELECT outcome FROM queue_calls WHERE ticket_id = ${tid(15)}`).stdout.trim(), 'abandoned');
    const audit = (await duban.get('/api/audit?limit=5')).json.entries;
    assert.ok(audit.some((a) => a.action === 'queue.day.close' && a.actor === 'system' && a.summary.startsWith('3 ')));
  } finally {
    await s.stop();
    db.cleanup();
  }
});
