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

/** A computation still running in turns: callers asking meanwhile share it. */
class InFlight {
  constructor(readonly promise: Promise<unknown>) {}
}

function entriesFor(db: Database): Map<string, unknown> {
  const changes = (sql(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  let cache = caches.get(db);
  if (!cache || cache.changes !== changes) caches.set(db, (cache = { changes, entries: new Map() }));
  return cache.entries;
}

function keep(entries: Map<string, unknown>, key: string, value: unknown) {
  if (!entries.has(key) && entries.size >= LIMIT) entries.delete(entries.keys().next().value!);
  entries.set(key, value);
}

export function untilDataChanges<T>(db: Database, key: string, compute: () => T): T {
  const entries = entriesFor(db);
  const hit = entries.get(key);
  if (hit !== undefined && !(hit instanceof InFlight)) return hit as T;
  const value = compute();
  keep(entries, key, value);
  return value;
}

/**
 * The same for a computation that gives way to other requests while it runs (see turns.ts). If
 * the data changes meanwhile, the result is handed to its callers but kept under the old count,
 * so the next caller computes afresh.
 */
export async function untilDataChangesInTurns<T>(db: Database, key: string, compute: () => Promise<T>): Promise<T> {
  const entries = entriesFor(db);
  const hit = entries.get(key);
  if (hit instanceof InFlight) return hit.promise as Promise<T>;
  if (hit !== undefined) return hit as T;
  const running = new InFlight(compute());
  keep(entries, key, running);
  try {
    const value = (await running.promise) as T;
    if (entries.get(key) === running) entries.set(key, value);
    return value;
  } catch (e) {
    if (entries.get(key) === running) entries.delete(key);
    throw e;
  }
}
