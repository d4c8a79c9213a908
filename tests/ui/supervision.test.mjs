// In a real browser (issue 6): a case accepted and taken to its issued result through the API;
// the applicant opens the rating page of its QR code on a phone, logged out, rates the result
// 非常不满意 with a reason and a real name and sees the rectification promise; the department's back
// office records the callback and the action on the rectification page; the applicant comes back
// and rates the fix; the rectification shows that second rating. Then the supervisor: the board
// (counts as the API gives them, the drill-down, the callbacks that are missing), a supervision
// order issued from the board for a case, answered by the department and closed, the bad rating
// appealed by the department head and the appeal rejected. Then the half-monthly report on the
// reports page, a figure traced to its cases, its XLSX (unzipped, the sheet read back) and PDF
// (pdftotext, rendered with pdftoppm) downloaded through the page's buttons; the scorecard and the
// targets; the lobby's big screen.
// Screenshots: tests/out/rating-*.png, supervision-*.png, report-*.png, bigscreen.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, DEMO_PASSWORD, residentId } from '../e2e/lib.mjs';
import { launch, shot, OUT } from './lib.mjs';

// Monday 2026-03-16 10:00 in UTC+8: the working days of the deadlines fall in covered years.
const NOW = '1773626400';
const SMALL = { width: 1366, height: 768 };
const LARGE = { width: 1920, height: 1080 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let srv;
let browser;
before(async () => {
  srv = await startServer({ env: { YC_FAKE_NOW: NOW }, args: ['--tick', '1'] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

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
  await page.waitForTimeout(400);
}

async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// 2026-03-20 → 2026年3月20日, as the pages write a day.
const cn = (d) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const text = async (page, sel) => (await page.textContent(sel)).replace(/\s+/g, ' ').trim();

const c = {};
let matter;
let seal;
let transport;

async function accept(name, id) {
  const r = await c.qiantai.post('/api/cases', {
    matter_id: matter.id, matter_version: matter.version, applicant_kind: 'person', applicant_name: name,
    id_number: id, phone: '13807391234', decision: 'accept',
    materials: matter.materials.map((m) => ({ name: m.name, status: 'received' })),
  });
  assert.equal(r.status, 201, r.text);
  return r.json.case;
}
async function ev(who, id, body) {
  const r = await c[who].post(`/api/cases/${id}/events`, body);
  assert.equal(r.status, 200, `${body.event}: ${r.text}`);
  return r.json;
}

test('好差评 through the QR page on a phone, the rectification to the second rating; the board, an order replied and closed', async () => {
  try {
    await walk();
  } catch (e) {
    let n = 0;
    for (const ctx of browser.contexts()) for (const p of ctx.pages()) await shot(p, `supervision-failed-${++n}`).catch(() => {});
    throw e;
  }
});

async function walk() {
  for (const u of ['qiantai', 'shenpi', 'fenguan', 'duban', 'admin']) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200, u);
  }
  const hit = (await c.qiantai.get(`/api/matters?q=${encodeURIComponent('道路旅客运输经营许可')}`)).json.matters[0];
  matter = (await c.qiantai.get(`/api/matters/${hit.id}`)).json.matter;
  transport = (await c.admin.get('/api/departments')).json.departments.find((d) => d.name === '市交通运输局');
  seal = (await c.admin.get('/api/seals')).json.seals.find((s) => s.department.id === transport.id && s.status === 'active');

  // 1. A case accepted at the window and taken to its result, handed out at the window.
  const k = await accept('罗志强', residentId('43050219790623001'));
  await ev('shenpi', k.id, { event: 'start_review' });
  await ev('shenpi', k.id, { event: 'sign', reason: '材料齐全，符合许可条件' });
  await ev('fenguan', k.id, { event: 'decide_grant' });
  await ev('shenpi', k.id, { event: 'seal', seal_id: seal.id, document: '道路旅客运输经营许可决定书', sha256: 'c'.repeat(64) });
  const issued = (await ev('shenpi', k.id, { event: 'issue_result', channel: 'window' })).case;
  assert.equal(issued.state, 'result_issued');
  const rating = (await c.qiantai.get(`/api/cases/${k.id}`)).json.rating;
  assert.equal(rating.url, `/rate/${k.number}?t=${rating.token}`);
  // the case page hands the rating page over: a QR code for a phone, a link for the window's tablet
  const desk = await staffPage('qiantai');
  await desk.goto(`${srv.base}/staff/cases/${k.id}`);
  await desk.waitForSelector('[data-test=cd-rating-qr]');
  assert.equal(await desk.getAttribute('[data-test=cd-rating-window]', 'href'), `${rating.url}&channel=window`);
  assert.match(await text(desk, '[data-test=cd-rating]'), /尚未评价.*受理服务、办理结果/);

  // 2. The applicant on a phone, not logged in, opens the QR code's address.
  const phoneCtx = await browser.newContext(PHONE);
  const phone = await phoneCtx.newPage();
  await phone.goto(`${srv.base}${rating.url}`);
  await phone.waitForSelector('[data-test=rate-case]');
  assert.equal(await text(phone, '[data-test=rate-number]'), k.number);
  assert.equal(await text(phone, '[data-test=rate-matter]'), '道路旅客运输经营许可');
  assert.equal(await text(phone, '[data-test=rate-dept]'), '市交通运输局');
  assert.equal(await text(phone, '[data-test=rate-state]'), '已出件');
  assert.equal(await phone.isEnabled('[data-test=rate-stage-accept]'), true);
  assert.equal(await phone.isEnabled('[data-test=rate-stage-result]'), true);
  // no staff names and no applicant data on the page
  const body = await phone.textContent('body');
  for (const secret of ['罗志强', '陈志强', '张晓燕', '13807391234']) assert.ok(!body.includes(secret), secret);
  // the five levels from the API; the bottom two say before submitting that a reason is needed
  assert.deepEqual(await phone.$$eval('[data-test^=rate-level-] .l-label', (els) => els.map((e) => e.textContent.trim())),
    ['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  for (const n of [1, 2, 3]) assert.equal(await phone.locator(`[data-test=rate-level-${n}] .l-need`).count(), 0);
  for (const n of [4, 5]) assert.match(await text(phone, `[data-test=rate-level-${n}]`), /需写明原因/);
  await phone.click('[data-test=rate-stage-result]');
  await phone.waitForSelector('[data-test=rate-form] >> text=您对“办理结果”是否满意');
  await phone.click('[data-test=rate-level-5]');
  assert.equal(await phone.getAttribute('[data-test=rate-level-5]', 'aria-checked'), 'true');
  assert.match(await text(phone, '[data-test=rate-form]'), /不满意的原因（必填）/);
  // no reason: refused on the page, nothing sent
  let posted = 0;
  phone.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/public/rate/')) posted++; });
  await phone.click('[data-test=rate-submit]');
  await phone.waitForSelector('[data-test=rate-reason-error]');
  assert.match(await text(phone, '[data-test=rate-reason-error]'), /选择“非常不满意”时请写明原因/);
  assert.equal(posted, 0);
  const reason = '领证时窗口说许可证未打印，让我下午再来一趟，白跑了半天';
  await phone.fill('[data-test=rate-reason]', reason);
  await phone.click('[data-test=rate-realname]');
  await phone.fill('[data-test=rate-name]', '罗志强');
  await phone.fill('[data-test=rate-contact]', '13807');
  await phone.click('[data-test=rate-submit]');
  await phone.waitForSelector('[data-test=rate-form] >> text=联系电话应为 7 至 20 位数字');
  assert.equal(posted, 0);
  await phone.fill('[data-test=rate-contact]', '13807391234');
  await settle(phone);
  await shot(phone, 'rating-form');
  const [res] = await Promise.all([
    phone.waitForResponse((r) => r.url().includes(`/api/public/rate/${k.number}`) && r.request().method() === 'POST'),
    phone.click('[data-test=rate-submit]'),
  ]);
  assert.equal(res.status(), 201, await res.text());
  const sent = JSON.parse(res.request().postData());
  assert.deepEqual([sent.stage, sent.level, sent.channel, sent.reason, sent.real_name, sent.rater_name, sent.rater_contact, sent.token],
    ['result', 5, 'qr', reason, true, '罗志强', '13807391234', rating.token]);
  const given = await res.json();
  assert.ok(given.rectification, 'a bad rating opens a rectification');
  // the promise: the callback and the fix due days of the answer
  await phone.waitForSelector('[data-test=rate-promise]');
  assert.equal(await text(phone, '[data-test=rate-callback-due]'), cn(given.rectification.callback_due));
  assert.equal(await text(phone, '[data-test=rate-fix-due]'), cn(given.rectification.fix_due));
  assert.match(await text(phone, '[data-test=rate-promise]'), /市交通运输局将于 .* 前 电话回访您/);
  assert.match(await text(phone, '[data-test=rate-done]'), /感谢您的评价，我们将尽快与您联系并整改/);
  await settle(phone);
  await shot(phone, 'rating-promise');
  // staff see the rating once given, on the case page
  await desk.reload();
  await desk.waitForSelector('[data-test=cd-rating-result] >> text=非常不满意');
  await desk.locator('[data-test=cd-rating]').scrollIntoViewIfNeeded();
  await settle(desk);
  await shot(desk, 'supervision-case-rating');
  await desk.context().close();
  // rated once: the stage is closed; reopening the page still shows the promise (this device)
  await phone.reload();
  await phone.waitForSelector('[data-test=rate-pending]');
  assert.equal(await phone.isDisabled('[data-test=rate-stage-result]'), true);
  assert.match(await text(phone, '[data-test=rate-stage-result]'), /已评价/);
  // 长者版: large type, the same page
  await phone.click('[data-test=elder-toggle]');
  assert.equal(await phone.evaluate(() => document.documentElement.classList.contains('elder')), true);
  await phone.click('[data-test=rate-stage-accept]');
  await settle(phone);
  await shot(phone, 'rating-elder');
  await phone.click('[data-test=elder-toggle]');
  // a wrong token: a clear message
  const other = await browser.newContext(PHONE);
  const stranger = await other.newPage();
  await stranger.goto(`${srv.base}/rate/${k.number}?t=${'A'.repeat(22)}`);
  await stranger.waitForSelector('[data-test=rate-error]');
  assert.match(await text(stranger, '[data-test=rate-error]'), /未找到该办件.*重新扫描/);
  await shot(stranger, 'rating-error');
  await other.close();

  // 3. The department's back office: the rectification, its callback and its action.
  const shenpi = await staffPage('shenpi');
  assert.equal(await shenpi.locator('[data-test=nav-supervision]').count(), 0);
  await shenpi.click('[data-test=nav-ratings]');
  await shenpi.click('[data-test=rt-tab-rect]');
  const rid = given.rectification.id;
  await shenpi.waitForSelector(`[data-test=rx-row-${rid}]`);
  assert.equal(await text(shenpi, `[data-test=rx-state-${rid}]`), '待回访');
  await shenpi.click(`[data-test=rx-row-${rid}]`);
  await shenpi.waitForSelector('[data-test=rd-state] >> text=待回访');
  assert.match(await text(shenpi, '[data-test=rd-reason]'), new RegExp(reason));
  assert.match(await text(shenpi, '[data-test=rd-rater]'), /罗志强 13807391234/); // in clear for the callback
  await shenpi.click('[data-test=rd-callback-submit]');
  await shenpi.waitForSelector('[data-test=rect-detail] >> text=请填写回访情况');
  await shenpi.fill('[data-test=rd-callback-note]', '3月16日电话回访罗志强先生，核实当日许可证打印机故障未及时告知，已当面致歉');
  await shenpi.click('[data-test=rd-callback-submit]');
  await shenpi.waitForSelector('[data-test=rd-state] >> text=已回访');
  await shenpi.click('[data-test=rd-kind-immediate]');
  await shenpi.fill('[data-test=rd-evidence]', '已当日补打许可证并安排 EMS 免费寄送；窗口增设备用打印机，出件前一日核对证照打印情况');
  await settle(shenpi);
  await shot(shenpi, 'supervision-rect-action');
  await shenpi.click('[data-test=rd-action-submit]');
  await shenpi.waitForSelector('[data-test=rd-state] >> text=已整改');
  assert.match(await text(shenpi, '[data-test=rd-action]'), /立行立改.*陈志强/);
  assert.match(await text(shenpi, '[data-test=rd-rerating]'), /等待评价人对整改结果评价/);

  // 4. The applicant comes back: the fix may be rated now, with its action and evidence.
  await phone.reload();
  await phone.waitForSelector(`[data-test=rate-stage-rectification-${rid}][aria-pressed=true]`);
  assert.match(await text(phone, '[data-test=rate-fix]'), /立行立改.*备用打印机/);
  assert.equal(await phone.locator('[data-test=rate-pending]').count(), 0);
  await phone.click('[data-test=rate-level-2]');
  await phone.fill('[data-test=rate-comment]', '当天就把证寄过来了，处理及时');
  await settle(phone);
  await shot(phone, 'rating-rerate');
  const [res2] = await Promise.all([
    phone.waitForResponse((r) => r.url().includes(`/api/public/rate/${k.number}`) && r.request().method() === 'POST'),
    phone.click('[data-test=rate-submit]'),
  ]);
  assert.equal(res2.status(), 201, await res2.text());
  assert.deepEqual((({ stage, level, rectification_id: id }) => [stage, level, id])(JSON.parse(res2.request().postData())), ['rectification', 2, rid]);
  await phone.waitForSelector('[data-test=rate-done]');
  assert.equal(await phone.locator('[data-test=rate-promise]').count(), 0);
  await settle(phone);
  await shot(phone, 'rating-thanks');

  // 5. The rectification shows the second rating; the first stays as given.
  await shenpi.reload();
  await shenpi.waitForSelector('[data-test=rd-rerating-level]');
  assert.equal(await text(shenpi, '[data-test=rd-rerating-level]'), '满意');
  assert.equal(await text(shenpi, '[data-test=rd-level]'), '非常不满意');
  assert.equal(await text(shenpi, '[data-test=rd-state]'), '已复评');
  await settle(shenpi);
  await shot(shenpi, 'supervision-rect-rerated');
  const rect = (await c.duban.get(`/api/rectifications/${rid}`)).json;
  assert.deepEqual([rect.state, rect.rating.level, rect.rerating.level, rect.action.kind], ['rerated', 5, 2, 'immediate']);

  // 6. The supervisor's board: the counts of the API, the drill-down, the callbacks.
  const open = await accept('唐建华', residentId('43050319860412002'));
  await until('the new case on the board', async () => {
    const b = (await c.duban.get(`/api/supervision/board?dept=${transport.id}`)).json;
    return b.cases.some((x) => x.id === open.id);
  });
  const sup = await staffPage('duban');
  await sup.click('[data-test=nav-supervision]');
  await sup.waitForSelector('[data-test=sup-depts] .el-table__row');
  const board = (await c.duban.get('/api/supervision/board')).json;
  for (const l of ['red', 'yellow', 'warn', 'none', 'total']) {
    assert.equal(await text(sup, `[data-test=sup-total-${l}] .k-num`), String(board.totals[l]), l);
  }
  const tb = board.departments.find((d) => d.id === transport.id);
  assert.equal(await text(sup, `[data-test=sup-d-${transport.id}-total]`), String(tb.counts.total));
  assert.equal(await text(sup, '[data-test=sup-orders-open]'), String(board.orders.open));
  assert.ok(board.orders.overdue >= 1, 'the demo has an overdue order');
  assert.match(await text(sup, '[data-test=sup-orders-overdue]'), new RegExp(`逾期未回复 ${board.orders.overdue} 件`));
  const rate = `${Math.round(board.callbacks.rate * 1000) / 10}%`;
  assert.equal(await text(sup, '[data-test=sup-callback-rate]'), rate);
  assert.ok(board.callbacks.missing >= 1, 'the demo has a real-name bad review not called back');
  assert.match(await text(sup, '[data-test=sup-callback-missing]'), new RegExp(`未回访 ${board.callbacks.missing} 件`));
  await settle(sup);
  await shot(sup, 'supervision-board');
  // red cards of the whole centre, then the department's cases
  if (board.totals.red) {
    await sup.click('[data-test=sup-total-red]');
    await sup.waitForURL(/level=red/);
    await sup.waitForSelector('[data-test=sup-drill-title] >> text=红牌');
    await sup.waitForFunction((n) => document.querySelectorAll('[data-test=sup-cases] .el-table__body tr').length === n, board.totals.red);
  }
  await sup.click(`[data-test=sup-dept-${transport.id}]`);
  await sup.waitForURL(new RegExp(`dept=${transport.id}`));
  await sup.waitForSelector(`[data-test=sup-case-${open.number}]`);
  assert.match(await text(sup, '[data-test=sup-drill-title]'), /市交通运输局 · 全部在办/);
  await sup.setViewportSize(LARGE);
  await settle(sup);
  await shot(sup, 'supervision-board-1920');
  await sup.setViewportSize(SMALL);
  // the missing callbacks: the list behind the figure
  await sup.click('[data-test=sup-callback-missing]');
  await sup.waitForURL(/\/staff\/ratings\?tab=rect&callback_missing=1/);
  await sup.waitForSelector('[data-test=rx-missing-alert]');
  const missing = (await c.duban.get('/api/rectifications?callback_missing=1')).json;
  assert.equal(await sup.locator('[data-test=rx-table] .el-table__body tr').count(), missing.count);
  await settle(sup);
  await shot(sup, 'supervision-callbacks');

  // 7. A supervision order issued from the board for the open case.
  await sup.goto(`${srv.base}/staff/supervision?dept=${transport.id}`);
  await sup.waitForSelector(`[data-test=sup-case-${open.number}]`);
  assert.equal(await sup.isDisabled('[data-test=sup-issue-order]'), true);
  await sup.click(`[data-test=sup-cases] tr:has([data-test=sup-case-${open.number}]) .el-checkbox`);
  await sup.click('[data-test=sup-issue-order]');
  await sup.waitForURL(/\/staff\/orders/);
  await sup.waitForSelector('[data-test=of-picked] >> text=已选 1 件');
  assert.match(await text(sup, '[data-test=order-form]'), /市交通运输局/);
  await sup.fill('[data-test=of-text]', '该件受理后尚未签收审查，请说明原因并于两个工作日内开始审查');
  await sup.fill('[data-test=of-days] input, input[data-test=of-days]', '2');
  await settle(sup);
  await shot(sup, 'supervision-order-new');
  const [made] = await Promise.all([
    sup.waitForResponse((r) => r.url().endsWith('/api/supervision/orders') && r.request().method() === 'POST'),
    sup.click('[data-test=of-submit]'),
  ]);
  assert.equal(made.status(), 201, await made.text());
  const order = await made.json();
  assert.deepEqual(JSON.parse(made.request().postData()), {
    department_id: transport.id, case_ids: [open.id], text: '该件受理后尚未签收审查，请说明原因并于两个工作日内开始审查', reply_days: 2,
  });
  await sup.waitForSelector('[data-test=od-state] >> text=待回复');
  assert.equal(await text(sup, '[data-test=od-deadline]'), cn(order.deadline));
  await sup.waitForSelector(`[data-test=od-case-${open.number}]`);
  // the overdue order of the demo stands out in the list
  const overdue = (await c.duban.get('/api/supervision/orders?overdue=1')).json.orders[0];
  await sup.keyboard.press('Escape');
  await sup.waitForSelector(`[data-test=order-overdue-${overdue.id}]`);
  assert.match(await sup.getAttribute(`[data-test=orders-table] tr:has([data-test=order-row-${overdue.id}])`, 'class'), /overdue/);
  await settle(sup);
  await shot(sup, 'supervision-orders');

  // 8. The department replies.
  await shenpi.goto(`${srv.base}/staff/orders`);
  await shenpi.click(`[data-test=order-row-${order.id}]`);
  await shenpi.waitForSelector('[data-test=od-reply-box]');
  assert.equal(await shenpi.locator('[data-test=od-close-box]').count(), 0);
  const answer = '该件已于今日签收材料进入审查，预计 3 月 20 日前办结';
  await shenpi.fill('[data-test=od-reply-text]', answer);
  await shenpi.click('[data-test=od-reply-submit]');
  await shenpi.waitForSelector('[data-test=od-state] >> text=已回复');
  assert.match(await text(shenpi, '[data-test=od-replies]'), new RegExp(`陈志强\\s*${answer}`));

  // 9. The supervisor closes it; a closed order takes no more replies.
  await sup.goto(`${srv.base}/staff/orders?id=${order.id}`);
  await sup.waitForSelector('[data-test=od-state] >> text=已回复');
  assert.match(await text(sup, '[data-test=od-replies]'), new RegExp(answer));
  await sup.fill('[data-test=od-close-note]', '已说明原因并进入审查，督办办结');
  await settle(sup);
  await shot(sup, 'supervision-order-detail');
  await sup.click('[data-test=od-close]');
  await sup.waitForSelector('[data-test=od-state] >> text=已办结');
  assert.match(await text(sup, '[data-test=od-closed]'), /李明华：已说明原因并进入审查，督办办结/);
  assert.equal(await sup.locator('[data-test=od-close-box]').count(), 0);
  await shenpi.reload();
  await shenpi.waitForSelector('[data-test=od-state] >> text=已办结');
  assert.equal(await shenpi.locator('[data-test=od-reply-box]').count(), 0);
  assert.equal((await c.duban.get(`/api/supervision/orders/${order.id}`)).json.state, 'closed');

  // 10. The department head appeals the bad rating (only their department's, once); the supervisor
  //     rejects the appeal, so the rating keeps counting.
  const head = await staffPage('fenguan');
  await head.click('[data-test=nav-ratings]');
  await head.click('[data-test=rt-bad]');
  await head.click(`[data-test=rt-appeal-${given.rating.id}]`);
  await head.click('[data-test=appeal-submit]');
  await head.waitForSelector('[data-test=appeal-dialog] >> text=请写明申诉理由');
  await head.fill('[data-test=appeal-reason]', '当日打印机故障已在窗口张贴告示，评价人所述“白跑半天”与登记的取证时间不符');
  await head.click('[data-test=appeal-submit]');
  await head.waitForSelector('text=申诉已提交');
  await head.waitForSelector(`[data-test=rt-appeal-${given.rating.id}]`, { state: 'detached' });
  const appeal = (await c.duban.get('/api/appeals?pending=1')).json.appeals.find((a) => a.rating.id === given.rating.id);
  assert.ok(appeal, 'the appeal is pending');
  await head.context().close();
  await sup.goto(`${srv.base}/staff/ratings?tab=appeals`);
  await sup.click(`[data-test=ap-decide-${appeal.id}]`);
  await sup.click('[data-test=decision-rejected]');
  await sup.fill('[data-test=decision-note]', '评价人反映的情况属实，申诉不予支持');
  await settle(sup);
  await shot(sup, 'supervision-appeal');
  await sup.click('[data-test=decision-submit]');
  await sup.waitForSelector(`[data-test=ap-state-${appeal.id}] >> text=申诉驳回`);
  assert.equal((await c.duban.get('/api/appeals')).json.appeals.find((a) => a.id === appeal.id).state, 'rejected');
  // the ratings list as the supervisor sees it, bad ones only
  await sup.click('[data-test=rt-tab-ratings]');
  await sup.click('[data-test=rt-bad]');
  await sup.waitForSelector(`[data-test=rt-table] >> text=${k.number}`);
  await settle(sup);
  await shot(sup, 'supervision-ratings');
  await sup.setViewportSize(LARGE);
  await settle(sup);
  await shot(sup, 'supervision-ratings-1920');

  await Promise.all([phoneCtx, shenpi.context()].map((x) => x.close()));
  await reports(sup, k, open);
  await sup.context().close();
}

// The XLSX as the spreadsheet holds it: sheet name → rows, each {column letter: text} (shared
// strings resolved; empty cells are absent).
function readXlsx(file) {
  const part = (name) => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' });
  const strings = [...part('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => [...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join(''));
  const names = [...part('xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  const out = {};
  names.forEach((name, i) => {
    out[name] = [...part(`xl/worksheets/sheet${i + 1}.xml`).matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map((r) =>
      Object.fromEntries([...r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>(.*?)<\/v>)?<\/c>)/g)]
        .map((c) => [c[1], /t="s"/.test(c[2]) ? strings[Number(c[3])] : c[3] ?? ''])));
  });
  return out;
}

async function reports(sup, k, open) {
  // 11. The half-monthly report of the current half-month (2026-03-16 is its first day).
  await sup.setViewportSize(SMALL);
  await sup.click('[data-test=nav-reports]');
  await sup.waitForSelector('[data-test=rep-title]');
  assert.equal(await sup.locator('[data-test=rep-half-2].is-active').count(), 1);
  const [made] = await Promise.all([
    sup.waitForResponse((r) => r.url().includes('/api/reports/half-monthly?') && r.url().includes('live=1')),
    sup.click('[data-test=rep-make]'),
  ]);
  assert.equal(made.status(), 200, await made.text());
  const doc = await made.json();
  assert.equal(doc.period.id, '2026-03-2');
  assert.match(await text(sup, '[data-test=rep-period]'), /2026年3月下半月/);
  const row = doc.tables.find((t) => t.key === 'departments').rows.find((r) => r.department_id === transport.id);
  assert.ok(row.received >= 2, 'the two cases received today');
  const fig = (key) => text(sup, `[data-test=rep-fig-${transport.id}-${key}]`);
  const shown = {};
  for (const key of ['received', 'accepted', 'accepted_change', 'refused', 'awaiting_materials', 'decided', 'orders', 'rating_5', 'bad_reviews']) shown[key] = await fig(key);
  assert.equal(shown.received, String(row.received));
  assert.equal(shown.orders, String(row.orders));
  assert.equal(shown.rating_5, String(row.rating_5));
  assert.ok(row.rating_5 >= 1 && row.bad_reviews >= 1, 'the bad rating of this test is in the period');
  assert.equal(await text(sup, '[data-test=rep-summary]'), doc.summary[0]);
  await settle(sup);
  await shot(sup, 'report-half');

  // a figure → the cases behind it
  await sup.click(`a[data-test=rep-fig-${transport.id}-received]`);
  await sup.waitForSelector('[data-test=trace-cases]');
  assert.match(await text(sup, '[data-test=trace-count]'), new RegExp(`收件：${row.received} 件`));
  assert.equal(await sup.locator('[data-test=trace-cases] .el-table__body tr').count(), row.received);
  for (const x of [k, open]) await sup.waitForSelector(`[data-test=trace-case-${x.number}]`);
  await settle(sup);
  await shot(sup, 'report-trace');
  await sup.keyboard.press('Escape');
  await sup.waitForSelector('[data-test=trace]', { state: 'hidden' });

  // 12. XLSX through the page's button: the department's row of the sheet holds the same figures.
  const [xl] = await Promise.all([sup.waitForEvent('download'), sup.click('[data-test=rep-xlsx]')]);
  assert.equal(xl.suggestedFilename(), 'half-monthly-2026-03-2.xlsx');
  const xlsx = join(OUT, 'report-half-monthly.xlsx');
  await xl.saveAs(xlsx);
  const book = readXlsx(xlsx);
  const sheet = book['各部门情况'];
  assert.ok(sheet, `sheets: ${Object.keys(book)}`);
  const head = sheet.find((r) => Object.values(r).includes('收件'));
  const line = sheet.find((r) => Object.values(r).includes('市交通运输局'));
  assert.ok(head && line, 'the header and the department in the sheet');
  const col = (title) => Object.keys(head).find((l) => head[l] === title);
  for (const [key, title] of [['received', '收件'], ['accepted', '受理'], ['refused', '不予受理'], ['decided', '办结'], ['orders', '督办单'], ['rating_5', '非常不满意']]) {
    assert.ok(col(title), `the column ${title}`);
    assert.equal(line[col(title)], shown[key], `${title} in the XLSX`);
  }
  rmSync(xlsx);

  // 13. PDF through the page's button: the same row in its text; the first page as an image.
  const [pd] = await Promise.all([sup.waitForEvent('download'), sup.click('[data-test=rep-pdf]')]);
  assert.equal(pd.suggestedFilename(), 'half-monthly-2026-03-2.pdf');
  const pdf = join(OUT, 'report-half-monthly.pdf');
  await pd.saveAs(pdf);
  const txt = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.ok(txt.includes(doc.summary[0].slice(0, 40)), 'the summary in the PDF');
  const cells = ['received', 'accepted', 'accepted_change', 'refused', 'awaiting_materials', 'decided'].map((x) => shown[x].replace(/[+]/g, '\\+')).join('\\s+');
  assert.match(txt, new RegExp(`市交通运输局\\s+${cells}\\s`), 'the department\'s row in the PDF');
  execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', '-f', '1', pdf, join(OUT, 'report-pdf')]);
  assert.ok(existsSync(join(OUT, 'report-pdf.png')));
  rmSync(pdf);

  // 14. The scorecard and the targets over time.
  await sup.click('[data-test=rep-tab-score]');
  await sup.waitForSelector('[data-test=score-table] .el-table__row');
  const sc = (await c.duban.get('/api/reports/scorecard?year=2026')).json;
  const mine = sc.tables[0].rows.find((r) => r.department_id === transport.id);
  assert.equal(await text(sup, `[data-test=score-${transport.id}]`), String(mine.score));
  assert.equal(await sup.locator('[data-test=score-formula] li').count(), sc.formula.length);
  await settle(sup);
  await shot(sup, 'report-score');
  await sup.click('[data-test=rep-tab-targets]');
  await sup.waitForSelector('[data-test=targets-chart] canvas');
  await sup.waitForSelector('[data-test=targets-periods] .el-table__row');
  const tg = (await c.duban.get('/api/reports/targets?year=2026')).json;
  assert.equal(await sup.locator('[data-test=targets-periods] .el-table__body tr').count(), tg.tables.find((t) => t.key === 'periods').rows.length);
  assert.equal(await text(sup, '[data-test=targets-summary]'), tg.summary[0]);
  await sup.setViewportSize(LARGE);
  await settle(sup);
  await shot(sup, 'report-targets-1920');
  await sup.click('[data-test=rep-tab-half]');
  await settle(sup);
  await shot(sup, 'report-half-1920');

  // 15. The lobby's big screen: today's tickets and cases, live.
  for (const zone of ['A', 'A', 'A', 'B', 'C']) assert.equal((await new Client(srv.base).post('/api/public/tickets', { zone })).status, 201);
  await sup.goto(`${srv.base}/bigscreen`);
  await sup.waitForSelector('[data-test=bigscreen]');
  const stats = (await c.duban.get('/api/queue/stats?date=2026-03-16')).json;
  const today = (await c.duban.get('/api/reports/half-monthly?from=2026-03-16&to=2026-03-16')).json.tables[0].total;
  await sup.waitForSelector(`[data-test=bs-tickets] [data-test=bs-value] >> text=${stats.tickets.issued}`);
  assert.equal(await text(sup, '[data-test=bs-received] [data-test=bs-value]'), String(today.received));
  assert.equal(await text(sup, '[data-test=bs-accepted] [data-test=bs-value]'), String(today.accepted));
  assert.equal(await text(sup, '[data-test=bs-decided] [data-test=bs-value]'), String(today.decided));
  await sup.waitForSelector('[data-test=bs-trend] canvas');
  await sup.waitForSelector('[data-test=bs-status] >> text=实时');
  await sup.waitForTimeout(1200); // the charts' first animation
  await shot(sup, 'bigscreen');
  await sup.setViewportSize(SMALL);
  await sup.waitForTimeout(800);
  await shot(sup, 'bigscreen-1366');
}
