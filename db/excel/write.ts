import ExcelJS from 'exceljs';
import type { Column } from './types';

/**
 * Workbooks are written with ExcelJS rather than SheetJS: the community SheetJS build cannot write
 * drop-down lists (data validation), fonts, fills or frozen panes, which a template people fill
 * in by hand and a report sent upward both need. Reading stays with the patched SheetJS.
 */
export interface SheetSpec<R> {
  sheetName: string;
  /** A title row above the header (exports); templates have the header in row 1. */
  title?: string;
  columns: Column<R>[];
  records: R[];
  /** An extra last column, e.g. the reason a row was rejected. */
  extra?: { header: string; width: number; values: string[] };
  instructions?: string[];
  /** Rows of empty template lines that get drop-downs. */
  blankRows?: number;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

export async function writeWorkbook<R>(spec: SheetSpec<R>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SME Ledger 中小企业办实事台账';
  wb.created = new Date();
  const ws = wb.addWorksheet(spec.sheetName);
  const headerRow = spec.title ? 2 : 1;
  const colCount = spec.columns.length + (spec.extra ? 1 : 0);

  if (spec.title) {
    ws.mergeCells(1, 1, 1, Math.max(colCount, 1));
    const t = ws.getCell(1, 1);
    t.value = spec.title;
    t.font = { bold: true, size: 14 };
    ws.getRow(1).height = 24;
  }
  spec.columns.forEach((c, i) => {
    const cell = ws.getCell(headerRow, i + 1);
    cell.value = c.required ? `${c.header}*` : c.header;
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (c.hint) cell.note = c.hint;
    ws.getColumn(i + 1).width = c.width;
    if (c.type === 'date') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  if (spec.extra) {
    const cell = ws.getCell(headerRow, colCount);
    cell.value = spec.extra.header;
    cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.fill = HEADER_FILL;
    ws.getColumn(colCount).width = spec.extra.width;
  }
  ws.getRow(headerRow).height = 30;
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];

  spec.records.forEach((r, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    spec.columns.forEach((c, j) => {
      const v = c.value(r);
      row.getCell(j + 1).value = c.type === 'date' && typeof v === 'string' ? excelDate(v) : neutralise(v);
    });
    if (spec.extra) {
      const cell = row.getCell(colCount);
      cell.value = spec.extra.values[i] ?? '';
      cell.font = { color: { argb: 'FFC00000' } };
      cell.alignment = { wrapText: true };
    }
  });

  const listColumns = spec.columns.filter((c) => c.options && c.options.length);
  if (listColumns.length) {
    const lists = wb.addWorksheet('选项', { state: 'hidden' });
    // ExcelJS has Worksheet.dataValidations (merging equal neighbours into one range on write)
    // but leaves it out of its typings.
    const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    const lastRow = headerRow + Math.max(spec.records.length, 0) + (spec.blankRows ?? 500);
    listColumns.forEach((c, li) => {
      lists.getCell(1, li + 1).value = c.header;
      c.options!.forEach((o, oi) => (lists.getCell(oi + 2, li + 1).value = o));
      const letter = columnLetter(li + 1);
      const formula = `'选项'!$${letter}$2:$${letter}$${c.options!.length + 1}`;
      const col = spec.columns.indexOf(c) + 1;
      // One range per column: ExcelJS's per-cell merging sorts addresses as text (D10 before D2)
      // and writes overlapping ranges, which Excel reports as a damaged file.
      validations.add(`${columnLetter(col)}${headerRow + 1}:${columnLetter(col)}${lastRow}`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: '请从下拉列表中选择',
      });
    });
  }

  if (spec.instructions) {
    const help = wb.addWorksheet('填写说明');
    help.getColumn(1).width = 22;
    help.getColumn(2).width = 12;
    help.getColumn(3).width = 90;
    let r = 1;
    for (const line of spec.instructions) help.getCell(r++, 1).value = line;
    r++;
    ['列', '是否必填', '说明'].forEach((h, i) => {
      const cell = help.getCell(r, i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
    });
    for (const c of spec.columns) {
      r++;
      help.getCell(r, 1).value = c.header;
      help.getCell(r, 2).value = c.required ? '必填' : '选填';
      const options = c.options?.length ? `可选：${c.options.slice(0, 30).join('、')}${c.options.length > 30 ? '…' : ''}` : '';
      help.getCell(r, 3).value = [c.hint, options].filter(Boolean).join('。');
      help.getCell(r, 3).alignment = { wrapText: true };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Text that a spreadsheet program could take for a formula (=, +, -, @ first) is written with a
 * leading apostrophe, so a crafted enterprise name cannot run anything when the file is opened;
 * the importer removes that apostrophe again.
 */
export function neutralise<T>(v: T): T | string {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A calendar date as Excel stores it (a UTC midnight, so no timezone shifts the day). */
function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function columnLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
