import { sql } from './statements';
import type { Database } from 'better-sqlite3';
import type { SyncedTable } from './migrations';
import { nowIso } from './clock';

export type ChangeOp = 'create' | 'update' | 'delete' | 'restore' | 'import';

export interface FieldChange {
  old: unknown;
  new: unknown;
}

export interface ChangeEntry {
  seq: number;
  table: SyncedTable;
  rowId: string;
  op: ChangeOp;
  version: number;
  operator: string;
  at: string;
  changes: Record<string, FieldChange>;
}

export function recordChange(
  db: Database,
  entry: { table: SyncedTable; rowId: string; op: ChangeOp; version: number; operator: string; changes?: Record<string, FieldChange> },
): void {
  sql(db, 
    'INSERT INTO change_log (table_name, row_id, op, version, operator, at, changes) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(entry.table, entry.rowId, entry.op, entry.version, entry.operator, nowIso(), JSON.stringify(entry.changes ?? {}));
}

interface ChangeRow {
  seq: number;
  table_name: SyncedTable;
  row_id: string;
  op: ChangeOp;
  version: number;
  operator: string;
  at: string;
  changes: string;
}

export function historyOf(db: Database, table: SyncedTable, rowId: string): ChangeEntry[] {
  const rows = sql(db, 'SELECT * FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq')
    .all(table, rowId) as ChangeRow[];
  return rows.map((r) => ({
    seq: r.seq,
    table: r.table_name,
    rowId: r.row_id,
    op: r.op,
    version: r.version,
    operator: r.operator,
    at: r.at,
    changes: JSON.parse(r.changes) as Record<string, FieldChange>,
  }));
}

/** Field-by-field difference of two plain records, for the change log. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const k of keys) {
    const a = before ? before[k] : undefined;
    const b = after[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = { old: a ?? null, new: b ?? null };
  }
  return out;
}
