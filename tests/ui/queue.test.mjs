// In a real browser: a ticket taken at the kiosk, called at a front desk's window (F2), seen and
// spoken on the hall display, recalled, transferred; a second one served; the live-position page
// and the supervisor's board. Screenshots: tests/out/queue-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../e2e/lib.mjs';
import { launch, shot } from './lib.mjs';

let srv;
let browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function staffPage(username, viewport = { width: 1440, height: 900 }) {
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

// Speech and printing are stubbed: the page records what it would say and print.
const STUBS = () => {
  window.__spoken = [];
  window.__printed = 0;
  window.print = () => { window.__printed++; };
  const synth = window.speechSynthesis;
  if (synth) {
    synth.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang }); };
  }
};

test('kiosk ticket → window call (F2) → display speaks it → recall, transfer; a second one served', async () => {
  // 1. The kiosk (portrait touch screen).
  const kctx = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  await kctx.addInitScript(STUBS);
  const kiosk = await kctx.newPage();
  await kiosk.goto(`${srv.base}/kiosk`);
  await kiosk.waitForSelector('[data-test=kiosk-zone-A]');
  assert.match(await kiosk.textContent('[data-test=kiosk-zone-A]'), /无差别综合窗口.*等候\s*0\s*人/);
  await shot(kiosk, 'queue-kiosk');
  // an applicant finds a matter by what they call it, not by its code
  await kiosk.fill('[data-test=kiosk-matter-code]', '营业执照');
  await kiosk.click('[data-test=kiosk-matter-find]');
  await kiosk.waitForSelector('[data-test=kiosk-matter-hits]');
  const names = await kiosk.$$eval('[data-test=kiosk-matter-hits] .mname', (els) => els.map((e) => e.textContent));
  assert.ok(names.includes('公司设立登记'), names.join('，'));
  await kiosk.click('[data-test=kiosk-matter-hits] button:has-text("公司设立登记")');
  assert.match(await kiosk.textContent('[data-test=kiosk-matter]'), /公司设立登记.*市市场监督管理局/);
  await shot(kiosk, 'queue-kiosk-search');
  await kiosk.fill('[data-test=kiosk-phone]', '13800138000');
  const [resp] = await Promise.all([
    kiosk.waitForResponse((r) => r.url().endsWith('/api/public/tickets') && r.request().method() === 'POST'),
    kiosk.click('[data-test=kiosk-zone-A]'),
  ]);
  assert.equal(resp.status(), 201);
  const slip = (await resp.json()).ticket;
  await kiosk.waitForSelector('[data-test=slip-number]');
  assert.equal((await kiosk.textContent('[data-test=slip-number]')).trim(), slip.number);
  assert.match(slip.number, /^A\d{3}$/);
  assert.match(await kiosk.textContent('[data-test=kiosk-slip]'), /前面还有\s*0\s*人/);
  assert.match(await kiosk.textContent('[data-test=slip-windows]'), /A01/);
  assert.match(await kiosk.getAttribute('[data-test=slip-qr]', 'src'), /^data:image\/png;base64,/);
  assert.ok(await kiosk.evaluate(() => window.__printed) >= 1, 'the slip was sent to the printer');
  await shot(kiosk, 'queue-slip');

  // 2. The hall display (landscape), with speech recorded.
  const dctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await dctx.addInitScript(STUBS);
  const display = await dctx.newPage();
  await display.goto(`${srv.base}/display`);
  await display.waitForSelector('[data-test=display-status] >> text=实时');
  await display.waitForSelector('[data-test=display-waiting-A] >> text=1');

  // 3. The front desk on duty at A01 opens the window and calls with F2.
  const desk = await staffPage('qiantai');
  assert.equal(await desk.locator('[data-test=nav-window]').count(), 1);
  await desk.click('[data-test=nav-window]');
  await desk.waitForSelector('[data-test=qw-open]');
  await desk.click('[data-test=qw-open]');
  await desk.waitForSelector('[data-test=qw-window] >> text=A01');
  await desk.waitForSelector('[data-test=qw-waiting] >> text=1');
  await desk.keyboard.press('F2');
  await desk.waitForSelector(`[data-test=qw-current-number] >> text=${slip.number}`);
  await shot(desk, 'queue-window');

  // 4. The display shows and says it.
  const said = `请${slip.number}号到A01号窗口办理`;
  await display.waitForSelector(`[data-test=display-call-A01] >> text=${slip.number}`);
  await display.waitForFunction((t) => window.__spoken.some((u) => u.text === t), said);
  const spoken = await display.evaluate(() => window.__spoken);
  assert.match(spoken[0].text, /^请A\d{3}号到A01号窗口办理$/);
  assert.equal(spoken[0].lang, 'zh-CN');
  assert.match(await display.textContent('[data-test=display-last]'), new RegExp(`${slip.number}.*A01`));
  await shot(display, 'queue-display');

  // 5. Recall: said again.
  await desk.click('[data-test=qw-recall]');
  await display.waitForFunction((t) => window.__spoken.filter((u) => u.text === t).length === 2, said);
  await display.waitForSelector('[data-test=display-last] >> text=再次呼叫');

  // 6. The live-position page of the ticket shows where to go.
  const live = await kctx.newPage();
  await live.goto(`${srv.base}/t/${slip.token}`);
  await live.waitForURL(/\/ticket\//);
  await live.waitForSelector('[data-test=ticket-window] >> text=A01');
  assert.equal((await live.textContent('[data-test=ticket-number]')).trim(), slip.number);
  await shot(live, 'queue-ticket');

  // 7. Transfer to zone B with a reason.
  await desk.click('[data-test=qw-transfer]');
  await desk.click('[data-test=qw-transfer-zone]');
  await desk.click('.el-select-dropdown__item >> text=社会保障综合窗口');
  await desk.fill('input[data-test=qw-transfer-reason], [data-test=qw-transfer-reason] input', '需到社保窗口办理');
  await desk.click('[data-test=qw-transfer-submit]');
  await desk.waitForSelector('text=暂无办理中的号');
  await live.reload();
  await live.waitForSelector('[data-test=ticket-state] >> text=等候中');
  assert.match(await live.textContent('[data-test=ticket-live]'), /B01/);

  // 8. A second kiosk ticket: called, started, finished.
  await kiosk.click('[data-test=kiosk-done]');
  await kiosk.waitForSelector('[data-test=kiosk-zone-A]');
  await kiosk.click('[data-test=kiosk-zone-A]');
  await kiosk.waitForSelector('[data-test=slip-number]');
  const second = (await kiosk.textContent('[data-test=slip-number]')).trim();
  assert.notEqual(second, slip.number);
  await desk.waitForSelector('[data-test=qw-waiting] >> text=1', { timeout: 10000 });
  await desk.click('[data-test=qw-call]');
  await desk.waitForSelector(`[data-test=qw-current-number] >> text=${second}`);
  await display.waitForFunction((t) => window.__spoken.some((u) => u.text === t), `请${second}号到A01号窗口办理`);
  await desk.click('[data-test=qw-start]');
  await desk.waitForSelector('[data-test=qw-current] >> text=办理中');
  await desk.click('[data-test=qw-finish]');
  await desk.waitForSelector('text=暂无办理中的号');
  await desk.waitForSelector('[data-test=qw-served] >> text=1');

  // 9. The supervisor's board.
  const board = await staffPage('duban');
  await board.click('[data-test=nav-queue-board]');
  await board.waitForSelector('[data-test=qb-window-A01] >> text=张晓燕');
  assert.equal((await board.textContent('[data-test=qb-issued]')).trim(), '2');
  assert.match(await board.textContent('[data-test=qb-zones]'), /无差别综合窗口/);
  await shot(board, 'queue-board');

  await Promise.all([kctx.close(), dctx.close(), desk.context().close(), board.context().close()]);
});
