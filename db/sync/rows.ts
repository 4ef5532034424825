import type { Database } from 'better-sqlite3';
import type { SyncedTable } from '../migrations';

/** A row exactly as stored: column name → value. */
export type Row = Record<string, string | number | null>;

interface Column {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL';
  notNull: boolean;
}

const cache = new WeakMap<Database, Map<SyncedTable, Column[] & { names?: Set<string> }>>();

/** The columns of a synced table, read from the schema itself so that sync follows migrations. */
export function columnsOf(db: Database, table: SyncedTable): Column[] & { names?: Set<string> } {
  let byTable = cache.get(db);
  if (!byTable) cache.set(db, (byTable = new Map()));
  let cols = byTable.get(table);
  if (!cols) {
    cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown }[]).map((c) => ({
      name: c.name,
      type: (c.type.toUpperCase() as Column['type']) || 'TEXT',
      // A package carries full rows: a NOT NULL column with a default must still be given.
      notNull: c.notnull === 1,
    }));
    byTable.set(table, cols);
  }
  return cols;
}

/** Why a row's shape is refused, in both languages (the ledger and the screen show each). */
export interface RowProblem {
  en: string;
  zh: string;
}

const said = (en: string, zh: string): RowProblem => ({ en, zh });

/** Checks an incoming row's shape: known columns only, each of its type, required ones present. */
export function rowProblem(db: Database, table: SyncedTable, row: unknown): RowProblem | null {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return said('not an object', '不是一条记录');
  const cols = columnsOf(db, table);
  const names = (cols.names ??= new Set(cols.map((c) => c.name)));
  for (const key of Object.keys(row)) {
    const name = JSON.stringify(key).slice(0, 40);
    if (!names.has(key)) return said(`unknown field ${name}`, `含本机不认识的字段 ${name}`);
  }
  const r = row as Record<string, unknown>;
  for (const c of cols) {
    const v = r[c.name];
    if (v === undefined || v === null) {
      if (c.notNull) return said(`${c.name} missing`, `缺少字段 ${c.name}`);
      continue;
    }
    if (c.type === 'TEXT' && (typeof v !== 'string' || v.length > 100_000)) return said(`${c.name} is not text`, `字段 ${c.name} 不是文本`);
    if (c.type === 'INTEGER' && !(typeof v === 'number' && Number.isSafeInteger(v))) return said(`${c.name} is not a whole number`, `字段 ${c.name} 不是整数`);
    if (c.type === 'REAL' && !(typeof v === 'number' && Number.isFinite(v))) return said(`${c.name} is not a number`, `字段 ${c.name} 不是数字`);
  }
  const sync = r as { id: unknown; version: unknown; deleted: unknown; created_at: unknown; updated_at: unknown };
  if (typeof sync.id !== 'string' || !UUID.test(sync.id)) return said('id is not a record id', 'id 不是记录编号');
  if ((sync.version as number) < 1) return said('version below 1', '版本号小于 1');
  if (sync.deleted !== 0 && sync.deleted !== 1) return said('deleted is neither 0 nor 1', 'deleted 既不是 0 也不是 1');
  for (const c of ['created_at', 'updated_at'] as const) if (!ISO_TIME.test(r[c] as string)) return said(`${c} is not a time`, `${c} 不是时间`);
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T[0-9:.]{5,15}(Z|[+-]\d{2}:\d{2})$/;

/** Which (table, column) must point at a row that exists, in the package or the database. */
export const references: { table: SyncedTable; column: string; target: SyncedTable }[] = [
  { table: 'activity_enterprises', column: 'activity_id', target: 'activities' },
  { table: 'activity_enterprises', column: 'enterprise_id', target: 'enterprises' },
  { table: 'visits', column: 'enterprise_id', target: 'enterprises' },
  { table: 'problems', column: 'enterprise_id', target: 'enterprises' },
  { table: 'problems', column: 'visit_id', target: 'visits' },
  { table: 'problem_notes', column: 'problem_id', target: 'problems' },
];

/** Tables in an order that inserts referenced rows before the rows that point at them. */
export const applyOrder: SyncedTable[] = ['targets', 'enterprises', 'activities', 'activity_enterprises', 'visits', 'problems', 'problem_notes', 'reported_figures', 'milestones', 'supervision_items'];
