import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { UserError } from '../errors';
import { getSetting, setSetting } from '../settings';
import type { FieldInfo } from './headers';
import { headerSignature, type SourceColumn } from './layout';
import { comparable } from './normalise';
import type { ExcelKind } from './types';

/** Source column (its header as written, or its letter) → field key, field name, or null / 不导入. */
export type UserMapping = Record<string, string | null>;

const NOT_IMPORTED = new Set(['', '不导入', '忽略', '-', 'none', 'null', 'skip']);

/** The field a name stands for: its key, its template header, or its English name. */
export function fieldFor(fields: FieldInfo[], name: string): FieldInfo | null | undefined {
  if (NOT_IMPORTED.has(comparable(name))) return null;
  const c = comparable(name).replace(/\*/g, '');
  return fields.find((f) => f.key === name || comparable(f.header) === c || comparable(f.headerEn) === c || comparable(f.header.replace(/（[^）]*）$/, '')) === c);
}

const fieldLabel = (fields: FieldInfo[], key: string) => fields.find((f) => f.key === key)?.header ?? key;

/**
 * The user's choices over the automatic mapping. A field given to one column is taken from any
 * other; an unknown column or field is refused with the full list of what there is.
 */
export function applyUserMapping(columns: SourceColumn[], mapping: UserMapping, fields: FieldInfo[]): void {
  for (const [source, target] of Object.entries(mapping)) {
    const column = columns.find((c) => c.header === source) ?? columns.find((c) => comparable(c.header) === comparable(source) && comparable(source) !== '') ?? columns.find((c) => c.letter === source.toUpperCase());
    if (!column) {
      const list = columns.map((c) => `${c.letter} ${c.header || '（无表头）'}`).join('、');
      throw new UserError('excel_unknown_column', `The sheet has no column "${source}". Its columns: ${list}.`, `表格中没有“${source}”列。表格的列：${list}。`);
    }
    const field = target === null ? null : fieldFor(fields, target);
    if (field === undefined) {
      const list = fields.map((f) => f.header).join('、');
      throw new UserError('excel_unknown_field', `"${target}" is not a field of this import. Fields: ${list}, or 不导入.`, `“${target}”不是可导入的字段。可选字段：${list}，或“不导入”。`);
    }
    assign(columns, column, field?.key ?? null, 'chosen', fields);
  }
}

function assign(columns: SourceColumn[], column: SourceColumn, key: string | null, confidence: 'chosen' | 'remembered', fields: FieldInfo[]) {
  if (key) {
    for (const other of columns) {
      if (other !== column && other.field === key) {
        other.field = null;
        other.confidence = null;
        other.note = { en: `Column ${column.letter} fills ${fieldLabel(fields, key)} instead.`, zh: `已改由 ${column.letter} 列对应“${fieldLabel(fields, key)}”。` };
      }
    }
  }
  column.field = key;
  column.confidence = confidence;
  column.note = key ? null : { en: 'Your choice.', zh: '已选择。' };
}

const settingKey = (kind: ExcelKind, columns: SourceColumn[]) => `excel.mapping.${createHash('sha256').update(headerSignature(kind, columns)).digest('hex').slice(0, 32)}`;

/** The mapping the user confirmed for a file with these very headers, applied again. */
export function applyRemembered(db: Database, kind: ExcelKind, columns: SourceColumn[], fields: FieldInfo[]): boolean {
  const stored = getSetting(db, settingKey(kind, columns));
  if (!stored) return false;
  let saved: (string | null)[];
  try {
    saved = JSON.parse(stored) as (string | null)[];
  } catch {
    return false;
  }
  if (!Array.isArray(saved) || saved.length !== columns.length) return false;
  const known = new Set(fields.map((f) => f.key));
  columns.forEach((c, i) => {
    const key = saved[i];
    const target = typeof key === 'string' && known.has(key) ? key : null;
    if (target !== c.field) assign(columns, c, target, 'remembered', fields);
    else if (target) c.confidence = c.confidence === 'partial' ? 'remembered' : c.confidence;
  });
  return true;
}

/** Remembers the mapping of an applied import for the next file with the same headers. */
export function remember(db: Database, kind: ExcelKind, columns: SourceColumn[]): void {
  setSetting(db, settingKey(kind, columns), JSON.stringify(columns.map((c) => c.field)));
}
