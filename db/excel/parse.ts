import type { z } from 'zod';
import { UserError } from '../errors';
import { MAX_ROWS } from './read';
import type { CellReader } from './cells';

/**
 * Builds a record's input from a sheet row. For an existing record, a column the sheet does not
 * have, or a blank cell, keeps the stored value: people fill the template's code and the one
 * column they mean to change, and an import must not clear the rest. (Clearing a value is done
 * in the app's form.)
 */
export function toInput<T>(read: CellReader, existing: object | null, getters: { [K in keyof T]?: () => unknown }): T {
  const out: Record<string, unknown> = {};
  const stored = existing as Record<string, unknown> | null;
  for (const [key, get] of Object.entries(getters) as [string, () => unknown][]) {
    out[key] = stored && !read.has(key) ? stored[key] : get();
  }
  return out as T;
}

/** Stops at cell errors first (they name the column), then checks the shape with the API schema. */
export function parseRow<S extends z.ZodType>(read: CellReader, schema: S, input: unknown): z.output<S> {
  read.errors.throwIfAny({ en: 'row', zh: '该行' });
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, { en: string; zh: string }> = {};
  for (const i of parsed.error.issues) fields[i.path.join('.')] ??= { en: i.message, zh: `格式不正确：${i.message}` };
  throw new UserError('validation', parsed.error.issues.map((i) => i.message).join('; '), parsed.error.issues.map((i) => i.message).join('；'), fields);
}

/** The list filters an export was asked for, checked like any other API input. */
export function parseFilters<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new UserError('invalid_input', `Invalid list filters: ${details}`, `列表筛选条件无效：${details}`);
}

/**
 * Every row a list would show for these filters, in its order, from one query. (Paging through
 * the list 500 at a time re-counted and re-skipped the rows each time: 300,000 activities at HQ
 * took minutes.) SQLite reads LIMIT -1 as no limit. More rows than an import takes are refused:
 * such a file could not come back in, and building it took 3 GB; a narrower filter (one
 * prefecture, one item, a date range) does.
 */
export function allRows<S extends z.ZodType<{ offset: number; limit: number }>, R>(schema: S, filters: Record<string, unknown>, list: (q: z.output<S>) => { rows: R[]; total: number }): R[] {
  const q = { ...parseFilters(schema, { ...filters, offset: 0 }), offset: 0 };
  const { total } = list({ ...q, limit: 1 });
  if (total > MAX_ROWS) {
    throw new UserError(
      'excel_export_too_large',
      `${total.toLocaleString('en')} rows are more than one file takes (${MAX_ROWS.toLocaleString('en')}): narrow the list first, e.g. to one prefecture, item or date range.`,
      `共 ${total} 条，超过单个文件的上限（${MAX_ROWS} 条）：请先筛选（如按地市、清单事项或日期范围）再导出。`,
    );
  }
  return list({ ...q, limit: -1 }).rows;
}
