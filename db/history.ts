import type { Database } from 'better-sqlite3';
import type { HistoryEntry, RecordTable } from '../api/entities';
import { historyOf } from './changelog';
import { setDeleted, requireRecord } from './records';
import { enterpriseSpec, restoreEnterprise } from './enterprises';
import { activitySpec } from './activities';
import { visitSpec } from './visits';
import { problemSpec } from './problems';
import { figureSpec } from './figures';

const specs = { enterprises: enterpriseSpec, activities: activitySpec, visits: visitSpec, problems: problemSpec, reported_figures: figureSpec } as const;

/** What happened to a record, oldest first: who changed which field from what to what. */
export function recordHistory(db: Database, table: RecordTable, id: string): HistoryEntry[] {
  requireRecord(db, specs[table] as never, id);
  return historyOf(db, table, id).map(({ seq, op, version, operator, at, changes }) => ({ seq, op, version, operator, at, changes }));
}

/** Undoes a delete (from the record's history). */
export function restoreRecord(db: Database, table: RecordTable, id: string): void {
  if (table === 'enterprises') restoreEnterprise(db, id);
  else db.transaction(() => setDeleted(db, specs[table] as never, id, false))();
}
