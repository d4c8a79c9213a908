// In a real browser: the administrator sets the warning thresholds on the supervision board
// (预警与整改设置); the board's cards say the new thresholds, a case's level follows them at once
// and the board's counts after the next scan; a value out of range is refused with the server's
// message. Screenshots: tests/out/supervision-config*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO_PASSWORD } from '../e2e/lib.mjs';
import { launch, shot } from './lib.mjs';

// Monday 2026-03-16 10:00 in UTC+8, as the other supervision test
const NOW = '1773626400';

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

async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
const text = async (page, sel) => (await page.textContent(sel)).replace(/\s+/g, ' ').trim();

test('the administrator sets the warning thresholds on the board; cases and counts follow them', async () => {
  const duban = new Client(srv.base);
  assert.equal((await duban.login('duban')).status, 200);
  const before = (await duban.get('/api/supervision/board')).json;
  assert.deepEqual(before.thresholds, { warn_days: 2, red_days: 3 });
  // the demo's red cards: how many working days overdue each one is, from its own clock
  const reds = (await duban.get('/api/supervision/board?level=red&limit=500')).json.cases;
  assert.ok(reds.length >= 1, 'the demo has red cards');
  const overdue = [];
  for (const k of reds) overdue.push((await duban.get(`/api/cases/${k.id}`)).json.clocks.statutory.overdue_days);
  const most = Math.max(...overdue);

  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/login`);
  await page.fill('[data-test=login-username]', 'admin');
  await page.fill('[data-test=login-password]', DEMO_PASSWORD);
  await page.press('[data-test=login-password]', 'Enter');
  await page.waitForURL(/\/staff/);
  await page.goto(`${srv.base}/staff/supervision`);
  await page.waitForSelector('[data-test=sup-depts] .el-table__row');
  assert.equal(await text(page, '[data-test=sup-hint-red]'), '超期 3 个工作日以上');
  assert.equal(await text(page, '[data-test=sup-hint-warn]'), '剩 2 个工作日以内');

  await page.click('[data-test=sup-config]');
  const dlg = page.locator('[data-test=sup-config-dialog]');
  await dlg.waitFor();
  assert.equal(await dlg.locator('[data-test=cfg-red] input').inputValue(), '3');
  // red only beyond the most overdue demo case: every red card turns yellow
  await dlg.locator('[data-test=cfg-red] input').fill(String(most));
  await dlg.locator('[data-test=cfg-warn] input').fill('5');
  await shot(page, 'supervision-config');
  await dlg.locator('[data-test=cfg-save]').click();
  await page.waitForSelector('.el-message--success');
  await until('the cards to say the new thresholds', async () => (await text(page, '[data-test=sup-hint-red]')) === `超期 ${most} 个工作日以上`);
  assert.equal(await text(page, '[data-test=sup-hint-warn]'), '剩 5 个工作日以内');
  assert.deepEqual((await duban.get('/api/supervision/config')).json, { callback_days: 5, fix_days: 5, warn_days: 5, red_days: most });
  // a case view at once; the board's counts after the next scan
  assert.equal((await duban.get(`/api/cases/${reds[0].id}`)).json.clocks.warning_level, 'yellow');
  const after = await until('the scan to count with the new thresholds', async () => {
    const b = (await duban.get('/api/supervision/board')).json;
    return b.totals.red === 0 ? b : null;
  });
  assert.equal(after.totals.total, before.totals.total);
  assert.ok(after.totals.warn >= before.totals.warn, 'more days of warning never warn fewer cases');
  await page.click('[data-test=sup-refresh]');
  await until('the red card on the page to show 0', async () => (await text(page, '[data-test=sup-total-red] .k-num')) === '0');
  await page.waitForSelector('.el-message', { state: 'detached', timeout: 6000 }).catch(() => {});
  await shot(page, 'supervision-config-board');

  // out of range: the dialog's own bounds stop it; the server refuses it too
  const admin = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  const r = await admin.req('PUT', '/api/supervision/config', { json: { red_days: 0 } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'red_days');

  // back to the defaults through the dialog
  await page.click('[data-test=sup-config]');
  await dlg.waitFor();
  await dlg.locator('[data-test=cfg-red] input').fill('3');
  await dlg.locator('[data-test=cfg-warn] input').fill('2');
  await dlg.locator('[data-test=cfg-save]').click();
  await until('the defaults on the cards', async () => (await text(page, '[data-test=sup-hint-red]')) === '超期 3 个工作日以上');
  await until('the red cards back on the board', async () => (await duban.get('/api/supervision/board')).json.totals.red === before.totals.red);
  await ctx.close();
});
