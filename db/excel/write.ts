import { Writable } from 'node:stream';
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

/**
 * Written with ExcelJS's streaming writer: each row is turned into XML and compressed as soon as
 * it is committed, so memory follows the file, not the rows. (The in-memory workbook took 1.3 GB
 * for an office's 42,857 activities.) The data sheet is finished before the others begin,
 * because the zip is written one part after another.
 */
export async function writeWorkbook<R>(spec: SheetSpec<R>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = 'SME Ledger 中小企业办实事台账';
  wb.created = new Date();
  const headerRow = spec.title ? 2 : 1;
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] });
  const colCount = spec.columns.length + (spec.extra ? 1 : 0);
  // Widths belong to the sheet's head, written before the first row.
  ws.columns = [...spec.columns.map((c) => ({ width: c.width })), ...(spec.extra ? [{ width: spec.extra.width }] : [])];

  if (spec.title) {
    ws.mergeCells(1, 1, 1, Math.max(colCount, 1));
    const row = ws.getRow(1);
    row.height = 24;
    const t = row.getCell(1);
    t.value = spec.title;
    t.font = { bold: true, size: 14 };
    row.commit();
  }
  const head = ws.getRow(headerRow);
  head.height = 30;
  spec.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.required ? `${c.header}*` : c.header;
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (c.hint) cell.note = c.hint;
  });
  if (spec.extra) {
    const cell = head.getCell(colCount);
    cell.value = spec.extra.header;
    cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.fill = HEADER_FILL;
  }
  head.commit();

  spec.records.forEach((r, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    spec.columns.forEach((c, j) => {
      const v = c.value(r);
      const cell = row.getCell(j + 1);
      if (c.type === 'date' && typeof v === 'string') {
        cell.value = excelDate(v);
        cell.numFmt = 'yyyy-mm-dd';
      } else cell.value = neutralise(v);
    });
    if (spec.extra) {
      const cell = row.getCell(colCount);
      cell.value = spec.extra.values[i] ?? '';
      cell.font = { color: { argb: 'FFC00000' } };
      cell.alignment = { wrapText: true };
    }
    row.commit();
  });

  const listColumns = spec.columns.filter((c) => c.options && c.options.length);
  const lastRow = headerRow + spec.records.length + (spec.blankRows ?? 500);
  // ExcelJS has Worksheet.dataValidations (merging equal neighbours into one range on write)
  // but leaves it out of its typings.
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  listColumns.forEach((c, li) => {
    const letter = columnLetter(li + 1);
    const col = spec.columns.indexOf(c) + 1;
    // One range per column: ExcelJS's per-cell merging sorts addresses as text (D10 before D2)
    // and writes overlapping ranges, which Excel reports as a damaged file.
    validations.add(`${columnLetter(col)}${headerRow + 1}:${columnLetter(col)}${lastRow}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`'选项'!$${letter}$2:$${letter}$${c.options!.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: '请从下拉列表中选择',
    });
  });
  ws.commit();

  if (listColumns.length) {
    // Visible: import messages for long lists (HQ's 74 counties) point people to it.
    const lists = wb.addWorksheet('选项');
    const longest = Math.max(...listColumns.map((c) => c.options!.length));
    for (let r = 1; r <= longest + 1; r++) {
      const row = lists.getRow(r);
      listColumns.forEach((c, li) => {
        const v = r === 1 ? c.header : c.options![r - 2];
        if (v !== undefined) row.getCell(li + 1).value = v;
      });
      row.commit();
    }
    lists.commit();
  }

  if (spec.instructions) {
    const help = wb.addWorksheet('填写说明');
    help.columns = [{ width: 22 }, { width: 12 }, { width: 90 }];
    let r = 1;
    for (const line of spec.instructions) help.getRow(r++).getCell(1).value = line;
    r++;
    const headings = help.getRow(r);
    ['列', '是否必填', '说明'].forEach((h, i) => {
      const cell = headings.getCell(i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
    });
    for (const c of spec.columns) {
      const row = help.getRow(++r);
      row.getCell(1).value = c.header;
      row.getCell(2).value = c.required ? '必填' : '选填';
      const options = c.options?.length ? (c.options.length > 30 ? `可选值共 ${c.options.length} 项，见“选项”工作表“${c.header}”一列` : `可选：${c.options.join('、')}`) : '';
      row.getCell(3).value = [c.hint, options].filter(Boolean).join('。');
      row.getCell(3).alignment = { wrapText: true };
    }
    help.commit();
  }
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
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
