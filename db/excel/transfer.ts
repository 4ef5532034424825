import type { Database } from 'better-sqlite3';
import { FieldErrors, isUserError, UserError } from '../errors';
export type { ImportOptions };
import { requireInstallation } from '../installation';
import { findPrefecture } from '../reference/bundled';
import { localStamp, nowIso } from '../clock';
import { CellReader, parseDateCell, type Question } from './cells';
import type { SheetRow } from './layout';
import { fieldsOf, readSource, type ImportOptions } from './source';
import { remember } from './mapping';
import { columnKeyOf, RowImport } from './row-import';
import type { ImportReport, ImportRowProblems } from '../../api/ledger-contract';
import { writeWorkbook } from './write';
import { withBulkSearchIndex } from '../search-bulk';
import type { Column, ExcelEntity, ExcelKind } from './types';
import { enterpriseSheet } from './enterprises';
import { activitySheet } from './activities';
import { visitSheet } from './visits';
import { problemSheet } from './problems';

/** Templates, exports and imports for the four ledgers, one machinery for all. */
export const sheets: Record<ExcelKind, ExcelEntity<never>> = {
  enterprises: enterpriseSheet as ExcelEntity<never>,
  activities: activitySheet as ExcelEntity<never>,
  visits: visitSheet as ExcelEntity<never>,
  problems: problemSheet as ExcelEntity<never>,
};

export type { ImportReport };
export type RejectedRow = ImportRowProblems;

export interface FileOut {
  name: string;
  base64: string;
}

function stamp(): string {
  return localStamp();
}

function scope(db: Database): string {
  const inst = requireInstallation(db);
  return inst.prefectureCode ? (findPrefecture(inst.prefectureCode)?.name ?? inst.prefectureCode) : '全区';
}

export async function template(db: Database, kind: ExcelKind): Promise<FileOut> {
  const sheet = sheets[kind];
  const columns = sheet.columns(db).filter((c) => c.key !== 'id');
  const buffer = await writeWorkbook({
    sheetName: sheet.title,
    columns,
    records: [],
    blankRows: 1000,
    instructions: [
      `${sheet.title}导入模板（中小企业办实事台账）`,
      '在第一个工作表中每行填写一条记录，不要修改表头。带 * 的列必填。',
      '带下拉列表的列请从列表中选择，全部可选值见“选项”工作表。日期写作 2022-03-15。',
      '已登记的记录（按统一社会信用代码等匹配）会被更新：留空的单元格保留原值，不会被清空；要清空某项，请在软件中修改。',
      '导入前会先显示预览：将新增、更新、不变和被拒绝的行及原因；确认后才写入。',
      '同一文件重复导入不会重复新增记录。',
    ],
  });
  return { name: `${sheet.title}导入模板.xlsx`, base64: buffer.toString('base64') };
}

export async function exportFile(db: Database, kind: ExcelKind, filters: Record<string, unknown>): Promise<FileOut> {
  const sheet = sheets[kind];
  const records = sheet.exportRecords(db, filters);
  const buffer = await writeWorkbook({
    sheetName: sheet.title,
    title: `${sheet.title} · ${scope(db)} · 导出时间 ${stamp()} · 共 ${records.length} 条`,
    columns: sheet.columns(db) as Column<never>[],
    records,
  });
  return { name: `${sheet.title}-${scope(db)}-${nowIso().slice(0, 10)}.xlsx`, base64: buffer.toString('base64') };
}

/**
 * Reads a sheet and runs every row through the same code as a form save, each row in its own
 * savepoint so that one bad row costs only itself. A preview runs exactly the same and rolls the
 * whole transaction back, so what the preview says is what the import does. An applied import
 * remembers its column mapping for the next file with the same headers.
 */
export function runImport(db: Database, kind: ExcelKind, buffer: Buffer, fileName: string, apply: boolean, options: ImportOptions = {}): ImportReport {
  const sheet = sheets[kind];
  const templateColumns = sheet.columns(db);
  const src = readSource(db, kind, buffer, fileName, templateColumns, options);
  const fieldHeaders = Object.fromEntries(templateColumns.map((c) => [c.key, c.header]));
  // Messages name a column as the sheet does.
  const headers = { ...fieldHeaders, ...Object.fromEntries(src.columns.filter((c) => c.field).map((c) => [c.field!, c.header])) };
  const optional = new Set(templateColumns.filter((c) => !c.required && !(sheet.identity ?? []).includes(c.key)).map((c) => c.key));
  const questions = new Map<string, Question>();
  const report: ImportReport = {
    kind,
    sheetName: src.sheetName,
    sheetNames: src.sheetNames,
    headerRows: src.headerRows,
    columns: src.columns,
    fields: fieldsOf(templateColumns),
    missing: src.missing,
    remembered: src.remembered,
    rows: src.rows.length,
    skipped: src.skipped,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    questions: [],
    skipBadOptional: !!options.skipBadOptional,
    applied: false,
  };
  const rowImport = new RowImport(db, sheet, { headers, fieldHeaders, optional, questions, options, columnKeys: templateColumns.map((c) => c.key) });
  const rollback = new Error('preview: roll back');
  try {
    db.transaction(() => {
      const firstRowOf = new Map<string, number>();
      const load = () => {
        for (const row of src.rows) {
          try {
            refuseRepeatedKey(sheet, row, headers, firstRowOf);
            const done = rowImport.run(row);
            report[done.outcome]++;
            if (done.warnings.length) report.warnings.push({ rowNumber: row.rowNumber, reasons: done.warnings });
          } catch (e) {
            if (!isUserError(e)) throw e;
            report.rejected.push({ rowNumber: row.rowNumber, reasons: reasonsOf(e, headers) });
          }
        }
      };
      if (kind === 'enterprises') withBulkSearchIndex(db, load);
      else load();
      if (!apply) throw rollback;
      // What the user chose is remembered for the next file with these headers.
      if (options.mapping) remember(db, kind, src.columns);
    })();
    report.applied = apply;
    if (apply && report.created > 100) db.pragma('optimize');
  } catch (e) {
    if (e !== rollback) throw e;
  }
  report.questions = [...questions.values()];
  return report;
}

/** A second row of one file for the same record would silently overwrite the first: refused. */
function refuseRepeatedKey(sheet: ExcelEntity<never>, row: SheetRow, headers: Record<string, string>, firstRowOf: Map<string, number>) {
  if (!sheet.rowKey) return;
  const key = sheet.rowKey.of(new CellReader(new FieldErrors(), row.cells, headers));
  if (key === null) return;
  const first = firstRowOf.get(key);
  if (first === undefined) {
    firstRowOf.set(key, row.rowNumber);
    return;
  }
  const column = headers[sheet.rowKey.column] ?? sheet.rowKey.column;
  throw new UserError(
    'excel_repeated_row',
    `Row ${first} of this file is the same record (${column} ${key}); each record may appear once in a file.`,
    `与本文件第 ${first} 行是同一条记录（${column} ${key}），同一记录在一个文件中只能出现一次。`,
    { [sheet.rowKey.column]: { en: `Same as row ${first}.`, zh: `与第 ${first} 行重复。` } },
  );
}

function reasonsOf(e: UserError, headers: Record<string, string>): RejectedRow['reasons'] {
  if (!e.fields || Object.keys(e.fields).length === 0) return [{ column: '', message: e.message, messageZh: e.messageZh }];
  return Object.entries(e.fields).map(([field, m]) => {
    const key = columnKeyOf(field, Object.keys(headers));
    return { column: headers[key] ?? field, message: m.en, messageZh: m.zh };
  });
}

/**
 * The rejected rows as they were, every column of the sheet under its own header, with a last
 * column saying what to fix: after fixing, the file imports with the same (remembered) mapping.
 */
export async function rejectedFile(db: Database, kind: ExcelKind, buffer: Buffer, fileName: string, options: ImportOptions = {}): Promise<FileOut> {
  const sheet = sheets[kind];
  const templateColumns = sheet.columns(db);
  const report = runImport(db, kind, buffer, fileName, false, options);
  const { rows, columns } = readSource(db, kind, buffer, fileName, templateColumns, options);
  const byRow = new Map(report.rejected.map((r) => [r.rowNumber, r]));
  const bad = rows.filter((r) => byRow.has(r.rowNumber));
  const dateFields = new Set(templateColumns.filter((c) => c.type === 'date').map((c) => c.key));
  const asText = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));
  const out = await writeWorkbook<SheetRow>({
    sheetName: sheet.title,
    columns: columns.map((c, i) => ({
      key: `source.${i}`,
      header: c.header || c.letter,
      headerEn: c.header || c.letter,
      width: 16,
      value: (r: SheetRow) => (c.field && dateFields.has(c.field) ? (parseDateCell(r.source[i]) ?? asText(r.source[i])) : asText(r.source[i])),
    })),
    records: bad,
    extra: {
      header: '错误原因',
      width: 50,
      // The row it had in the file, so people can find it there too.
      values: bad.map((r) => `原第 ${r.rowNumber} 行：${byRow.get(r.rowNumber)!.reasons.map((x) => `${x.column ? `【${x.column}】` : ''}${x.messageZh}`).join('；')}`),
    },
  });
  return { name: `${sheet.title}-未导入的行.xlsx`, base64: out.toString('base64') };
}
