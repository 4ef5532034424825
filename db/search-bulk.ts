import type { Database } from 'better-sqlite3';

/**
 * Bulk loading of enterprises with the full-text index filled once at the end rather than by a
 * trigger per row: for 10,000 rows of an Excel import the per-row trigger cost about 0.6 s, the
 * one statement at the end under 0.1 s (the trigger program and FTS5's per-call overhead, not the
 * tokenising, dominate).
 *
 * Must run inside the caller's transaction, so that everything below commits or rolls back with
 * the rows (a preview, a refused file or a power cut leaves the triggers as they were):
 * - the insert trigger is dropped, and the rows added meanwhile (rowid above the largest before,
 *   as SQLite gives new rowids) are indexed in one statement at the end;
 * - the update trigger is replaced by one that skips those new rows (they are not in the index
 *   yet, and FTS5 must never be told to delete what it does not hold), so a later row of the
 *   same file that updates an earlier one is still right, and so is an update of an older row;
 * - both triggers are then re-created from their own stored SQL, unchanged.
 */
const INSERT_TRIGGER = 'enterprises_fts_insert';
const UPDATE_TRIGGER = 'enterprises_fts_update';

export function withBulkSearchIndex<T>(db: Database, load: () => T): T {
  if (!db.inTransaction) throw new Error('withBulkSearchIndex runs inside a transaction');
  const definition = (name: string) => {
    const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as { sql: string } | undefined;
    if (!row) throw new Error(`trigger ${name} is missing`);
    return row.sql;
  };
  const insertSql = definition(INSERT_TRIGGER);
  const updateSql = definition(UPDATE_TRIGGER);
  const before = (db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM enterprises').get() as { n: number }).n;
  if (!Number.isSafeInteger(before)) throw new Error('rowid out of range');
  db.exec(`DROP TRIGGER ${INSERT_TRIGGER}; DROP TRIGGER ${UPDATE_TRIGGER};`);
  // The stored definition with a condition added: only rows that were indexed before the load.
  db.exec(updateSql.replace(/ON enterprises BEGIN/, `ON enterprises WHEN old.rowid <= ${before} BEGIN`));
  if (!/WHEN old\.rowid <=/.test(definition(UPDATE_TRIGGER))) throw new Error('update trigger not recognised');
  const result = load();
  db.prepare(
    `INSERT INTO enterprises_fts (rowid, name, uscc, address, contact_person, service_officer)
     SELECT rowid, name, coalesce(uscc, ''), coalesce(address, ''), coalesce(contact_person, ''), coalesce(service_officer, '')
     FROM enterprises WHERE rowid > ?`,
  ).run(before);
  db.exec(`DROP TRIGGER ${UPDATE_TRIGGER};`);
  db.exec(insertSql);
  db.exec(updateSql);
  return result;
}
