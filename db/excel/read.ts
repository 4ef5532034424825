import * as XLSX from 'xlsx';
import { UserError } from '../errors';
import type { Cell } from './cells';
import { checkZip } from './zip-check';

export const MAX_FILE_BYTES = 30 * 1024 * 1024;
export const MAX_ROWS = 100_000;

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

/** One row of a sheet as read: its 0-based row index and its cells by 0-based column (sparse). */
export interface GridRow {
  r: number;
  cells: Cell[];
}

export interface SheetGrid {
  name: string;
  rows: GridRow[];
  /** How many empty cells merged ranges filled with their first cell's value. */
  filled: number;
}

/**
 * What the last workbook read cost, in work rather than time: bytes unpacked from the archive,
 * cells taken from the sheets, cells visited to fill merged ranges. Tests bound these by the
 * file's size (a hostile file must cost what its bytes cost, not what it claims).
 */
export const readWork = { fileBytes: 0, inflatedBytes: 0, cells: 0, mergeCells: 0 };

/** Merged ranges may fill at most this many cells (real registers merge a few dozen). */
const MAX_MERGE_FILL = 200_000;

/**
 * Opens a workbook from outside (a USB stick, an e-mail) and returns its sheets as sparse rows.
 * It is read with formulas, HTML and styles off, a row limit, and a patched SheetJS
 * (CVE-2023-30533, CVE-2024-22363). Cells are taken only where the file has them: a cell that
 * claims to be at XFD1048576, or a sheet that declares a huge extent, costs what its bytes cost,
 * never what it claims (sheet_to_json filled every claimed row and column: 250 MB of heap from a
 * 20 KB file).
 */
export function openWorkbook(buffer: Buffer, fileName: string): SheetGrid[] {
  Object.assign(readWork, { fileBytes: buffer.length, inflatedBytes: 0, cells: 0, mergeCells: 0 });
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
    const { lastRow, inflated } = checkZip(buffer, fileName);
    readWork.inflatedBytes = inflated;
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
  const out: SheetGrid[] = [];
  for (const name of wb.SheetNames) {
    const sheet = wb.Sheets[name];
    if (!sheet) continue;
    // SheetJS stops reading at the row limit and keeps the sheet's full extent aside: rows past
    // the limit would otherwise be left out without a word. A CSV that filled the limit may go on.
    let declared = 0;
    try {
      declared = sheet['!fullref'] ? XLSX.utils.decode_range(sheet['!fullref']).e.r + 1 : 0;
    } catch {
      declared = 0;
    }
    const rows = gridRows(sheet, fileName, name);
    const last = rows.length ? rows[rows.length - 1]!.r + 1 : 0;
    const full = Math.max(declared, last, rows.length >= MAX_ROWS + 20 ? last + 1 : 0);
    if (full > MAX_ROWS + 20) throw tooManyRows({ en: `The sheet "${name.slice(0, 100)}"`, zh: `工作表“${name.slice(0, 100)}”` }, full);
    out.push({ name, rows, filled: fillMerges(rows, sheet['!merges'] ?? [], fileName) });
  }
  return out;
}

/** The rows the sheet really holds, in order, each with the cells it really has. */
function gridRows(sheet: XLSX.WorkSheet, fileName: string, name: string): GridRow[] {
  const data = (sheet as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
  const rows: GridRow[] = [];
  try {
    // By the indexes present, not forEach: a cell claiming row 99,999,999 makes SheetJS's array
    // that long, and forEach visits every hole (14 s for one such cell).
    for (const rk of Object.keys(data)) {
      const r = Number(rk);
      const line = data[r];
      if (!Array.isArray(line) || !Number.isInteger(r) || r < 0) continue;
      const cells: Cell[] = [];
      let any = false;
      for (const ck of Object.keys(line)) {
        const c = Number(ck);
        const v = valueOf(line[c]);
        if (v === null || !Number.isInteger(c) || c < 0 || c > 16_383) continue;
        cells[c] = v;
        readWork.cells++;
        any = true;
      }
      if (any) rows.push({ r, cells });
    }
  } catch {
    // SheetJS reads some damage (an unknown cell type) only when the cells are taken out.
    throw new UserError('excel_not_spreadsheet', `${fileName} cannot be read as a spreadsheet: the sheet "${name.slice(0, 100)}" is damaged.`, `无法将“${fileName}”作为电子表格读取：工作表“${name.slice(0, 100)}”已损坏。`);
  }
  return rows.sort((a, b) => a.r - b.r);
}

/** A cell's raw value (dates as serial numbers); errors (#N/A) and empty text are no value. */
function valueOf(cell: XLSX.CellObject | undefined): Cell {
  if (!cell || typeof cell !== 'object' || cell.t === 'e' || cell.t === 'z') return null;
  const v = cell.v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v === '' ? null : v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  return null;
}

/**
 * A merged range shows its first cell's value over the whole range (a county merged over the
 * rows of its enterprises, a header over two columns): the empty cells under it take that value.
 * Only rows and columns the sheet really has are filled, and a file that would fill more than
 * MAX_MERGE_FILL cells is refused rather than allowed to grow memory without bound.
 */
function fillMerges(rows: GridRow[], merges: XLSX.Range[], fileName: string): number {
  if (!merges.length || !rows.length) return 0;
  const index = new Map(rows.map((row, i) => [row.r, i]));
  const lastRow = rows[rows.length - 1]!.r;
  const widest = rows.reduce((m, row) => Math.max(m, row.cells.length), 0);
  let filled = 0;
  let visited = 0;
  for (const m of merges) {
    if (!m?.s || !m.e) continue;
    const top = index.get(m.s.r);
    const v = top === undefined ? null : rows[top]!.cells[m.s.c];
    if (v === null || v === undefined) continue;
    const endRow = Math.min(m.e.r, lastRow);
    const endCol = Math.min(m.e.c, widest - 1, 16_383);
    for (let r = m.s.r; r <= endRow; r++) {
      let i = index.get(r);
      if (i === undefined) {
        // A merged range over rows the file leaves out (all empty): they are rows of the register.
        rows.push({ r, cells: [] });
        i = rows.length - 1;
        index.set(r, i);
      }
      const cells = rows[i]!.cells;
      for (let c = m.s.c; c <= endCol; c++) {
        readWork.mergeCells++;
        if (++visited > MAX_MERGE_FILL) {
          throw new UserError(
            'excel_too_large',
            `${fileName} merges more than ${MAX_MERGE_FILL.toLocaleString('en')} cells; unmerge the cells (Excel: Merge & Center off) and import again.`,
            `“${fileName}”中合并的单元格超过 ${MAX_MERGE_FILL} 个，请取消合并单元格后再导入。`,
          );
        }
        if (cells[c] === null || cells[c] === undefined) {
          cells[c] = v;
          filled++;
        }
      }
    }
  }
  rows.sort((a, b) => a.r - b.r);
  return filled;
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
