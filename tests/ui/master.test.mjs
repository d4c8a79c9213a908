// In a real browser, the master data as an administrator uses it: import a small catalogue
// (first a broken file: the per-row errors; then a good one), find a new matter by search, open its
// acceptance guide, fetch the guide PDF, open the public guide page, and read the reform dashboard
// with its tables and charts. Screenshots go to tests/out/master-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, DEMO_PASSWORD } from '../e2e/lib.mjs';
import { launch, shot } from './lib.mjs';

let srv;
let browser;
let dir;
before(async () => {
  srv = await startServer();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'yc-ui-master-'));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function login(page, username) {
  await page.goto(`${srv.base}/login`);
  await page.fill('[data-test=login-username]', username);
  await page.fill('[data-test=login-password]', DEMO_PASSWORD);
  await page.press('[data-test=login-password]', 'Enter');
  await page.waitForURL(/\/staff/);
  await page.waitForSelector('[data-test=user-name]');
}

// A CSV cell: quoted when it holds a comma, a quote or a line break.
const cell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const HEADER = ['code', 'name', 'department', 'type', 'statutory_days', 'promised_days', 'window_class', 'entered',
  'aliases', 'theme', 'conditions', 'materials', 'legal_basis', 'fees', 'faq', 'glossary'];
function csv(rows) {
  return [HEADER.join(','), ...rows.map((r) => HEADER.map((k) => cell(r[k] ?? '')).join(','))].join('\n') + '\n';
}

// Three matters of an existing department, in the layout of data/demo-matters.csv.
const DEPT = '市交通运输局';
const MATTERS = [
  {
    code: 'SY-JT-UI-0001', name: '水路运输经营许可（界面测试）', department: DEPT, type: '01', statutory_days: 20, promised_days: 8,
    window_class: '无差别', entered: 1, aliases: '水运经营许可|船运许可', theme: '交通物流',
    conditions: '已依法办理市场主体登记\n有与经营业务相适应的船舶，船舶检验合格',
    materials: [
      '水路运输经营申请表|原件|1|1|0|经营范围、船舶数量填写准确|示范文本：《水路运输经营申请表》',
      '营业执照|复印件|1|1|0|名称、住所与申请表一致|',
      '船舶检验证书|原件及复印件|1|1|1|证书在有效期内|',
    ].join('\n'),
    legal_basis: '《国内水路运输管理条例》第六条', fees: '不收费',
    faq: '外地船舶可以申请吗？|船籍港不在本市的，应向船籍港所在地申请。', glossary: '船籍港|船舶登记的港口',
  },
  {
    code: 'SY-JT-UI-0002', name: '船员适任证书核发（界面测试）', department: DEPT, type: '07', statutory_days: 10, promised_days: 5,
    window_class: '无差别', entered: 1, conditions: '年满18周岁\n通过相应的考试',
    materials: '船员适任证书申请表|原件|1|1|0||\n身份证件|复印件|1|1|0|在有效期内|',
    legal_basis: '《中华人民共和国船员条例》', fees: '不收费',
  },
  {
    code: 'SY-JT-UI-0003', name: '渡口渡船安全查询（界面测试）', department: DEPT, type: '20', statutory_days: 0, promised_days: 0,
    window_class: '便民', entered: 1, materials: '身份证件|原件|1|1|0|核对本人|', fees: '不收费',
  },
];

test('administrator imports, searches, opens the guide and its PDF, and reads the reform dashboard', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await login(page, 'admin');
  for (const nav of ['nav-matters', 'nav-catalogue', 'nav-hall', 'nav-posts', 'nav-letters', 'nav-seals', 'nav-reform']) {
    assert.equal(await page.locator(`[data-test=${nav}]`).count(), 1, nav);
  }
  const before = await (await page.request.get(`${srv.base}/api/reform/annex2`)).json();

  // A broken file: the per-row errors as a table (行, 列, 原因), and nothing is written.
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, csv([
    { ...MATTERS[0], promised_days: 30 },
    { ...MATTERS[1], department: '不存在的局' },
  ]));
  await page.click('[data-test=nav-catalogue]');
  await page.waitForSelector('[data-test=cat-table] >> text=食品经营许可');
  await page.setInputFiles('[data-test=cat-import-file]', bad);
  const errors = page.locator('[data-test=cat-import-errors]');
  await errors.waitFor();
  const errText = await errors.textContent();
  assert.match(errText, /未写入/);
  assert.match(errText, /promised_days/);
  assert.match(errText, /不存在的局/);
  assert.equal(await errors.locator('tbody tr').count(), 2);
  await shot(page, 'master-import-errors');

  // The good file: three new matters.
  const good = join(dir, 'matters.csv');
  writeFileSync(good, csv(MATTERS));
  await page.setInputFiles('[data-test=cat-import-file]', good);
  const result = page.locator('[data-test=cat-import-result]');
  await result.waitFor();
  assert.match(await result.textContent(), /新增 3/);
  assert.equal(await errors.count(), 0);
  await page.fill('[data-test=cat-search]', '界面测试');
  await page.waitForSelector('[data-test="cat-row-SY-JT-UI-0003"]');
  await shot(page, 'master-import');

  // Search as you type, then the keyboard: / focuses the box, ↓ and Enter open a result.
  await page.click('[data-test=nav-matters]');
  await page.waitForSelector('[data-test=matter-results] li');
  await page.click('body');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-test')), 'matter-search');
  await page.keyboard.type('界面测试');
  await page.waitForSelector('[data-test="matter-result-SY-JT-UI-0003"]');
  assert.equal(await page.locator('[data-test=matter-results] li[role=option]').count(), 3);
  const codes = await page.locator('[data-test=matter-results] li[role=option]').evaluateAll((els) => els.map((e) => e.dataset.test));
  const idx = codes.indexOf('matter-result-SY-JT-UI-0001');
  assert.ok(idx >= 0, codes.join(' '));
  for (let i = 0; i < idx; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-test=guide-name] >> text=水路运输经营许可（界面测试）');
  const guide = page.locator('[data-test=guide]');
  assert.match(await guide.locator('[data-test=guide-department]').textContent(), new RegExp(DEPT));
  assert.match(await guide.locator('[data-test=guide-limits]').textContent(), /20 个工作日[\s\S]*8 个工作日/);
  assert.equal(await guide.locator('[data-test=guide-materials] tbody tr').count(), 3);
  assert.match(await guide.locator('[data-test=guide-materials]').textContent(), /原件及复印件[\s\S]*可容缺/);
  assert.match(await guide.locator('[data-test=guide-faq]').textContent(), /船籍港不在本市/);
  assert.match(await guide.locator('[data-test=guide-glossary]').textContent(), /船舶登记的港口/);
  await shot(page, 'master-guide');

  // Searching by a material finds matters that ask for it.
  await page.fill('[data-test=matter-search]', '船舶检验证书');
  await page.waitForSelector('[data-test=matter-results] >> text=材料：船舶检验证书');

  // The guide PDF answers application/pdf in the same session.
  const href = await page.getAttribute('[data-test=guide-pdf]', 'href');
  assert.match(href, /^\/api\/matters\/\d+\/guide\.pdf$/);
  const pdf = await page.request.get(`${srv.base}${href}`);
  assert.equal(pdf.status(), 200);
  assert.match(pdf.headers()['content-type'], /^application\/pdf/);
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

  // The reform dashboard: its five tables, the charts' canvases, the three new matters counted.
  await page.setViewportSize({ width: 1440, height: 2400 });
  await page.click('[data-test=nav-reform]');
  for (const part of ['annex2', 'windows', 'share', 'uncovered', 'steps']) {
    await page.waitForSelector(`[data-test=reform-${part}-table]`);
    const x = await page.getAttribute(`[data-test=reform-export-${part}]`, 'href');
    assert.match(x, new RegExp(`^/api/reform/${part}\\?format=xlsx`));
  }
  await page.waitForSelector('[data-test=reform-annex2-table] >> text=合计');
  await page.waitForSelector('[data-test=reform-chart-annex2] canvas');
  await page.waitForSelector('[data-test=reform-chart-share] canvas');
  await page.waitForSelector('[data-test=reform-chart-windows] canvas');
  const kpis = await page.textContent('[data-test=reform-kpis]');
  assert.ok(kpis.includes(String(before.summary.entered_total + 3)), `entered ${before.summary.entered_total} + 3 in: ${kpis}`);
  const dept = page.locator('[data-test=reform-annex2-table] tbody tr', { hasText: DEPT });
  const prev = before.rows.find((r) => r.department === DEPT);
  assert.match(await dept.textContent(), new RegExp(String(prev.total_actual + 3)));
  const xlsx = await page.request.get(`${srv.base}${await page.getAttribute('[data-test=reform-export-annex2]', 'href')}`);
  assert.equal(xlsx.status(), 200);
  assert.match(xlsx.headers()['content-type'], /spreadsheetml/);
  await page.waitForTimeout(300); // let the charts finish their first paint
  await shot(page, 'master-reform');
  await page.close();
});

test('the public guide page needs no login and has 长者版', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/guide/SY-JT-UI-0001`);
  await page.waitForSelector('[data-test=public-guide] [data-test=guide-name] >> text=水路运输经营许可（界面测试）');
  assert.equal(await page.locator('[data-test=guide-materials] tbody tr').count(), 3);
  await page.click('[data-test=elder-toggle]');
  await page.waitForFunction(() => document.documentElement.classList.contains('elder'));
  await shot(page, 'master-public-guide-elder');
  await page.goto(`${srv.base}/guide/NO-SUCH-CODE`);
  await page.waitForSelector('[data-test=public-guide-error]');
  await ctx.close();
});

test('a front desk searches and reads guides but sees no administration pages', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await login(page, 'qiantai');
  for (const nav of ['nav-catalogue', 'nav-reform', 'nav-posts', 'nav-seals']) {
    assert.equal(await page.locator(`[data-test=${nav}]`).count(), 0, nav);
  }
  await page.click('[data-test=nav-matters]');
  await page.fill('[data-test=matter-search]', '营业执照');
  await page.waitForSelector('[data-test=matter-results] >> text=别名：办营业执照');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-test=guide-name]');
  await page.goto(`${srv.base}/staff/reform`);
  await page.waitForURL(/\/staff$/);
  await page.click('[data-test=nav-letters]');
  await page.waitForSelector('[data-test=letters-table] tbody tr');
  assert.equal(await page.locator('[data-test=letters-add]').count(), 0);
  await page.close();
});
