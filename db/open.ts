import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { UserError } from './errors';
import { migrate } from './migrate';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another ABI (Electron); undefined uses the default. */
  nativeBinding?: string;
}

/** Opens (creating if needed) a ledger database with the pragmas every connection must have. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding });
  } catch (e) {
    throw new UserError(
      'db_open_failed',
      `Cannot open the database ${file}: ${(e as Error).message}`,
      `无法打开数据库 ${file}：${(e as Error).message}`,
    );
  }
  try {
    applyPragmas(db);
    migrate(db);
    // Keeps the query planner's statistics current (cheap when nothing changed); without them it
    // walks 100,000 rows in name order to filter a county. Only once the file is known to be ours.
    db.pragma('optimize = 0x10002');
    return db;
  } catch (e) {
    db.close();
    if (e instanceof UserError) throw e;
    throw new UserError(
      'db_unreadable',
      `The database ${file} cannot be read (${(e as Error).message}). Restore a backup.`,
      `数据库 ${file} 无法读取（${(e as Error).message}）。请恢复备份。`,
    );
  }
}

/** An in-memory database with the real schema, for tests and dry runs. */
export function openMemoryDatabase(options: OpenOptions = {}): Db {
  const db = new Database(':memory:', { nativeBinding: options.nativeBinding });
  applyPragmas(db);
  migrate(db);
  return db;
}

function applyPragmas(db: Db): void {
  if (!db.memory) db.pragma('journal_mode = WAL');
  // better-sqlite3 defaults to NORMAL; an import reported as done must survive a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}
