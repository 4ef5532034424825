import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { UserError } from './errors';
import { databaseCorrupt, storageFailure } from './failures';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, schemaVersion } from './migrate';
import { latestSchemaVersion } from './migrations';
import { refreshNameKeys } from './collate';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another ABI (Electron); undefined uses the default. */
  nativeBinding?: string;
  /** Where to copy the database before a migration changes it. */
  backupDir?: string;
  /**
   * Runs SQLite's quick_check before anything is written, so that a damaged file is refused on
   * opening (and a backup offered) rather than failing later in the middle of someone's work.
   */
  check?: boolean;
}

/** Opens (creating if needed) a ledger database with the pragmas every connection must have. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const where = { file, dataDir: path.dirname(file) };
  let db: Db;
  try {
    // SQLite quietly opens a file it may not write as read-only; say so now, not at the first save.
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    db = new Database(file, { nativeBinding: options.nativeBinding });
  } catch (e) {
    const known = storageFailure(e, where);
    if (known) throw known;
    throw new UserError(
      'db_unreadable',
      `Cannot open the database ${file}: ${(e as Error).message}`,
      `无法打开数据库 ${file}：${(e as Error).message}`,
    );
  }
  try {
    applyPragmas(db);
    if (options.check) {
      const result = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
      if (result.join() !== 'ok') throw databaseCorrupt(`quick_check: ${result.join('; ').slice(0, 300)}`, file);
    }
    const from = schemaVersion(db);
    if (options.backupDir && from > 0 && from < latestSchemaVersion) {
      // A copy of the database as the older app left it, in case the new schema is not wanted.
      db.pragma('wal_checkpoint(TRUNCATE)');
      fs.mkdirSync(options.backupDir, { recursive: true });
      fs.copyFileSync(file, path.join(options.backupDir, `ledger-${new Date().toISOString().replace(/[:.]/g, '-')}-before-migration-${from}.sqlite`));
    }
    migrate(db);
    refreshNameKeys(db);
    // Keeps the query planner's statistics current (cheap when nothing changed); without them it
    // walks 100,000 rows in name order to filter a county. Only once the file is known to be ours.
    db.pragma('optimize = 0x10002');
    return db;
  } catch (e) {
    db.close();
    if (e instanceof UserError) throw e;
    const known = storageFailure(e, where);
    if (known) throw known;
    throw new UserError(
      'db_unreadable',
      `The database ${file} cannot be read (${(e as Error).message}). Restore a backup.`,
      `数据库 ${file} 无法读取（${(e as Error).message}）。请恢复备份。`,
      undefined,
      { file },
    );
  }
}

/** An in-memory database with the real schema, for tests and dry runs. */
export function openMemoryDatabase(options: OpenOptions = {}): Db {
  const db = new Database(':memory:', { nativeBinding: options.nativeBinding });
  applyPragmas(db);
  migrate(db);
  refreshNameKeys(db);
  return db;
}

function applyPragmas(db: Db): void {
  if (!db.memory) db.pragma('journal_mode = WAL');
  // better-sqlite3 defaults to NORMAL; an import reported as done must survive a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MB. At HQ, with a year of seven prefectures (a few hundred
  // MB), an import's index and full-text updates then re-read the same pages from the OS again
  // and again; 128 MB (allocated only as used) took the third office's import from 14 s to 8 s.
  // 64 MB: once migrations 12 and 14 added two more indexes to every enterprise, an import filled
  // all 128 MB and HQ's process peaked at 451 MB (target 400). With 64 MB the first five
  // packages cost the same user CPU (66.8 s against 66.4 s for three) and 4 % more system time,
  // the peak was 100 MB lower, and the region's figures cost the same CPU (they touch less).
  db.pragma('cache_size = -65536');
}

/**
 * Commits without waiting for the disk, for a record whose loss in a power cut is harmless (the
 * log of a refused or repeated file). The next ordinary commit makes it durable too. Re-importing
 * seven packages spent an extra 15 % of the time on these waits.
 */
export function withoutWaitingForDisk<T>(db: Db, write: () => T): T {
  if (db.inTransaction || db.memory) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
