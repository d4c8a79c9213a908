// A case's documents (issue 5): every notice as a PDF (受理通知书 … 准予 / 不予许可决定书), their
// SHA-256 and its stability, the decision's hash recorded in the seal ledger and checked again,
// the seal ledger over HTTP and on the command line, `yichuang cases scan`, and the access matrix
// of src/http/routes_case_docs.inc. Runs on SQLite, and on PostgreSQL under tests/pg.sh.
//
// Each kind is rendered to tests/out/cases/notice-<kind>.png (pdftoppm -r 80) for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { startServer, Client, errorOf, residentId, uscc, sql, run, ROOT } from './lib.mjs';

// 2025-10-15 11:46 in UTC+8 (a Wednesday)
const NOW = '1760500000';
const HOST = 'zwfw.example.cn';
const OUT = join(ROOT, 'tests/out/cases');
const WHO = ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'anonymous'];
let srv;
const c = {};
let matter; // 道路旅客运输经营许可 (市交通运输局), covered by qiantai's letter
let seal; // the active seal of 市交通运输局
const person = residentId('43050219861203002');
const firm = uscc('91430500MA4PL7Q2X');

before(async () => {
  mkdirSync(OUT, { recursive: true });
  // the server's own scan never runs during the suite: `cases scan` is tested from the command line
  srv = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '3600'] });
  for (const u of ['admin', 'duban', 'qiantai', 'daoban', 'shenpi', 'fenguan', 'denglihua']) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200, u);
  }
  const hit = (await c.qiantai.get('/api/matters?q=道路旅客运输经营许可')).json.matters[0];
  matter = (await c.qiantai.get(`/api/matters/${hit.id}`)).json.matter;
  seal = (await c.admin.get('/api/seals')).json.seals
    .find((s) => s.department.name === matter.department.name && s.status === 'active');
  assert.ok(seal, 'the department has an active seal');
});
after(async () => { await srv.stop(); });

const received = (skip = []) => matter.materials.filter((m) => !skip.includes(m.name)).map((m) => ({ name: m.name, status: 'received' }));
const firmApplication = (extra = {}) => ({
  matter_id: matter.id, matter_version: matter.version, applicant_kind: 'firm', applicant_name: '邵阳市湘运客运有限公司',
  id_number: firm, legal_rep: '刘建军', agent: '周海燕', phone: '13907394412', decision: 'accept', materials: received(), ...extra,
});
const personApplication = (extra = {}) => ({
  matter_id: matter.id, matter_version: matter.version, applicant_kind: 'person', applicant_name: '李秀英',
  id_number: person, phone: '13807391234', decision: 'accept', materials: received(), ...extra,
});
const accept = async (body) => {
  const r = await c.qiantai.post('/api/cases', body);
  assert.equal(r.status, 201, r.text);
  return r.json.case;
};
const ev = async (who, id, body, status = 200) => {
  const r = await c[who].post(`/api/cases/${id}/events`, body);
  assert.equal(r.status, status, `${body.event}: ${r.text}`);
  return r.json;
};

// GET a notice as bytes, with the Host the QR code is built from.
function notice(who, id, kind, query = '') {
  const headers = { Host: HOST };
  if (who !== 'anonymous' && c[who].cookie) headers.Cookie = c[who].cookie;
  return new Promise((ok, fail) => {
    const rq = httpGet(`${srv.base}/api/cases/${id}/notices/${kind}${query}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        let json = null;
        try { json = JSON.parse(body.toString('utf8')); } catch { /* a PDF */ }
        ok({ status: res.statusCode, headers: res.headers, body, json, text: body.toString('latin1').slice(0, 400) });
      });
    });
    rq.on('error', fail);
  });
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

// Check a notice: a PDF whose header hash is its own, whose text names the case; saved and rendered.
async function checkNotice(who, k, kind, title, { query = '', png = kind, texts = [] } = {}) {
  const r = await notice(who, k.id, kind, query);
  assert.equal(r.status, 200, `${kind}: ${r.text}`);
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  assert.equal(r.headers['x-content-sha256'], sha256(r.body), 'X-Content-SHA256 is the hash of the body');
  const cd = r.headers['content-disposition'];
  assert.match(cd, /^inline; filename="notice-[a-z]+-SY\d{8}-\d{5}-\d{2}-[A-Z]+\d?\.pdf"; filename\*=UTF-8''/);
  assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]).startsWith(`${title}-${k.number}-`), true, cd);
  const file = join(OUT, `notice-${png}.pdf`);
  writeFileSync(file, r.body);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  const flat = text.replace(/\s+/g, '');
  for (const s of [title, k.number, k.applicant.name, matter.name, ...texts]) {
    assert.ok(flat.includes(s.replace(/\s+/g, '')), `${kind} lacks “${s}”:\n${text}`);
  }
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  assert.match(info, new RegExp(`Title:\\s+${title}`));
  const png_ = spawnSync('pdftoppm', ['-r', '80', '-png', '-singlefile', file, join(OUT, `notice-${png}`)]);
  assert.equal(png_.status, 0, String(png_.stderr));
  return { ...r, text, flat };
}

let decided; // the case walked to a decision: accepted, extended, suspended, granted, sealed
let decisionHash;

test('受理通知书, 延期告知书, 特别程序告知书 and 准予许可决定书 of one case; the decision hash in the seal ledger', async () => {
  const k = await accept(firmApplication());
  const a = await checkNotice('qiantai', k, 'accept', '受理通知书', {
    texts: ['法定代表人', '刘建军', '2025年10月15日', '2025年10月29日', '2025年11月12日', '张晓燕', '0739-12345',
      '邵阳市政务服务中心', '邵阳市交通运输局', '二〇二五年十月十五日', '第三十二条', matter.materials[0].name,
      `http://${HOST}/case/${k.number}`],
  });
  // the ID is masked (last 4 kept): the USCC itself is nowhere in the text
  assert.ok(!a.flat.includes(firm) && a.flat.includes(firm.slice(-4)));
  // the same case gives the same bytes
  const again = await notice('qiantai', k.id, 'accept');
  assert.equal(again.headers['x-content-sha256'], a.headers['x-content-sha256']);
  assert.ok(again.body.equals(a.body));
  // the back office and the supervisor print the same notice
  assert.equal((await notice('shenpi', k.id, 'accept')).headers['x-content-sha256'], a.headers['x-content-sha256']);

  await ev('shenpi', k.id, { event: 'start_review' });
  const na = errorOf(assert, await notice('shenpi', k.id, 'extension'), 409, 'notice_not_applicable');
  assert.match(na.message, new RegExp(`${k.number}.*延期告知书.*审查中`));
  await ev('fenguan', k.id, { event: 'extend', reason: '需对拟投入车辆进行现场核查' });
  await checkNotice('fenguan', k, 'extension', '延期告知书', {
    texts: ['需对拟投入车辆进行现场核查', '第四十二条', '10个工作日', '2025年11月12日', '2025年11月26日'],
  });
  await ev('shenpi', k.id, { event: 'suspend', kind: 'expert_review', reason: '组织专家对客运线路进行评审，约需 5 个工作日' });
  const s = await checkNotice('shenpi', k, 'suspend', '特别程序告知书', {
    texts: ['专家评审', '组织专家对客运线路进行评审', '第四十五条', '2025年10月15日', '计时暂停（尚余30个工作日）'],
  });
  await ev('shenpi', k.id, { event: 'resume' });
  // resuming does not change what the suspension notice said
  assert.equal((await notice('shenpi', k.id, 'suspend')).headers['x-content-sha256'], s.headers['x-content-sha256']);

  errorOf(assert, await notice('shenpi', k.id, 'decision'), 409, 'notice_not_applicable');
  await ev('shenpi', k.id, { event: 'sign' });
  await ev('shenpi', k.id, { event: 'decide_grant' });
  const d = await checkNotice('shenpi', k, 'decision', '准予许可决定书', {
    texts: ['准予行政许可', '第三十八条第一款', '第四十四条', seal.name.replace(/行政审批专用章$/, '')],
  });
  decisionHash = d.headers['x-content-sha256'];
  // dated by the decision's day (00:00 in UTC+8), not by the clock of the request
  const info = spawnSync('pdfinfo', [join(OUT, 'notice-decision.pdf')], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }).stdout;
  assert.match(info, /CreationDate:\s+Tue Oct 14 16:00:00 2025 UTC/);
  assert.match(info, /ModDate:\s+Tue Oct 14 16:00:00 2025 UTC/);
  // the seal event records the document and its hash
  const sealed = await ev('shenpi', k.id, { event: 'seal', seal_id: seal.id, document: '准予许可决定书', sha256: decisionHash });
  assert.equal(sealed.seal_uses[0].sha256, decisionHash);
  // later steps do not change the sealed decision: its hash still matches the ledger
  await ev('shenpi', k.id, { event: 'issue_result', channel: 'ems', tracking_no: 'EA204516733CN' });
  await ev('qiantai', k.id, { event: 'close' });
  const later = await notice('duban', k.id, 'decision');
  assert.equal(later.headers['x-content-sha256'], decisionHash, 'the decision re-verifies against the seal ledger');
  assert.equal(sha256(later.body), decisionHash);
  // its acceptance notice is the same as on the first day
  assert.equal((await notice('admin', k.id, 'accept')).headers['x-content-sha256'], a.headers['x-content-sha256']);
  decided = k;
});

test('不予受理决定书 names the reason and the competent agency', async () => {
  const k = await accept(personApplication({ decision: 'refuse', reason: '申请的省际班车客运线路不属于本机关许可权限', other_agency: '湖南省交通运输厅', agent: '王志刚' }));
  const r = await checkNotice('qiantai', k, 'refuse', '不予受理决定书', {
    texts: ['申请的省际班车客运线路不属于本机关许可权限', '湖南省交通运输厅', '第三十二条第一款第（二）项', '行政复议', '—（不予受理）', '代理人王志刚'],
  });
  assert.ok(!r.flat.includes(person));
  errorOf(assert, await notice('qiantai', k.id, 'accept'), 409, 'notice_not_applicable');
  errorOf(assert, await notice('qiantai', k.id, 'decision'), 409, 'notice_not_applicable');
});

test('补正材料通知书 lists every missing material of its round with the deadline; acceptance after 补正', async () => {
  const [first, second] = matter.materials;
  const k = await accept(personApplication({ decision: 'supplement', materials: received([first.name, second.name]) }));
  errorOf(assert, await notice('qiantai', k.id, 'accept'), 409, 'notice_not_applicable');
  // 10 working days after 2025-10-15
  await checkNotice('qiantai', k, 'supplement', '补正材料通知书', {
    texts: ['一次性告知', first.name, second.name, '第三十二条第一款第（四）项', '2025年10月29日', '共2项'],
  });
  // a second round the same day (the materials brought back still incomplete)
  await ev('qiantai', k.id, { event: 'request_supplement', reason: '补交的申请表未加盖公章' });
  const r2 = await checkNotice('qiantai', k, 'supplement', '补正材料通知书', {
    query: '?round=2', png: 'supplement-2', texts: ['第 2 次补正告知', '补交的申请表未加盖公章', first.name],
  });
  assert.match(r2.headers['content-disposition'], /-BZ2\.pdf"/);
  const r1 = await notice('qiantai', k.id, 'supplement', '?round=1');
  assert.match(r1.headers['content-disposition'], /-BZ1\.pdf"/);
  assert.notEqual(r1.headers['x-content-sha256'], r2.headers['x-content-sha256']);
  // without a round: the latest
  assert.equal((await notice('qiantai', k.id, 'supplement')).headers['x-content-sha256'], r2.headers['x-content-sha256']);
  errorOf(assert, await notice('qiantai', k.id, 'supplement', '?round=3'), 404, 'notice_round_not_found');
  errorOf(assert, await notice('qiantai', k.id, 'supplement', '?round=x'), 422, 'field_invalid');
  await ev('qiantai', k.id, { event: 'supplement_complete' });
  await checkNotice('qiantai', k, 'accept', '受理通知书', { png: 'accept-after-supplement', texts: ['全部补正材料', first.name] });
});

test('容缺受理通知书 names the 容缺 materials, the commitment and its due day', async () => {
  const rq = matter.materials.find((m) => m.rongque);
  assert.ok(rq, 'the matter has a material that may be 容缺');
  const mats = received().map((m) => (m.name === rq.name
    ? { name: m.name, status: 'rongque', commitment: '承诺于 2025 年 10 月 24 日前补交经法定代表人签字的安全生产管理制度文本', due: '2025-10-24' }
    : m));
  const k = await accept(firmApplication({ decision: 'conditional', materials: mats }));
  await checkNotice('qiantai', k, 'conditional', '容缺受理通知书', {
    texts: [rq.name, '承诺于2025年10月24日前补交', '2025年10月24日', '终止办理', '2025年10月29日'],
  });
  errorOf(assert, await notice('qiantai', k.id, 'accept'), 409, 'notice_not_applicable');
});

test('不予许可决定书 gives the reason and the remedies', async () => {
  const k = await accept(personApplication());
  await ev('shenpi', k.id, { event: 'start_review' });
  await ev('shenpi', k.id, { event: 'sign' });
  await ev('shenpi', k.id, { event: 'decide_refuse', reason: '拟投入车辆的技术等级未达到一级，不符合《道路旅客运输及客运站管理规定》第十条的要求' });
  const r = await checkNotice('shenpi', k, 'decision', '不予许可决定书', {
    png: 'decision-refuse', texts: ['不予行政许可', '拟投入车辆的技术等级未达到一级', '第三十八条第二款', '行政诉讼'],
  });
  assert.match(r.headers['content-disposition'], /-BY\.pdf"/);
});

test('notices: unknown kind, out of scope, a case that does not exist', async () => {
  const k = await accept(personApplication());
  errorOf(assert, await notice('qiantai', k.id, 'receipt'), 404, 'notice_kind_unknown');
  // staff of another department do not see the case (nor that it exists)
  errorOf(assert, await notice('denglihua', k.id, 'accept'), 404, 'case_not_found');
  errorOf(assert, await notice('qiantai', 999999, 'accept'), 404, 'case_not_found');
  errorOf(assert, await notice('daoban', k.id, 'accept'), 403, 'forbidden');
  errorOf(assert, await notice('anonymous', k.id, 'accept'), 401, 'unauthenticated');
  // a notice is a read: the timeline and the audit log are unchanged by it
  const before = (await c.admin.get('/api/audit?limit=1')).json;
  await notice('qiantai', k.id, 'accept');
  assert.deepEqual((await c.admin.get('/api/audit?limit=1')).json, before);
});

test('the seal ledger over HTTP: own department for its head, all for the supervisor', async () => {
  assert.ok(decided, 'the first test sealed a decision');
  const range = 'from=2025-10-01&to=2025-10-31';
  let r = await c.fenguan.get(`/api/seal-uses?${range}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.department.name, matter.department.name);
  const use = r.json.uses.find((u) => u.case.number === decided.number);
  assert.ok(use, r.text);
  assert.deepEqual([use.day, use.seal.name, use.stage, use.approver.name, use.document, use.sha256],
    ['2025-10-15', seal.name, '办结', '陈志强', '准予许可决定书', decisionHash]);
  // the default range is this month to today
  r = await c.fenguan.get('/api/seal-uses');
  assert.deepEqual([r.json.from, r.json.to], ['2025-10-01', '2025-10-15']);
  assert.ok(r.json.uses.some((u) => u.case.number === decided.number));
  // the supervisor: every department, or one by code
  r = await c.duban.get(`/api/seal-uses?${range}`);
  assert.equal(r.json.department, null);
  assert.ok(r.json.uses.some((u) => u.sha256 === decisionHash));
  r = await c.admin.get(`/api/seal-uses?${range}&dept=JTJ`);
  assert.equal(r.json.count, r.json.uses.length);
  assert.ok(r.json.uses.every((u) => u.department.name === '市交通运输局'));
  r = await c.duban.get(`/api/seal-uses?${range}&dept=GAJ`);
  assert.equal(r.json.count, 0);
  // a department head asking for another department's ledger
  const e = errorOf(assert, await c.fenguan.get(`/api/seal-uses?${range}&dept=GAJ`), 403, 'forbidden');
  assert.match(e.message, /市交通运输局.*市公安局/);
  // bad input
  errorOf(assert, await c.duban.get('/api/seal-uses?from=2025-10-31&to=2025-10-01'), 422, 'range_invalid');
  errorOf(assert, await c.duban.get('/api/seal-uses?from=2024-01-01&to=2025-10-01'), 422, 'range_too_long');
  errorOf(assert, await c.duban.get('/api/seal-uses?from=2025-02-30&to=2025-10-01'), 422, 'field_invalid');
  errorOf(assert, await c.duban.get(`/api/seal-uses?${range}&dept=无此部门`), 422, 'field_invalid');
  // outside the range: nothing
  r = await c.duban.get('/api/seal-uses?from=2024-09-01&to=2024-09-30'); // before the demo's cases
  assert.equal(r.json.count, 0);
});

test('command line: seal ledger in table, csv and json; its errors and exit codes', async () => {
  const db = ['--db', srv.db.url];
  const env = { YC_FAKE_NOW: NOW };
  let r = await run(['seal', 'ledger', '--dept', 'JTJ', '--from', '2025-10-01', '--to', '2025-10-31', ...db], { env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^日期\s+印章\s+办件编号\s+环节\s+审批人\s+文书\s+SHA-256$/);
  const row = lines.find((l) => l.includes(decided.number));
  assert.ok(row, r.stdout);
  for (const s of ['2025-10-15', seal.name, '办结', '陈志强', '准予许可决定书', decisionHash]) assert.ok(row.includes(s), `${s} in ${row}`);
  assert.match(lines.at(-1), /^共 \d+ 条用印记录（市交通运输局）$/);

  r = await run(['seal', 'ledger', '--dept', String(seal.department.id), '--from', '2025-10-15', '--to', '2025-10-15', '--format', 'csv', ...db], { env });
  assert.equal(r.code, 0, r.stderr);
  const csv = r.stdout.trim().split('\n');
  assert.equal(csv[0], 'day,seal,seal_code,department,case,stage,approver,document,sha256');
  assert.ok(csv.includes(`2025-10-15,${seal.name},${seal.code},市交通运输局,${decided.number},办结,陈志强,准予许可决定书,${decisionHash}`), r.stdout);

  r = await run(['seal', 'ledger', '--dept', '市交通运输局', '--from', '2025-10-01', '--to', '2025-10-31', '--format', 'json', ...db], { env });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.department.name, '市交通运输局');
  assert.ok(j.uses.some((u) => u.case.number === decided.number && u.sha256 === decisionHash));
  // every department when --dept is left out; nothing a year before the demo's cases
  r = await run(['seal', 'ledger', '--from', '2024-09-01', '--to', '2024-09-30', ...db], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /共 0 条用印记录（全部部门）/);

  // errors: 1 for bad values, 2 for bad usage
  const bad = async (args, code, re) => {
    const x = await run(['seal', 'ledger', ...args, ...db], { env });
    assert.equal(x.code, code, `${args.join(' ')}: ${x.stdout}${x.stderr}`);
    assert.match(x.stderr, re);
  };
  await bad(['--from', '2025-13-01', '--to', '2025-10-31'], 1, /field_invalid: --from '2025-13-01'/);
  await bad(['--from', '2025-10-31', '--to', '2025-10-01'], 1, /range_invalid/);
  await bad(['--from', '2024-01-01', '--to', '2025-10-31'], 1, /range_too_long/);
  await bad(['--dept', 'NOPE', '--from', '2025-10-01', '--to', '2025-10-31'], 1, /field_invalid: 部门“NOPE”不存在/);
  await bad(['--from', '2025-10-01'], 2, /usage: yichuang seal ledger/);
  await bad(['--from', '2025-10-01', '--to', '2025-10-31', '--format', 'xml'], 2, /--format is table, csv or json/);
  await bad(['--from', '2025-10-01', '--to', '2025-10-31', '--colour'], 2, /unexpected '--colour'/);
  const x = await run(['seal', 'frobnicate', ...db]);
  assert.equal(x.code, 2);
  const h = await run(['seal', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /usage: yichuang seal ledger --from YYYY-MM-DD --to YYYY-MM-DD/);
});

test('command line: cases scan flags a case past the 补正 deadline once, and sends the outbox', async () => {
  const db = ['--db', srv.db.url];
  const env = { YC_FAKE_NOW: NOW };
  const k = await accept(personApplication({ decision: 'receive' }));
  assert.equal(k.state, 'received');
  // received on 2025-09-30: the 补正 deadline was 10-14, so on 10-15 it counts as accepted
  assert.equal(sql(srv.db, `UPDATE cases SET received_day = '2025-09-30' WHERE id = ${k.id}`).code, 0);
  let r = await run(['cases', 'scan', ...db], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^deemed accepted: 1\nnotifications sent: [1-9]\d*\n$/);
  const d = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  assert.equal(d.case.state, 'deemed_accepted');
  assert.equal(d.case.accepted, '2025-09-30');
  // its acceptance notice says so
  await checkNotice('qiantai', d.case, 'accept', '受理通知书', { png: 'accept-deemed', texts: ['即为受理', '第三十二条第一款第（四）项'] });
  // again: nothing left to do
  r = await run(['cases', 'scan', ...db], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'deemed accepted: 0\nnotifications sent: 0\n');
  // the log has the texts, never the phone number in clear
  assert.ok(!r.stderr.includes('13807391234'));
  r = await run(['cases', 'scan', 'now', ...db], { env });
  assert.equal(r.code, 2);
  assert.match((await run(['cases', '--help'])).stdout, /usage: yichuang cases scan/);
});

// ---- who may call what (docs/authz.md), every route of src/http/routes_case_docs.inc ----

test('authorisation of every case document route, as docs/authz.md says', async () => {
  const k = await accept(personApplication());
  const M = {
    'GET /api/cases/{}/notices/{}': ['200 200 200 403 200 200 401', (who) => notice(who, k.id, 'accept')],
    'GET /api/seal-uses': ['200 200 403 403 403 200 401', (who) => {
      const client = who === 'anonymous' ? new Client(srv.base) : Object.assign(new Client(srv.base), { cookie: c[who].cookie, csrf: c[who].csrf });
      return client.get('/api/seal-uses?from=2025-10-01&to=2025-10-31');
    }],
  };
  const src = readFileSync(join(ROOT, 'src/http/routes_case_docs.inc'), 'utf8');
  const routes = [...src.matchAll(/\{\s*YC_([A-Z]+),\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(routes.slice().sort(), Object.keys(M).sort());
  for (const [key, [expect, call]] of Object.entries(M)) {
    for (const [i, who] of WHO.entries()) {
      const r = await call(who);
      const want = Number(expect.split(/\s+/)[i]);
      assert.equal(r.status, want, `${key} as ${who}: ${r.text}`);
      if (want === 403) errorOf(assert, r, 403, 'forbidden');
      if (want === 401) errorOf(assert, r, 401, 'unauthenticated');
    }
  }
});

// Last: it retires the department's seal.
test('a retired seal: the sealed decision keeps its seal and its hash; new notices carry the new seal', async () => {
  assert.ok(decided && decisionHash);
  let r = await c.admin.patch(`/api/seals/${seal.id}`, { status: 'retired' });
  assert.equal(r.status, 200, r.text);
  // the decision draws the seal the ledger recorded: unchanged
  assert.equal((await notice('duban', decided.id, 'decision')).headers['x-content-sha256'], decisionHash);
  // a notice of a new case: no seal in use, none drawn; the department is the issuer
  const k = await accept(personApplication());
  const bare = await checkNotice('qiantai', k, 'accept', '受理通知书', { png: 'accept-no-seal', texts: ['市交通运输局'] });
  assert.ok(!bare.flat.includes('行政审批专用章'), 'no seal drawn');
  // the new seal made public: drawn on the next notices
  r = await c.admin.post('/api/seals', { department_id: seal.department.id, name: '邵阳市交通运输局行政审批专用章', code: '4305002025099' });
  assert.equal(r.status, 201, r.text);
  const again = await checkNotice('qiantai', k, 'accept', '受理通知书', { png: 'accept-new-seal', texts: ['4305002025099'] });
  assert.notEqual(again.headers['x-content-sha256'], bare.headers['x-content-sha256']);
});

// Last: it writes a new version of the matter.
test('a notice longer than a page: rows move whole, the table head repeats, pages are numbered', async () => {
  const extra = ['客运车辆技术等级评定证明', '客运车辆类型等级评定证明', '拟投入车辆的行驶证', '拟投入车辆的道路运输证',
    '安全生产管理人员安全考核合格证明', '企业章程', '股东会关于从事道路旅客运输经营的决议', '经营场所产权证明或租赁合同',
    '停车场地使用证明', '驾驶员三年内安全驾驶经历证明', '车辆交通事故责任强制保险单', '承运人责任险保险单',
    '道路运输企业质量信誉考核结果', '客运线路可行性报告', '班车客运线路走向示意图', '沿线停靠站点协议'];
  const body = {
    code: matter.code, name: matter.name, department_id: matter.department_id ?? matter.department.id, type: matter.type,
    statutory_days: matter.statutory_days, promised_days: matter.promised_days, window_class: matter.window_class,
    entered: matter.entered, aliases: matter.aliases, theme: matter.theme, conditions: matter.conditions,
    legal_basis: matter.legal_basis, fees: matter.fees, faq: matter.faq, glossary: matter.glossary,
    materials: [...matter.materials.map(({ name, form, copies, required, rongque, review_points, sample }) => ({ name, form, copies, required, rongque, review_points, sample })),
      ...extra.map((name) => ({ name, form: 'copy', copies: 1, required: true, rongque: false, review_points: '复印件加盖单位公章，与原件核对一致', sample: '' }))],
  };
  const r = await c.admin.req('PUT', `/api/matters/${matter.id}`, { json: body });
  assert.equal(r.status, 200, r.text);
  matter = r.json.matter;
  assert.equal(matter.materials.length, 22);
  const k = await accept(firmApplication());
  const n = await checkNotice('qiantai', k, 'accept', '受理通知书', { png: 'accept-long', texts: ['共22项', '沿线停靠站点协议'] });
  const info = spawnSync('pdfinfo', [join(OUT, 'notice-accept-long.pdf')], { encoding: 'utf8' }).stdout;
  assert.match(info, /Pages:\s+2/);
  const pages = n.text.split('\f');
  assert.match(pages[0], /第 1\s*页\s*\/\s*共 2\s*页/);
  assert.match(pages[1], /第 2\s*页\s*\/\s*共 2\s*页/);
  assert.match(pages[1], /序号\s+申请材料\s+形式及份数\s+收取日期/, 'the head repeats on the next page');
  assert.match(pages[1], /申请人（签收）/);
  const png = spawnSync('pdftoppm', ['-r', '80', '-png', '-f', '2', '-l', '2', '-singlefile', join(OUT, 'notice-accept-long.pdf'), join(OUT, 'notice-accept-long-2')]);
  assert.equal(png.status, 0);
});
