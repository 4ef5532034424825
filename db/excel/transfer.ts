import type { Database } from 'better-sqlite3';
import { FieldErrors, isUserError, UserError } from '../errors';
import { requireInstallation } from '../installation';
import { findPrefecture } from '../reference/bundled';
import { localStamp, nowIso } from '../clock';
import { CellReader, parseDateCell } from './cells';
import { readSheet, type SheetRow } from './read';
import { writeWorkbook } from './write';
import { withBulkSearchIndex } from '../search-bulk';
import type { Column, ExcelEntity, ExcelKind, RowOutcome } from './types';
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

export interface RejectedRow {
  rowNumber: number;
  /** Column header and reason, for each problem of the row. */
  reasons: { column: string; message: string; messageZh: string }[];
}

export interface ImportReport {
  kind: ExcelKind;
  sheetName: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  applied: boolean;
}

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
      '带下拉列表的列请从列表中选择。日期写作 2022-03-15。',
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
 * whole transaction back, so what the preview says is what the import does.
 */
export function runImport(db: Database, kind: ExcelKind, buffer: Buffer, fileName: string, apply: boolean): ImportReport {
  const sheet = sheets[kind];
  const columns = sheet.columns(db);
  const { rows, sheetName } = readSheet(buffer, fileName, columns);
  const headers = Object.fromEntries(columns.map((c) => [c.key, c.header]));
  const report: ImportReport = { kind, sheetName, rows: rows.length, created: 0, updated: 0, unchanged: 0, rejected: [], applied: false };
  const rollback = new Error('preview: roll back');
  const importOne = db.transaction((row: SheetRow): RowOutcome => sheet.importRow(db, new CellReader(new FieldErrors(), row.cells, headers)));
  try {
    db.transaction(() => {
      const firstRowOf = new Map<string, number>();
      const load = () => {
        for (const row of rows) {
          try {
            refuseRepeatedKey(sheet, row, headers, firstRowOf);
            report[importOne(row)]++;
          } catch (e) {
            if (!isUserError(e)) throw e;
            report.rejected.push({ rowNumber: row.rowNumber, reasons: reasonsOf(e, headers) });
          }
        }
      };
      if (kind === 'enterprises') withBulkSearchIndex(db, load);
      else load();
      if (!apply) throw rollback;
    })();
    report.applied = apply;
    if (apply && report.created > 100) db.pragma('optimize');
  } catch (e) {
    if (e !== rollback) throw e;
  }
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
    // "enterpriseIds.3" and "metrics.participants.x" belong to their column.
    const key = Object.keys(headers).find((k) => field === k || field.startsWith(`${k}.`)) ?? field;
    return { column: headers[key] ?? field, message: m.en, messageZh: m.zh };
  });
}

/** The rejected rows as they were, with a last column saying what to fix, ready to re-import. */
export async function rejectedFile(db: Database, kind: ExcelKind, buffer: Buffer, fileName: string): Promise<FileOut> {
  const sheet = sheets[kind];
  const columns = sheet.columns(db);
  const report = runImport(db, kind, buffer, fileName, false);
  const { rows } = readSheet(buffer, fileName, columns);
  const byRow = new Map(report.rejected.map((r) => [r.rowNumber, r]));
  const bad = rows.filter((r) => byRow.has(r.rowNumber));
  const asText = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));
  const out = await writeWorkbook<SheetRow>({
    sheetName: sheet.title,
    columns: columns.map((c) => ({
      ...c,
      value: (r: SheetRow) => (c.type === 'date' ? (parseDateCell(r.cells[c.key]) ?? asText(r.cells[c.key])) : asText(r.cells[c.key])),
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
