// Staff accounts end to end: creating, validating, listing and changing users; disabling and
// password resets ending sessions at once; changing one's own password; the departments; and the
// `yichuang user` command against the same database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, errorOf, run, ROOT, DEMO_PASSWORD } from './lib.mjs';

let srv;
let admin;
let n = 0;
const uname = (p = 'acct') => `${p}${n++}`;
const body = (over = {}) => ({ username: uname(), name: '测试用户', password: 'passw0rd-ok', roles: ['guide'], ...over });

before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
});
after(async () => { await srv.stop(); });

async function listUsers() {
  const r = await admin.get('/api/users');
  assert.equal(r.status, 200, r.text);
  return r.json.users;
}
async function loggedIn(username, password) {
  const c = new Client(srv.base);
  const r = await c.login(username, password);
  assert.equal(r.status, 200, `${username}: ${r.text}`);
  return c;
}
async function departments() {
  const r = await admin.get('/api/departments');
  assert.equal(r.status, 200, r.text);
  return r.json.departments;
}

test('an admin creates a user (201) who can then log in', async () => {
  const dept = (await departments()).find((d) => d.name === '市交通运输局');
  const b = body({ username: 'zhang.wei_01', name: '张伟', roles: ['front_desk', 'guide'], department_id: dept.id });
  const r = await admin.post('/api/users', b);
  assert.equal(r.status, 201, r.text);
  const u = r.json.user;
  assert.ok(Number.isInteger(u.id) && u.id > 6);
  assert.deepEqual({ ...u, id: 0 }, { id: 0, username: 'zhang.wei_01', name: '张伟', roles: ['front_desk', 'guide'], department: { id: dept.id, name: '市交通运输局' }, disabled: false });
  assert.ok(!('password' in u) && !('password_hash' in u));
  const c = await loggedIn('zhang.wei_01', b.password);
  const me = await c.get('/api/me');
  assert.equal(me.json.user.id, u.id);
  assert.deepEqual(me.json.user.roles, ['front_desk', 'guide']);
  // limits that are just acceptable
  for (const ok of [
    body({ username: 'abc' }),
    body({ username: 'a'.repeat(32) }),
    body({ username: '0-9._x' }),
    body({ name: '名'.repeat(64) }),
    body({ password: '密码'.repeat(4) }),      // 8 characters, 24 bytes
    body({ password: 'p'.repeat(128) }),
    body({ roles: ['admin', 'supervisor', 'front_desk', 'guide', 'back_office', 'dept_head'] }),
  ]) {
    const res = await admin.post('/api/users', ok);
    assert.equal(res.status, 201, `${JSON.stringify(ok).slice(0, 120)}: ${res.text}`);
  }
  await loggedIn('abc', 'passw0rd-ok');
});

test('a taken username is 409 conflict naming username; nothing else changes', async () => {
  const before = (await listUsers()).length;
  for (const username of ['zhang.wei_01', 'admin']) {
    const e = errorOf(assert, await admin.post('/api/users', body({ username, name: '重名' })), 409, 'conflict');
    assert.equal(e.field, 'username');
  }
  const users = await listUsers();
  assert.equal(users.length, before);
  assert.equal(users.find((u) => u.username === 'admin').name, '王建国');
  // the original can still log in with its own password
  await loggedIn('zhang.wei_01', 'passw0rd-ok');
});

test('bad usernames, passwords, names, roles and departments are 422 field_invalid naming the field', async () => {
  const cases = [
    [{ username: 'ab' }, 'username'],
    [{ username: 'a'.repeat(33) }, 'username'],
    [{ username: 'a'.repeat(65) }, 'username'],
    [{ username: '' }, 'username'],
    [{ username: 'Upper' }, 'username'],
    [{ username: 'has space' }, 'username'],
    [{ username: '张伟伟' }, 'username'],
    [{ username: 'semi;colon' }, 'username'],
    [{ username: 'tab\tx' }, 'username'],
    [{ password: '1234567' }, 'password'],
    [{ password: '密'.repeat(7) }, 'password'], // 7 characters though 21 bytes
    [{ password: 'p'.repeat(129) }, 'password'],
    [{ password: 'p'.repeat(300) }, 'password'],
    [{ name: '' }, 'name'],
    [{ name: 'n'.repeat(65) }, 'name'],
    [{ roles: ['wizard'] }, 'roles'],
    [{ roles: ['guide', 'Admin'] }, 'roles'],
    [{ roles: [] }, 'roles'],
    [{ roles: ['guide', 'guide', 'guide', 'guide', 'guide', 'guide', 'guide'] }, 'roles'],
    [{ department_id: 99999 }, 'department_id'],
    [{ department_id: -1 }, 'department_id'],
  ];
  const names = [];
  for (const [over, field] of cases) {
    const b = body(over);
    names.push(b.username);
    const e = errorOf(assert, await admin.post('/api/users', b), 422, 'field_invalid');
    assert.equal(e.field, field, JSON.stringify(over).slice(0, 80));
  }
  const have = new Set((await listUsers()).map((u) => u.username));
  for (const name of names) assert.ok(!have.has(name), `${name} was created`);
});

test('the list shows every user in id order without password hashes', async () => {
  const users = await listUsers();
  assert.deepEqual(users.slice(0, 6).map((u) => [u.id, u.username]), [[1, 'admin'], [2, 'duban'], [3, 'qiantai'], [4, 'daoban'], [5, 'shenpi'], [6, 'fenguan']]);
  assert.deepEqual(users.map((u) => u.id), [...users.map((u) => u.id)].sort((a, b) => a - b));
  assert.ok(users.some((u) => u.username === 'zhang.wei_01'));
  for (const u of users) {
    assert.deepEqual(Object.keys(u).sort(), ['department', 'disabled', 'id', 'name', 'roles', 'username']);
  }
  assert.deepEqual(users[4].department.name, '市交通运输局');
  assert.deepEqual(users[4].roles, ['back_office']);
});

test('an admin changes name, roles and department; department_id null clears it', async () => {
  const depts = await departments();
  const created = (await admin.post('/api/users', body({ roles: ['guide'] }))).json.user;
  const url = `/api/users/${created.id}`;
  let r = await admin.patch(url, { name: '李四' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.name, '李四');
  assert.deepEqual(r.json.user.roles, ['guide']);
  r = await admin.patch(url, { roles: ['back_office', 'dept_head'], department_id: depts[5].id });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.user.roles, ['back_office', 'dept_head']);
  assert.deepEqual(r.json.user.department, { id: depts[5].id, name: depts[5].name });
  assert.equal(r.json.user.name, '李四');
  r = await admin.patch(url, { department_id: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.department, null);
  assert.deepEqual(r.json.user.roles, ['back_office', 'dept_head']);
  // refused changes leave the user as it was
  assert.equal(errorOf(assert, await admin.patch(url, { name: '王五', roles: ['nope'] }), 422, 'field_invalid').field, 'roles');
  assert.equal(errorOf(assert, await admin.patch(url, { name: '王五', department_id: 99999 }), 422, 'field_invalid').field, 'department_id');
  assert.equal(errorOf(assert, await admin.patch(url, { name: '王五', roles: [] }), 422, 'field_invalid').field, 'roles');
  assert.equal(errorOf(assert, await admin.patch(url, { password: 'short' }), 422, 'field_invalid').field, 'password');
  const now = (await listUsers()).find((u) => u.id === created.id);
  assert.deepEqual(now, { ...created, name: '李四', roles: ['back_office', 'dept_head'], department: null });
  errorOf(assert, await admin.patch('/api/users/999999', { name: 'x' }), 404, 'not_found');
});

test('a change of roles applies to a live session at once', async () => {
  const b = body({ roles: ['admin'] });
  const u = (await admin.post('/api/users', b)).json.user;
  const c = await loggedIn(b.username, b.password);
  assert.equal((await c.get('/api/users')).status, 200);
  assert.equal((await admin.patch(`/api/users/${u.id}`, { roles: ['guide'] })).status, 200);
  errorOf(assert, await c.get('/api/users'), 403, 'forbidden');
  assert.equal((await c.get('/api/me')).json.user.roles[0], 'guide');
});

test('disabling a user refuses its live session at once and its logins; enabling lets it back', async () => {
  const b = body();
  const u = (await admin.post('/api/users', b)).json.user;
  const c1 = await loggedIn(b.username, b.password);
  const c2 = await loggedIn(b.username, b.password);
  let r = await admin.patch(`/api/users/${u.id}`, { disabled: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.disabled, true);
  errorOf(assert, await c1.get('/api/me'), 401, 'unauthenticated');
  errorOf(assert, await c2.get('/api/departments'), 401, 'unauthenticated');
  errorOf(assert, await new Client(srv.base).login(b.username, b.password), 401, 'bad_credentials');
  assert.equal((await listUsers()).find((x) => x.id === u.id).disabled, true);
  r = await admin.patch(`/api/users/${u.id}`, { disabled: false });
  assert.equal(r.json.user.disabled, false);
  errorOf(assert, await c1.get('/api/me'), 401, 'unauthenticated'); // ended, not suspended
  await loggedIn(b.username, b.password);
  // an admin cannot disable themself
  const e = errorOf(assert, await admin.patch('/api/users/1', { disabled: true }), 422, 'field_invalid');
  assert.equal(e.field, 'disabled');
  assert.equal((await admin.get('/api/me')).status, 200);
});

test('a password reset by an admin ends the user\'s sessions', async () => {
  const b = body();
  const u = (await admin.post('/api/users', b)).json.user;
  const c1 = await loggedIn(b.username, b.password);
  const c2 = await loggedIn(b.username, b.password);
  const r = await admin.patch(`/api/users/${u.id}`, { password: 'reset-by-admin-1' });
  assert.equal(r.status, 200, r.text);
  errorOf(assert, await c1.get('/api/me'), 401, 'unauthenticated');
  errorOf(assert, await c2.get('/api/me'), 401, 'unauthenticated');
  errorOf(assert, await new Client(srv.base).login(b.username, b.password), 401, 'bad_credentials');
  await loggedIn(b.username, 'reset-by-admin-1');
  assert.equal((await admin.get('/api/me')).status, 200, 'the admin\'s own session stays');
});

test('POST /api/me/password: a wrong old password is 422; success ends the other sessions and keeps this one', async () => {
  const b = body();
  await admin.post('/api/users', b);
  const c1 = await loggedIn(b.username, b.password);
  const c2 = await loggedIn(b.username, b.password);
  let e = errorOf(assert, await c1.post('/api/me/password', { old_password: 'not-the-password', new_password: 'brand-new-pass' }), 422, 'field_invalid');
  assert.equal(e.field, 'old_password');
  e = errorOf(assert, await c1.post('/api/me/password', { old_password: b.password, new_password: 'short' }), 422, 'field_invalid');
  assert.equal(e.field, 'new_password');
  e = errorOf(assert, await c1.post('/api/me/password', { old_password: b.password, new_password: 'p'.repeat(129) }), 422, 'field_invalid');
  assert.equal(e.field, 'new_password');
  assert.equal((await c2.get('/api/me')).status, 200, 'failed attempts end nothing');
  const r = await c1.post('/api/me/password', { old_password: b.password, new_password: '新的密码-2025' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { ok: true });
  assert.equal((await c1.get('/api/me')).status, 200);
  errorOf(assert, await c2.get('/api/me'), 401, 'unauthenticated');
  errorOf(assert, await new Client(srv.base).login(b.username, b.password), 401, 'bad_credentials');
  await loggedIn(b.username, '新的密码-2025');
  // the same call from the admin's session, back and forth, keeps the admin's session
  assert.equal((await admin.post('/api/me/password', { old_password: DEMO_PASSWORD, new_password: 'admin-temp-pass' })).status, 200);
  assert.equal((await admin.post('/api/me/password', { old_password: 'admin-temp-pass', new_password: DEMO_PASSWORD })).status, 200);
  assert.equal((await admin.get('/api/me')).status, 200);
});

test('GET /api/departments lists the 42 departments of Annex 2 plus 市数据局', async () => {
  const csv = readFileSync(join(ROOT, 'data/annex2-matters-by-department.csv'), 'utf8').trim().split('\n').slice(1);
  const annex = csv.map((line) => line.split(',')[1]);
  assert.equal(annex.length, 42);
  const depts = await departments();
  assert.equal(depts.length, 43);
  assert.deepEqual(depts.map((d) => d.name).sort(), [...annex, '市数据局'].sort());
  assert.equal(depts[0].name, '市数据局');
  assert.deepEqual(depts.slice(1).map((d) => d.name), annex, 'in the order of the annex');
  assert.equal(new Set(depts.map((d) => d.id)).size, 43);
  for (const d of depts) {
    assert.deepEqual(Object.keys(d).sort(), ['code', 'id', 'name', 'uscc']);
    assert.ok(Number.isInteger(d.id));
  }
  // any session may list them
  const guide = await loggedIn('daoban', DEMO_PASSWORD);
  assert.equal((await guide.get('/api/departments')).json.departments.length, 43);
});

test('yichuang user add|passwd|disable against the database: exit codes 0, 1, 2 and --help', async () => {
  const db = ['--db', srv.db.url];
  const pw = { YC_PASSWORD: 'cli-password-1' };
  let r = await run(['user', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /usage: yichuang user add USERNAME/);
  assert.match(r.stdout, /YC_PASSWORD/);

  r = await run(['user', 'add', 'cli.user', '--name', '命令行用户', '--roles', 'front_desk,guide', '--dept', '市数据局', ...db], { env: pw });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^user cli\.user added \(id \d+\)\n$/);
  const c = await loggedIn('cli.user', 'cli-password-1');
  const me = (await c.get('/api/me')).json.user;
  assert.deepEqual([me.name, me.roles, me.department.name], ['命令行用户', ['front_desk', 'guide'], '市数据局']);

  // failures: 1, naming the fault
  const fails = [
    [['user', 'add', 'cli.user', '--name', 'x', '--roles', 'guide'], pw, /conflict/],
    [['user', 'add', 'cli.other', '--name', 'x', '--roles', 'wizard'], pw, /field_invalid/],
    [['user', 'add', 'Bad Name', '--name', 'x', '--roles', 'guide'], pw, /field_invalid/],
    [['user', 'add', 'cli.other', '--name', 'x', '--roles', 'guide'], { YC_PASSWORD: 'short' }, /field_invalid/],
    [['user', 'add', 'cli.other', '--name', 'x', '--roles', 'guide'], { YC_PASSWORD: 'p'.repeat(2000) }, /field_invalid/],
    [['user', 'add', 'cli.other', '--name', 'x', '--roles', 'guide', '--dept', '不存在的局'], pw, /不存在的局/],
    [['user', 'passwd', 'nobody-here'], pw, /not_found/],
    [['user', 'disable', 'nobody-here'], pw, /not_found/],
  ];
  for (const [args, env, msg] of fails) {
    r = await run([...args, ...db], { env });
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, msg, args.join(' '));
  }
  r = await run(['user', 'add', 'cli.other', '--name', 'x', '--roles', 'guide', ...db], { env: { YC_PASSWORD: undefined } });
  assert.equal(r.code, 1, 'no password on stdin or in the environment');
  assert.ok(!(await listUsers()).some((u) => u.username === 'cli.other'));

  // usage errors: 2
  for (const args of [['user'], ['user', 'add'], ['user', 'frob', 'x'], ['user', 'passwd'], ['user', 'disable', 'a', 'b'],
    ['user', 'add', 'cli.two', '--roles', 'guide'], ['user', 'add', 'cli.two', '--name', 'x'], ['user', 'add', 'cli.two', '--name', 'x', '--roles']]) {
    r = await run([...args, ...db], { env: pw });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /usage: yichuang user/);
  }

  // passwd from the environment ends the live session; then from standard input
  r = await run(['user', 'passwd', 'cli.user', ...db], { env: { YC_PASSWORD: 'cli-password-2' } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'user cli.user password set\n');
  errorOf(assert, await c.get('/api/me'), 401, 'unauthenticated');
  errorOf(assert, await new Client(srv.base).login('cli.user', 'cli-password-1'), 401, 'bad_credentials');
  await loggedIn('cli.user', 'cli-password-2');
  r = await run(['user', 'passwd', 'cli.user', ...db], { env: { YC_PASSWORD: undefined }, input: 'from-stdin-pass\n' });
  assert.equal(r.code, 0, r.stderr);
  const c3 = await loggedIn('cli.user', 'from-stdin-pass');
  // a long password (100 characters, 300 bytes) is kept whole
  const long = '长'.repeat(100);
  r = await run(['user', 'passwd', 'cli.user', ...db], { env: { YC_PASSWORD: long } });
  assert.equal(r.code, 0, r.stderr);
  errorOf(assert, await c3.get('/api/me'), 401, 'unauthenticated');
  const c4 = await loggedIn('cli.user', long);

  // disable: the live session is refused at once, and so is a login
  r = await run(['user', 'disable', 'cli.user', ...db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'user cli.user disabled\n');
  errorOf(assert, await c4.get('/api/me'), 401, 'unauthenticated');
  errorOf(assert, await new Client(srv.base).login('cli.user', long), 401, 'bad_credentials');
  assert.equal((await listUsers()).find((u) => u.username === 'cli.user').disabled, true);
});

test('a department head lists the users of their own department only; other roles may not list', async () => {
  const head = new Client(srv.base);
  assert.equal((await head.login('fenguan')).status, 200);
  const me = (await head.get('/api/me')).json.user;
  assert.equal(me.department.name, '市交通运输局');
  const mine = await head.get('/api/users');
  assert.equal(mine.status, 200, mine.text);
  const all = (await admin.get('/api/users')).json.users;
  const expected = all.filter((u) => u.department && u.department.id === me.department.id).map((u) => u.username).sort();
  assert.ok(expected.includes('shenpi') && expected.includes('fenguan'));
  assert.deepEqual(mine.json.users.map((u) => u.username).sort(), expected);
  assert.ok(all.length > expected.length, 'the admin sees more than one department');
  const clerk = new Client(srv.base);
  assert.equal((await clerk.login('qiantai')).status, 200);
  errorOf(assert, await clerk.get('/api/users'), 403, 'forbidden');
});
