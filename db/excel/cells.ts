import * as XLSX from 'xlsx';
import { FieldErrors } from '../errors';

/** A cell as SheetJS reads it (raw values, dates as serial numbers). */
export type Cell = string | number | boolean | null | undefined;

/**
 * Turning one cell into a value, or an error for that cell. Each parser names the problem in
 * words a user can act on ("日期应为 2022-03-15 这样的格式"), never a stack.
 */
export class CellReader {
  constructor(
    readonly errors: FieldErrors,
    private readonly cells: Record<string, Cell>,
    private readonly headers: Record<string, string>,
  ) {}

  private fail(key: string, en: string, zh: string) {
    this.errors.add(key, en, zh);
    return null;
  }

  /** Whether the sheet has this column at all (absent columns leave stored values alone). */
  present(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.cells, key);
  }

  has(key: string): boolean {
    const v = this.cells[key];
    return !(v === null || v === undefined || (typeof v === 'string' && v.trim() === ''));
  }

  text(key: string, max = 2000): string | null {
    if (!this.has(key)) return null;
    const v = this.cells[key];
    // An apostrophe our exports put before formula-like text is not part of the value.
    const s = typeof v === 'number' ? numberText(v) : String(v).trim().replace(/^'(?=[=+\-@])/, '');
    if (s.length > max) return this.fail(key, `${this.headers[key]}: at most ${max} characters.`, `${this.headers[key]}：不能超过${max}个字。`);
    return s;
  }

  required(key: string, max = 2000): string | null {
    if (!this.has(key)) return this.fail(key, `${this.headers[key]} is required.`, `${this.headers[key]}：必填。`);
    return this.text(key, max);
  }

  number(key: string, integer = false): number | null {
    if (!this.has(key)) return null;
    const v = this.cells[key];
    const n = typeof v === 'number' ? v : Number(String(v).replace(/[,，\s]/g, ''));
    if (!Number.isFinite(n)) return this.fail(key, `${this.headers[key]}: "${String(v)}" is not a number.`, `${this.headers[key]}：“${String(v)}”不是数字。`);
    if (integer && !Number.isInteger(n)) return this.fail(key, `${this.headers[key]}: a whole number is needed.`, `${this.headers[key]}：应为整数。`);
    return n;
  }

  /** A cell holding a year alone (2022 or "2022"), or null when it holds something else. */
  yearOnly(key: string): number | null {
    const v = this.cells[key];
    const s = typeof v === 'number' ? String(v) : String(v ?? '').trim();
    return /^(19[4-9]\d|20\d\d|2100)$/.test(s) ? Number(s) : null;
  }

  date(key: string): string | null {
    if (!this.has(key)) return null;
    const parsed = parseDateCell(this.cells[key]);
    if (!parsed) {
      return this.fail(key, `${this.headers[key]}: "${String(this.cells[key])}" is not a date like 2022-03-15.`, `${this.headers[key]}：“${String(this.cells[key])}”不是有效日期，应为 2022-03-15 这样的格式。`);
    }
    return parsed;
  }

  requiredOption<T extends string>(key: string, options: readonly { id: T; labels: string[] }[]): T | null {
    if (!this.has(key)) return this.fail(key, `${this.headers[key]} is required.`, `${this.headers[key]}：必填。`);
    return this.option(key, options);
  }

  /** A value from a drop-down list: matched on its label, its code, or "code label". */
  option<T extends string>(key: string, options: readonly { id: T; labels: string[] }[]): T | null {
    const s = this.text(key);
    if (s === null) return null;
    const norm = normalise(s);
    const hit = options.find((o) => normalise(o.id) === norm || o.labels.some((l) => normalise(l) === norm));
    if (!hit) {
      const shown = options.map((o) => o.labels[0]).slice(0, 12).join('、');
      return this.fail(key, `${this.headers[key]}: "${s}" is not one of the choices (${shown}).`, `${this.headers[key]}：“${s}”不在可选范围内（${shown}）。`);
    }
    return hit.id;
  }
}

function normalise(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}

function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n);
}

/** Dates as Excel serials, or text: 2022-03-15, 2022/3/15, 2022.3.15, 2022年3月15日. */
export function parseDateCell(v: Cell): string | null {
  if (typeof v === 'number') {
    if (v < 1 || v > 2958465) return null;
    const d = XLSX.SSF.parse_date_code(v);
    if (!d) return null;
    return iso(d.y, d.m, d.d);
  }
  if (typeof v !== 'string') return null;
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(v);
  if (!m) return null;
  return iso(Number(m[1]), Number(m[2]), Number(m[3]));
}

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
