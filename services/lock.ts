import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { UserError } from '../db/errors';
import { storageFailure } from '../db/failures';
import { createPrivateFile } from '../db/permissions';

export const LOCK_FILE = 'ledger.lock';

/**
 * One process at a time writes a data folder: the desktop app, the browser host or a CLI command.
 *
 * The lock is an operating-system lock that the kernel drops when its process ends, however it
 * ends (SIGKILL, a crash, a power cut): `ledger.lock` is a tiny SQLite database held in
 * `locking_mode = EXCLUSIVE`, which SQLite implements with fcntl() locks on Linux and macOS and
 * LockFileEx() on Windows. Node has no flock, and a pid file cannot tell a dead, dying or reused
 * pid from a live owner (a restart right after a crash was refused; a reused pid on Windows
 * locked the folder until the file was deleted by hand). SQLite is already the app's one native
 * module, so this needs nothing more.
 *
 * The file stays in place between sessions (deleting a lock file races with the next opener);
 * its `state` row says whether the last owner let go (`closed`) or died holding it (`open`),
 * which tells the caller to check the database on opening.
 */
export class FolderLock {
  private db: Db | null = null;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly nativeBinding?: string,
  ) {
    this.file = path.join(dataDir, LOCK_FILE);
  }

  get held(): boolean {
    return this.db !== null;
  }

  /** Returns true when the previous owner did not let go (it crashed or lost power). */
  acquire(): boolean {
    if (this.db) return false;
    const legacyUnclean = this.replaceLegacyPidFile();
    try {
      // Taking the lock is the first write in the folder: a read-only folder shows here.
      createPrivateFile(this.file);
    } catch (e) {
      throw unwritable(e, path.dirname(this.file));
    }
    let db: Db | null = null;
    try {
      db = new Database(this.file, { timeout: 0, nativeBinding: this.nativeBinding });
      db.pragma('locking_mode = EXCLUSIVE');
      // The first write takes SQLite's EXCLUSIVE lock, which this connection then keeps until it closes.
      db.exec('BEGIN EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL, pid INTEGER, host TEXT, since TEXT)');
      const before = db.prepare('SELECT state FROM owner WHERE id = 1').get() as { state: string } | undefined;
      db.prepare('INSERT OR REPLACE INTO owner (id, state, pid, host, since) VALUES (1, ?, ?, ?, ?)').run('open', process.pid, os.hostname(), new Date().toISOString());
      db.exec('COMMIT');
      this.db = db;
      return legacyUnclean || before?.state === 'open';
    } catch (e) {
      try {
        db?.close();
      } catch {
        // Nothing was taken.
      }
      const code = (e as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw inUse();
      if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
        // Not a lock we can read (damaged by hand): nobody can hold it, so it is made anew.
        fs.rmSync(this.file, { force: true });
        return this.acquire() || true;
      }
      throw unwritable(e, path.dirname(this.file));
    }
  }

  /** Marks a clean end and lets go; the kernel would let go anyway when the process ends. */
  release(): void {
    const db = this.db;
    if (!db) return;
    this.db = null;
    try {
      db.prepare("UPDATE owner SET state = 'closed' WHERE id = 1").run();
    } catch {
      // A full disk: the next start merely checks the database once more.
    }
    db.close();
  }

  /**
   * Versions up to 0.1 wrote a JSON file with the owner's pid. Such a file is honoured once, as
   * before (a live pid on this computer holds the folder), then replaced by the OS lock.
   */
  private replaceLegacyPidFile(): boolean {
    let text: string;
    try {
      const fd = fs.openSync(this.file, 'r');
      const head = Buffer.alloc(16);
      const n = fs.readSync(fd, head, 0, 16, 0);
      fs.closeSync(fd);
      if (n === 0 || head.subarray(0, n).toString('latin1').startsWith('SQLite format 3')) return false;
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return false;
    }
    let owner: { pid?: unknown; host?: unknown } | null = null;
    try {
      owner = JSON.parse(text) as { pid?: unknown; host?: unknown };
    } catch {
      owner = null;
    }
    if (owner && typeof owner.pid === 'number' && (owner.host !== os.hostname() || alive(owner.pid))) throw inUse();
    fs.rmSync(this.file, { force: true });
    return true;
  }
}

export function inUse(): UserError {
  return new UserError(
    'in_use',
    'This data folder is in use by another SME Ledger (the desktop app, `npm run serve` or a command). Close it first, then try again.',
    '该数据文件夹正被另一个台账程序（桌面程序、浏览器版或命令行）使用，请先关闭它再重试。',
  );
}

function unwritable(e: unknown, dataDir: string): UserError {
  const known = storageFailure(e, { dataDir });
  if (known) return known;
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new UserError('data_dir_unwritable', `The data folder cannot be written (${code}).`, `数据文件夹无法写入（${code}）。`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
