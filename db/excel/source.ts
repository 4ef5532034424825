import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import type { FieldInfo } from './headers';
import { autoMapping, dataRows, findHeader, presentColumns, type HeaderFound, type SheetRow, type Skipped, type SourceColumn } from './layout';
import { applyRemembered, applyUserMapping, type UserMapping } from './mapping';
import { MAX_ROWS, openWorkbook, type SheetGrid } from './read';
import type { Column, ExcelKind } from './types';

const AUXILIARY = new Set(['选项', '填写说明']);

export interface ImportOptions {
  /** The sheet to read instead of the one found. */
  sheet?: string;
  /** The user's column choices (see UserMapping). */
  mapping?: UserMapping;
  /** Answers to questions: field → value as written → choice id. */
  answers?: Record<string, Record<string, string>>;
  /** Import rows whose only errors are in optional fields, without those values. */
  skipBadOptional?: boolean;
}

export interface SourceSheet {
  sheetName: string;
  sheetNames: string[];
  /** 1-based row numbers of the header. */
  headerRows: number[];
  columns: SourceColumn[];
  /** Required fields no column fills. */
  missing: string[];
  rows: SheetRow[];
  skipped: Skipped;
  /** Whether a remembered mapping was applied. */
  remembered: boolean;
}

export function fieldsOf<R>(columns: Column<R>[]): FieldInfo[] {
  return columns.map((c) => ({ key: c.key, header: c.header, headerEn: c.headerEn, required: !!c.required, ...(c.aliases ? { aliases: c.aliases } : {}) }));
}

/**
 * Reads the sheet an import takes: the one chosen, or the one whose header names the most
 * fields; its header anywhere in the first 20 rows, on one or two rows; every column that holds
 * anything, mapped automatically, then as remembered for these headers, then as the user chose.
 */
export function readSource<R>(db: Database, kind: ExcelKind, buffer: Buffer, fileName: string, templateColumns: Column<R>[], options: ImportOptions = {}): SourceSheet {
  const fields = fieldsOf(templateColumns);
  const sheets = openWorkbook(buffer, fileName);
  const sheetNames = sheets.map((s) => s.name);
  let chosen: { sheet: SheetGrid; found: HeaderFound } | null = null;
  if (options.sheet !== undefined) {
    const sheet = sheets.find((s) => s.name === options.sheet);
    if (!sheet) {
      throw new UserError('excel_unknown_sheet', `${fileName} has no sheet "${options.sheet}"; its sheets: ${sheetNames.join(', ')}.`, `“${fileName}”中没有工作表“${options.sheet}”。工作表有：${sheetNames.join('、')}。`);
    }
    const found = findHeader(kind, fields, sheet);
    if (!found) throw noHeader(fileName, fields, `工作表“${sheet.name}”`, `the sheet "${sheet.name}"`);
    chosen = { sheet, found };
  } else {
    for (const sheet of sheets) {
      // Our templates' own list and instructions sheets are never the data (unless chosen).
      if (AUXILIARY.has(sheet.name)) continue;
      const found = findHeader(kind, fields, sheet);
      if (found && (!chosen || found.score > chosen.found.score)) chosen = { sheet, found };
    }
  }
  if (!chosen) throw noHeader(fileName, fields, `“${fileName}”中`, `${fileName}`);
  const { sheet, found } = chosen;
  const label = (key: string) => fields.find((f) => f.key === key)?.header ?? key;
  const columns = autoMapping(found, presentColumns(sheet, found), label);
  const remembered = applyRemembered(db, kind, columns, fields);
  if (options.mapping) applyUserMapping(columns, options.mapping, fields);
  const { rows, skipped } = dataRows(sheet, found, columns);
  if (rows.length > MAX_ROWS) {
    throw new UserError('excel_too_many_rows', `The sheet has more than ${MAX_ROWS} rows; split it into several files.`, `表格超过 ${MAX_ROWS} 行，请拆分为多个文件。`);
  }
  const mapped = new Set(columns.map((c) => c.field));
  return {
    sheetName: sheet.name,
    sheetNames,
    headerRows: found.rows.map((r) => r + 1),
    columns,
    missing: fields.filter((f) => f.required && !mapped.has(f.key)).map((f) => f.key),
    rows,
    skipped,
    remembered,
  };
}

function noHeader(fileName: string, fields: FieldInfo[], whereZh: string, whereEn: string): UserError {
  const required = fields.filter((f) => f.required);
  return new UserError(
    'excel_no_header',
    `No header row found in ${whereEn} within its first 20 rows: it needs at least two recognisable column names such as ${fields.slice(0, 6).map((f) => f.headerEn).join(', ')} (required: ${required.map((f) => f.headerEn).join(', ')}). Start from the template, or rename the columns.`,
    `${whereZh}前 20 行内没有找到可识别的表头：至少需要两个可识别的列名，如${fields.slice(0, 6).map((f) => f.header).join('、')}（必填：${required.map((f) => f.header).join('、')}）。请使用下载的模板，或修改列名后再导入。`,
  );
}
