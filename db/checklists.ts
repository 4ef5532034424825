import { sql } from './statements';
import type { Database } from 'better-sqlite3';
import { checklistSchema, type Checklist } from './reference/schema';
import { BUNDLED_REVISIONS, bundledChecklists } from './reference/bundled';
import { nowIso } from './clock';

/**
 * Installs the bundled checklists that the database does not have yet, or has in a lower revision
 * (an older build's). A revision HQ installed or published (higher) is never replaced by the bundle.
 */
export function installBundledChecklists(db: Database): number {
  const upsert = sql(db, 
    `INSERT INTO checklists (year, revision, data, origin, installed_at) VALUES (?, ?, ?, 'bundled', ?)
     ON CONFLICT (year) DO UPDATE SET revision = excluded.revision, data = excluded.data, origin = excluded.origin, installed_at = excluded.installed_at
     WHERE excluded.revision > checklists.revision`,
  );
  let added = 0;
  for (const c of bundledChecklists()) added += upsert.run(c.year, BUNDLED_REVISIONS[c.year] ?? 1, JSON.stringify(c), nowIso()).changes;
  return added;
}

export function checklistYears(db: Database): number[] {
  return (sql(db, 'SELECT year FROM checklists ORDER BY year').all() as { year: number }[]).map((r) => r.year);
}

/** Parsed checklists per database, by year; a new revision of a year replaces its entry. */
const parsed = new WeakMap<Database, Map<number, { revision: number; checklist: Checklist }>>();

export function getChecklist(db: Database, year: number): Checklist | null {
  const meta = sql(db, 'SELECT revision FROM checklists WHERE year = ?').get(year) as { revision: number } | undefined;
  if (!meta) return null;
  let byYear = parsed.get(db);
  if (!byYear) parsed.set(db, (byYear = new Map()));
  const hit = byYear.get(year);
  if (hit && hit.revision === meta.revision) return hit.checklist;
  const row = sql(db, 'SELECT data FROM checklists WHERE year = ?').get(year) as { data: string };
  const checklist = checklistSchema.parse(JSON.parse(row.data));
  byYear.set(year, { revision: meta.revision, checklist });
  return checklist;
}

/** The checklist in force: the newest year installed. */
export function currentChecklist(db: Database): Checklist | null {
  const row = sql(db, 'SELECT max(year) AS year FROM checklists').get() as { year: number | null };
  return row.year === null ? null : getChecklist(db, row.year);
}

/** The checklist in force on a date: the newest one whose year is not after the date's year. */
export function checklistInForce(db: Database, date: string): Checklist | null {
  const y = Number(date.slice(0, 4));
  const row = sql(db, 'SELECT max(year) AS year FROM checklists WHERE year <= ?').get(y) as { year: number | null };
  return row.year === null ? null : getChecklist(db, row.year);
}

/** Every enterprise status any installed checklist counts (their union: statuses outlive a year). */
export function knownEnterpriseStatuses(db: Database): Map<string, { name: string; nameEn: string }> {
  const out = new Map<string, { name: string; nameEn: string }>();
  for (const year of checklistYears(db)) {
    for (const s of getChecklist(db, year)!.enterpriseStatuses) out.set(s.id, { name: s.name, nameEn: s.nameEn });
  }
  return out;
}
