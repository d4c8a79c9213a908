// In a real browser: a ticket called at the front desk's window, accepted in the workbench by
// keyboard (matter search, applicant with the live ID check, checklist, Alt+1), its notice; then
// the back office and the department head: inbox with warning colours, review, extension from the
// department's list, a stale 签批 refused with 409 and reloaded, sign, grant, seal (the decision's
// SHA-256), EMS dispatch, and the timeline with every step. Then walk-ins: a matter without a
// delegation letter, 容缺 for a firm whose code check is overridden, a checklist made stale by a
// new matter version, a refusal, 补正 completed on the case page, 即办.
// Screenshots: tests/out/cases-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, DEMO_PASSWORD, residentId, uscc, sql } from '../e2e/lib.mjs';
import { launch, shot, OUT } from './lib.mjs';

// Monday 2026-03-16 10:00 in UTC+8: the clocks, the extension (+10) and the back-dated cases
// all fall in years the holiday calendar covers, whatever day the test runs.
const NOW = '1773626400';
let srv;
let browser;
before(async () => {
  srv = await startServer({ env: { YC_FAKE_NOW: NOW } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const SMALL = { width: 1366, height: 768 };
const LARGE = { width: 1920, height: 1080 };

async function staffPage(username, viewport = SMALL) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/login`);
  await page.fill('[data-test=login-username]', username);
  await page.fill('[data-test=login-password]', DEMO_PASSWORD);
  await page.press('[data-test=login-password]', 'Enter');
  await page.waitForURL(/\/staff/);
  await page.waitForSelector('[data-test=user-name]');
  return page;
}

// Let toasts go and transitions end before a screenshot.
async function settle(page) {
  await page.waitForSelector('.el-message', { state: 'detached', timeout: 6000 }).catch(() => {});
  await page.waitForTimeout(350);
}

const MATTER = '道路旅客运输经营许可'; // 市交通运输局; qiantai holds 邵交授〔2025〕1号 for it
const NUMBER = /^SY\d{8}-\d{5}-\d{2}$/;

// Working days in (a, b] by the server's calendar.
async function between(api, a, b) {
  return (await api.get(`/api/workdays/between?from=${a}&to=${b}`)).json.workdays;
}
const dayBefore = (s) => new Date(Date.parse(`${s}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);

// The latest day A with exactly n working days in (A, today]: walking back, the count only grows.
async function workdaysAgo(api, today, n) {
  let a = today;
  for (let i = 0; i < 90; i++) {
    a = dayBefore(a);
    if ((await between(api, a, today)) === n) return a;
  }
  throw new Error(`no day ${n} working days before ${today}`);
}

test('ticket → workbench acceptance by keyboard → back office review, extension, sign, grant, seal, EMS', async () => {
  try {
    await walk();
  } catch (e) {
    // What each open page showed when it failed, for the person reading the failure.
    let n = 0;
    for (const ctx of browser.contexts()) for (const p of ctx.pages()) await shot(p, `cases-failed-${++n}`).catch(() => {});
    throw e;
  }
});

async function walk() {
  const api = new Client(srv.base);
  assert.equal((await api.login('qiantai')).status, 200);
  const matter = (await api.get(`/api/matters?q=${encodeURIComponent(MATTER)}`)).json.matters[0];
  assert.equal(matter.name, MATTER);
  const full = (await api.get(`/api/matters/${matter.id}`)).json.matter;

  // 1. A ticket for the 无差别 zone, called at A01 by the front desk on duty there.
  const slip = (await api.post('/api/public/tickets', { zone: 'A' })).json.ticket;
  const desk = await staffPage('qiantai');
  for (const nav of ['window', 'workbench', 'cases']) assert.equal(await desk.locator(`[data-test=nav-${nav}]`).count(), 1, nav);
  assert.equal(await desk.locator('[data-test=nav-inbox]').count(), 0);
  await desk.click('[data-test=nav-window]');
  await desk.click('[data-test=qw-open]');
  await desk.waitForSelector('[data-test=qw-window] >> text=A01');
  await desk.keyboard.press('F2');
  await desk.waitForSelector(`[data-test=qw-current-number] >> text=${slip.number}`);

  // 2. 开始受理: the workbench for that ticket.
  await desk.click('[data-test=qw-accept]');
  await desk.waitForURL(new RegExp(`/staff/workbench\\?ticket=${slip.id}$`));
  await desk.waitForSelector(`[data-test=wb-ticket-number] >> text=${slip.number}`);
  assert.equal((await api.get(`/api/queue/tickets/${slip.id}`)).json.ticket.state, 'serving');

  // 3. The matter by keyboard: type, ↓ ↑, Enter; the guide shows beside the form.
  await desk.waitForFunction(() => document.activeElement?.dataset?.test === 'wb-search');
  await desk.keyboard.type('道路旅客运输');
  await desk.waitForSelector(`[data-test=wb-result-${matter.code}][aria-selected=true]`);
  await desk.keyboard.press('ArrowDown');
  await desk.keyboard.press('ArrowUp');
  await desk.keyboard.press('Enter');
  await desk.waitForSelector(`[data-test=wb-matter] >> text=${MATTER}`);
  await desk.waitForSelector('[data-test=wb-letter] >> text=邵交授〔2025〕1号');
  assert.match(await desk.textContent('[data-test=wb-guide]'), /承诺时限\s*10 个工作日/);
  assert.equal(await desk.locator('[data-test=wb-guide-materials] li').count(), full.materials.length);
  // nothing ticked yet: 受理 is not possible, 补正 is what the checklist points to
  assert.equal(await desk.isDisabled('[data-test=wb-decide-accept]'), true);
  assert.equal(await desk.isDisabled('[data-test=wb-decide-supplement]'), false);

  // 4. The applicant: focus is on the name; Enter moves on. A mistyped ID fails the live check
  //    with its reason and asks for an override reason; the corrected one passes.
  const id = residentId('43050219850312081');
  const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
  await desk.waitForFunction(() => document.activeElement?.dataset?.test === 'wb-name');
  await desk.keyboard.type('刘建军');
  await desk.keyboard.press('Enter');
  await desk.keyboard.type(wrong);
  await desk.waitForSelector('[data-test=wb-id-fail]');
  assert.match(await desk.textContent('[data-test=wb-id-fail]'), /校验/);
  await desk.waitForSelector('[data-test=wb-override]');
  await desk.fill('[data-test=wb-id]', id);
  await desk.waitForSelector('[data-test=wb-id-ok]');
  assert.match(await desk.textContent('[data-test=wb-id-ok]'), /男.*1985年3月12日生/);
  assert.equal(await desk.locator('[data-test=wb-override]').count(), 0);
  await desk.focus('[data-test=wb-id]');
  await desk.keyboard.press('Enter');
  await desk.keyboard.type('13907391234');
  await desk.keyboard.press('Enter');
  await desk.keyboard.press('Enter'); // no agent: on to the checklist
  await desk.waitForFunction(() => document.activeElement?.dataset?.test === 'wb-checklist');

  // 5. The checklist by keyboard: digits tick rows; Space toggles the active one.
  for (let i = 1; i <= full.materials.length; i++) await desk.keyboard.press(String(i));
  await desk.keyboard.press('Space'); // the last one: back to missing
  assert.equal(await desk.getAttribute(`[data-test=wb-mat-${full.materials.length}]`, 'data-status'), 'missing');
  await desk.keyboard.press('Space');
  for (let i = 1; i <= full.materials.length; i++) {
    assert.equal(await desk.getAttribute(`[data-test=wb-mat-${i}]`, 'data-status'), 'received', `material ${i}`);
  }
  assert.equal(await desk.isDisabled('[data-test=wb-decide-accept]'), false);
  assert.equal(await desk.isDisabled('[data-test=wb-decide-on_the_spot]'), true); // not a 即办 matter
  await settle(desk);
  await shot(desk, 'cases-workbench');
  await desk.setViewportSize(LARGE);
  await settle(desk);
  await shot(desk, 'cases-workbench-1920');
  await desk.setViewportSize(SMALL);

  // 6. Alt+1: 受理. The case number, the dates, and the notice link.
  const [created] = await Promise.all([
    desk.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST'),
    desk.keyboard.press('Alt+1'),
  ]);
  assert.equal(created.status(), 201, await created.text());
  const detail = await created.json();
  const body = JSON.parse(created.request().postData());
  assert.equal(body.ticket_id, slip.id);
  assert.equal(body.matter_version, full.version);
  assert.equal(body.id_number, id);
  assert.equal(body.override_reason, undefined);
  await desk.waitForSelector('[data-test=wb-case-number]');
  const number = (await desk.textContent('[data-test=wb-case-number]')).trim();
  assert.match(number, NUMBER);
  assert.equal(number, detail.case.number);
  assert.equal(detail.case.state, 'accepted');
  assert.equal(detail.case.ticket_id, slip.id);
  assert.ok(detail.materials.every((m) => m.status === 'received'));
  const caseId = detail.case.id;
  const href = await desk.getAttribute('[data-test=wb-print]', 'href');
  assert.equal(href, `/api/cases/${caseId}/notices/accept`);
  await settle(desk);
  await shot(desk, 'cases-workbench-done');

  // The notice: rendered to PNG when the server makes it; otherwise the link is all there is.
  const pdf = await desk.request.get(`${srv.base}${href}`);
  if (pdf.status() === 200 && (pdf.headers()['content-type'] || '').startsWith('application/pdf')) {
    const file = join(OUT, 'cases-notice.pdf');
    writeFileSync(file, await pdf.body());
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', '-f', '1', file, join(OUT, 'cases-notice')]);
    assert.ok(existsSync(join(OUT, 'cases-notice.png')));
    rmSync(file);
  } else {
    assert.notEqual(pdf.status(), 200, 'a notice answered 200 but not as a PDF');
  }

  // 7. 下一位: the ticket is finished and the window page calls the next (nobody waits).
  await desk.keyboard.press('Alt+N');
  await desk.waitForURL(/\/staff\/window$/);
  await desk.waitForSelector('[data-test=qw-served] >> text=1');
  assert.equal((await api.get(`/api/queue/tickets/${slip.id}`)).json.ticket.state, 'served');
  // the front desk's own list has it
  await desk.click('[data-test=nav-cases]');
  await desk.waitForSelector(`[data-test=case-row-${number}]`);

  // 8. More cases of the department, back-dated so that the inbox shows each warning colour.
  const today = detail.case.received;
  const extra = [
    { name: '邵阳市宝庆客运有限公司', kind: 'firm', used: 19, level: 'warn' },
    { name: '隆回县顺达旅游客运有限公司', kind: 'firm', used: 21, level: 'yellow' },
    { name: '李国华', kind: 'person', used: 25, level: 'red' },
  ];
  const mats = full.materials.map((m) => ({ name: m.name, status: 'received' }));
  for (const [i, x] of extra.entries()) {
    const r = await api.post('/api/cases', {
      matter_id: full.id, matter_version: full.version, applicant_kind: x.kind, applicant_name: x.name,
      id_number: x.kind === 'firm' ? uscc(['91430500MA4L0B1X2', '91430524MA4PCN5R7'][i]) : residentId('43052119700218003'),
      legal_rep: x.kind === 'firm' ? ['周志明', '罗建平'][i] : undefined,
      phone: `1397391${String(1000 + i)}`, decision: 'accept', materials: mats,
    });
    assert.equal(r.status, 201, r.text);
    const a = await workdaysAgo(api, today, x.used);
    const u = sql(srv.db, `UPDATE cases SET received_day = '${a}', accepted_day = '${a}' WHERE id = ${r.json.case.id}`);
    assert.equal(u.code, 0, u.stderr);
    x.number = r.json.case.number;
  }

  // 9. The back office's inbox: every level in its colour, sorted by the statutory end.
  const shenpi = await staffPage('shenpi', SMALL);
  await shenpi.click('[data-test=nav-inbox]');
  await shenpi.waitForSelector(`[data-test=case-row-${number}]`);
  for (const x of extra) {
    assert.equal((await shenpi.textContent(`[data-test=case-level-${x.number}]`)).trim(), { warn: '预警', yellow: '黄牌', red: '红牌' }[x.level], x.level);
  }
  assert.equal((await shenpi.textContent(`[data-test=case-level-${number}]`)).trim(), '正常');
  assert.match(await shenpi.textContent(`[data-test=case-left-${extra[0].number}]`), /剩 1 个工作日/);
  assert.match(await shenpi.textContent(`[data-test=case-left-${extra[2].number}]`), /超期 5 个工作日/);
  const order = await shenpi.$$eval('[data-test=cases-table] .el-table__body-wrapper a[data-test^=case-row-]', (as) => as.map((a) => a.textContent.trim()));
  // the demo's own cases of this reviewer are in the inbox too: the order of this test's cases
  const mine = new Set([...extra.map((x) => x.number), number]);
  assert.deepEqual(order.filter((n) => mine.has(n)), [extra[2].number, extra[1].number, extra[0].number, number]);
  await settle(shenpi);
  await shot(shenpi, 'cases-inbox');
  await shenpi.setViewportSize(LARGE);
  await settle(shenpi);
  await shot(shenpi, 'cases-inbox-1920');

  // 10. The assignee opens the case: 签收材料 starts the review.
  await shenpi.click(`[data-test=case-row-${number}]`);
  await shenpi.waitForSelector(`[data-test=cd-number] >> text=${number}`);
  assert.match(await shenpi.textContent('[data-test=cd-assignee]'), /陈志强/);
  assert.equal(await shenpi.getAttribute('[data-test=cd-notice-accept]', 'href'), href);
  await fire(shenpi, 'start_review');
  await shenpi.waitForSelector('[data-test=cd-state] >> text=审查中');
  assert.equal(await shenpi.locator('[data-test=cd-ev-extend]').count(), 0); // only the head extends

  // 11. The department head: the department's cases by state and warning; grants an extension.
  const head = await staffPage('fenguan', SMALL);
  await head.click('[data-test=nav-cases]');
  await head.waitForSelector('[data-test=cases-title] >> text=本部门办件');
  await head.click('[data-test=cases-level-red]');
  await head.waitForSelector(`[data-test=case-row-${extra[2].number}]`);
  assert.equal(await head.locator(`[data-test=case-row-${number}]`).count(), 0);
  await head.click('[data-test=cases-level-red]');
  await head.click('[data-test=cases-extensions]');
  await head.waitForURL(/state=in_review/);
  await head.waitForSelector(`[data-test=case-extend-${number}]`);
  assert.equal(await head.locator(`[data-test=case-row-${extra[0].number}]`).count(), 0);
  await head.click(`[data-test=case-extend-${number}]`);
  await head.fill('[data-test=ext-reason]', '需会同公安交警部门核查拟投入车辆，核查时间较长');
  await head.click('[data-test=ext-submit]');
  await head.waitForSelector('text=已批准延期');

  // 12. The back office's page is now stale: 签批 gets 409, the case is reloaded with the reason.
  await shenpi.click('[data-test=cd-ev-sign]');
  await shenpi.click('[data-test=ev-submit]');
  await shenpi.waitForSelector('[data-test=cd-conflict]');
  assert.match(await shenpi.textContent('[data-test=cd-conflict]'), /已被他人更新.*审查中/);
  await shenpi.waitForSelector('[data-test=cd-extended]');
  assert.match(await shenpi.textContent('[data-test=cd-clock-statutory]'), /30 个工作日（含延期）/);
  await fire(shenpi, 'sign', { reason: '材料齐全，符合道路旅客运输经营许可条件，拟准予许可' });
  await shenpi.waitForSelector('[data-test=cd-state] >> text=已签批');

  // 13. The head decides: 准予许可.
  await head.goto(`${srv.base}/staff/cases/${caseId}`);
  await head.waitForSelector('[data-test=cd-state] >> text=已签批');
  await fire(head, 'decide_grant');
  await head.waitForSelector('[data-test=cd-state] >> text=已决定');
  assert.equal(await head.locator('[data-test=cd-ev-seal]').count(), 0); // the seal is the back office's

  // 14. The seal on the decision notice: the department's seal, the document's SHA-256.
  await shenpi.reload();
  await shenpi.waitForSelector('[data-test=cd-state] >> text=已决定');
  await shenpi.click('[data-test=cd-ev-seal]');
  await shenpi.waitForSelector('[data-test=ev-doc] >> text=/决定书/');
  await shenpi.waitForFunction(() => !document.querySelector('[data-test=ev-doc]')?.textContent.includes('正在获取'));
  const decision = await shenpi.request.get(`${srv.base}/api/cases/${caseId}/notices/decision`);
  let sha;
  if (decision.status() === 200) {
    sha = decision.headers()['x-content-sha256'] || createHash('sha256').update(await decision.body()).digest('hex');
  } else {
    // No decision PDF from the server yet: the signed document is chosen as a file and hashed here.
    const signed = Buffer.from(`%PDF-1.4\n准予行政许可决定书 ${number}\n%%EOF\n`);
    sha = createHash('sha256').update(signed).digest('hex');
    await shenpi.setInputFiles('[data-test=ev-doc-file]', { name: `决定书-${number}.pdf`, mimeType: 'application/pdf', buffer: signed });
  }
  await shenpi.waitForSelector(`[data-test=ev-sha256] >> text=${sha}`);
  assert.match(await shenpi.inputValue('[data-test=ev-document]'), new RegExp(`准予行政许可决定书（${number}）`));
  assert.match(await shenpi.textContent('[data-test=ev-seal]'), /邵阳市交通运输局行政审批专用章/);
  await shenpi.click('[data-test=ev-submit]');
  await shenpi.waitForSelector('[data-test=cd-state] >> text=已用印');
  assert.match(await shenpi.textContent('[data-test=cd-seals]'), new RegExp(sha));

  // 15. The result by EMS with its tracking number.
  await shenpi.click('[data-test=cd-ev-issue_result]');
  await shenpi.click('[data-test=ev-channel-ems]');
  await shenpi.click('[data-test=ev-submit]');
  await shenpi.waitForSelector('[data-test=ev-dialog] >> text=请填写 EMS 运单号');
  await shenpi.fill('[data-test=ev-tracking]', '1151234567890');
  await settle(shenpi);
  await shot(shenpi, 'cases-ems');
  await shenpi.click('[data-test=ev-submit]');
  await shenpi.waitForSelector('[data-test=cd-state] >> text=已出件');
  assert.match(await shenpi.textContent('[data-test=cd-result]'), /EMS 邮寄.*1151234567890/);

  // 16. The final state and the timeline with every step, in order.
  const final = (await api.get(`/api/cases/${caseId}`)).json;
  assert.equal(final.case.state, 'result_issued');
  assert.equal(final.case.result_channel, 'ems');
  assert.equal(final.case.tracking_no, '1151234567890');
  assert.equal(final.seal_uses[0].sha256, sha);
  const steps = ['receive', 'accept', 'start_review', 'extend', 'sign', 'decide_grant', 'seal', 'issue_result'];
  assert.deepEqual(final.timeline.map((e) => e.event), steps);
  const shown = await shenpi.$$eval('[data-test=cd-timeline] [data-test^=cd-tl-]', (els) => els.map((e) => e.dataset.test.slice(6)));
  assert.deepEqual(shown, steps);
  assert.match(await shenpi.textContent('[data-test=cd-tl-issue_result]'), /1151234567890/);
  assert.match(await shenpi.textContent('[data-test=cd-notes]'), /EMS 寄出，运单号 1151234567890/);
  assert.equal(await shenpi.locator('[data-test=cd-ev-close]').count(), 1);
  await settle(shenpi);
  await shot(shenpi, 'cases-detail');
  await shenpi.setViewportSize(SMALL);
  await shenpi.locator('[data-test=cd-timeline]').scrollIntoViewIfNeeded();
  await settle(shenpi);
  await shot(shenpi, 'cases-detail-1366');

  // 17. A supervisor reads the case, masked, with no buttons.
  const sup = await staffPage('duban', SMALL);
  await sup.goto(`${srv.base}/staff/cases/${caseId}`);
  await sup.waitForSelector(`[data-test=cd-number] >> text=${number}`);
  assert.match(await sup.textContent('[data-test=cd-applicant]'), /\*{14}\d{3}[\dX].*已脱敏/);
  await sup.waitForSelector('[data-test=cd-no-actions]');
  assert.equal(await sup.locator('[data-test^=cd-ev-]').count(), 0);
  // and every department's cases in the list, with the department column
  await sup.click('[data-test=cd-back]');
  await sup.waitForURL(/\/staff\/cases$/);
  await sup.waitForSelector('[data-test=cases-title] >> text=全部办件');
  await sup.waitForSelector(`[data-test=case-row-${number}]`);
  assert.match(await sup.textContent('[data-test=cases-table]'), /部门.*市交通运输局/s);
  // the newest 50 first; 加载更多 appends the next page, older cases only, each once
  const rows = () => sup.$$eval('[data-test=cases-table] .el-table__body-wrapper a[data-test^=case-row-]', (as) => as.map((a) => a.textContent.trim()));
  const first = await rows();
  assert.equal(first.length, 50);
  await sup.click('[data-test=cases-more]');
  await sup.waitForFunction(() => document.querySelectorAll('[data-test=cases-table] .el-table__body-wrapper a[data-test^=case-row-]').length > 50);
  const more = await rows();
  // the first two pages of the supervisor's list, as the server gives them in one
  const two = await sup.evaluate(async () => (await (await fetch('/api/cases?limit=100')).json()).cases.map((c) => c.number));
  assert.deepEqual(more, two);
  assert.match(await sup.textContent('[data-test=cases-foot]'), new RegExp(`已显示最近的 ${more.length} 件`));

  await Promise.all([desk, shenpi, head, sup].map((p) => p.context().close()));
}

// Open the event's dialog, fill its reason when given, confirm, and wait for the dialog to close.
async function fire(page, event, { reason } = {}) {
  await page.click(`[data-test=cd-ev-${event}]`);
  await page.waitForSelector('[data-test=ev-dialog]', { state: 'visible' });
  if (reason) await page.fill('[data-test=ev-reason]', reason);
  await page.click('[data-test=ev-submit]');
  await page.waitForSelector('[data-test=ev-dialog]', { state: 'hidden' });
}

// Pick a matter in the workbench by keyboard: `/`, type, ↓ until it is the active result, Enter.
async function pickMatter(page, q, code) {
  await page.locator('[data-test=wb-search]').focus();
  await page.fill('[data-test=wb-search]', q);
  await page.waitForSelector(`[data-test=wb-result-${code}]`);
  for (let i = 0; i < 30 && !(await page.$(`[data-test=wb-result-${code}][aria-selected=true]`)); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset?.test === 'wb-name');
}

async function person(page, name, id, phone) {
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.keyboard.type(id);
  await page.waitForSelector('[data-test=wb-id-ok]');
  await page.keyboard.press('Enter');
  if (phone) await page.keyboard.type(phone);
}

// Press a decision key and return the POST /api/cases answer.
async function decideBy(page, key) {
  const [r] = await Promise.all([
    page.waitForResponse((x) => x.url().endsWith('/api/cases') && x.request().method() === 'POST'),
    page.keyboard.press(key),
  ]);
  return r;
}

test('walk-ins at the window: no delegation, 容缺 for a firm with an overridden code, stale checklist, refusal, 补正 then complete, 即办', async () => {
  const api = new Client(srv.base);
  assert.equal((await api.login('qiantai')).status, 200);
  const admin = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  const find = async (name) => (await api.get(`/api/matters?q=${encodeURIComponent(name)}`)).json.matters.find((m) => m.name === name);
  const police = await find('开具无犯罪记录证明');
  const passenger = await find('道路旅客运输经营许可');
  const taxi = await find('出租汽车经营许可');
  const dangerous = await find('道路危险货物运输许可');
  const repair = await find('机动车维修经营备案');
  const before = (await api.get('/api/cases?limit=200')).json.count;

  const desk = await staffPage('qiantai');
  try {
    await desk.click('[data-test=nav-workbench]');
    await desk.waitForSelector('[data-test=wb-ticket] >> text=窗口收件');

    // 1. A matter no letter covers: said on picking it, and refused by the server with the reason.
    await pickMatter(desk, '无犯罪记录', police.code);
    await desk.waitForSelector('[data-test=wb-no-delegation]');
    await person(desk, '陈晓东', residentId('43050319900517002'), '13807391111');
    await desk.keyboard.press('Alt+L');
    await desk.keyboard.press('a');
    let r = await decideBy(desk, 'Alt+1');
    assert.equal(r.status(), 403);
    await desk.waitForSelector('[data-test=wb-error]');
    assert.match(await desk.textContent('[data-test=wb-error]'), /张晓燕/);
    assert.equal(await desk.locator('[data-test=wb-case-number]').count(), 0);

    // 2. A firm whose credit code fails its check (an old code): an override reason is asked for;
    //    a 容缺 material with its commitment and due day; 受理 is refused, 容缺受理 taken.
    await pickMatter(desk, '道路旅客运输经营', passenger.code);
    await desk.click('[data-test=wb-kind-firm]');
    await desk.fill('[data-test=wb-name]', '邵阳市湘运客运有限公司');
    const code = uscc('91430500MA4Q7K2B3');
    const bad = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    await desk.fill('[data-test=wb-id]', bad);
    await desk.waitForSelector('[data-test=wb-id-fail]');
    await desk.fill('[data-test=wb-legal-rep]', '曾凡荣');
    await desk.fill('[data-test=wb-phone]', '07395321234');
    await desk.keyboard.press('Alt+L');
    await desk.keyboard.press('a');
    await desk.keyboard.press('6');
    await desk.keyboard.press('x');
    await desk.waitForSelector('[data-test=wb-mat-6][data-status=rongque]');
    assert.match(await desk.inputValue('[data-test=wb-mat-6-commitment]'), /承诺/);
    const due = await desk.inputValue('[data-test=wb-mat-6-due] input, input[data-test=wb-mat-6-due]');
    assert.match(due, /^\d{4}-\d{2}-\d{2}$/);
    await desk.keyboard.press('Alt+1');
    await desk.waitForSelector('[data-test=wb-error] >> text=有容缺材料，应选择容缺受理');
    await desk.keyboard.press('Alt+4');
    await desk.waitForSelector('[data-field=override_reason] .el-form-item__error');
    assert.match(await desk.textContent('[data-field=override_reason]'), /校验未通过/);
    await desk.fill('[data-test=wb-override]', '2015 年换证前的旧代码，已核验营业执照原件');
    await settle(desk);
    await shot(desk, 'cases-workbench-rongque');
    r = await decideBy(desk, 'Alt+4');
    assert.equal(r.status(), 201, await r.text());
    const rq = await r.json();
    const sent = JSON.parse(r.request().postData());
    assert.equal(sent.applicant_kind, 'firm');
    assert.equal(sent.legal_rep, '曾凡荣');
    assert.equal(sent.materials[5].status, 'rongque');
    assert.equal(sent.materials[5].due, due);
    assert.equal(rq.case.state, 'conditionally_accepted');
    assert.equal(rq.case.applicant.id_override, '2015 年换证前的旧代码，已核验营业执照原件');
    assert.equal(await desk.getAttribute('[data-test=wb-print]', 'href'), `/api/cases/${rq.case.id}/notices/conditional`);

    // 3. 下一件: a clean form. The matter changes while its checklist is on screen: 409 stale,
    //    the version in force is loaded (with its new material), the second try is accepted.
    await desk.keyboard.press('Alt+N');
    await desk.waitForFunction(() => document.activeElement?.dataset?.test === 'wb-search');
    assert.equal(await desk.inputValue('[data-test=wb-name]'), '');
    await pickMatter(desk, '出租汽车经营', taxi.code);
    const cur = (await admin.get(`/api/matters/${taxi.id}`)).json.matter;
    const put = await admin.req('PUT', `/api/matters/${taxi.id}`, { json: {
      code: cur.code, name: cur.name, department_id: cur.department.id, type: cur.type,
      statutory_days: cur.statutory_days, promised_days: cur.promised_days, window_class: cur.window_class,
      entered: cur.entered, aliases: cur.aliases, theme: cur.theme, conditions: cur.conditions,
      materials: [...cur.materials, { name: '车辆技术等级评定证明', form: 'copy', copies: 1, required: false, rongque: false, review_points: '', sample: '' }],
      legal_basis: cur.legal_basis, fees: cur.fees, faq: cur.faq, glossary: cur.glossary,
    } });
    assert.equal(put.status, 200, put.text);
    await person(desk, '谭志勇', residentId('43052219780905003'), '13974390022');
    await desk.keyboard.press('Alt+L');
    await desk.keyboard.press('a');
    r = await decideBy(desk, 'Alt+1');
    assert.equal(r.status(), 409);
    await desk.waitForSelector('[data-test=wb-materials-error]');
    assert.match(await desk.textContent('[data-test=wb-materials-error]'), new RegExp(`第 ${cur.version} 版.*第 ${cur.version + 1} 版.*已载入现行版本`));
    assert.equal(await desk.locator('[data-test^=wb-mat-][data-status]').count(), cur.materials.length + 1);
    assert.equal(await desk.getAttribute(`[data-test=wb-mat-${cur.materials.length + 1}]`, 'data-status'), 'missing');
    r = await decideBy(desk, 'Alt+1');
    assert.equal(r.status(), 201, await r.text());
    assert.equal((await r.json()).case.matter.version, cur.version + 1);

    // 4. Refusal: Alt+2 opens the reason (focused), Ctrl+Enter confirms.
    await desk.keyboard.press('Alt+N');
    await pickMatter(desk, '道路危险货物运输', dangerous.code);
    await person(desk, '伍海波', residentId('43052519830221004'));
    await desk.keyboard.press('Alt+2');
    await desk.waitForFunction(() => document.activeElement?.dataset?.test === 'wb-refuse-reason');
    await desk.keyboard.type('申请经营的是省际危险货物运输，不属于本机关受理范围');
    await desk.fill('[data-test=wb-refuse-agency]', '湖南省交通运输厅');
    r = await decideBy(desk, 'Control+Enter');
    assert.equal(r.status(), 201, await r.text());
    const refused = await r.json();
    assert.equal(refused.case.state, 'refused');
    assert.match(refused.timeline[1].note, /湖南省交通运输厅/);
    assert.equal(await desk.getAttribute('[data-test=wb-print]', 'href'), `/api/cases/${refused.case.id}/notices/refuse`);

    // 5. 补正: three of the materials; the notice; then on the case page, 补正齐全 accepts it.
    await desk.keyboard.press('Alt+N');
    await pickMatter(desk, '道路危险货物运输', dangerous.code);
    await person(desk, '伍海波', residentId('43052519830221004'), '13807394455');
    await desk.keyboard.press('Alt+L');
    for (const k of ['1', '2', '3']) await desk.keyboard.press(k);
    assert.equal(await desk.isDisabled('[data-test=wb-decide-accept]'), true);
    assert.match(await desk.textContent('[data-test=wb-summary]'), /未收：/);
    r = await decideBy(desk, 'Alt+3');
    assert.equal(r.status(), 201, await r.text());
    const sup = await r.json();
    assert.equal(sup.case.state, 'awaiting_materials');
    assert.equal(await desk.getAttribute('[data-test=wb-print]', 'href'), `/api/cases/${sup.case.id}/notices/supplement`);
    await desk.click('[data-test=wb-open-case]');
    await desk.waitForSelector(`[data-test=cd-number] >> text=${sup.case.number}`);
    await desk.waitForSelector('[data-test=cd-clocks-none]');
    assert.equal(await desk.getAttribute('[data-test=cd-notice-supplement]', 'href'), `/api/cases/${sup.case.id}/notices/supplement`);
    await fire(desk, 'supplement_complete');
    await desk.waitForSelector('[data-test=cd-state] >> text=已受理');
    assert.equal((await desk.textContent('[data-test=cd-accepted]')).trim(), sup.case.received);
    await desk.waitForSelector('[data-test=cd-notice-accept]');

    // 6. 即办: only for a matter promised on the spot; the case is issued at once.
    await desk.click('[data-test=nav-workbench]');
    await pickMatter(desk, '机动车维修经营备案', repair.code);
    await person(desk, '黄志刚', residentId('43050219721130005'));
    await desk.keyboard.press('Alt+L');
    await desk.keyboard.press('a');
    r = await decideBy(desk, 'Alt+5');
    assert.equal(r.status(), 201, await r.text());
    assert.equal((await r.json()).case.state, 'result_issued');
    await desk.waitForSelector('[data-test=wb-case-state] >> text=已出件');
    assert.equal(await desk.locator('[data-test=wb-print]').count(), 0);

    assert.equal((await api.get('/api/cases?limit=200')).json.count, before + 5); // the refused-by-letter one was not written
  } catch (e) {
    await shot(desk, 'cases-failed-walkin').catch(() => {});
    throw e;
  } finally {
    await desk.context().close();
  }
});
