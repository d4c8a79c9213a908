// The client of bench/reports.sh for the supervisor's live board (GET /api/supervision/board).
//
//   node bench/board-client.mjs BASE RUNS SERVER_PID
//
// Signs in as the demo supervisor (duban), loads the board once to warm up, then RUNS times one
// after another (the latency of one supervisor) and RUNS times over 4 keep-alive connections (a
// few supervisors and the lobby's big screen at once); then the drill-downs to the cases of the
// department with the most open cases and to every red card, RUNS times each. Prints p50/p99/max
// of each, and the server's CPU per load from /proc (utime + stime).
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [,, base, runsArg, serverPid] = process.argv;
const RUNS = Number(runsArg || 200);
const { hostname, port } = new URL(base);
const TICK = 1e6 / 100;
const cpuUs = () => {
  const f = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK;
};

function get(agent, path, headers = {}, method = 'GET', body = undefined) {
  return new Promise((ok, fail) => {
    const r = http.request({ host: hostname, port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    r.on('error', fail);
    if (body) r.write(body);
    r.end();
  });
}

const login = JSON.stringify({ username: 'duban', password: 'yichuang2025' });
const l = await get(undefined, '/api/session', { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(login) }, 'POST', login);
if (l.status !== 200) throw new Error(`login: ${l.text}`);
const cookie = /yc_session=[^;]*/.exec(l.headers['set-cookie'].join(';'))[0];

const pct = (s, p) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
async function run(conns, path = '/api/supervision/board') {
  const lat = [];
  let left = RUNS;
  const c0 = cpuUs();
  await Promise.all(Array.from({ length: conns }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (left-- > 0) {
      const t = performance.now();
      const r = await get(agent, path, { Cookie: cookie });
      if (r.status !== 200) throw new Error(`board: ${r.status} ${r.text.slice(0, 300)}`);
      lat.push(performance.now() - t);
    }
    agent.destroy();
  }));
  const s = Float64Array.from(lat).sort();
  const cpu = Math.round((cpuUs() - c0) / s.length);
  return `p50 ${pct(s, 50).toFixed(1)} ms, p99 ${pct(s, 99).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms, ${cpu} µs CPU/load`;
}

const warm = await get(undefined, '/api/supervision/board', { Cookie: cookie });
if (warm.status !== 200) throw new Error(`board: ${warm.status} ${warm.text.slice(0, 300)}`);
// the drill-downs: the department with the most open cases, and the centre's red cards
const busiest = JSON.parse(warm.text).departments.reduce((a, d) => (d.counts.total > a.counts.total ? d : a));
const one = await run(1);
const four = await run(4);
const dept = await run(1, `/api/supervision/board?dept=${busiest.id}`);
const red = await run(1, '/api/supervision/board?level=red');
console.log(`1 conn.: ${one}; 4 conn.: ${four}\n     drill-down, ${busiest.name} (${busiest.counts.total} open): ${dept}\n     drill-down, every red card: ${red}`);
