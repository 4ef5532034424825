import type { Database } from 'better-sqlite3';
import { UserError } from './errors';
import { latestSchemaVersion, migrations, type Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the newest schema. All pending migrations and the new user_version
 * are applied in one transaction, so a crash leaves the file at the old version or the new one.
 * A database written by a newer app is refused: this code cannot know what its columns mean.
 */
export function migrate(db: Database, list: readonly Migration[] = migrations): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = list.length ? list[list.length - 1]!.version : 0;
  if (from > latest) {
    throw new UserError(
      'db_newer',
      `This database has schema version ${from}, but this app only knows up to ${latest}. It was written by a newer SME Ledger: install that version, or restore a backup made by this one.`,
      `此数据库的结构版本为 ${from}，本程序只支持到 ${latest}。它由更新版本的台账程序创建：请安装新版本，或恢复由本版本生成的备份。`,
    );
  }
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
  return { from, to: schemaVersion(db) };
}

export { latestSchemaVersion };
