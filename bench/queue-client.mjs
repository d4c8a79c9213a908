// The client of bench/queue.sh: a simulated busy day on the demo hall, through the API.
//
//   node bench/queue-client.mjs BASE TICKETS STREAMS
//
// 1. A guide desk issues 5/6 of TICKETS over 64 keep-alive connections (tickets/s, latency).
// 2. Every window of the hall is opened by its own front desk (63 people). STREAMS display streams
//    (a child process, so their reading does not share this event loop) listen to every zone.
// 3. All windows call next and finish at full speed until a third of the day is left, while one more
//    connection issues the last 1/6 of the tickets: 64 connections; throughput, and latency under
//    saturation. Then the last third paced at BENCH_RATE calls/s in all (default 200; a real hall
//    makes about one a second): the latency of a call when the server is not saturated.
// 4. Every call must reach every stream: the delay from the call (its time on the server, at_ms) to
//    each stream receiving it, max and p99, and any missing.
// Prints one JSON object with the figures.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const [,, base, ticketsArg, streamsArg, mode, serverPid] = process.argv;
const RATE = Number(process.env.BENCH_RATE || 200);
const TICK = 1e6 / 100; // µs per clock tick (CLK_TCK 100 on Linux)
import { readFileSync } from 'node:fs';
const rssKb = () => (serverPid ? Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))[1]) : 0);
const cpuUs = () => {
  if (!serverPid) return 0;
  const f = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK; // utime, stime
};
const { hostname, port } = new URL(base);
const now = () => performance.timeOrigin + performance.now();

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

const pct = (sorted, p) => (sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
function summary(values) {
  const s = Float64Array.from(values).sort();
  return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), max: s.length ? s[s.length - 1] : 0 };
}

async function session(username) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const r = await request(agent, 'POST', '/api/session', { json: { username, password: 'yichuang2025' } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.text}`);
  const cookie = /yc_session=[^;]*/.exec(r.headers['set-cookie'].join(';'))[0];
  return { agent, cookie, csrf: r.json.csrf_token, username };
}
const call = (s, method, path, json) => request(s.agent, method, path, { json, cookie: s.cookie, csrf: s.csrf });

// ---- the display streams (child process) ----

async function streamsMain(count) {
  const got = new Map(); // ticket -> deliveries
  const delays = []; // receive time - the call's time (at_ms, the server's clock: same machine)
  let ready = 0;
  const reqs = [];
  for (let i = 0; i < count; i++) {
    const req = http.get({ host: hostname, port, path: '/api/display/stream', agent: false });
    reqs.push(req);
    req.on('response', (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        const t = now();
        buf += d;
        let k;
        while ((k = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, k);
          buf = buf.slice(k + 2);
          if (block.includes('event: snapshot')) {
            if (++ready === count) process.send({ ready: true });
          } else if (block.includes('event: call')) {
            const m = /"ticket":"([A-Z]\d+)".*"at_ms":(\d+)/.exec(block);
            got.set(m[1], (got.get(m[1]) || 0) + 1);
            delays.push(t - Number(m[2]));
          }
        }
      });
    });
    req.on('error', (e) => process.send({ error: String(e) }));
  }
  process.on('message', (msg) => {
    let missing = 0;
    for (const ticket of msg.called) missing += count - (got.get(ticket) || 0);
    for (const r of reqs) r.destroy();
    process.send({ delivery: { delays, missing, streams: count } }, () => process.exit(0));
  });
}

// ---- the day ----

async function main() {
  const total = Number(ticketsArg);
  const nstreams = Number(streamsArg);
  const admin = await session('admin');
  const hall = (await call(admin, 'GET', '/api/hall')).json;
  const zones = hall.floors.flatMap((f) => f.zones).filter((z) => z.windows.length);
  const windows = zones.flatMap((z) => z.windows);
  // tickets per zone in proportion to its windows
  const weights = zones.flatMap((z) => z.windows.map(() => z.prefix));
  const staff = (await call(admin, 'GET', '/api/users')).json.users
    .filter((u) => u.roles.includes('front_desk') && !u.disabled).map((u) => u.username);
  if (staff.length < windows.length) throw new Error(`${staff.length} front desks for ${windows.length} windows`);

  // 1. issue 5/6 at 64 connections
  const guides = await Promise.all(Array.from({ length: 64 }, () => session('daoban')));
  const first = Math.round((total * 5) / 6);
  let issued = 0;
  const issueLat = [];
  const issueOne = async (g) => {
    const zone = weights[issued % weights.length];
    issued++;
    const t0 = now();
    const r = await call(g, 'POST', '/api/queue/tickets', { zone });
    if (r.status !== 201) throw new Error(`issue: ${r.status} ${r.text}`);
    return now() - t0;
  };
  let t0 = now();
  await Promise.all(guides.map(async (g) => { while (issued < first) issueLat.push(await issueOne(g)); }));
  const issueSecs = (now() - t0) / 1000;

  // 2. open every window, start the streams
  const desks = await Promise.all(windows.map((w, i) => session(staff[i]).then((s) => ({ ...s, window: w }))));
  for (const d of desks) {
    const r = await call(d, 'POST', `/api/queue/windows/${d.window.id}/open`);
    if (r.status !== 200) throw new Error(`open ${d.window.number}: ${r.text}`);
  }
  // two processes read the streams, so one event loop does not hold the deliveries up
  const children = [Math.ceil(nstreams / 2), Math.floor(nstreams / 2)].filter((n) => n > 0)
    .map((n) => fork(fileURLToPath(import.meta.url), [base, '0', String(n), 'streams']));
  await Promise.all(children.map((child) => new Promise((ok, fail) => child.on('message', (m) => (m.ready ? ok() : m.error && fail(new Error(m.error)))))));

  const sent = {};
  let served = 0;
  let errors = 0;
  const rssStreams = rssKb(); // every window open, every stream connected, nothing called yet
  const pacedN = Math.round(total / 3);
  // 3a. full speed until a third of the day is left, while the last tickets arrive
  process.stderr.write('queue-client: calling\n');
  const callLat = [];
  const finishLat = [];
  const cpuF0 = cpuUs();
  let taken = 0; // calls started
  t0 = now();
  const issuer = (async () => { while (issued < total) issueLat.push(await issueOne(guides[0])); })();
  await Promise.all(desks.map(async (d) => {
    while (taken < total - pacedN) {
      taken++;
      const c0 = now();
      const r = await call(d, 'POST', `/api/queue/windows/${d.window.id}/call`);
      const c1 = now();
      if (r.status === 409 && r.json?.error?.code === 'queue_empty') {
        taken--;
        await new Promise((ok) => setTimeout(ok, 5));
        continue;
      }
      if (r.status !== 200) { errors++; continue; }
      callLat.push(c1 - c0);
      sent[r.json.called.number] = c0;
      const f0 = now();
      const f = await call(d, 'POST', `/api/queue/windows/${d.window.id}/finish`);
      finishLat.push(now() - f0);
      if (f.status !== 200) errors++;
      served++;
    }
  }));
  await issuer;
  const callSecs = (now() - t0) / 1000;
  const cpuFull = cpuUs() - cpuF0;
  const fullServed = served;
  // 3b. paced: the rest at RATE calls/s in all, each window at its own moments
  const pacedLat = [];
  const interval = (desks.length / RATE) * 1000;
  const p0 = now();
  const cpuP0 = cpuUs();
  await Promise.all(desks.map(async (d, i) => {
    let next = p0 + (i * interval) / desks.length;
    for (;;) {
      const wait = next - now();
      if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
      if (taken >= total || served >= total) return;
      taken++;
      next += interval;
      const c0 = now();
      const r = await call(d, 'POST', `/api/queue/windows/${d.window.id}/call`);
      if (r.status === 409 && r.json?.error?.code === 'queue_empty') {
        taken--; // this window's zones are done; others are not
        if (served >= total) return;
        continue;
      }
      if (r.status !== 200) { errors++; continue; }
      pacedLat.push(now() - c0);
      sent[r.json.called.number] = c0;
      const f = await call(d, 'POST', `/api/queue/windows/${d.window.id}/finish`);
      if (f.status !== 200) errors++;
      served++;
    }
  }));
  const pacedSecs = (now() - p0) / 1000;
  const cpuPaced = cpuUs() - cpuP0;
  await new Promise((ok) => setTimeout(ok, 1500)); // the last events on their way
  const parts = await Promise.all(children.map((child) => {
    const p = new Promise((ok) => child.on('message', (m) => m.delivery && ok(m.delivery)));
    child.send({ called: Object.keys(sent) });
    return p;
  }));
  const d = summary(parts.flatMap((x) => x.delays));
  const delivery = { ...d, missing: parts.reduce((a, x) => a + x.missing, 0), streams: nstreams,
    late_over_1s: parts.reduce((a, x) => a + x.delays.filter((v) => v > 1000).length, 0) };
  const r2 = (x) => Math.round(x * 100) / 100;
  const lat = (v) => { const s = summary(v); return { n: s.n, p50_ms: r2(s.p50), p99_ms: r2(s.p99), max_ms: r2(s.max) }; };
  console.log(JSON.stringify({
    windows: windows.length,
    tickets: issued,
    served,
    errors,
    issue: { ...lat(issueLat.slice(0, first)), per_s: Math.round(first / issueSecs), connections: 64 },
    paced: { ...lat(pacedLat), per_s: Math.round(pacedLat.length / pacedSecs), connections: desks.length,
      cpu_us_per_call_and_finish: Math.round(cpuPaced / Math.max(1, pacedLat.length)) },
    call: { ...lat(callLat), per_s: Math.round(fullServed / callSecs), connections: desks.length + 1,
      cpu_us_per_call_and_finish: Math.round(cpuFull / Math.max(1, fullServed)) },
    finish: lat(finishLat),
    call_phase_s: r2(callSecs),
    rss_kb: { streams_open: rssStreams, end_of_day: rssKb() },
    delivery: { streams: delivery.streams, deliveries: delivery.n, missing: delivery.missing,
      late_over_1s: delivery.late_over_1s, p50_ms: r2(delivery.p50), p99_ms: r2(delivery.p99), max_ms: r2(delivery.max) },
  }));
  for (const d of [...desks, ...guides, admin]) d.agent.destroy();
}

if (mode === 'streams') streamsMain(Number(streamsArg));
else main().catch((e) => { console.error(e); process.exit(1); });
