import type { Database } from 'better-sqlite3';

/**
 * Bulk loading of enterprises with the search indexes filled once at the end rather than by a
 * trigger per row: for 10,000 rows of an Excel import the trigram index's per-row trigger cost
 * about 0.6 s, the one statement at the end under 0.1 s (the trigger program and FTS5's per-call
 * overhead, not the tokenising, dominate). The short search's index (migration 14) is loaded the
 * same way.
 *
 * Must run inside the caller's transaction, so that everything below commits or rolls back with
 * the rows (a preview, a refused file or a power cut leaves the triggers as they were):
 * - each index's insert trigger is dropped, and the rows added meanwhile (rowid above the largest
 *   before, as SQLite gives new rowids) are indexed in one statement at the end;
 * - each update trigger is replaced by one that skips those new rows (they are not in the index
 *   yet, and FTS5 must never be told to delete what it does not hold), so a later row of the
 *   same file that updates an earlier one is still right, and so is an update of an older row;
 * - all triggers are then re-created from their own stored SQL, unchanged.
 */
const INDEXES = [
  {
    insert: 'enterprises_fts_insert',
    update: 'enterprises_fts_update',
    fill: `INSERT INTO enterprises_fts (rowid, name, uscc, address, contact_person, service_officer)
      SELECT rowid, name, coalesce(uscc, ''), coalesce(address, ''), coalesce(contact_person, ''), coalesce(service_officer, '')
      FROM enterprises WHERE rowid > ?`,
  },
  {
    insert: 'enterprise_short_search_insert',
    update: 'enterprise_short_search_update',
    fill: 'INSERT INTO enterprise_short_search (rowid, tokens) SELECT rowid, short_search_tokens(name, contact_person, service_officer) FROM enterprises WHERE rowid > ?',
  },
] as const;

/** The stored definition with a condition added: only rows that were indexed before the load. */
function onlyOlderRows(definition: string, before: number): string {
  const at = /ON enterprises\s+(?:WHEN\s+([\s\S]*?)\s+)?BEGIN/;
  const match = at.exec(definition);
  if (!match) throw new Error('update trigger not recognised');
  const condition = match[1] ? `old.rowid <= ${before} AND (${match[1]})` : `old.rowid <= ${before}`;
  return definition.replace(at, `ON enterprises WHEN ${condition} BEGIN`);
}

export function withBulkSearchIndex<T>(db: Database, load: () => T): T {
  if (!db.inTransaction) throw new Error('withBulkSearchIndex runs inside a transaction');
  const definition = (name: string) => {
    const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as { sql: string } | undefined;
    if (!row) throw new Error(`trigger ${name} is missing`);
    return row.sql;
  };
  const before = (db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM enterprises').get() as { n: number }).n;
  if (!Number.isSafeInteger(before)) throw new Error('rowid out of range');
  const stored = INDEXES.map((index) => ({ index, insertSql: definition(index.insert), updateSql: definition(index.update) }));
  for (const { index, updateSql } of stored) {
    db.exec(`DROP TRIGGER ${index.insert}; DROP TRIGGER ${index.update};`);
    db.exec(onlyOlderRows(updateSql, before));
  }
  const result = load();
  for (const { index, insertSql, updateSql } of stored) {
    db.prepare(index.fill).run(before);
    db.exec(`DROP TRIGGER ${index.update};`);
    db.exec(insertSql);
    db.exec(updateSql);
  }
  return result;
}
