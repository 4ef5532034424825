import type { Database } from 'better-sqlite3';
import { UserError } from './errors';
import { latestSchemaVersion, migrations, type Migration } from './migrations';
import { registerCollation } from './collate';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the newest schema. All pending migrations and the new user_version
 * are applied in one transaction, so a crash leaves the file at the old version or the new one.
 * A database written by a newer app is refused: this code cannot know what its columns mean.
 */
export function migrate(db: Database, list: readonly Migration[] = migrations): { from: number; to: number } {
  // The SQL functions the schema's triggers call (migration 12's pinyin keys): every connection
  // that opens a ledger goes through here, before the first write.
  registerCollation(db);
  const from = schemaVersion(db);
  const latest = list.length ? list[list.length - 1]!.version : 0;
  if (from > latest) {
    throw new UserError(
      'db_newer',
      `This database was created by a newer SME Ledger (schema version ${from}; this app knows up to ${latest}). Upgrade this app, or restore a backup made by this version.`,
      `此数据库由更新版本的程序创建（结构版本 ${from}，本程序只支持到 ${latest}），请升级本程序；也可以恢复由本版本生成的备份。`,
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
