import { sql } from './statements';
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { SyncedTable } from './migrations';
import type { SyncInfo } from '../api/entities';
import { requireInstallation, tick } from './installation';
import { diffRecords, recordChange, type ChangeOp } from './changelog';
import { UserError } from './errors';
import { nowIso } from './clock';

/**
 * How one synced table maps to a record: which column holds each field, and which fields are
 * JSON or booleans. Every entity module describes its table once and gets create, update,
 * soft delete, restore and the change log from here.
 */
export interface TableSpec<T extends object> {
  table: SyncedTable;
  /** Field name → column name, for every field except the sync columns. */
  columns: { [K in keyof T & string]: string };
  json?: readonly (keyof T & string)[];
  booleans?: readonly (keyof T & string)[];
  /** How the record is named in messages ("enterprise", "企业"). */
  label: { en: string; zh: string };
}

export type SyncMeta = SyncInfo;

export type Stored<T> = T & SyncMeta;

export function fromRow<T extends object>(spec: TableSpec<T>, row: Record<string, unknown>): Stored<T> {
  const out: Record<string, unknown> = {
    id: row.id,
    origin: row.origin,
    version: row.version,
    deleted: row.deleted === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  for (const [field, column] of Object.entries(spec.columns) as [string, string][]) {
    const v = row[column];
    if (spec.json?.includes(field as keyof T & string)) out[field] = typeof v === 'string' ? JSON.parse(v) : v;
    else if (spec.booleans?.includes(field as keyof T & string)) out[field] = v === 1;
    else out[field] = v ?? null;
  }
  return out as Stored<T>;
}

function toColumns<T extends object>(spec: TableSpec<T>, fields: Partial<T>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields) as [keyof T & string, unknown][]) {
    const column = spec.columns[field];
    if (!column) continue;
    if (spec.json?.includes(field)) out[column] = JSON.stringify(value ?? null);
    else if (spec.booleans?.includes(field)) out[column] = value ? 1 : 0;
    else out[column] = value === undefined ? null : value;
  }
  return out;
}

function plain<T extends object>(spec: TableSpec<T>, record: Stored<T>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(spec.columns)) out[field] = (record as Record<string, unknown>)[field];
  return out;
}

export function getRecord<T extends object>(db: Database, spec: TableSpec<T>, id: string): Stored<T> | null {
  const row = sql(db, `SELECT * FROM ${spec.table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  return row ? fromRow(spec, row) : null;
}

export function requireRecord<T extends object>(db: Database, spec: TableSpec<T>, id: string): Stored<T> {
  const r = getRecord(db, spec, id);
  if (!r) throw new UserError('not_found', `No ${spec.label.en} with id ${id}.`, `找不到该${spec.label.zh}（${id}）。`);
  return r;
}

/** Inserts a new record owned by this installation; returns it as stored. */
export function insertRecord<T extends object>(db: Database, spec: TableSpec<T>, fields: T, id: string = randomUUID()): Stored<T> {
  const inst = requireInstallation(db);
  const version = tick(db);
  const now = nowIso();
  const cols = { id, origin: inst.id, version, deleted: 0, created_at: now, updated_at: now, ...toColumns(spec, fields) };
  const names = Object.keys(cols);
  sql(db, `INSERT INTO ${spec.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(cols);
  const stored = requireRecord(db, spec, id);
  recordChange(db, { table: spec.table, rowId: id, op: 'create', version, operator: inst.operatorName, changes: diffRecords(null, plain(spec, stored)) });
  return stored;
}

/** Records belong to the installation that made them: another one (HQ) may read, never change them. */
function requireOwn<T extends object>(db: Database, spec: TableSpec<T>, record: Stored<T>): void {
  if (record.origin !== requireInstallation(db).id) {
    throw new UserError(
      'not_owner',
      `This ${spec.label.en} belongs to the installation that recorded it; it can be changed there only.`,
      `该${spec.label.zh}属于登记它的单位，只能由该单位修改。`,
    );
  }
}

/**
 * Applies a change to an existing record. `expectedVersion`, when given, is the version the user
 * started editing from: if the record changed since, the save is refused rather than overwriting.
 * Returns the record and whether anything changed (an unchanged save bumps nothing).
 */
export function updateRecord<T extends object>(
  db: Database,
  spec: TableSpec<T>,
  id: string,
  patch: Partial<T>,
  expectedVersion?: number,
): { record: Stored<T>; changed: boolean } {
  const before = requireRecord(db, spec, id);
  requireOwn(db, spec, before);
  if (before.deleted) {
    throw new UserError('deleted', `This ${spec.label.en} has been deleted; restore it from its history first.`, `该${spec.label.zh}已删除，请先从修改记录中恢复。`);
  }
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new UserError('stale', `This ${spec.label.en} was changed by someone else since you opened it. Reopen it and apply your change again.`, `您打开之后，该${spec.label.zh}已被修改。请重新打开后再修改。`);
  }
  const beforePlain = plain(spec, before);
  const afterPlain = { ...beforePlain, ...stripUndefined(patch) };
  const changes = diffRecords(beforePlain, afterPlain);
  if (Object.keys(changes).length === 0) return { record: before, changed: false };
  const inst = requireInstallation(db);
  const version = tick(db);
  const cols = { ...toColumns(spec, stripUndefined(patch) as Partial<T>), version, updated_at: nowIso() };
  sql(db, `UPDATE ${spec.table} SET ${Object.keys(cols).map((c) => `${c} = @${c}`).join(', ')} WHERE id = @__id`).run({ ...cols, __id: id });
  recordChange(db, { table: spec.table, rowId: id, op: 'update', version, operator: inst.operatorName, changes });
  return { record: requireRecord(db, spec, id), changed: true };
}

/** Soft delete (deleted = true) or restore; both are changes with their own version. */
export function setDeleted<T extends object>(db: Database, spec: TableSpec<T>, id: string, deleted: boolean): Stored<T> {
  const before = requireRecord(db, spec, id);
  requireOwn(db, spec, before);
  if (before.deleted === deleted) return before;
  const inst = requireInstallation(db);
  const version = tick(db);
  sql(db, `UPDATE ${spec.table} SET deleted = ?, version = ?, updated_at = ? WHERE id = ?`).run(deleted ? 1 : 0, version, nowIso(), id);
  const op: ChangeOp = deleted ? 'delete' : 'restore';
  recordChange(db, { table: spec.table, rowId: id, op, version, operator: inst.operatorName, changes: { deleted: { old: !deleted, new: deleted } } });
  return requireRecord(db, spec, id);
}

function stripUndefined<T extends object>(o: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
