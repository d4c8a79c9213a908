// Working days and the holiday calendar end to end (DOMAIN.md, "Clocks"): answers computed by hand
// from data/cn-holidays.csv, years without data, the calendar import over HTTP and from the
// command line, and the identity checks of `yichuang check`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, errorOf, run, freshDb, ROOT, residentId, uscc } from './lib.mjs';

let srv;
let admin;
let clerk;
let cliDb; // a database of its own for the command-line calls
let tmp;
const db = () => ['--db', cliDb.url];

before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  clerk = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  assert.equal((await clerk.login('qiantai')).status, 200);
  cliDb = freshDb();
  tmp = mkdtempSync(join(tmpdir(), 'yc-cal-'));
});
after(async () => {
  await srv.stop();
  cliDb.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

const add = (date, n) => clerk.get(`/api/workdays/add?date=${date}&n=${n}`);
const between = (from, to) => clerk.get(`/api/workdays/between?from=${from}&to=${to}`);
const is = (date) => clerk.get(`/api/workdays/is?date=${date}`);
const importCsv = (client, csv) => client.req('POST', '/api/calendar/import', { body: csv, headers: { 'Content-Type': 'text/csv' } });

// A made-up 2027 notice: 元旦 starts on 2026-12-31 (so it belongs to the 2027 notice), 春节 with
// two make-up Saturdays.
const CSV_2027 = [
  'date,kind,name',
  '2026-12-31,off,元旦',
  '2027-01-01,off,元旦',
  '2027-02-06,work,春节',
  '2027-02-08,off,春节',
  '2027-02-09,off,春节',
  '2027-02-10,off,春节',
  '2027-02-11,off,春节',
  '2027-02-12,off,春节',
  '2027-02-20,work,春节',
].join('\n') + '\n';

// hand-computed from data/cn-holidays.csv (weekdays checked against a calendar)
const ADD = [
  ['2025-09-30', 5, '2025-10-14'], // the law's example: Oct 1-8 off, Sat Oct 11 a make-up day
  ['2025-09-30', 0, '2025-09-30'],
  ['2025-09-30', 1, '2025-10-09'],
  ['2025-09-30', 3, '2025-10-11'], // the make-up Saturday counts
  ['2025-10-11', 1, '2025-10-13'], // Sunday Oct 12 does not
  ['2025-09-26', 1, '2025-09-28'], // Fri -> Sun Sep 28, a make-up Sunday
  ['2025-10-04', 0, '2025-10-04'], // N = 0 gives D even on a holiday
  ['2026-02-13', 1, '2026-02-14'], // 2026 Spring Festival: Sat Feb 14 works
  ['2026-02-14', 1, '2026-02-24'], // Feb 15-23 off
  ['2026-02-13', 6, '2026-02-28'], // Sat Feb 28 works too
  ['2026-09-30', 1, '2026-10-08'], // 2026 National Day: Oct 1-7 off
  ['2026-09-30', 3, '2026-10-10'], // Sat Oct 10 works
  ['2026-09-24', 1, '2026-09-28'], // 中秋 Fri Sep 25 off
  ['2026-09-18', 1, '2026-09-20'], // Sun Sep 20 works
  ['2025-12-31', 1, '2026-01-04'], // year boundary: Jan 1-3 off, Sun Jan 4 works
  ['2025-12-31', 2, '2026-01-05'],
  ['2024-12-31', 1, '2025-01-02'],
  ['2025-12-26', 20, '2026-01-26'],
];
const BETWEEN = [
  ['2025-09-30', '2025-10-14', 5],
  ['2025-09-30', '2025-09-30', 0],
  ['2025-10-14', '2025-09-30', 0],
  ['2025-10-01', '2025-10-08', 0],
  ['2026-02-13', '2026-02-28', 6],
  ['2026-09-24', '2026-10-12', 7],
  ['2025-12-30', '2026-01-05', 3],
  ['2025-12-31', '2026-12-31', 248], // 2026: 261 weekdays - 19 weekday holidays + 6 make-up days
];
const IS = [
  ['2025-10-11', 'work'], ['2025-10-12', 'off'], ['2025-10-08', 'off'], ['2025-10-09', 'work'],
  ['2026-01-04', 'work'], ['2026-02-14', 'work'], ['2026-02-28', 'work'], ['2026-05-09', 'work'],
  ['2026-09-20', 'work'], ['2026-10-10', 'work'], ['2026-02-16', 'off'], ['2026-02-23', 'off'],
  ['2026-09-25', 'off'], ['2026-10-07', 'off'], ['2026-03-02', 'work'], ['2026-03-07', 'off'],
  ['2026-12-31', 'work'],
];

test('precondition: the shipped calendar covers 2019-2026 and not 2027', () => {
  const years = new Set(readFileSync(join(ROOT, 'data/cn-holidays.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.slice(0, 4))));
  assert.ok(years.has(2026));
  assert.ok(!years.has(2027), 'data/cn-holidays.csv now has 2027: move this file\'s "missing year" cases and its made-up notice to 2028');
});

test('working days match hand-computed answers (add, between, is)', async () => {
  for (const [date, n, end] of ADD) {
    const r = await add(date, n);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { date, n, end }, `${date} + ${n}`);
  }
  for (const [from, to, workdays] of BETWEEN) {
    const r = await between(from, to);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { from, to, workdays }, `(${from}, ${to}]`);
  }
  for (const [date, kind] of IS) {
    const r = await is(date);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { date, kind }, date);
  }
});

test('a date in a year without calendar data is 422 calendar_year_missing naming the year', async () => {
  const cases = [
    [add('2027-01-04', 1), '2027'],
    [add('2026-12-31', 1), '2027'], // the count runs into 2027
    [add('2026-12-28', 4), '2027'],
    [add('2025-01-01', 3650), '2027'],
    [between('2026-12-01', '2027-01-10'), '2027'],
    [between('2027-01-10', '2026-12-01'), '2027'],
    [is('2027-03-01'), '2027'],
    [is('2018-06-01'), '2018'],
    [is('2199-12-31'), '2199'],
  ];
  for (const [p, year] of cases) {
    const e = errorOf(assert, await p, 422, 'calendar_year_missing');
    assert.ok(e.message.includes(year), `${e.message} names ${year}`);
  }
  // 2026-12-28 + 3 is the last answerable day
  assert.equal((await add('2026-12-28', 3)).json.end, '2026-12-31');
});

test('bad dates and counts are 422 field_invalid, missing ones 400 field_required, naming the parameter', async () => {
  const invalid = [
    ['/api/workdays/add?date=2025-02-29&n=1', 'date'],
    ['/api/workdays/add?date=2025-9-30&n=1', 'date'],
    ['/api/workdays/add?date=20250930&n=1', 'date'],
    ['/api/workdays/add?date=2025-09-30T00:00&n=1', 'date'],
    ['/api/workdays/add?date=1899-12-31&n=1', 'date'],
    ['/api/workdays/add?date=2200-01-01&n=1', 'date'],
    ['/api/workdays/add?date=2025-09-30&n=-1', 'n'],
    ['/api/workdays/add?date=2025-09-30&n=3651', 'n'],
    ['/api/workdays/add?date=2025-09-30&n=1.5', 'n'],
    ['/api/workdays/add?date=2025-09-30&n=five', 'n'],
    ['/api/workdays/add?date=2025-09-30&n=99999999999999999999', 'n'],
    ['/api/workdays/between?from=2025-13-01&to=2025-10-14', 'from'],
    ['/api/workdays/between?from=2025-09-30&to=2025-10-32', 'to'],
    ['/api/workdays/is?date=yesterday', 'date'],
    ['/api/calendar?year=abc', 'year'],
    ['/api/calendar?year=1899', 'year'],
    ['/api/calendar?year=2200', 'year'],
  ];
  for (const [path, field] of invalid) {
    assert.equal(errorOf(assert, await clerk.get(path), 422, 'field_invalid').field, field, path);
  }
  const required = [
    ['/api/workdays/add?n=1', 'date'],
    ['/api/workdays/add?date=&n=1', 'date'],
    ['/api/workdays/add?date=2025-09-30', 'n'],
    ['/api/workdays/between?to=2025-10-14', 'from'],
    ['/api/workdays/between?from=2025-09-30', 'to'],
    ['/api/workdays/is', 'date'],
    ['/api/calendar', 'year'],
  ];
  for (const [path, field] of required) {
    assert.equal(errorOf(assert, await clerk.get(path), 400, 'field_required').field, field, path);
  }
  // the largest N is accepted (and then runs out of calendar)
  errorOf(assert, await add('2019-01-02', 3650), 422, 'calendar_year_missing');
});

function csvYear(year) {
  const rows = readFileSync(join(ROOT, 'data/cn-holidays.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  // the notice year: a December 元旦 entry belongs to the next year
  return rows.filter(([d, , name]) => (d.slice(5, 7) === '12' && name.includes('元旦') ? Number(d.slice(0, 4)) + 1 : Number(d.slice(0, 4))) === year)
    .map(([date, kind, name]) => ({ date, kind, name }));
}

test('GET /api/calendar?year=Y lists the entries of the year\'s notice', async () => {
  const r = await clerk.get('/api/calendar?year=2026');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.year, 2026);
  assert.equal(r.json.covered, true);
  assert.equal(r.json.entries.length, 39);
  assert.deepEqual(r.json.entries, csvYear(2026));
  assert.deepEqual(r.json.entries[0], { date: '2026-01-01', kind: 'off', name: '元旦' });
  assert.deepEqual(r.json.entries.filter((e) => e.kind === 'work').map((e) => e.date), ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  // the 2019 notice begins in December 2018
  const y2019 = (await clerk.get('/api/calendar?year=2019')).json;
  assert.deepEqual(y2019.entries.slice(0, 3), [
    { date: '2018-12-29', kind: 'work', name: '元旦' }, { date: '2018-12-30', kind: 'off', name: '元旦' }, { date: '2018-12-31', kind: 'off', name: '元旦' }]);
  assert.deepEqual(y2019.entries, csvYear(2019));
  const y2027 = await clerk.get('/api/calendar?year=2027');
  assert.deepEqual(y2027.json, { year: 2027, covered: false, entries: [] });
});

test('a broken CSV is 422 naming the line, and nothing is written', async () => {
  const broken = [
    ['\ufeffdate,kind,name\n2027-01-01,off,元旦\n', 1],                                   // BOM
    ['date,kind,name\n2027-01-01,off,元旦\n2027-02-08,holiday,春节\n', 3],                // bad kind
    ['date,kind,name\n2027-01-01,off,元旦\n2027-02-06,work,春节\n2027-02-08,work,春节\n', 4], // work on a Monday
    ['date,kind,name\n2027-01-01,off,元旦\n2027-02-30,off,春节\n', 3],                    // no such date
    ['date,kind,name\n2027-01-01,off,元旦\n2027-01-01,off,元旦\n', 3],                    // duplicate date
    ['date,kind,name\n2027-01-01,off\n', 2],                                             // two fields
    ['date,kind,name\n2027-01-01,off,\n', 2],                                            // no name
    ['day,kind,name\n2027-01-01,off,元旦\n', 1],                                           // header
    ['date,kind,name\n', 2],                                                              // no rows
    ['', 1],                                                                              // empty
    ['date,kind,name\n2027-01-01,off,元旦\r2027-01-02,off,元旦\n', 2],                     // bare CR
    ['date,kind,name\n2026-12-31,off,元旦\n2027-01-01,off,元旦\n2028-01-03,work,元旦\n', 4], // 2028: a Monday
  ];
  for (const [csv, line] of broken) {
    const e = errorOf(assert, await importCsv(admin, csv), 422, 'field_invalid');
    assert.match(e.message, new RegExp(`第 ${line} 行`), `${JSON.stringify(csv)}: ${e.message}`);
  }
  errorOf(assert, await importCsv(admin, Buffer.from([0x64, 0x61, 0x74, 0x65, 0xff])), 422, 'field_invalid');
  // a broken file that also holds good 2026 rows leaves 2026 alone
  errorOf(assert, await importCsv(admin, 'date,kind,name\n2026-10-01,off,国庆节\n2026-10-02,x,国庆节\n'), 422, 'field_invalid');
  assert.equal((await clerk.get('/api/calendar?year=2026')).json.entries.length, 39);
  assert.deepEqual((await clerk.get('/api/calendar?year=2027')).json, { year: 2027, covered: false, entries: [] });
  errorOf(assert, await is('2027-01-01'), 422, 'calendar_year_missing');
  assert.equal((await is('2026-12-31')).json.kind, 'work');
});

test('only an admin imports, and only as text/csv', async () => {
  errorOf(assert, await importCsv(clerk, CSV_2027), 403, 'forbidden');
  for (const who of ['duban', 'daoban', 'shenpi', 'fenguan']) {
    const c = new Client(srv.base);
    await c.login(who);
    errorOf(assert, await importCsv(c, CSV_2027), 403, 'forbidden');
  }
  errorOf(assert, await importCsv(new Client(srv.base), CSV_2027), 401, 'unauthenticated');
  const e = errorOf(assert, await admin.req('POST', '/api/calendar/import', { body: CSV_2027, headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
  assert.equal(e.field, 'Content-Type');
  errorOf(assert, await is('2027-01-01'), 422, 'calendar_year_missing');
});

test('importing a new year makes it answerable at once; a re-import replaces the year whole', async () => {
  const r = await importCsv(admin, CSV_2027);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { years: [2027], entries: 9 });
  assert.deepEqual((await is('2027-02-06')).json, { date: '2027-02-06', kind: 'work' });
  assert.deepEqual((await is('2027-02-10')).json, { date: '2027-02-10', kind: 'off' });
  assert.deepEqual((await is('2027-03-01')).json, { date: '2027-03-01', kind: 'work' });
  assert.deepEqual((await is('2026-12-31')).json, { date: '2026-12-31', kind: 'off' }, 'the 2027 notice moves 2026-12-31');
  assert.equal((await add('2026-12-30', 1)).json.end, '2027-01-04');
  assert.equal((await add('2027-02-05', 2)).json.end, '2027-02-15');
  assert.equal((await between('2027-02-05', '2027-02-21')).json.workdays, 7);
  const y = (await clerk.get('/api/calendar?year=2027')).json;
  assert.equal(y.covered, true);
  assert.deepEqual(y.entries.map((e) => e.date), CSV_2027.trim().split('\n').slice(1).map((l) => l.split(',')[0]));
  assert.equal((await clerk.get('/api/calendar?year=2026')).json.entries.length, 39);
  errorOf(assert, await add('2027-12-31', 1), 422, 'calendar_year_missing');
  // a smaller 2027 replaces the whole year, 2026-12-31 included
  const again = await importCsv(admin, 'date,kind,name\n2027-01-01,off,元旦\n');
  assert.deepEqual(again.json, { years: [2027], entries: 1 });
  assert.equal((await is('2027-02-10')).json.kind, 'work');
  assert.equal((await is('2026-12-31')).json.kind, 'work');
  assert.equal((await clerk.get('/api/calendar?year=2027')).json.entries.length, 1);
  assert.equal((await importCsv(admin, CSV_2027)).status, 200);
});

test('yichuang workdays add|between|is: output and exit codes 0, 1 (naming the year), 2', async () => {
  const ok = [
    [['workdays', 'add', '2025-09-30', '5'], '2025-10-14\n'],
    [['workdays', 'add', '2026-02-14', '1'], '2026-02-24\n'],
    [['workdays', 'add', '2025-12-31', '1'], '2026-01-04\n'],
    [['workdays', 'add', '2025-09-30', '0'], '2025-09-30\n'],
    [['workdays', 'between', '2025-09-30', '2025-10-14'], '5\n'],
    [['workdays', 'between', '2026-09-24', '2026-10-12'], '7\n'],
    [['workdays', 'is', '2025-10-11'], 'work\n'],
    [['workdays', 'is', '2025-10-01'], 'off\n'],
  ];
  for (const [args, out] of ok) {
    const r = await run([...args, ...db()]);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, out, args.join(' '));
  }
  const fail = [
    [['workdays', 'add', '2027-01-04', '1'], /calendar_year_missing.*2027/],
    [['workdays', 'add', '2026-12-31', '1'], /2027/],
    [['workdays', 'between', '2026-12-01', '2027-01-10'], /2027/],
    [['workdays', 'is', '2027-03-01'], /2027/],
    [['workdays', 'add', '2025-13-01', '5'], /field_invalid/],
    [['workdays', 'add', '2025-09-30', '-1'], /field_invalid/],
    [['workdays', 'add', '2025-09-30', '3651'], /field_invalid/],
    [['workdays', 'between', '2025-09-30', 'tomorrow'], /field_invalid/],
  ];
  for (const [args, msg] of fail) {
    const r = await run([...args, ...db()]);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, msg, args.join(' '));
    assert.equal(r.stdout, '');
  }
  for (const args of [['workdays'], ['workdays', 'add', '2025-09-30'], ['workdays', 'is'], ['workdays', 'is', '2025-10-11', 'x'], ['workdays', 'frob', '2025-10-11', '1'], ['workdays', 'between', '2025-10-11']]) {
    const r = await run([...args, ...db()]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /usage: yichuang workdays/);
  }
  const h = await run(['workdays', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /usage: yichuang workdays add DATE N/);
});

test('yichuang calendar import: 0 with a summary, 1 naming the line (nothing written), 2 for usage', async () => {
  const good = join(tmp, '2027.csv');
  const bad = join(tmp, 'bad.csv');
  writeFileSync(good, CSV_2027);
  writeFileSync(bad, 'date,kind,name\n2027-01-01,off,元旦\n2027-02-08,work,春节\n');
  let r = await run(['calendar', 'import', bad, ...db()]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /第 3 行/);
  r = await run(['workdays', 'is', '2027-01-01', ...db()]);
  assert.equal(r.code, 1, 'nothing was written');
  assert.match(r.stderr, /2027/);
  r = await run(['calendar', 'import', join(tmp, 'missing.csv'), ...db()]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /missing\.csv/);
  r = await run(['calendar', 'import', good, ...db()]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'imported 9 entries for 2027\n');
  r = await run(['workdays', 'is', '2027-02-06', ...db()]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'work\n');
  r = await run(['workdays', 'add', '2026-12-30', '1', ...db()]);
  assert.equal(r.stdout, '2027-01-04\n');
  for (const args of [['calendar'], ['calendar', 'import'], ['calendar', 'export', good], ['calendar', 'import', good, good]]) {
    const u = await run([...args, ...db()]);
    assert.equal(u.code, 2, args.join(' '));
    assert.match(u.stderr, /usage: yichuang calendar import/);
  }
});

// A valid 居民身份证号码 and the variants that fail each check.
const ID = residentId('43052219850612003');
const ID_CASES = [
  ['bad_length', ID.slice(0, 17)],
  ['bad_length', ID + '1'],
  ['bad_length', '430522850612003'], // first-generation 15 digits
  ['bad_char', ID.slice(0, 10) + 'A' + ID.slice(11)],
  ['bad_birth_date', residentId('43052219851312003')],
  ['bad_birth_date', residentId('43052221000101003')], // in the future
  ['bad_region', residentId('99052219850612003')],
  ['bad_check', ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0')],
];
const CODE = uscc('91430500MA4L0K2X1');
const USCC_CASES = [
  ['bad_length', CODE.slice(0, 17)],
  ['bad_char', CODE.slice(0, 9) + 'I' + CODE.slice(10)],
  ['bad_char', uscc('B1430500MA4L0K2X1')], // no such registration authority
  ['bad_region', uscc('91990500MA4L0K2X1')],
  ['bad_check', CODE.slice(0, 17) + (CODE[17] === '0' ? '1' : '0')],
];

test('yichuang check id|uscc: exit 0 when valid, 1 with the reason, 2 for usage; numbers masked', async () => {
  for (const [kind, value] of [['id', ID], ['id', '11010519491231002X'], ['uscc', CODE], ['uscc', '91350100M000100Y43']]) {
    const r = await run(['check', kind, value]);
    assert.equal(r.code, 0, `${kind} ${value}: ${r.stderr}`);
    assert.equal(r.stdout, `${'*'.repeat(14)}${value.slice(-4)}: valid\n`);
  }
  // people type lower case at the window as on the command line: checked in upper case
  for (const [kind, value] of [['id', '11010519491231002x'], ['uscc', CODE.toLowerCase()]]) {
    const r = await run(['check', kind, value]);
    assert.equal(r.code, 0, `${kind} ${value}: ${r.stderr}`);
    assert.equal(r.stdout, `${'*'.repeat(14)}${value.slice(-4).toUpperCase()}: valid\n`);
  }
  for (const [kind, cases] of [['id', ID_CASES], ['uscc', USCC_CASES]]) {
    for (const [reason, value] of cases) {
      const r = await run(['check', kind, value]);
      assert.equal(r.code, 1, `${kind} ${value}`);
      assert.match(r.stderr, new RegExp(`invalid: ${reason} `), `${kind} ${value}: ${r.stderr}`);
      if (value.length >= 15) assert.ok(!r.stderr.includes(value.slice(0, 12)), `${value} in clear: ${r.stderr}`);
    }
  }
  for (const args of [['check'], ['check', 'id'], ['check', 'passport', 'E1234567'], ['check', 'id', ID, ID]]) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /usage: yichuang check/);
  }
});

test('POST /api/check/id|uscc: the same reasons as 422 check_failed naming the field', async () => {
  const ok = await clerk.post('/api/check/uscc', { code: CODE });
  assert.deepEqual(ok.json, { ok: true, masked: `${'*'.repeat(14)}${CODE.slice(-4)}` });
  // people type lower case; the API checks the upper-case form
  assert.deepEqual((await clerk.post('/api/check/uscc', { code: CODE.toLowerCase() })).json, ok.json);
  const x = await clerk.post('/api/check/id', { number: '11010519491231002x' });
  assert.deepEqual(x.json, { ok: true, masked: '**************002X', birth_date: '1949-12-31', sex: '女', region: '110105' });
  for (const [reason, value, strict] of ID_CASES) {
    if (strict) continue;
    const e = errorOf(assert, await clerk.post('/api/check/id', { number: value }), 422, 'check_failed');
    assert.equal(e.field, 'number');
    assert.ok(e.message.includes(reason), `${value}: ${e.message}`);
  }
  for (const [reason, value, strict] of USCC_CASES) {
    if (strict) continue;
    const e = errorOf(assert, await clerk.post('/api/check/uscc', { code: value }), 422, 'check_failed');
    assert.equal(e.field, 'code');
    assert.ok(e.message.includes(reason), `${value}: ${e.message}`);
  }
});
