import type { Database } from 'better-sqlite3';
import { sql } from '../statements';

/**
 * Results that depend only on the data, kept until the data changes. SQLite's total_changes()
 * counts every row this connection has inserted, updated or deleted since it opened, and every
 * write of an installation goes through its one connection (one process per data folder), so an
 * unchanged count means unchanged data. A restore opens a new connection, hence a new cache.
 */
const caches = new WeakMap<Database, { changes: number; entries: Map<string, unknown> }>();
const LIMIT = 64;

export function untilDataChanges<T>(db: Database, key: string, compute: () => T): T {
  const changes = (sql(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  let cache = caches.get(db);
  if (!cache || cache.changes !== changes) caches.set(db, (cache = { changes, entries: new Map() }));
  if (cache.entries.has(key)) return cache.entries.get(key) as T;
  const value = compute();
  if (cache.entries.size >= LIMIT) cache.entries.delete(cache.entries.keys().next().value!);
  cache.entries.set(key, value);
  return value;
}
