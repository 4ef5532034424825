import * as XLSX from 'xlsx';
import { UserError } from '../errors';
import { checkZip } from '../excel/zip-check';
import type { Cell } from '../excel/cells';
import { checklistSchema, type Checklist } from '../reference/schema';
import { COMPUTE_COLUMNS, SHEETS, type BookColumn, type BookSheet } from './sheets';
import { issueText } from './issues';

/**
 * One problem of a checklist file, where a person can find it: sheet, row and column. `messageZh`
 * is the whole of it in Chinese (where, then what); `message` is what in English, which
 * `problemLine` places after the Chinese.
 */
export interface ChecklistProblem {
  sheet: string | null;
  row: number | null;
  field: string | null;
  message: string;
  messageZh: string;
}

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 2000;

function located(p: ChecklistProblem): ChecklistProblem {
  const where = [p.sheet ? `工作表“${p.sheet}”` : '', p.row ? `第${p.row}行` : '', p.field ? `“${p.field}”` : ''].join('');
  return { ...p, messageZh: `${where ? `${where}：` : ''}${p.messageZh}` };
}

/** A problem as one line for a person: the Chinese first, the English with its place beside it. */
export function problemLine(p: ChecklistProblem): { zh: string; en: string } {
  const where = [p.sheet && `sheet ${p.sheet}`, p.row && `row ${p.row}`, p.field].filter(Boolean).join(', ');
  return { zh: p.messageZh, en: where ? `${where}: ${p.message}` : p.message };
}

function setPath(o: Record<string, unknown>, path: string, v: unknown) {
  const keys = path.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
  cur[keys[keys.length - 1]!] = v;
}

const blank = (v: Cell) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const list = (v: Cell) => String(v).split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean);

/** One cell as its column's kind says, or the reason it is not. */
function parseCell(v: Cell, c: BookColumn): { value?: unknown; error?: [string, string] } {
  const s = typeof v === 'string' ? v.trim() : v;
  switch (c.kind) {
    case 'text':
      return { value: String(s) };
    case 'int':
    case 'number': {
      const n = typeof s === 'number' ? s : Number(String(s).replace(/[,，\s]/g, ''));
      if (!Number.isFinite(n)) return { error: [`"${String(v)}" is not a number`, `“${String(v)}”不是数字`] };
      if (c.kind === 'int' && !Number.isInteger(n)) return { error: ['a whole number is needed', '应为整数'] };
      return { value: n };
    }
    case 'ids':
      return { value: list(v) };
    case 'nums': {
      const ns = list(v).map(Number);
      if (ns.some((n) => !Number.isInteger(n))) return { error: [`"${String(v)}" is not a list of whole numbers`, `“${String(v)}”应为整数列表，用顿号分隔`] };
      return { value: ns };
    }
    case 'bool':
      if (s === true || s === '是' || s === 'true' || s === 'TRUE') return { value: true };
      if (s === false || s === '否' || s === 'false' || s === 'FALSE') return { value: false };
      return { error: [`"${String(v)}" is neither 是 nor 否`, `“${String(v)}”应为“是”或“否”`] };
    case 'json':
    case 'rest':
      try {
        const parsed: unknown = JSON.parse(String(s));
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        return { value: parsed };
      } catch {
        return { error: ['not a JSON object such as {"specialised":true}', '不是 JSON 对象，应形如 {"specialised":true}'] };
      }
  }
}

/** A workbook from outside, opened with the Excel importer's guards (size, zip bomb, no formulas or HTML). */
export function readGrid(buffer: Buffer, fileName: string): XLSX.WorkBook {
  if (buffer.length === 0) throw new UserError('excel_empty', 'The file is empty.', '文件是空的。');
  if (buffer.length > MAX_BYTES) throw new UserError('excel_too_large', 'A checklist workbook is at most 5 MB.', '清单工作簿不能超过 5 MB。');
  if (buffer[0] !== 0x50 || buffer[1] !== 0x4b) throw new UserError('excel_not_spreadsheet', `${fileName} is not an Excel file (.xlsx).`, `“${fileName}”不是 Excel 文件（.xlsx）。`);
  // Checked before SheetJS unpacks it: no zip bombs, no lying sizes.
  if (checkZip(buffer, fileName).lastRow > MAX_ROWS) throw new UserError('excel_too_many_rows', `A sheet has more than ${MAX_ROWS} rows.`, `工作表超过 ${MAX_ROWS} 行。`);
  try {
    return XLSX.read(buffer, { type: 'buffer', cellFormula: false, cellHTML: false, cellStyles: false, cellDates: false, sheetRows: MAX_ROWS, dense: true, WTF: false });
  } catch {
    throw new UserError('excel_not_spreadsheet', `${fileName} cannot be read as a spreadsheet.`, `无法将“${fileName}”作为电子表格读取。`);
  }
}

const clean = (h: unknown) => String(h ?? '').replace(/[\s*＊（）()]/g, '');

/** The entries of one sheet, each with the row it came from. */
function readSheet(wb: XLSX.WorkBook, s: BookSheet, problems: ChecklistProblem[]): { entries: Record<string, unknown>[]; rows: number[] } {
  const ws = wb.Sheets[s.name];
  if (!ws) {
    if (s.array !== 'qualitative') problems.push(located({ sheet: s.name, row: null, field: null, message: `The sheet "${s.name}" is missing.`, messageZh: '缺少该工作表（请从导出的工作簿或模板开始）' }));
    return { entries: [], rows: [] };
  }
  const grid = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  const header = (grid[0] ?? []).map(clean);
  const index = new Map<BookColumn, number>();
  for (const c of s.columns) {
    const i = header.indexOf(clean(c.header));
    if (i >= 0) index.set(c, i);
    else if (c.required) problems.push(located({ sheet: s.name, row: 1, field: c.header, message: `The column "${c.header}" is missing.`, messageZh: '缺少该列' }));
  }
  const entries: Record<string, unknown>[] = [];
  const rows: number[] = [];
  for (let r = 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    if (s.columns.every((c) => !index.has(c) || blank(line[index.get(c)!]))) continue;
    const entry: Record<string, unknown> = {};
    for (const [c, i] of index) {
      const v = line[i];
      // An empty list of an entry's own (aliases, metrics) is a blank cell; a computation's lists are absent when blank.
      if (blank(v) && (c.kind === 'ids' || c.kind === 'nums') && !c.path.includes('.')) entry[c.path] = [];
      if (blank(v)) continue;
      const parsed = parseCell(v, c);
      if (parsed.error) problems.push(located({ sheet: s.name, row: r + 1, field: c.header, message: parsed.error[0], messageZh: parsed.error[1] }));
      else if (c.kind === 'rest') {
        for (const [k, x] of Object.entries(parsed.value as object)) if (!COMPUTE_COLUMNS.includes(k)) setPath(entry, `${c.path}.${k}`, x);
      } else setPath(entry, c.path, parsed.value);
    }
    entries.push(entry);
    rows.push(r + 1);
  }
  return { entries, rows };
}

/** Where a schema issue points: the sheet and row of the entry, the column of the field. */
function locate(path: PropertyKey[], rowsOf: Map<string, number[]>): Pick<ChecklistProblem, 'sheet' | 'row' | 'field'> {
  const [head, index, ...rest] = path.map(String);
  const sheet = SHEETS.find((s) => s.array === head) ?? (head ? SHEETS[0]! : null);
  if (!sheet) return { sheet: null, row: null, field: null };
  if (sheet.array === null) return { sheet: sheet.name, row: 2, field: sheet.columns.find((c) => c.path === head)?.header ?? null };
  const row = index !== undefined ? (rowsOf.get(sheet.name)?.[Number(index)] ?? null) : null;
  const dotted = rest.filter((k) => !/^\d+$/.test(k)).join('.');
  const column = sheet.columns.find((c) => c.kind !== 'rest' && c.path === dotted) ?? sheet.columns.find((c) => c.kind !== 'rest' && dotted && c.path.startsWith(`${dotted}.`)) ?? (dotted.startsWith('compute.') ? sheet.columns.find((c) => c.kind === 'rest') : undefined);
  return { sheet: sheet.name, row, field: column?.header ?? null };
}

/** A checklist from the workbook HQ filled in, or every problem with its sheet, row and field. */
export function readChecklistWorkbook(buffer: Buffer, fileName: string): { checklist: Checklist | null; problems: ChecklistProblem[] } {
  const wb = readGrid(buffer, fileName);
  const problems: ChecklistProblem[] = [];
  const raw: Record<string, unknown> = {};
  const rowsOf = new Map<string, number[]>();
  for (const s of SHEETS) {
    const { entries, rows } = readSheet(wb, s, problems);
    rowsOf.set(s.name, rows);
    if (s.array === null) Object.assign(raw, entries[0] ?? {});
    else if (s.array !== 'qualitative' || entries.length) raw[s.array] = entries;
  }
  if (problems.length) return { checklist: null, problems };
  return fromRaw(raw, (path) => locate(path, rowsOf));
}

/** The same checks for a checklist in the JSON data format: the issues name the JSON path. */
export function readChecklistJson(text: string): { checklist: Checklist | null; problems: ChecklistProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { checklist: null, problems: [located({ sheet: null, row: null, field: null, message: `Not JSON: ${(e as Error).message}`, messageZh: '不是有效的 JSON 文件（请从导出的 JSON 开始修改）' })] };
  }
  return fromRaw(raw, (path) => ({ sheet: null, row: null, field: path.map(String).join('.') || null }));
}

function fromRaw(raw: unknown, where: (path: PropertyKey[]) => Pick<ChecklistProblem, 'sheet' | 'row' | 'field'>) {
  const parsed = checklistSchema.safeParse(raw);
  if (parsed.success) return { checklist: parsed.data, problems: [] };
  return {
    checklist: null,
    problems: parsed.error.issues.map((i) => {
      const text = issueText(i, raw);
      return located({ ...where(i.path), message: text.en, messageZh: text.zh });
    }),
  };
}
