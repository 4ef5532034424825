import * as XLSX from 'xlsx';
import { UserError } from '../errors';
import type { Cell } from './cells';
import type { Column } from './types';
import { checkZip } from './zip-check';

export const MAX_FILE_BYTES = 30 * 1024 * 1024;
export const MAX_ROWS = 100_000;

export interface SheetRow {
  rowNumber: number;
  cells: Record<string, Cell>;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (buf: Buffer, sig: number[]) => sig.every((b, i) => buf[i] === b);

/**
 * Reads the first sheet that has a recognisable header row. The file comes from outside (a USB
 * stick, an e-mail): it is read with formulas, HTML and styles off, a row limit, and a patched
 * SheetJS (CVE-2023-30533, CVE-2024-22363); cells are copied by known column only.
 */
/**
 * An OLE container is either a password-protected .xlsx (it holds an "EncryptedPackage" stream)
 * or a legacy Excel 97–2003 .xls. Neither is read: the first cannot be, and SheetJS can loop
 * forever on a damaged .xls formula record (found by the reliability fuzzing; the file is
 * tests/reliability/fixtures/xls-formula-loop.xls), which would hang the app. Every Excel and WPS
 * saves .xlsx in a moment.
 */
function refuseOleFile(buffer: Buffer, fileName: string): never {
  if (buffer.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
    throw new UserError('excel_password', `${fileName} is password-protected. Save it without a password and import it again.`, `“${fileName}”设置了密码。请取消密码保存后再导入。`);
  }
  throw new UserError(
    'excel_legacy_xls',
    `${fileName} is in the old Excel 97–2003 format (.xls). Open it in Excel or WPS, save it as .xlsx, and import that file.`,
    `“${fileName}”是旧版 Excel 97–2003 格式（.xls）。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入。`,
  );
}

export function readSheet<R>(buffer: Buffer, fileName: string, columns: Column<R>[]): { rows: SheetRow[]; sheetName: string } {
  if (buffer.length === 0) throw new UserError('excel_empty', 'The file is empty.', '文件是空的。');
  if (buffer.length > MAX_FILE_BYTES) {
    throw new UserError('excel_too_large', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB。`);
  }
  const isCsv = /\.csv$/i.test(fileName);
  if (!startsWith(buffer, ZIP) && !startsWith(buffer, CFB) && !isCsv) {
    throw new UserError('excel_not_spreadsheet', `${fileName} is not an Excel file (.xlsx) or a CSV file.`, `“${fileName}”不是 Excel 文件（.xlsx）或 CSV 文件。`);
  }
  if (startsWith(buffer, CFB)) refuseOleFile(buffer, fileName);
  // An archive is checked before SheetJS unpacks it: no zip bombs, no lying sizes.
  if (startsWith(buffer, ZIP)) {
    // Measured from the XML: a sheet that does not declare its extent (streamed writers leave it
    // out) would otherwise lose the rows SheetJS stops before, without a word.
    const { lastRow } = checkZip(buffer, fileName);
    if (lastRow > MAX_ROWS + 20) throw tooManyRows({ en: `A sheet of ${fileName}`, zh: `“${fileName}”中的工作表` }, lastRow);
  }
  let wb: XLSX.WorkBook;
  const data = isCsv && !startsWith(buffer, ZIP) ? csvText(buffer) : buffer;
  try {
    wb = XLSX.read(data, {
      type: typeof data === 'string' ? 'string' : 'buffer',
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      sheetRows: MAX_ROWS + 20,
      dense: true,
      WTF: false,
    });
  } catch {
    throw new UserError('excel_not_spreadsheet', `${fileName} cannot be read as a spreadsheet.`, `无法将“${fileName}”作为电子表格读取。`);
  }
  const byHeader = headerLookup(columns);
  for (const sheetName of wb.SheetNames) {
    const sheet = wb.Sheets[sheetName];
    if (!sheet) continue;
    let grid: Cell[][];
    try {
      grid = XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
    } catch {
      // SheetJS reads some damage (an unknown cell type) only when the cells are taken out.
      throw new UserError('excel_not_spreadsheet', `${fileName} cannot be read as a spreadsheet: the sheet "${sheetName.slice(0, 100)}" is damaged.`, `无法将“${fileName}”作为电子表格读取：工作表“${sheetName.slice(0, 100)}”已损坏。`);
    }
    const found = findHeader(grid, byHeader, columns);
    if (!found) continue;
    // SheetJS stops reading at the row limit and keeps the sheet's full extent aside: rows past
    // the limit would otherwise be left out without a word.
    // A CSV that filled the read limit may go on past it.
    const declared = sheet['!fullref'] ? XLSX.utils.decode_range(sheet['!fullref']).e.r + 1 : 0;
    const full = Math.max(declared, grid.length >= MAX_ROWS + 20 ? grid.length + 1 : 0);
    if (full > MAX_ROWS + 20) throw tooManyRows({ en: `The sheet "${sheetName}"`, zh: `工作表“${sheetName}”` }, full);
    const rows: SheetRow[] = [];
    for (let r = found.row + 1; r < grid.length; r++) {
      const line = grid[r] ?? [];
      const cells: Record<string, Cell> = {};
      let any = false;
      for (const [index, key] of found.map) {
        const v = line[index];
        if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) any = true;
        cells[key] = v;
      }
      if (any) rows.push({ rowNumber: r + 1, cells });
      if (rows.length > MAX_ROWS) {
        throw new UserError('excel_too_many_rows', `The sheet has more than ${MAX_ROWS} rows; split it into several files.`, `表格超过 ${MAX_ROWS} 行，请拆分为多个文件。`);
      }
    }
    return { rows, sheetName };
  }
  const expected = columns.filter((c) => c.required).map((c) => c.header).join('、');
  throw new UserError(
    'excel_no_header',
    `No sheet of ${fileName} has the expected header row (needs at least: ${columns.filter((c) => c.required).map((c) => c.headerEn).join(', ')}). Start from the template.`,
    `“${fileName}”中没有找到可识别的表头（至少需要：${expected}）。请使用下载的模板填写。`,
  );
}

function clean(h: unknown): string {
  return String(h ?? '').replace(/[\s*＊（）()]/g, '').toLowerCase();
}

function headerLookup<R>(columns: Column<R>[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of columns) {
    m.set(clean(c.header), c.key);
    m.set(clean(c.headerEn), c.key);
    for (const a of c.aliases ?? []) m.set(clean(a), c.key);
  }
  return m;
}

/** The header is the first row (of the first 10) that names every required column. */
function findHeader<R>(grid: Cell[][], byHeader: Map<string, string>, columns: Column<R>[]): { row: number; map: Map<number, string> } | null {
  const required = columns.filter((c) => c.required).map((c) => c.key);
  for (let r = 0; r < Math.min(grid.length, 10); r++) {
    const map = new Map<number, string>();
    (grid[r] ?? []).forEach((h, i) => {
      const key = byHeader.get(clean(h));
      if (key && ![...map.values()].includes(key)) map.set(i, key);
    });
    const keys = new Set(map.values());
    if (required.every((k) => keys.has(k)) && map.size >= 2) return { row: r, map };
  }
  return null;
}

/** CSV files saved by Chinese Excel are often GB18030 rather than UTF-8; both are accepted. */
function csvText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function tooManyRows(sheet: { en: string; zh: string }, lastRow: number): UserError {
  return new UserError(
    'excel_too_many_rows',
    `${sheet.en} extends to row ${lastRow}, beyond the limit of ${MAX_ROWS} rows: delete the rows below the data, or split it into several files.`,
    `${sheet.zh}延伸到第 ${lastRow} 行，超过 ${MAX_ROWS} 行的上限：请删除数据下方的空行，或拆分为多个文件。`,
  );
}
