import type { Database } from 'better-sqlite3';
import { syncedTables } from '../migrations';
import { sql } from '../statements';
import { tick } from '../installation';
import { raiseMarks, readMarks } from './marks';
import { getSetting, setSetting } from '../settings';

/**
 * What a restore must not take back: how far this installation's version clock and its package
 * numbers had gone. A backup brings the database back, but HQ (or the offices) already hold
 * records at the versions written since; the restored clock would stamp new edits with versions
 * they already have, and HQ would keep its copy without a word. Package numbers would repeat.
 */
export interface SyncMarks {
  installationId: string;
  clock: number;
  exports: { sequence: number; from_version: number; to_version: number; full: number; created_at: string; file_sha256: string; counts: string }[];
}

/** Read from the database about to be replaced. */
export function syncMarks(db: Database): SyncMarks | null {
  const me = sql(db, 'SELECT id, clock FROM installation').get() as { id: string; clock: number } | undefined;
  if (!me) return null;
  return { installationId: me.id, clock: me.clock, exports: sql(db, 'SELECT * FROM sync_exports ORDER BY sequence').all() as SyncMarks['exports'] };
}

/**
 * Applied to the restored database of the same installation, in one transaction: the clock goes
 * past the old one (read from the replaced database if it could be read, and from the marks file
 * beside the keys, which no restore touches, so a damaged database that could not be read loses
 * nothing either), the packages sent since the backup are remembered (numbering goes on), and
 * every record of this installation is stamped with one new version, so that the next package
 * makes the restored content win where the other side holds something newer. At HQ, the restore
 * is counted: the next reference package asks each office to resend from where HQ now stands.
 */
export function carryOverAfterRestore(db: Database, marks: SyncMarks | null, marksDir: string): { restamped: number } {
  return db.transaction(() => {
    const me = sql(db, 'SELECT id, role, clock FROM installation').get() as { id: string; role: string; clock: number } | undefined;
    if (!me || (marks && me.id !== marks.installationId)) return { restamped: 0 };
    const kept = readMarks(marksDir, me.id);
    // Nothing to carry (a new laptop taking a migration package): the database is used as it is.
    if (!marks && kept.clock === 0 && kept.exportSequence === 0 && kept.referenceSequence === 0) return { restamped: 0 };
    sql(db, 'UPDATE installation SET clock = max(clock, ?, ?)').run(marks?.clock ?? 0, kept.clock);
    const insert = sql(db, 'INSERT OR IGNORE INTO sync_exports (sequence, from_version, to_version, full, created_at, file_sha256, counts) VALUES (@sequence, @from_version, @to_version, @full, @created_at, @file_sha256, @counts)');
    for (const e of marks?.exports ?? []) insert.run(e);
    if (me.role === 'hq') {
      // Kept in both places: the marks file survives a restore, the database a move to a new laptop.
      const epoch = Math.max(kept.restoreEpoch, Number(getSetting(db, 'sync.restoreEpoch') ?? 0)) + 1;
      raiseMarks(marksDir, me.id, { restoreEpoch: epoch });
      setSetting(db, 'sync.restoreEpoch', String(epoch));
    }
    const version = tick(db);
    let restamped = 0;
    for (const t of syncedTables) restamped += sql(db, `UPDATE ${t} SET version = ? WHERE origin = ?`).run(version, me.id).changes;
    return { restamped };
  })();
}
