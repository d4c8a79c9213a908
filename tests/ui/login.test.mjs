// In a real browser: the public page with 长者版, logging in, the role's navigation, the pages an
// administrator uses, and logging out.
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

async function login(page, username) {
  await page.goto(`${srv.base}/login`);
  await page.fill('[data-test=login-username]', username);
  await page.fill('[data-test=login-password]', DEMO_PASSWORD);
  await page.press('[data-test=login-password]', 'Enter');
  await page.waitForURL(/\/staff/);
  await page.waitForSelector('[data-test=user-name]');
}

test('public page switches to 长者版 and remembers it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${srv.base}/`);
  await page.waitForSelector('[data-test=elder-toggle]');
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.click('[data-test=elder-toggle]');
  await page.waitForFunction(() => document.documentElement.classList.contains('elder'));
  const elder = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(elder >= 20 && elder > base, `elder font ${elder}px vs ${base}px`);
  await shot(page, 'public-elder');
  await page.reload();
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')));
  await page.close();
});

test('a wrong password shows the server message', async () => {
  const page = await browser.newPage();
  await page.goto(`${srv.base}/login`);
  await page.fill('[data-test=login-username]', 'admin');
  await page.fill('[data-test=login-password]', 'wrong-password');
  await page.click('[data-test=login-submit]');
  const msg = await page.textContent('[data-test=login-error]');
  assert.match(msg, /用户名或密码错误/);
  await page.close();
});

test('administrator logs in, sees every admin page, and logs out', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await login(page, 'admin');
  assert.equal((await page.textContent('[data-test=user-name]')).trim(), '王建国');
  for (const nav of ['nav-home', 'nav-workdays', 'nav-idcheck', 'nav-users', 'nav-audit']) {
    assert.equal(await page.locator(`[data-test=${nav}]`).count(), 1, nav);
  }
  await page.waitForSelector('[data-test=deadline-table]');
  await shot(page, 'staff-home-admin');
  await page.click('[data-test=nav-users]');
  await page.waitForSelector('[data-test=user-table] >> text=qiantai');
  await shot(page, 'staff-users');
  await page.click('[data-test=nav-audit]');
  await page.waitForSelector('[data-test=audit-table] >> text=session.login');
  await page.click('[data-test=audit-verify]');
  assert.match(await page.textContent('[data-test=audit-verify-result]'), /完整|通过|intact/);
  await shot(page, 'staff-audit');
  await page.click('[data-test=logout]');
  await page.waitForURL(/\/login/);
  await page.goto(`${srv.base}/staff`);
  await page.waitForURL(/\/login/);
  await page.close();
});

test('front desk sees only its pages and the working-day tool answers', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await login(page, 'qiantai');
  assert.equal(await page.locator('[data-test=nav-users]').count(), 0);
  assert.equal(await page.locator('[data-test=nav-audit]').count(), 0);
  await page.goto(`${srv.base}/staff/users`);
  await page.waitForURL(/\/staff$/);
  await page.click('[data-test=nav-workdays]');
  const date = page.locator('[data-test=wd-add-date] input');
  await date.fill('2025-09-30');
  await date.press('Enter');
  await page.fill('[data-test=wd-add-n] input', '5');
  await page.locator('[data-test=wd-add-n] input').press('Tab');
  await page.click('[data-test=wd-add-submit]');
  await page.waitForSelector('[data-test=wd-add-result] >> text=2025-10-14');
  await shot(page, 'staff-workdays');
  await page.close();
});
