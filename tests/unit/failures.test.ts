import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError, createApi, type Api } from '../../api/contract';
import { AppContext } from '../../services/context';
import { dispatch } from '../../services/dispatch';
import { latestSchemaVersion } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { makeUscc } from '../../db/validation/uscc';
import { UserError } from '../../db/errors';
import { DataWorker } from '../../electron/data-worker';
import { repoRoot, tempDataDir } from '../support/host';
import { cli } from '../support/cli';

// Real SQLite, real files: damaged pages, a file that is no database, a newer schema, a genuinely
// full database (max_page_count), truncated files and a read-only folder, each reaching the user
// as a stable code with a message in both languages, and a way out.

const dirs: string[] = [];
const contexts: AppContext[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) c.close();
  for (const d of dirs.splice(0)) {
    fs.chmodSync(d, 0o700);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function open(dir: string): { ctx: AppContext; api: Api } {
  const ctx = new AppContext({ dataDir: dir, transport: 'browser' });
  contexts.push(ctx);
  return { ctx, api: createApi((m, i) => dispatch(ctx, m, i)) };
}

const uscc = (n: number) => makeUscc('91', '540102', `MA6F${String(n).padStart(4, '0')}`);

/** An office with two enterprises in a backup and a third one after it; closed, WAL checkpointed. */
async function officeWithBackup() {
  const dir = tempDataDir('sme-fail-');
  dirs.push(dir);
  const { ctx, api } = open(dir);
  await api['app.setup']({ role: 'office', prefectureCode: '540100', officeName: '拉萨市经信局', operatorName: '张三', language: 'zh' });
  await api['enterprises.save']({ uscc: uscc(1), name: '备份里的企业甲' });
  await api['enterprises.save']({ uscc: uscc(2), name: '备份里的企业乙' });
  const backup = await api['backups.create']({});
  for (let i = 3; i < 60; i++) await api['enterprises.save']({ uscc: uscc(i), name: `备份之后的企业${i}`, address: '拉萨市城关区'.repeat(20) });
  ctx.close();
  contexts.splice(contexts.indexOf(ctx), 1);
  return { dir, file: path.join(dir, 'ledger.sqlite'), backup };
}

async function errorOf(p: Promise<unknown>): Promise<ApiCallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiCallError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** Every row of every ordinary table: to prove a failed save changed nothing. */
function snapshot(db: Database.Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

/** After a restore, the app runs on the backup's data and the replaced file is kept aside. */
async function expectRestoredAndKept(dir: string, api: Api, backupName: string, brokenBytes: Buffer) {
  const restored = await api['backups.restore']({ name: backupName });
  expect(restored.setUp).toBe(true);
  expect(restored.databaseError).toBeNull();
  expect(restored.keptAside).toMatch(/ledger\.sqlite\.broken-\d{4}-\d\d-\d\dT[\d-]+Z$/);
  expect(fs.readFileSync(restored.keptAside!).equals(brokenBytes)).toBe(true);
  expect((await api['enterprises.list']({})).rows.map((e) => e.name).sort()).toEqual(['备份里的企业乙', '备份里的企业甲']);
  // Nothing of the broken file is deleted, and nothing half-done is left behind.
  expect(fs.readdirSync(dir).filter((f) => f.includes('.broken-'))).toContain(path.basename(restored.keptAside!));
  expect(fs.existsSync(path.join(dir, 'ledger.sqlite.restoring'))).toBe(false);
}

describe('a damaged database', () => {
  it('pages overwritten in the middle: refused on opening, backups offered, restored without deleting the file', async () => {
    const { dir, file, backup } = await officeWithBackup();
    const pageSize = 4096;
    const pages = fs.statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(20);
    const fd = fs.openSync(file, 'r+');
    // Garbage over a few b-tree pages of the middle of the file, as a failing disk leaves them.
    for (const p of [Math.floor(pages / 2), Math.floor(pages / 2) + 1, pages - 2]) fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, p * pageSize);
    fs.closeSync(fd);
    const broken = fs.readFileSync(file);

    const { api } = open(dir);
    const status = await api['app.status']({});
    expect(status.setUp).toBe(false);
    expect(status.databaseError).toMatchObject({ code: 'db_corrupt', restorable: true });
    expect(status.databaseError!.messageZh).toContain('数据库文件已损坏');
    expect(status.databaseError!.messageZh).toContain('请从备份恢复');
    // SQLite's details go to the technical part (the English message), not the Chinese one.
    expect(status.databaseError!.messageZh).not.toMatch(/quick_check|btree|page \d/i);
    expect(status.databaseError!.message).toMatch(/quick_check/);
    expect(status.backups!.map((b) => b.name)).toContain(backup.name);
    expect(status.backups![0]).toMatchObject({ reason: 'manual', bytes: backup.bytes });
    expect((await api['backups.list']({})).map((b) => b.name)).toContain(backup.name);
    // Every other call says the same, with the same code, and writes nothing.
    const e = await errorOf(api['enterprises.list']({}));
    expect(e.code).toBe('db_corrupt');
    expect(fs.readFileSync(file).equals(broken)).toBe(true);

    await expectRestoredAndKept(dir, api, backup.name, broken);
  });

  it('a large database is checked on opening only after a session that did not close', async () => {
    const { dir } = await officeWithBackup();
    const large = (owner: string | null) => {
      if (owner) fs.writeFileSync(path.join(dir, 'ledger.lock'), owner);
      const ctx = new AppContext({ dataDir: dir, transport: 'browser', checkAlwaysBelowBytes: 0 });
      contexts.push(ctx);
      ctx.database();
      return ctx;
    };
    // Closed cleanly last time: opens without reading the whole file.
    const clean = large(null);
    expect(clean.checkedOnOpen).toBe(false);
    contexts.pop()!.close();
    // The last owner died holding the lock (a crash, a power cut): the whole file is checked.
    const dead = JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: new Date().toISOString() });
    expect(large(dead).checkedOnOpen).toBe(true);
    // A small database is checked every time.
    contexts.pop()!.close();
    const small = new AppContext({ dataDir: dir, transport: 'browser' });
    contexts.push(small);
    small.database();
    expect(small.checkedOnOpen).toBe(true);
  });

  it('a file that is not a database at all', async () => {
    const { dir, file, backup } = await officeWithBackup();
    fs.writeFileSync(file, 'PK\x03\x04 this is a zip someone saved under the wrong name '.repeat(200));
    const broken = fs.readFileSync(file);
    const { ctx, api } = open(dir);
    const status = await api['app.status']({});
    expect(status.databaseError).toMatchObject({ code: 'db_corrupt', restorable: true });
    expect(status.databaseError!.message).toMatch(/damaged.*SQLITE_NOTADB/);

    // The CLI prints the same, in both languages, and exits non-zero.
    ctx.close();
    const r = cli(['info', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('数据库文件已损坏');
    expect(r.stderr).toContain(backup.name);

    await expectRestoredAndKept(dir, api, backup.name, broken);
  });

  it('a database file cut short (truncated to a third)', async () => {
    const { dir, file, backup } = await officeWithBackup();
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3 / 4096) * 4096);
    const broken = fs.readFileSync(file);
    const { api } = open(dir);
    expect((await api['app.status']({})).databaseError).toMatchObject({ code: 'db_corrupt', restorable: true });
    await expectRestoredAndKept(dir, api, backup.name, broken);
  });

  it('a WAL cut short by a crash: SQLite keeps every transaction whose frames are whole, the file is sound', async () => {
    const dir = tempDataDir('sme-fail-wal-');
    dirs.push(dir);
    const { ctx, api } = open(dir);
    await api['app.setup']({ role: 'office', prefectureCode: '540100', officeName: '拉萨市经信局', operatorName: '张三', language: 'zh' });
    const names = Array.from({ length: 12 }, (_, i) => `崩溃前保存的企业${i}`);
    for (const [i, name] of names.entries()) await api['enterprises.save']({ uscc: uscc(i), name });
    // The files as a power cut leaves them: the WAL not yet checkpointed, its last frame torn.
    const copy = tempDataDir('sme-fail-wal-copy-');
    dirs.push(copy);
    const wal = fs.readFileSync(path.join(dir, 'ledger.sqlite-wal'));
    expect(wal.length).toBeGreaterThan(32 + 24 + 4096);
    fs.copyFileSync(path.join(dir, 'ledger.sqlite'), path.join(copy, 'ledger.sqlite'));
    fs.writeFileSync(path.join(copy, 'ledger.sqlite-wal'), wal.subarray(0, wal.length - 1000));
    ctx.close();

    const again = open(copy);
    const status = await again.api['app.status']({});
    expect(status.databaseError).toBeNull();
    expect(status.setUp).toBe(true);
    const kept = (await again.api['enterprises.list']({})).rows.map((e) => e.name);
    // All but the torn last save survive, and those that survive are whole.
    expect(kept.length).toBeGreaterThanOrEqual(names.length - 1);
    expect(names.slice(0, kept.length).sort()).toEqual([...kept].sort());
    expect(again.ctx.requireDatabase().pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a database from a newer app', () => {
  it('is refused as such ("由更新版本的程序创建，请升级"), left untouched, and a backup can be restored', async () => {
    const { dir, file, backup } = await officeWithBackup();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 3}`);
    raw.close();
    const before = fs.readFileSync(file);
    const { api } = open(dir);
    const status = await api['app.status']({});
    expect(status.databaseError).toMatchObject({ code: 'db_newer', restorable: true });
    expect(status.databaseError!.messageZh).toContain('由更新版本的程序创建');
    expect(status.databaseError!.messageZh).toContain('请升级');
    expect(status.databaseError!.message).toContain(`schema version ${latestSchemaVersion + 3}`);
    expect((await errorOf(api['enterprises.list']({}))).code).toBe('db_newer');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    await expectRestoredAndKept(dir, api, backup.name, before);
  });
});

describe('a full disk while working', () => {
  it('SQLITE_FULL (max_page_count): a clear message, nothing half-written, and the next save after space is freed works', async () => {
    const dir = tempDataDir('sme-fail-full-');
    dirs.push(dir);
    const { ctx, api } = open(dir);
    await api['app.setup']({ role: 'office', prefectureCode: '540100', officeName: '拉萨市经信局', operatorName: '张三', language: 'zh' });
    const db = ctx.requireDatabase();
    const pages = db.pragma('page_count', { simple: true }) as number;
    // The database may grow by two pages more: a genuine SQLITE_FULL from SQLite itself.
    db.pragma(`max_page_count = ${pages + 2}`);
    const input = (i: number) => ({ uscc: uscc(i), name: `满盘测试企业${i}`, address: '西藏自治区拉萨市城关区北京中路'.repeat(6), notes: '企业情况说明。'.repeat(250) });
    let failed: ApiCallError | null = null;
    let before = '';
    let i = 0;
    while (!failed && i < 50) {
      before = snapshot(db);
      failed = await errorOf(api['enterprises.save'](input(++i))).catch(() => null);
    }
    expect(failed, 'the database never filled up').not.toBeNull();
    expect(failed!.code).toBe('disk_full');
    expect(failed!.messageZh).toContain('磁盘空间已满');
    expect(failed!.messageZh).toContain('腾出空间后再试');
    expect(failed!.message).toContain('SQLITE_FULL');
    // The failed save rolled back whole: every table exactly as before it, the file sound.
    expect(snapshot(db)).toBe(before);
    expect(db.inTransaction).toBe(false);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await api['enterprises.list']({})).rows.some((e) => e.name === `满盘测试企业${i}`)).toBe(false);

    // Space freed: the very same save now goes through.
    db.pragma('max_page_count = 1073741823');
    const saved = await api['enterprises.save'](input(i));
    expect(saved.record.name).toBe(`满盘测试企业${i}`);
    expect((await api['enterprises.list']({})).total).toBe(i);
  });
});

describe('a read-only data folder', () => {
  const root = process.getuid?.() === 0;

  async function readOnlyOffice() {
    const { dir, file } = await officeWithBackup();
    for (const f of fs.readdirSync(dir)) if (!fs.statSync(path.join(dir, f)).isDirectory()) fs.chmodSync(path.join(dir, f), 0o444);
    fs.chmodSync(dir, 0o555);
    return { dir, file };
  }

  // Root writes wherever it likes, whatever the mode bits say; the app is then run as the
  // unprivileged user "nobody", which the folder really refuses. Nothing is mocked either way.
  it('the CLI says so in both languages and exits non-zero', async () => {
    const { dir, file } = await readOnlyOffice();
    const before = fs.readFileSync(file);
    const lock = path.join(dir, 'ledger.lock');
    const lockBefore = fs.readFileSync(lock);
    const args = ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), 'info', '--data', dir];
    const r = spawnSync(process.execPath, args, {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, SME_LEDGER_DATA: '', HOME: '/tmp' },
      ...(root ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('数据文件夹只读');
    expect(r.stderr).toContain('read-only');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    // Nothing written, the lock included (it stays between sessions; its state row says closed).
    expect(fs.readFileSync(lock).equals(lockBefore)).toBe(true);
  });

  it.skipIf(root)('the app status reports it and every save is refused with data_readonly (run as a normal user; root ignores mode bits)', async () => {
    const { dir } = await readOnlyOffice();
    const { api } = open(dir);
    const status = await api['app.status']({});
    expect(status.databaseError).toMatchObject({ code: 'data_readonly', restorable: false });
    expect(status.databaseError!.messageZh).toContain('数据文件夹只读');
    expect((await errorOf(api['enterprises.save']({ uscc: uscc(99), name: '只读测试' }))).code).toBe('data_readonly');
  });

  it.skipIf(root)('a database file without write permission in a writable folder (run as a normal user)', async () => {
    const { dir, file } = await officeWithBackup();
    fs.chmodSync(file, 0o444);
    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('data_readonly');
    void dir;
  });
});

describe('the desktop app (the Electron data worker bundle)', () => {
  it('answers the status of a damaged database with the recovery data instead of failing, and restores', async () => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-electron.mjs')], { cwd: repoRoot });
    const { dir, file, backup } = await officeWithBackup();
    fs.writeFileSync(file, Buffer.alloc(64 * 1024, 0x00));
    const worker = new DataWorker({ dataDir: dir, workerFile: path.join(repoRoot, 'dist-electron', 'worker.cjs') });
    try {
      const status = await worker.call('app.status', {});
      expect(status).toMatchObject({ ok: true, value: { setUp: false, transport: 'electron', databaseError: { code: 'db_corrupt', restorable: true }, backups: [{ name: backup.name }] } });
      const restored = await worker.call('backups.restore', { name: backup.name });
      expect(restored).toMatchObject({ ok: true, value: { setUp: true, databaseError: null, keptAside: expect.stringContaining('ledger.sqlite.broken-') } });
      expect(await worker.call('enterprises.list', {})).toMatchObject({ ok: true, value: { total: 2 } });
    } finally {
      await worker.stop();
    }
  });
});
