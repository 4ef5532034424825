import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { UserError } from './errors';
import { storageFailure } from './failures';
import { nowIso } from './clock';
import { getSetting } from './settings';
import { schemaVersion } from './migrate';
import { makePrivateDir, makePrivateFile } from './permissions';

export const BACKUP_DIR = 'backups';
export const DEFAULT_KEEP = 10;

export interface BackupInfo {
  file: string;
  name: string;
  reason: string;
  createdAt: string;
  bytes: number;
}

/** backups/ledger-2022-03-01T10-20-30-123Z-import.sqlite: sortable, readable, one per moment. */
function fileName(reason: string): string {
  return `ledger-${nowIso().replace(/[:.]/g, '-')}-${reason.replace(/[^a-z0-9-]/g, '')}.sqlite`;
}

/**
 * A consistent copy of the live database through SQLite's online backup API (other connections
 * may keep reading and writing meanwhile), then the oldest copies beyond `keep` are removed.
 */
export async function backupNow(db: Db, dataDir: string, reason: string): Promise<BackupInfo> {
  const dir = path.join(dataDir, BACKUP_DIR);
  makePrivateDir(dir);
  const file = path.join(dir, fileName(reason));
  try {
    await db.backup(file);
    makePrivateFile(file);
  } catch (e) {
    fs.rmSync(file, { force: true });
    const known = storageFailure(e, { dataDir });
    if (known) throw known;
    throw new UserError('backup_failed', `The backup could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the free disk space.`, `备份未能写入（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），请检查磁盘空间。`);
  }
  prune(dir, Number(getSetting(db, 'backup.keep') ?? DEFAULT_KEEP));
  return describe(file);
}

function describe(file: string): BackupInfo {
  const name = path.basename(file);
  const m = /^ledger-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-(.*)\.sqlite$/.exec(name);
  const createdAt = m ? m[1]!.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/, 'T$1:$2:$3.$4Z') : fs.statSync(file).mtime.toISOString();
  return { file, name, reason: m?.[2] ?? '', createdAt, bytes: fs.statSync(file).size };
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = path.join(dataDir, BACKUP_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .sort()
    .reverse()
    .map((f) => describe(path.join(dir, f)));
}

function prune(dir: string, keep: number) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort();
  for (const f of files.slice(0, Math.max(0, files.length - Math.max(1, keep)))) fs.rmSync(path.join(dir, f), { force: true });
}

/** Checks that a file is a ledger database this app can open, before anything is replaced. */
export function checkBackupFile(file: string, nativeBinding?: string): void {
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(String(ok));
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'installation'").get()) throw new Error('no installation table');
    void schemaVersion(db);
  } catch (e) {
    throw new UserError('backup_invalid', `${path.basename(file)} is not a usable ledger backup (${(e as Error).message}).`, `“${path.basename(file)}”不是可用的台账备份（${(e as Error).message}）。`);
  } finally {
    db?.close();
  }
}

export function lastBackupTime(dataDir: string): number | null {
  const latest = listBackups(dataDir)[0];
  return latest ? Date.parse(latest.createdAt) : null;
}
