// In a real browser: the applicant's status page on a phone (the QR code of every notice points to
// /case/<number>): a mistyped number corrected on the page, a wrong last-4, the status, 长者版,
// withdrawal with the whole ID (and a 409 when the case moved meanwhile), the wait after too many
// failures. The department head's seal ledger after a decision is sealed, its CSV and the copied
// SHA-256. On the case page: an electronic certificate recorded with the result, a joint approval
// split and answered by the other department, a 容缺 material received, a termination, the
// explanation of a missed promise. Screenshots: tests/out/case-public-*.png, seal-ledger.png,
// case-joint.png, case-certificate.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, Client, DEMO_PASSWORD, residentId, sql } from '../e2e/lib.mjs';
import { join } from 'node:path';
import { launch, shot, OUT } from './lib.mjs';

// Monday 2026-03-16 10:00 in UTC+8, as in cases.test.mjs: the clocks fall in years the holiday
// calendar covers, whatever day the test runs. The scan runs every second (the explanation).
const NOW = '1773626400';
const TODAY = '2026-03-16';
let srv;
let browser;
const c = {}; // API clients by username
let passenger; // 道路旅客运输经营许可 (市交通运输局): promised 10, statutory 20, one 容缺 material
const dept = {}; // name -> id

before(async () => {
  srv = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '1'] });
  browser = await launch();
  for (const u of ['admin', 'qiantai', 'shenpi', 'fenguan', 'denglihua']) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200, u);
  }
  const hit = (await c.qiantai.get(`/api/matters?q=${encodeURIComponent('道路旅客运输经营许可')}`)).json.matters.find((m) => m.name === '道路旅客运输经营许可');
  passenger = (await c.qiantai.get(`/api/matters/${hit.id}`)).json.matter;
  for (const d of (await c.admin.get('/api/departments')).json.departments) dept[d.name] = d.id;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const SMALL = { width: 1366, height: 768 };

async function staffPage(username, viewport = SMALL, opts = {}) {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true, ...opts });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/login`);
  await page.fill('[data-test=login-username]', username);
  await page.fill('[data-test=login-password]', DEMO_PASSWORD);
  await page.press('[data-test=login-password]', 'Enter');
  await page.waitForURL(/\/staff/);
  await page.waitForSelector('[data-test=user-name]');
  return page;
}

async function settle(page) {
  await page.waitForSelector('.el-message', { state: 'detached', timeout: 6000 }).catch(() => {});
  await page.waitForTimeout(350);
}

// Run a test body; on failure keep a picture of every open page for the person reading it.
async function guarded(name, body) {
  try {
    await body();
  } catch (e) {
    let n = 0;
    for (const ctx of browser.contexts()) for (const p of ctx.pages()) await shot(p, `${name}-failed-${++n}`).catch(() => {});
    throw e;
  } finally {
    for (const ctx of browser.contexts()) await ctx.close().catch(() => {});
  }
}

const allReceived = () => passenger.materials.map((m) => ({ name: m.name, status: 'received' }));
async function accept(name, id, extra = {}) {
  const r = await c.qiantai.post('/api/cases', {
    matter_id: passenger.id, matter_version: passenger.version, applicant_kind: 'person', applicant_name: name,
    id_number: id, phone: '13807395521', decision: 'accept', materials: allReceived(), ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
async function ev(who, caseId, body) {
  const r = await c[who].post(`/api/cases/${caseId}/events`, body);
  assert.equal(r.status, 200, `${body.event}: ${r.text}`);
  return r.json;
}

// The case that goes to the seal ledger and then gets its certificate (tests 2 and 3).
let sealed;

test('the status page on a phone: mistyped number, wrong last 4, status, 长者版, withdrawal', () => guarded('case-public', async () => {
  const id = residentId('43050219760823002');
  const k = (await accept('唐秀英', id)).case;
  const d = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  const number = k.number;
  const [, head, seq, check] = /^(SY\d{8})-(\d{5})-(\d{2})$/.exec(number);
  const mistyped = `${head}-${seq.slice(0, 4)}${(Number(seq[4]) + 6) % 10}-${check}`;

  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  // The landing page links to the entry form.
  await page.goto(`${srv.base}/`);
  await page.click('[data-test=case-query-link]');
  await page.waitForURL(/\/case$/);
  await page.waitForSelector('[data-test=cs-form]');
  await settle(page);
  await shot(page, 'case-public-entry');

  // Nothing entered: said on the page, nothing asked of the server.
  await page.click('[data-test=cs-submit]');
  await page.waitForSelector('[data-test=cs-number-error] >> text=请输入办件编号');
  await page.waitForSelector('[data-test=cs-id4-error] >> text=最后 4 位');

  // 1. A mistyped digit, typed in lower case with spaces: the check character catches it, the
  //    number stays in its field (normalised) to be corrected there.
  await page.fill('[data-test=cs-number]', ` ${mistyped.toLowerCase()} `);
  await page.fill('[data-test=cs-id4]', id.slice(-4));
  const [bad] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/public/cases/')),
    page.click('[data-test=cs-submit]'),
  ]);
  assert.equal(bad.status(), 422);
  assert.equal((await bad.json()).error.code, 'bad_check');
  await page.waitForSelector('[data-test=cs-number-error] >> text=校验未通过');
  assert.equal(await page.inputValue('[data-test=cs-number]'), mistyped);
  assert.equal(await page.locator('[data-test=cs-result]').count(), 0);
  await settle(page);
  await shot(page, 'case-public-bad-check');

  // 2. The number corrected, a wrong last 4: not found, nothing about the case shown.
  await page.fill('[data-test=cs-number]', number);
  assert.equal(await page.locator('[data-test=cs-number-error]').count(), 0);
  const wrong4 = id.slice(-4) === '1234' ? '4321' : '1234';
  await page.fill('[data-test=cs-id4]', wrong4);
  await page.click('[data-test=cs-submit]');
  await page.waitForSelector('[data-test=cs-error] >> text=没有找到该办件');
  assert.equal(await page.locator('[data-test=cs-result]').count(), 0);

  // 3. The right last 4: the status, and the address is the one of the QR code (no ID in it).
  await page.fill('[data-test=cs-id4]', id.slice(-4).toLowerCase());
  await page.click('[data-test=cs-submit]');
  await page.waitForSelector('[data-test=cs-result]');
  await page.waitForURL(new RegExp(`/case/${number}$`));
  assert.equal(await page.locator('[data-test=cs-form]').count(), 0); // the answer takes the form's place
  assert.equal(await page.locator('[data-test=cs-error]').count(), 0);
  assert.equal((await page.textContent('[data-test=cs-result-number]')).trim(), number);
  assert.equal((await page.textContent('[data-test=cs-state]')).trim(), '已受理');
  assert.equal((await page.textContent('[data-test=cs-matter]')).trim(), '道路旅客运输经营许可');
  assert.equal((await page.textContent('[data-test=cs-department]')).trim(), '市交通运输局');
  assert.match(await page.textContent('[data-test=cs-received]'), /2026年3月16日（星期一）/);
  assert.match(await page.textContent('[data-test=cs-accepted]'), /2026年3月16日/);
  const pe = d.clocks.promised_end;
  assert.match(await page.textContent('[data-test=cs-promised]'), new RegExp(`${Number(pe.slice(0, 4))}年${Number(pe.slice(5, 7))}月${Number(pe.slice(8))}日`));
  assert.doesNotMatch(await page.textContent('[data-test=case-status]'), /唐秀英|13807395521/);
  assert.equal(await page.locator('[data-test=cs-withdraw]').count(), 1);
  // from the notice's QR code on to the rating page (好差评): the case's own address
  assert.equal(await page.getAttribute('[data-test=cs-rate-go]', 'href'), d.rating_url);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'no sideways scrolling on a phone');
  await settle(page);
  await shot(page, 'case-public-status');

  // 4. 长者版: large type, the same facts.
  await page.click('[data-test=elder-toggle]');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true);
  const size = await page.$eval('[data-test=cs-matter]', (e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 22, `elder font size ${size}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'no sideways scrolling in 长者版');
  await settle(page);
  await shot(page, 'case-public-elder');

  // 5. Withdrawal: the whole ID. One that is not the registered one (same last 4) is refused by the
  //    server; the right one, confirmed in a dialog that says it cannot be undone, withdraws.
  await page.click('[data-test=cs-wd-open]');
  const notHis = `${id.slice(0, 10)}0101${id.slice(-4)}`; // another birthday, the same last 4
  assert.notEqual(notHis, id);
  await page.fill('[data-test=cs-wd-id]', notHis);
  await page.fill('[data-test=cs-wd-reason]', '经营计划调整，暂不申请');
  await page.click('[data-test=cs-wd-submit]');
  await page.waitForSelector('.cs-confirm');
  await page.click('.cs-wd-confirm');
  await page.waitForSelector('[data-test=cs-wd-error] >> text=不一致');
  await page.locator('[data-test=cs-wd-error]').scrollIntoViewIfNeeded();
  await settle(page);
  await page.screenshot({ path: join(OUT, 'case-public-withdraw-error.png') }); // the screen as seen
  assert.equal((await c.qiantai.get(`/api/cases/${k.id}`)).json.case.state, 'accepted');
  await page.fill('[data-test=cs-wd-id]', id);
  await page.click('[data-test=cs-wd-submit]');
  await page.waitForSelector('.cs-confirm');
  assert.match(await page.textContent('.cs-confirm'), /不能撤销/);
  assert.match(await page.textContent('.cs-confirm'), new RegExp(number));
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(OUT, 'case-public-withdraw-confirm.png') }); // the screen as seen
  // "不撤回" changes nothing
  await page.click('.cs-wd-cancel');
  await page.waitForSelector('.cs-confirm', { state: 'hidden' });
  assert.equal((await c.qiantai.get(`/api/cases/${k.id}`)).json.case.state, 'accepted');
  await page.click('[data-test=cs-wd-submit]');
  await page.waitForSelector('.cs-confirm');
  const [wr] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/withdraw')),
    page.click('.cs-wd-confirm'),
  ]);
  assert.equal(wr.status(), 200, await wr.text());
  assert.deepEqual(JSON.parse(wr.request().postData()), { id_number: id, reason: '经营计划调整，暂不申请' });
  await page.waitForSelector('[data-test=cs-state] >> text=已撤回');
  await page.waitForSelector('[data-test=cs-withdraw]', { state: 'detached' });
  assert.match(await page.textContent('[data-test=cs-state-note]'), /已撤回/);
  const after = (await c.qiantai.get(`/api/cases/${k.id}`)).json;
  assert.equal(after.case.state, 'withdrawn');
  assert.equal(after.timeline.at(-1).event, 'withdraw');
  assert.equal(after.timeline.at(-1).actor, 'applicant');
  assert.match(after.timeline.at(-1).note, /经营计划调整，暂不申请/);
  await settle(page);
  await shot(page, 'case-public-withdrawn');
  // 查询其他办件: the form again, the number kept to be edited, the last 4 gone.
  await page.click('[data-test=cs-again]');
  await page.waitForSelector('[data-test=cs-form]');
  assert.equal(await page.inputValue('[data-test=cs-number]'), number);
  assert.equal(await page.inputValue('[data-test=cs-id4]'), '');

  // 6. A case withdrawn behind the page's back (another phone): the page's withdrawal gets the 409,
  //    says so, and shows the state as it is now. Opened straight from its QR code address.
  const id2 = residentId('43052419880406002');
  const k2 = (await accept('邹志刚', id2)).case;
  await page.goto(`${srv.base}/case/${k2.number}`);
  assert.equal(await page.inputValue('[data-test=cs-number]'), k2.number);
  await page.fill('[data-test=cs-id4]', id2.slice(-4));
  await page.click('[data-test=cs-submit]');
  await page.waitForSelector('[data-test=cs-state] >> text=已受理');
  const other = await new Client(srv.base).post(`/api/public/cases/${k2.number}/withdraw`, { id_number: id2, reason: '已在其他窗口办理' });
  assert.equal(other.status, 200, other.text);
  await page.click('[data-test=cs-wd-open]');
  await page.fill('[data-test=cs-wd-id]', id2);
  await page.fill('[data-test=cs-wd-reason]', '不再需要');
  await page.click('[data-test=cs-wd-submit]');
  await page.click('.cs-wd-confirm');
  await page.waitForSelector('[data-test=cs-wd-error] >> text=/已撤回.*不能撤回/');
  await page.waitForSelector('[data-test=cs-state] >> text=已撤回');
  await page.waitForSelector('[data-test=cs-withdraw]', { state: 'detached' });
  await ctx.close();
}));

// Review, sign, decide and seal a case through the API; the decision notice's SHA-256.
async function decideAndSeal(k, decision = 'decide_grant') {
  await ev('shenpi', k.id, { event: 'start_review' });
  await ev('shenpi', k.id, { event: 'sign', reason: '材料齐全，符合条件' });
  await ev('fenguan', k.id, decision === 'decide_grant' ? { event: decision } : { event: decision, reason: '拟投入车辆未达到营运客车类型等级要求' });
  const notice = await c.shenpi.get(`/api/cases/${k.id}/notices/decision`);
  assert.equal(notice.status, 200);
  const sha = notice.headers.get('x-content-sha256');
  assert.match(sha, /^[0-9a-f]{64}$/);
  const seal = (await c.shenpi.get(`/api/seals?department=${dept['市交通运输局']}`)).json.seals.find((x) => x.status === 'active');
  const what = decision === 'decide_grant' ? '准予行政许可决定书' : '不予行政许可决定书';
  const s = await ev('shenpi', k.id, { event: 'seal', seal_id: seal.id, document: `${what}（${k.number}）`, sha256: sha });
  assert.equal(s.case.state, 'sealed');
  return { sha, seal };
}

test('the seal ledger: the department head sees the sealed decision, exports CSV, copies the SHA-256', () => guarded('seal-ledger', async () => {
  const before = (await c.fenguan.get('/api/seal-uses')).json.count; // the demo's sealed cases
  await decideAndSeal((await accept('周志明', residentId('43050219700218003'))).case);
  const k = (await accept('蒋文斌', residentId('43050319810917004'))).case;
  const { sha, seal } = await decideAndSeal(k);
  await decideAndSeal((await accept('罗建平', residentId('43052419660301005'))).case, 'decide_refuse');
  sealed = { id: k.id, number: k.number, sha };
  const ledger = (await c.fenguan.get('/api/seal-uses')).json;
  const use = ledger.uses.find((u) => u.case.number === k.number);
  assert.ok(use, JSON.stringify(ledger));
  assert.equal(ledger.count, before + 3); // and the three decisions sealed above, this month

  // The back office has no ledger page; the department head has, fixed to the department.
  const back = await staffPage('shenpi');
  assert.equal(await back.locator('[data-test=nav-seal-ledger]').count(), 0);
  await back.context().close();

  const page = await staffPage('fenguan', SMALL);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.base });
  await page.click('[data-test=nav-seal-ledger]');
  await page.waitForURL(/\/staff\/seal-ledger$/);
  await page.waitForSelector(`[data-test=sl-case-${k.number}]`);
  assert.equal(await page.isDisabled('[data-test=sl-dept]'), true);
  assert.equal(await page.inputValue('[data-test=sl-dept]'), '市交通运输局');
  // this month up to the server's today
  const range = await page.$$eval('.el-range-editor input', (els) => els.map((e) => e.value));
  assert.deepEqual(range.slice(0, 2), ['2026-03-01', TODAY]);
  assert.match(await page.textContent('[data-test=sl-count]'), new RegExp(`市交通运输局.*2026-03-01 至 ${TODAY}.*共 ${ledger.count} 条`));
  assert.equal((await page.textContent(`[data-test=sl-stage-${use.id}]`)).trim(), '办结');
  assert.equal((await page.textContent(`[data-test=sl-approver-${use.id}]`)).trim(), '陈志强');
  assert.equal((await page.textContent(`[data-test=sl-doc-${use.id}]`)).trim(), `准予行政许可决定书（${k.number}）`);
  assert.equal((await page.textContent(`[data-test=sl-sha-${use.id}]`)).trim(), `${sha.slice(0, 8)}…${sha.slice(-8)}`);
  assert.equal(await page.getAttribute(`[data-test=sl-sha-${use.id}]`, 'data-sha256'), sha);
  const row = await page.locator('[data-test=sl-table] .el-table__body tr', { has: page.locator(`[data-test=sl-case-${k.number}]`) }).textContent();
  assert.match(row, new RegExp(`${TODAY}.*邵阳市交通运输局行政审批专用章.*${seal.code}.*${k.number}`));
  await settle(page);
  await shot(page, 'seal-ledger');

  // The SHA-256 copied whole.
  await page.click(`[data-test=sl-copy-${use.id}]`);
  await page.waitForSelector('.el-message >> text=已复制');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), sha);

  // The CSV: UTF-8 with a BOM, the command line's columns, one line per use.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=sl-export]')]);
  assert.match(dl.suggestedFilename(), new RegExp(`^用印登记簿_市交通运输局_2026-03-01_${TODAY}\\.csv$`));
  const bytes = readFileSync(await dl.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  assert.equal(lines[0], '日期,印章,印章编码,部门,办件编号,环节,审批人,文书,SHA-256');
  assert.equal(lines.length, ledger.count + 1);
  assert.ok(lines.includes(`${TODAY},邵阳市交通运输局行政审批专用章,${seal.code},市交通运输局,${k.number},办结,陈志强,准予行政许可决定书（${k.number}）,${sha}`), lines.join('\n'));

  // Last month holds the demo's history (as many uses as the API counts); back to this month; the
  // case number opens the case.
  const feb = (await c.fenguan.get('/api/seal-uses?from=2026-02-01&to=2026-02-28')).json.count;
  assert.ok(feb > 0, 'the demo history sealed decisions last month');
  await page.click('[data-test=sl-last-month]');
  await page.waitForSelector('[data-test=sl-count] >> text=2026-02-01 至 2026-02-28');
  assert.match(await page.textContent('[data-test=sl-count]'), new RegExp(`市交通运输局.*2026-02-01 至 2026-02-28.*共 ${feb} 条`));
  assert.equal(await page.isDisabled('[data-test=sl-export]'), false);
  await page.click('[data-test=sl-month]');
  await page.click(`[data-test=sl-case-${k.number}]`);
  await page.waitForURL(new RegExp(`/staff/cases/${k.id}$`));
  await page.waitForSelector(`[data-test=cd-number] >> text=${k.number}`);
}));

test('the case page: certificate with the result, joint approval split and answered, 容缺 receipt, termination, explanation', () => guarded('case-page', async () => {
  assert.ok(sealed, 'the seal ledger test sealed a case');
  const shenpi = await staffPage('shenpi', { width: 1600, height: 900 });

  // 1. 发证 with an electronic certificate: a bad number is refused on the page, a good one recorded.
  await shenpi.goto(`${srv.base}/staff/cases/${sealed.id}`);
  await shenpi.waitForSelector('[data-test=cd-state] >> text=已用印');
  await shenpi.click('[data-test=cd-ev-issue_result]');
  await shenpi.fill('[data-test=ev-cert-no]', '湘交运 001');
  await shenpi.click('[data-test=ev-submit]');
  await shenpi.waitForSelector('[data-test=ev-dialog] >> text=只能由字母、数字和“-”组成');
  await shenpi.fill('[data-test=ev-cert-no]', 'HNJT-2026-0430500-00127');
  await shenpi.fill('[data-test=ev-cert-name]', '道路运输经营许可证');
  await settle(shenpi);
  await shot(shenpi, 'case-certificate-dialog');
  const [ir] = await Promise.all([
    shenpi.waitForResponse((r) => r.url().endsWith(`/api/cases/${sealed.id}/events`)),
    shenpi.click('[data-test=ev-submit]'),
  ]);
  assert.equal(ir.status(), 200, await ir.text());
  const sent = JSON.parse(ir.request().postData());
  assert.equal(sent.certificate_no, 'HNJT-2026-0430500-00127');
  assert.equal(sent.channel, 'window');
  await shenpi.waitForSelector('[data-test=cd-state] >> text=已出件');
  await shenpi.waitForSelector('[data-test=cd-cert-HNJT-2026-0430500-00127]');
  assert.match(await shenpi.textContent('[data-test=cd-certs]'), new RegExp(`道路运输经营许可证.*HNJT-2026-0430500-00127.*${TODAY}`));
  const certs = (await c.shenpi.get(`/api/cases/${sealed.id}`)).json.certificates;
  assert.deepEqual(certs, [{ cert_no: 'HNJT-2026-0430500-00127', name: '道路运输经营许可证', day: TODAY }]);
  assert.match(await shenpi.textContent('[data-test=cd-tl-certificate]'), /登记电子证照.*HNJT-2026-0430500-00127/s);
  await settle(shenpi);
  await shot(shenpi, 'case-certificate');

  // 2. 联合审批: the back office sends a case in review to 市市场监督管理局 for 5 working days.
  const j = (await accept('段建华', residentId('43050219790612005'))).case;
  await ev('shenpi', j.id, { event: 'start_review' });
  await shenpi.goto(`${srv.base}/staff/cases/${j.id}`);
  await shenpi.waitForSelector('[data-test=cd-state] >> text=审查中');
  assert.equal(await shenpi.locator('[data-test=cd-tasks]').count(), 0);
  await shenpi.click('[data-test=cd-ev-split]');
  await shenpi.click('[data-test=ev-submit]');
  await shenpi.waitForSelector('[data-test=ev-dialog] >> text=请选择至少一个会办部门');
  await shenpi.click('[data-test=ev-split-depts]');
  await shenpi.keyboard.type('市场监督');
  await shenpi.click('.el-select-dropdown__item:visible >> text=市市场监督管理局');
  await shenpi.keyboard.press('Escape');
  await shenpi.fill('[data-test=ev-split-days] input', '5');
  await shenpi.fill('[data-test=ev-reason]', '涉及营运车辆维修场所，请市场监管部门会办');
  await shenpi.click('[data-test=ev-dialog] .el-dialog__header');
  const [sp] = await Promise.all([
    shenpi.waitForResponse((r) => r.url().endsWith(`/api/cases/${j.id}/events`)),
    shenpi.click('[data-test=ev-submit]'),
  ]);
  assert.equal(sp.status(), 200, await sp.text());
  assert.deepEqual(JSON.parse(sp.request().postData()).departments, [dept['市市场监督管理局']]);
  assert.equal(JSON.parse(sp.request().postData()).days, 5);
  await shenpi.waitForSelector('[data-test=cd-tasks]');
  await shenpi.waitForSelector('[data-test=cd-joint]');
  const task = (await sp.json()).tasks[0];
  assert.equal((await shenpi.textContent(`[data-test=cd-task-${task.id}]`)).trim(), '市市场监督管理局');
  assert.equal((await shenpi.textContent(`[data-test=cd-task-state-${task.id}]`)).trim(), '待会办');
  assert.equal(await shenpi.locator(`[data-test=cd-task-done-${task.id}]`).count(), 0); // not their task
  assert.match(await shenpi.textContent('[data-test=cd-clock-statutory]'), /45 个工作日/);

  // The other department answers its task from the same page: 不同意 needs an opinion; 办结 records it.
  const deng = await staffPage('denglihua', { width: 1600, height: 900 });
  await deng.goto(`${srv.base}/staff/cases/${j.id}`);
  await deng.waitForSelector(`[data-test=cd-task-done-${task.id}]`);
  assert.equal(await deng.locator('[data-test^=cd-ev-]').count(), 0); // a task's department fires no case event
  await deng.click(`[data-test=cd-task-refuse-${task.id}]`);
  await deng.click('[data-test=td-submit]');
  await deng.waitForSelector('[data-test=td-dialog] >> text=不同意须写明');
  await deng.click('[data-test=td-dialog] >> text=取消');
  await deng.click(`[data-test=cd-task-done-${task.id}]`);
  await deng.fill('[data-test=td-opinion]', '经核查，维修场所符合要求，同意');
  await deng.click('[data-test=td-submit]');
  await deng.waitForSelector(`[data-test=cd-task-state-${task.id}] >> text=同意`);
  assert.match(await deng.textContent(`[data-test=cd-task-opinion-${task.id}]`), /维修场所符合要求/);
  assert.equal(await deng.locator(`[data-test=cd-task-done-${task.id}]`).count(), 0);
  await deng.context().close();
  await shenpi.reload();
  await shenpi.waitForSelector(`[data-test=cd-task-state-${task.id}] >> text=同意`);
  assert.match(await shenpi.textContent('[data-test=cd-tasks]'), /1 \/ 1 个部门已答复/);
  await shenpi.locator('[data-test=cd-tasks]').scrollIntoViewIfNeeded();
  await settle(shenpi);
  await shot(shenpi, 'case-joint');

  // 3. 容缺: the window records the owed material; another case is terminated by the back office.
  const owed = passenger.materials.find((m) => m.rongque);
  assert.ok(owed, 'the matter has a 容缺 material');
  const conditional = () => passenger.materials.map((m) => (m.name === owed.name
    ? { name: m.name, status: 'rongque', commitment: `承诺于 2026-03-27 前补交${m.name}`, due: '2026-03-27' }
    : { name: m.name, status: 'received' }));
  const rq = (await accept('彭丽娟', residentId('43050319920305006'), { decision: 'conditional', materials: conditional() }));
  const seq = rq.materials.find((m) => m.status === 'rongque').seq;
  const desk = await staffPage('qiantai');
  await desk.goto(`${srv.base}/staff/cases/${rq.case.id}`);
  await desk.waitForSelector(`[data-test=cd-mat-receive-${seq}]`);
  await desk.click(`[data-test=cd-mat-receive-${seq}]`);
  await desk.click('.cd-mat-confirm');
  await desk.waitForSelector(`[data-test=cd-mat-receive-${seq}]`, { state: 'detached' });
  const got = (await c.qiantai.get(`/api/cases/${rq.case.id}`)).json;
  assert.equal(got.materials.find((m) => m.seq === seq).status, 'received');
  assert.equal(got.materials.find((m) => m.seq === seq).received, TODAY);
  assert.equal(got.timeline.at(-1).event, 'material_received');
  await desk.context().close();

  const lost = (await accept('彭丽娟', residentId('43050319920305006'), { decision: 'conditional', materials: conditional() })).case;
  await shenpi.goto(`${srv.base}/staff/cases/${lost.id}`);
  await shenpi.waitForSelector('[data-test=cd-state] >> text=容缺受理');
  await shenpi.click('[data-test=cd-ev-terminate]');
  await shenpi.click('[data-test=ev-submit]');
  await shenpi.waitForSelector('[data-test=ev-dialog] >> text=请填写终止理由');
  await shenpi.fill('[data-test=ev-reason]', '申请人书面说明无法提供安全生产管理制度文本');
  await shenpi.click('[data-test=ev-submit]');
  await shenpi.waitForSelector('[data-test=cd-state] >> text=已终止');
  assert.equal((await c.shenpi.get(`/api/cases/${lost.id}`)).json.case.state, 'terminated');

  // 4. A missed promise: accepted 13 working days ago (promised 10, statutory 20); the scan
  //    writes the explanation with the new date, and the page shows old → new and the text.
  const late = (await accept('贺志伟', residentId('43050219680725007'))).case;
  let a = TODAY;
  for (let i = 0; i < 40; i++) {
    a = new Date(Date.parse(`${a}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    if ((await c.qiantai.get(`/api/workdays/between?from=${a}&to=${TODAY}`)).json.workdays === 13) break;
  }
  const u = sql(srv.db, `UPDATE cases SET received_day = '${a}', accepted_day = '${a}' WHERE id = ${late.id}`);
  assert.equal(u.code, 0, u.stderr);
  let x;
  for (let i = 0; i < 60 && !x; i++) {
    x = (await c.shenpi.get(`/api/cases/${late.id}`)).json.explanations[0];
    if (!x) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(x, 'the scan wrote an explanation');
  await shenpi.goto(`${srv.base}/staff/cases/${late.id}`);
  await shenpi.waitForSelector('[data-test=cd-explanations]');
  const text = await shenpi.textContent('[data-test=cd-expl-0]');
  assert.match(text, new RegExp(`${x.old_promised_end}\\s*→\\s*${x.new_promised_end}`));
  assert.ok(text.includes(x.text.slice(0, 20)));
  assert.equal((await shenpi.textContent('[data-test=cd-promised-end]')).trim(), x.new_promised_end);
}));

test('too many failed lookups: the page says how long to wait', () => guarded('case-public-rate', async () => {
  // Last: the limit is per address, and this one is now blocked for ten minutes.
  const anon = new Client(srv.base);
  const k = (await accept('许晓梅', residentId('43050219950118008'))).case;
  let r;
  for (let i = 0; i < 12; i++) {
    r = await anon.get(`/api/public/cases/${k.number}?id4=0000`);
    if (r.status === 429) break;
  }
  assert.equal(r.status, 429, r.text);
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/case/${k.number}`);
  await page.fill('[data-test=cs-id4]', '0008');
  await page.click('[data-test=cs-submit]');
  await page.waitForSelector('[data-test=cs-rate]');
  assert.match(await page.textContent('[data-test=cs-rate]'), /请\s*\d+ 分 \d{2} 秒\s*后再试/);
  assert.equal(await page.isDisabled('[data-test=cs-submit]'), true);
  assert.equal(await page.locator('[data-test=cs-result]').count(), 0);
  await settle(page);
  await shot(page, 'case-public-rate');
}));
