import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../api/contract';
import { AppContext } from '../../services/context';
import { dispatch } from '../../services/dispatch';
import { migrate, schemaVersion } from '../../db/migrate';
import { latestSchemaVersion, migrations } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { makeUscc } from '../../db/validation/uscc';
import { tempDataDir, startHostProcess } from '../support/host';
import { cli } from '../support/cli';

const dirs: string[] = [];
const contexts: AppContext[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function ctxFor(dir: string) {
  const ctx = new AppContext({ dataDir: dir, transport: 'browser' });
  contexts.push(ctx);
  return { ctx, api: createApi((m, i) => dispatch(ctx, m, i)) };
}
async function office() {
  const dir = tempDataDir('sme-backup-');
  dirs.push(dir);
  const o = ctxFor(dir);
  await o.api['app.setup']({ role: 'office', prefectureCode: '540100', officeName: '拉萨市经信局', operatorName: '张三', language: 'zh' });
  return { dir, ...o };
}

describe('backups', () => {
  it('a backup restores the data as it was, after backing up the current state', async () => {
    const { api, dir } = await office();
    await api['enterprises.save']({ uscc: makeUscc('91', '540102', 'MA6TBK01'), name: '备份前的企业' });
    const b = await api['backups.create']({});
    expect(b.reason).toBe('manual');
    await api['enterprises.save']({ uscc: makeUscc('91', '540102', 'MA6TBK02'), name: '备份后的企业' });
    expect((await api['enterprises.list']({})).total).toBe(2);
    const status = await api['backups.restore']({ name: b.name });
    expect(status.setUp).toBe(true);
    expect((await api['enterprises.list']({})).rows.map((e) => e.name)).toEqual(['备份前的企业']);
    const all = await api['backups.list']({});
    expect(all.map((x) => x.reason)).toEqual(expect.arrayContaining(['manual', 'before-restore']));
    // The state replaced by the restore is itself restorable.
    await api['backups.restore']({ name: all.find((x) => x.reason === 'before-restore')!.name });
    expect((await api['enterprises.list']({})).total).toBe(2);
    expect(fs.existsSync(path.join(dir, 'ledger.sqlite.restoring'))).toBe(false);
  });

  it('refuses names that are not backups, and files that are not databases, changing nothing', async () => {
    const { api, dir } = await office();
    await expect(api['backups.restore']({ name: '../../etc/passwd' })).rejects.toThrow(/backup file name/);
    fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'backups', 'ledger-2020-01-01T00-00-00-000Z-fake.sqlite'), 'not a database at all');
    await expect(api['backups.restore']({ name: 'ledger-2020-01-01T00-00-00-000Z-fake.sqlite' })).rejects.toThrow(/not a usable ledger backup/);
    expect((await api['app.status']({})).setUp).toBe(true);
  });

  it('an import is preceded by a backup', async () => {
    const { api } = await office();
    const tpl = await api['excel.template']({ kind: 'enterprises' });
    await api['excel.import']({ kind: 'enterprises', name: 't.xlsx', base64: tpl.base64 }).catch(() => undefined);
    expect((await api['backups.list']({})).some((b) => b.reason === 'before-excel-import')).toBe(true);
  });

  it('keeps the database as the older app left it before a migration', () => {
    const dir = tempDataDir('sme-migrate-');
    dirs.push(dir);
    const file = path.join(dir, 'ledger.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 2));
    old.close();
    const db = openDatabase(file, { backupDir: path.join(dir, 'backups') });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    db.close();
    const copies = fs.readdirSync(path.join(dir, 'backups'));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/before-migration-2\.sqlite$/);
    const copy = new Database(path.join(dir, 'backups', copies[0]!), { readonly: true });
    expect(schemaVersion(copy)).toBe(2);
    copy.close();
  });
});

describe('one writer per data folder', () => {
  it('a second context on the same folder is refused until the first closes', async () => {
    const { dir, ctx } = await office();
    const second = ctxFor(dir);
    await expect(second.api['app.status']({})).rejects.toThrow(/in use by another SME Ledger/);
    ctx.close();
    expect((await second.api['app.status']({})).setUp).toBe(true);
  });

  it('a stale lock left by a killed process is taken over', async () => {
    const { dir, ctx } = await office();
    ctx.close();
    fs.writeFileSync(path.join(dir, 'ledger.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 'then' }));
    const again = ctxFor(dir);
    expect((await again.api['app.status']({})).setUp).toBe(true);
  });

  it('the CLI is refused while the browser host holds the folder', async () => {
    const { dir, ctx } = await office();
    ctx.close();
    const host = await startHostProcess(dir);
    try {
      await fetch(host.origin); // the page only; the host opens the database on its first API call
      await fetch(`${host.origin}api/app.status`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-SME-Token': host.token }, body: '{}' });
      const r = cli(['info', '--data', dir, '--json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/in use by another SME Ledger/);
    } finally {
      await host.stop();
    }
    expect(cli(['info', '--data', dir, '--json']).code).toBe(0);
  });
});
