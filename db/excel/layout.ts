import type { Bilingual } from '../errors';
import type { SourceColumn } from '../../api/ledger-contract';
import type { Cell } from './cells';
import type { GridRow, SheetGrid } from './read';
import type { ExcelKind } from './types';
import { headerMatcher, type Confidence, type FieldInfo } from './headers';
import { comparable, isRowNumberHeader, isTotalsText, trimSpaces } from './normalise';
import { columnLetter } from './write';

/** How far down a sheet the header may be: title blocks and notes come first in offices' sheets. */
export const HEADER_SEARCH_ROWS = 20;

export type { SourceColumn };

export interface HeaderFound {
  /** 0-based row indexes of the header (one, or two for a two-row header). */
  rows: number[];
  headers: Map<number, string>;
  matches: Map<number, { key: string; confidence: Confidence }>;
  score: number;
}

const text = (v: Cell): string => (v === null || v === undefined ? '' : trimSpaces(String(v)));

/** Recognised fields of a candidate header: each field counted once, partial matches half. */
function score(matches: Map<number, { key: string; confidence: Confidence }>, fields: FieldInfo[]): number {
  const best = new Map<string, number>();
  for (const m of matches.values()) best.set(m.key, Math.max(best.get(m.key) ?? 0, m.confidence === 'partial' ? 0.5 : 1));
  let s = [...best.values()].reduce((a, b) => a + b, 0);
  // A sheet naming the required fields is the data sheet rather than a list of options.
  for (const f of fields) if (f.required && best.has(f.key)) s += 0.5;
  return s;
}

function headerOf(match: ReturnType<typeof headerMatcher>, fields: FieldInfo[], lines: GridRow[]): HeaderFound {
  const headers = new Map<number, string>();
  const matches = new Map<number, { key: string; confidence: Confidence }>();
  const width = Math.max(...lines.map((l) => l.cells.length));
  for (let c = 0; c < width; c++) {
    const parts = lines.map((l) => (typeof l.cells[c] === 'string' ? text(l.cells[c]) : '')).filter(Boolean);
    const distinct = parts.filter((p, i) => parts.indexOf(p) === i);
    if (!distinct.length) continue;
    headers.set(c, distinct.join(' / '));
    // Under a group header (联系方式 over 联系人 and 电话) the lower cell names the field.
    const tries = distinct.length > 1 ? [distinct[distinct.length - 1]!, distinct.join(''), distinct[0]!] : distinct;
    for (const t of tries) {
      const m = match(t);
      if (m) {
        matches.set(c, m);
        break;
      }
    }
  }
  return { rows: lines.map((l) => l.r), headers, matches, score: score(matches, fields) };
}

/**
 * The header of a sheet: the row among its first 20 that names the most fields, or two rows
 * together where the second adds fields (a group header above its columns).
 */
export function findHeader(kind: ExcelKind, fields: FieldInfo[], sheet: SheetGrid): HeaderFound | null {
  let best: HeaderFound | null = null;
  const rows = sheet.rows;
  const match = headerMatcher(kind, fields);
  for (let i = 0; i < rows.length && rows[i]!.r < HEADER_SEARCH_ROWS; i++) {
    const one = headerOf(match, fields, [rows[i]!]);
    let found = one;
    const next = rows[i + 1];
    if (next && next.r === rows[i]!.r + 1 && next.r < HEADER_SEARCH_ROWS + 1) {
      const two = headerOf(match, fields, [rows[i]!, next]);
      const below = headerOf(match, fields, [next]);
      if (two.score > one.score && two.score > below.score && below.matches.size > 0) found = two;
    }
    // A header names at least two fields, one of them required: a list of options (县（区）,
    // 行业门类…) is not a register.
    const required = fields.filter((f) => f.required).map((f) => f.key);
    const namesRequired = !required.length || [...found.matches.values()].some((m) => required.includes(m.key));
    if (found.score >= 2 && namesRequired && (!best || found.score > best.score)) best = found;
  }
  return best;
}

const RANK: Record<Confidence, number> = { exact: 3, alias: 2, partial: 1 };

/** The automatic mapping: each field to the column that names it best (leftmost on a tie). */
export function autoMapping(found: HeaderFound, present: number[], fieldLabel: (key: string) => string): SourceColumn[] {
  const owner = new Map<string, number>();
  for (const c of present) {
    const m = found.matches.get(c);
    if (!m) continue;
    const current = owner.get(m.key);
    if (current === undefined || RANK[m.confidence] > RANK[found.matches.get(current)!.confidence]) owner.set(m.key, c);
  }
  return present.map((c) => {
    const header = found.headers.get(c) ?? '';
    const m = found.matches.get(c);
    const base = { index: c, letter: columnLetter(c + 1), header, samples: [] as string[], filled: 0 };
    if (m && owner.get(m.key) === c) return { ...base, field: m.key, confidence: m.confidence, note: null };
    let note: Bilingual;
    if (m) {
      const other = columnLetter(owner.get(m.key)! + 1);
      note = { en: `Column ${other} already fills ${fieldLabel(m.key)}.`, zh: `${other} 列已对应“${fieldLabel(m.key)}”。` };
    } else if (isRowNumberHeader(header)) note = { en: 'Row numbers.', zh: '序号列。' };
    else if (!header) note = { en: 'No header.', zh: '没有表头。' };
    else note = { en: 'Not recognised; choose a field to import it.', zh: '未识别；如需导入请选择对应字段。' };
    return { ...base, field: null, confidence: null, note };
  });
}

/** A data row, its cells by field key, and the source row as it was (for the rejected-rows file). */
export interface SheetRow {
  rowNumber: number;
  cells: Record<string, Cell>;
  source: Cell[];
}

export interface Skipped {
  blank: number;
  /** Row numbers of 合计 / 小计 / 总计 rows. */
  totals: number[];
  /** Rows identical to an earlier one. */
  repeated: { rowNumber: number; sameAs: number }[];
  /** Empty cells filled from a merged range. */
  filled: number;
}

/**
 * The rows under the header: cells by field for the mapped columns, blank rows, totals rows and
 * exact repeats of an earlier row skipped and counted. Fills each column's samples and counts.
 */
export function dataRows(sheet: SheetGrid, found: HeaderFound, columns: SourceColumn[]): { rows: SheetRow[]; skipped: Skipped } {
  const last = Math.max(...found.rows);
  const skipped: Skipped = { blank: 0, totals: [], repeated: [], filled: sheet.filled };
  const rows: SheetRow[] = [];
  const seen = new Map<string, number>();
  const position = new Map(columns.map((c, i) => [c.index, i]));
  const rowNumbers = new Set(columns.flatMap((c, i) => (!c.field && isRowNumberHeader(c.header) ? [i] : [])));
  let previous = last;
  for (const line of sheet.rows) {
    if (line.r <= last) continue;
    skipped.blank += line.r - previous - 1;
    previous = line.r;
    // Sparse: only the cells the row has (a wide, tall, mostly empty sheet must cost its cells).
    const source: Cell[] = [];
    const present: [number, string][] = [];
    line.cells.forEach((v, c) => {
      const i = position.get(c);
      const t = text(v);
      if (i === undefined || t === '') return;
      source[i] = v;
      present.push([i, t]);
    });
    // A row with nothing but its 序号 (templates numbered in advance) is a blank row.
    if (present.every(([i]) => rowNumbers.has(i))) {
      skipped.blank++;
      continue;
    }
    const rowNumber = line.r + 1;
    if (present.some(([, t]) => isTotalsText(t))) {
      skipped.totals.push(rowNumber);
      continue;
    }
    const signature = JSON.stringify(present);
    const first = seen.get(signature);
    if (first !== undefined) {
      skipped.repeated.push({ rowNumber, sameAs: first });
      continue;
    }
    seen.set(signature, rowNumber);
    const cells: Record<string, Cell> = Object.create(null) as Record<string, Cell>;
    for (const [i, t] of present) {
      const c = columns[i]!;
      c.filled++;
      if (c.samples.length < 3 && !c.samples.includes(t.slice(0, 40))) c.samples.push(t.slice(0, 40));
      if (c.field) cells[c.field] = source[i];
    }
    rows.push({ rowNumber, cells, source });
  }
  return { rows, skipped };
}

/** The columns under and in the header that hold anything: none is left out of the list. */
export function presentColumns(sheet: SheetGrid, found: HeaderFound): number[] {
  const first = Math.min(...found.rows);
  const cols = new Set<number>(found.headers.keys());
  for (const line of sheet.rows) {
    if (line.r < first) continue;
    line.cells.forEach((v, c) => {
      if (text(v) !== '') cols.add(c);
    });
  }
  return [...cols].sort((a, b) => a - b);
}

/** What identifies a header set, for remembering its mapping. */
export function headerSignature(kind: ExcelKind, columns: SourceColumn[]): string {
  return `${kind}:${columns.map((c) => `${c.letter}=${comparable(c.header)}`).join('|')}`;
}
