import * as XLSX from 'xlsx';
import { FieldErrors } from '../errors';
import { comparable, halfWidth, trimSpaces } from './normalise';

/** A cell as SheetJS reads it (raw values, dates as serial numbers). */
export type Cell = string | number | boolean | null | undefined;

/** A value that fits several choices (小微: 小型 or 微型): the user answers once per file. */
export interface Question {
  field: string;
  value: string;
  candidates: { id: string; label: string }[];
  rows: number;
}

/** What a row is read with besides its cells. */
export interface ReadContext {
  /** Fields treated as blank: optional fields whose values were wrong, imported without them. */
  dropped?: ReadonlySet<string>;
  /** The user's answers: field → value as written → choice id. */
  answers?: Record<string, Record<string, string>>;
  /** Collects the questions of the whole file. */
  questions?: Map<string, Question>;
}

/** A drop-down's choices and how everyday writing maps to them. */
export interface ChoiceSpec<T extends string = string> {
  choices: readonly { id: T; labels: string[] }[];
  /** Words that fit several choices, by `comparable` form. */
  questions?: Record<string, readonly T[]>;
  /** The part of a value that names the choice (萨迦 in 日喀则市萨迦县). */
  stem?: (s: string) => string;
  /** A value inside a label, or a label inside the value, names that choice if only one fits. */
  contains?: boolean;
}

/** Longest list a message spells out; a longer one points to the template's list sheet. */
const LISTED = 30;

/**
 * Turning one cell into a value, or an error for that cell. Each parser names the problem in
 * words a user can act on ("日期应为 2022-03-15 这样的格式"), never a stack. Messages name the
 * column as the sheet does (`headers`); list messages also name the template's column (`fields`).
 */
export class CellReader {
  constructor(
    readonly errors: FieldErrors,
    private readonly cells: Record<string, Cell>,
    private readonly headers: Record<string, string>,
    private readonly context: ReadContext = {},
    private readonly fields: Record<string, string> = headers,
  ) {}

  private fail(key: string, en: string, zh: string) {
    this.errors.add(key, en, zh);
    return null;
  }

  private raw(key: string): Cell {
    return Object.prototype.hasOwnProperty.call(this.cells, key) ? this.cells[key] : null;
  }

  has(key: string): boolean {
    if (this.context.dropped?.has(key)) return false;
    const v = this.raw(key);
    return !(v === null || v === undefined || (typeof v === 'string' && trimSpaces(v) === ''));
  }

  text(key: string, max = 2000): string | null {
    if (!this.has(key)) return null;
    const v = this.raw(key);
    // An apostrophe our exports put before formula-like text is not part of the value.
    const s = typeof v === 'number' ? String(v) : trimSpaces(String(v)).replace(/^'(?=[=+\-@])/, '');
    if (s.length > max) return this.fail(key, `${this.headers[key]}: at most ${max} characters.`, `${this.headers[key]}：不能超过${max}个字。`);
    return s;
  }

  /** Codes and phone numbers: full-width digits, letters and dashes as half-width. */
  code(key: string, max = 2000): string | null {
    const s = this.text(key, max);
    return s === null ? null : halfWidth(s).trim();
  }

  required(key: string, max = 2000): string | null {
    if (!this.has(key)) return this.fail(key, `${this.headers[key]} is required.`, `${this.headers[key]}：必填。`);
    return this.text(key, max);
  }

  number(key: string, integer = false): number | null {
    if (!this.has(key)) return null;
    const v = this.raw(key);
    // 1，200 / １２０ / 120人 / 35 家: the number as written, without separators or a count word.
    const cleaned = typeof v === 'number' ? '' : halfWidth(String(v)).replace(/[,，\s]/g, '').replace(/(人次|人|家|个|场|次|户|项|期|名|批|年)$/, '');
    const n = typeof v === 'number' ? v : cleaned === '' ? Number.NaN : Number(cleaned);
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
    const parsed = parseDateCell(this.raw(key));
    if (!parsed) {
      const v = String(this.raw(key));
      return this.fail(key, `${this.headers[key]}: "${v}" is not a date like 2022-03-15.`, `${this.headers[key]}：“${v}”不是有效日期，应为 2022-03-15、2022年3月15日或 2022.3.15 这样的格式。`);
    }
    return parsed;
  }

  requiredOption<T extends string>(key: string, spec: ChoiceSpec<T> | readonly { id: T; labels: string[] }[]): T | null {
    if (!this.has(key)) return this.fail(key, `${this.headers[key]} is required.`, `${this.headers[key]}：必填。`);
    return this.option(key, spec);
  }

  /**
   * A value from a drop-down list: matched on its label, its code, "code label", or the
   * everyday words the spec knows. A word that fits several choices becomes a question.
   */
  option<T extends string>(key: string, specOrChoices: ChoiceSpec<T> | readonly { id: T; labels: string[] }[]): T | null {
    const spec: ChoiceSpec<T> = Array.isArray(specOrChoices) ? { choices: specOrChoices as readonly { id: T; labels: string[] }[] } : (specOrChoices as ChoiceSpec<T>);
    const s = this.text(key);
    if (s === null) return null;
    const found = matchChoice(spec, s);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) return this.ask(key, s, found, spec);
    const labels = spec.choices.map((o) => o.labels[0]!);
    const list =
      labels.length <= LISTED
        ? { en: `choose one of: ${labels.join(', ')}`, zh: `可选值（共 ${labels.length} 项）：${labels.join('、')}` }
        : { en: `choose one of the ${labels.length} values in the "${this.fields[key]}" column of the template's 选项 sheet`, zh: `请填写导入模板“选项”工作表中“${this.fields[key]}”一列的值（共 ${labels.length} 项）` };
    return this.fail(key, `${this.headers[key]}: "${s}" is not one of the choices; ${list.en}.`, `${this.headers[key]}：“${s}”不在可选范围内。${list.zh}。`);
  }

  private ask<T extends string>(key: string, value: string, candidates: T[], spec: ChoiceSpec<T>): T | null {
    const label = (id: T) => spec.choices.find((c) => c.id === id)?.labels[0] ?? id;
    // Answered by the choice's id (the app) or its name (the command line).
    const answer = this.context.answers?.[key]?.[value];
    const chosen = answer === undefined ? undefined : candidates.find((id) => id === answer || comparable(label(id)) === comparable(answer));
    if (chosen !== undefined) return chosen;
    const q = this.context.questions;
    if (q) {
      const k = `${key}\u0000${value}`;
      const entry = q.get(k) ?? { field: key, value, candidates: candidates.map((id) => ({ id, label: label(id) })), rows: 0 };
      entry.rows++;
      q.set(k, entry);
    }
    const names = candidates.map(label);
    return this.fail(
      key,
      `${this.headers[key]}: "${value}" could be ${names.join(' or ')}; choose which in the preview (command line: --value "${this.fields[key]}:${value}=${names[0]}").`,
      `${this.headers[key]}：“${value}”可能是${names.join('或')}，请在预览中选择（命令行：--value "${this.fields[key]}:${value}=${names[0]}"）。`,
    );
  }
}

/** The choices a written value names: one, several (a question) or none. */
export function matchChoice<T extends string>(spec: ChoiceSpec<T>, value: string): T[] {
  const norm = comparable(value);
  const exact = spec.choices.filter((o) => comparable(o.id) === norm || o.labels.some((l) => comparable(l) === norm));
  if (exact.length) return unique(exact.map((o) => o.id));
  const asked = spec.questions?.[norm];
  if (asked?.length) return [...asked];
  if (spec.stem) {
    const stem = spec.stem(value);
    const hits = spec.choices.filter((o) => stem !== '' && spec.stem!(o.labels[0]!) === stem);
    if (hits.length) return unique(hits.map((o) => o.id));
  }
  if (spec.contains && norm.length >= 2) {
    const hits = spec.choices.filter((o) => o.labels.some((l) => {
      const c = comparable(l);
      return c.length >= 2 && (c.includes(norm) || norm.includes(c));
    }));
    if (hits.length) return unique(hits.map((o) => o.id));
  }
  return [];
}

const unique = <T>(xs: T[]): T[] => xs.filter((x, i) => xs.indexOf(x) === i);

/**
 * Dates as Excel serials, or text: 2022-03-15, 2022/3/15, 2022.3.15, 2022年3月15日, 20220315,
 * with full-width digits too, and a time after the date ignored.
 */
export function parseDateCell(v: Cell): string | null {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 29991231) return compact(String(v));
    if (v < 1 || v > 2958465) return null;
    const d = XLSX.SSF.parse_date_code(v);
    if (!d) return null;
    return iso(d.y, d.m, d.d);
  }
  if (typeof v !== 'string') return null;
  const s = halfWidth(trimSpaces(v));
  if (/^\d{8}$/.test(s)) return compact(s);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (!m) return null;
  return iso(Number(m[1]), Number(m[2]), Number(m[3]));
}

function compact(s: string): string | null {
  return iso(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
}

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
