// In a real browser (issue 6): the window's evaluation tablet. The administrator enrols a tablet
// for window A01 on the Hall page (the one-time link and its QR code); a logged-out 1280×800 touch
// tablet opens the link, keeps the key and drops it from the address bar, and waits 欢迎光临 ·
// A01号窗口; a ticket is called at A01 and the applicant's case accepted (through the API); the
// case appears on the tablet, the applicant rates it 满意 and sees the thank-you, then the idle
// screen again; a bad rating needs its reason on the page and shows the rectification promise;
// 长者版; revoking on the Hall page turns the tablet to 本平板未绑定窗口.
// Screenshots: tests/out/tablet-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO_PASSWORD, residentId } from '../e2e/lib.mjs';
import { launch, shot } from './lib.mjs';

// 2025-10-15 11:46 in UTC+8 (a Wednesday)
const NOW = '1760500000';
const TABLET = { viewport: { width: 1280, height: 800 }, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };

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

const c = {};
const win = {};
let matter;

async function staffPage(username) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
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
  await page.waitForTimeout(400);
}
const text = async (page, sel) => (await page.textContent(sel)).replace(/\s+/g, ' ').trim();

let seq = 0;
// A ticket of zone A called at A01 and its applicant's case accepted there by qiantai.
async function serveAtA01(name) {
  const state = (await c.qiantai.get(`/api/queue/windows/${win.A01}`)).json;
  if (state.current) assert.equal((await c.qiantai.post(`/api/queue/windows/${win.A01}/finish`)).status, 200);
  assert.equal((await c.daoban.post('/api/queue/tickets', { zone: 'A' })).status, 201);
  const called = await c.qiantai.post(`/api/queue/windows/${win.A01}/call`);
  assert.equal(called.status, 200, called.text);
  const r = await c.qiantai.post('/api/cases', {
    matter_id: matter.id, matter_version: matter.version, applicant_kind: 'person', applicant_name: name,
    id_number: residentId(`4305021978062${String(31 + seq++).padStart(2, '0')}01`.slice(0, 17)), phone: '13807394567',
    decision: 'accept', ticket_id: called.json.window.current.id,
    materials: matter.materials.map((m) => ({ name: m.name, status: 'received' })),
  });
  assert.equal(r.status, 201, r.text);
  return r.json.case;
}

test('the window tablet: enrolled on the Hall page, a case served at A01 rated 满意 on it, revoked', async () => {
  try {
    await walk();
  } catch (e) {
    let n = 0;
    for (const ctx of browser.contexts()) for (const p of ctx.pages()) await shot(p, `tablet-failed-${++n}`).catch(() => {});
    throw e;
  }
});

async function walk() {
  for (const u of ['qiantai', 'daoban', 'duban', 'admin']) {
    c[u] = new Client(srv.base);
    assert.equal((await c[u].login(u)).status, 200, u);
  }
  const h = (await c.admin.get('/api/hall')).json;
  for (const f of h.floors) for (const z of f.zones) for (const w of z.windows) win[w.number] = w.id;
  const hit = (await c.qiantai.get(`/api/matters?q=${encodeURIComponent('道路旅客运输经营许可')}`)).json.matters[0];
  matter = (await c.qiantai.get(`/api/matters/${hit.id}`)).json.matter;
  assert.equal((await c.qiantai.post(`/api/queue/windows/${win.A01}/open`)).status, 200);

  // 1. The administrator enrols a tablet for A01 on the Hall page: the link and its QR code, once.
  const admin = await staffPage('admin');
  await admin.click('[data-test=nav-hall]');
  await admin.click('[data-test=hall-zone-A]');
  await admin.click('[data-test=hall-window-A01]');
  await admin.waitForSelector('[data-test=hall-tablet]');
  assert.match(await text(admin, '[data-test=hall-tablet-state]'), /未绑定/);
  await admin.click('[data-test=hall-tablet-enrol]');
  await admin.waitForSelector('[data-test=hall-tablet-qr]');
  const url = await admin.inputValue('[data-test=hall-tablet-url]');
  assert.match(url, new RegExp(`^${srv.base}/tablet#k=[A-Za-z0-9_-]{43}$`));
  const qr = await admin.getAttribute('[data-test=hall-tablet-qr]', 'src');
  assert.match(qr, /^data:image\/png;base64,/);
  assert.match(await text(admin, '[data-test=hall-tablet-dialog]'), /只显示这一次/);
  await settle(admin);
  await shot(admin, 'tablet-hall-qr');
  await admin.click('[data-test=hall-tablet-done]');
  await admin.waitForSelector('[data-test=hall-tablet-dialog]', { state: 'hidden' });
  assert.match(await text(admin, '[data-test=hall-tablet-state]'), /已绑定 ?2025-10-15 11:4\d:\d\d 由 王建国 绑定 · 平板尚未连接/);
  await settle(admin);
  await shot(admin, 'tablet-hall-drawer');
  await admin.keyboard.press('Escape');
  await admin.waitForSelector('[data-test=hall-tablet-tag-A01]');
  // the key is nowhere in what the page can read back
  const view = (await c.admin.get(`/api/hall/windows/${win.A01}`)).text;
  assert.ok(!view.includes(url.split('#k=')[1]));

  // 2. The tablet opens the link, logged out: the key leaves the address bar, the idle screen.
  const tctx = await browser.newContext(TABLET);
  const tablet = await tctx.newPage();
  await tablet.goto(url);
  await tablet.waitForSelector('[data-test=tablet-idle-window]');
  assert.equal(new URL(tablet.url()).hash, '');
  assert.equal(new URL(tablet.url()).pathname, '/tablet');
  assert.equal(await tablet.evaluate(() => localStorage.getItem('yc.tablet.key')), url.split('#k=')[1]);
  assert.equal(await text(tablet, '[data-test=tablet-idle-window]'), 'A01号窗口');
  assert.match(await text(tablet, '[data-test=tablet-idle]'), /欢迎光临/);
  await shot(tablet, 'tablet-idle');
  // a reload keeps the binding (the key is in localStorage, not in the address)
  await tablet.reload();
  await tablet.waitForSelector('[data-test=tablet-idle-window]');
  // the Hall page says the tablet has been seen
  await admin.click('[data-test=hall-window-A01]');
  await admin.waitForSelector('[data-test=hall-tablet-state]');
  assert.match(await text(admin, '[data-test=hall-tablet-state]'), /最近在线/);
  await admin.keyboard.press('Escape');

  // 3. An applicant is called to A01 and their case accepted: it appears on the tablet.
  const k = await serveAtA01('欧阳秀英');
  await tablet.waitForSelector('[data-test=tablet-rate]', { timeout: 15000 });
  assert.equal(await text(tablet, '[data-test=tablet-number]'), k.number);
  assert.equal(await text(tablet, '[data-test=tablet-matter]'), matter.name);
  assert.equal(await text(tablet, '[data-test=tablet-stage]'), '受理服务');
  const page = await tablet.textContent('[data-test=tablet]');
  assert.ok(!page.includes('欧阳秀英') && !page.includes('13807394567') && !page.includes('张晓燕'), 'no personal data, no staff names');
  await shot(tablet, 'tablet-rating');

  // 4. The applicant rates it 满意 with a comment: the thank-you, then the idle screen again.
  await tablet.tap('[data-test=tablet-level-2]');
  assert.equal(await tablet.getAttribute('[data-test=tablet-level-2]', 'aria-checked'), 'true');
  await tablet.fill('[data-test=tablet-comment]', '叫号准时，工作人员一次性告知了全部材料');
  await shot(tablet, 'tablet-rating-chosen');
  await tablet.tap('[data-test=tablet-submit]');
  await tablet.waitForSelector('[data-test=tablet-thanks]');
  assert.equal(await text(tablet, '[data-test=tablet-thanks-level]'), '满意');
  assert.match(await text(tablet, '[data-test=tablet-thanks]'), /感谢您的评价/);
  await shot(tablet, 'tablet-thanks');
  const given = (await c.duban.get('/api/ratings')).json.ratings.find((r) => r.case.number === k.number);
  assert.equal(given.channel, 'window');
  assert.equal(given.level, 2);
  assert.equal(given.stage, 'accept');
  assert.equal(given.comment, '叫号准时，工作人员一次性告知了全部材料');
  await tablet.waitForSelector('[data-test=tablet-idle]', { timeout: 15000 });

  // 5. The next applicant, in 长者版: 不满意 needs its reason on the page; then the promise.
  const k2 = await serveAtA01('蒋国华');
  await tablet.waitForSelector('[data-test=tablet-rate]', { timeout: 15000 });
  assert.equal(await text(tablet, '[data-test=tablet-number]'), k2.number);
  await tablet.tap('[data-test=elder-toggle]');
  await tablet.tap('[data-test=tablet-level-4]');
  await tablet.tap('[data-test=tablet-submit]');
  await tablet.waitForSelector('[data-test=tablet-reason-error]');
  assert.match(await text(tablet, '[data-test=tablet-reason-error]'), /请写明原因/);
  assert.equal((await c.duban.get('/api/ratings')).json.ratings.filter((r) => r.case.number === k2.number).length, 0);
  await shot(tablet, 'tablet-elder-reason');
  await tablet.fill('[data-test=tablet-reason]', '等候叫号超过四十分钟，现场无人说明原因');
  await tablet.tap('[data-test=tablet-submit]');
  await tablet.waitForSelector('[data-test=tablet-promise]');
  assert.match(await text(tablet, '[data-test=tablet-promise]'), /市交通运输局将于 \d{4}年\d{1,2}月\d{1,2}日 前核实情况/);
  await shot(tablet, 'tablet-elder-thanks');
  const bad = (await c.duban.get('/api/ratings')).json.ratings.find((r) => r.case.number === k2.number);
  assert.equal(bad.channel, 'window');
  assert.equal(bad.level, 4);
  assert.ok(bad.rectification);
  await tablet.tap('[data-test=elder-toggle]');

  // 6. Revoked on the Hall page: the tablet says it is not bound any more.
  await admin.click('[data-test=hall-window-A01]');
  await admin.waitForSelector('[data-test=hall-tablet-revoke]');
  await admin.click('[data-test=hall-tablet-revoke]');
  await admin.waitForSelector('.hall-tablet-confirm');
  await admin.click('.hall-tablet-confirm-ok');
  await admin.waitForSelector('[data-test=hall-tablet-enrol]:has-text("绑定评价平板")');
  assert.match(await text(admin, '[data-test=hall-tablet-state]'), /未绑定/);
  await tablet.waitForSelector('[data-test=tablet-unbound]', { timeout: 20000 });
  assert.match(await text(tablet, '[data-test=tablet-unbound]'), /本平板未绑定窗口，请联系管理员/);
  await shot(tablet, 'tablet-unbound');
}
