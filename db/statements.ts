import type { Database, Statement } from 'better-sqlite3';

const cache = new WeakMap<Database, Map<string, Statement>>();

/**
 * A prepared statement, compiled once per connection. better-sqlite3 compiles on every
 * prepare(); on hot paths (every save, every import row) that was most of the cost.
 */
export function sql(db: Database, text: string): Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let s = byText.get(text);
  if (!s) byText.set(text, (s = db.prepare(text)));
  return s;
}
