import type { Database } from 'better-sqlite3';
import { FieldErrors, isUserError, UserError, type Bilingual } from '../errors';
import { CellReader, type Question } from './cells';
import type { SheetRow } from './layout';
import type { ImportOptions } from './source';
import type { ExcelEntity, RowOutcome } from './types';

/** "enterpriseIds.3" and "metrics.participants.x" belong to their column. */
export function columnKeyOf(field: string, keys: string[]): string {
  return keys.find((k) => field === k || field.startsWith(`${k}.`)) ?? field;
}

interface Setup {
  headers: Record<string, string>;
  fieldHeaders: Record<string, string>;
  /** Fields that may be left out of a row (not required, not what identifies the record). */
  optional: ReadonlySet<string>;
  questions: Map<string, Question>;
  options: ImportOptions;
  columnKeys: string[];
}

type Reason = { column: string; message: string; messageZh: string };

/** Thrown inside a row's savepoint to undo a save that may not stand. */
const UNDO = new Error('row: undo');

/**
 * One row through the importer, with every problem of the row found in one pass. The importer
 * (the same validation as the forms) stops at the first kind of problem — cell errors, then the
 * record's checks — so the row is read again with the fields at fault left blank until no new
 * problem shows; each try runs in a savepoint that is undone. A row whose only problems are in
 * optional fields is then saved without those values when the user asked for it (a warning);
 * otherwise it is rejected with all its reasons.
 */
export class RowImport {
  private readonly once: (row: SheetRow, dropped: Set<string>, keep: boolean) => RowOutcome;

  constructor(
    private readonly db: Database,
    private readonly sheet: ExcelEntity<never>,
    private readonly setup: Setup,
  ) {
    this.once = db.transaction((row: SheetRow, dropped: Set<string>, keep: boolean): RowOutcome => {
      const outcome = sheet.importRow(db, this.reader(row, dropped));
      if (!keep) throw UNDO;
      return outcome;
    });
  }

  reader(row: SheetRow, dropped: ReadonlySet<string> = new Set()): CellReader {
    const { headers, fieldHeaders, options, questions } = this.setup;
    return new CellReader(new FieldErrors(), row.cells, headers, { dropped, answers: options.answers, questions: dropped.size ? undefined : questions }, fieldHeaders);
  }

  run(row: SheetRow): { outcome: RowOutcome; warnings: Reason[] } {
    const found = new Map<string, Bilingual>();
    const dropped = new Set<string>();
    let general: UserError | null = null;
    for (let attempt = 0; attempt < 8; attempt++) {
      const optionalOnly = [...dropped].every((k) => this.setup.optional.has(k));
      const keep = dropped.size === 0 || (!!this.setup.options.skipBadOptional && optionalOnly);
      try {
        const outcome = this.once(row, dropped, keep);
        return { outcome, warnings: [...found].map(([k, m]) => this.reason(k, m, true)) };
      } catch (e) {
        if (e === UNDO) break;
        if (!isUserError(e)) throw e;
        const fields = Object.entries(e.fields ?? {});
        if (!fields.length) {
          general = e;
          break;
        }
        let fresh = 0;
        for (const [field, m] of fields) {
          const key = columnKeyOf(field, this.setup.columnKeys);
          if (found.has(key)) continue;
          found.set(key, m);
          dropped.add(key);
          fresh++;
        }
        if (!fresh) break;
      }
    }
    if (!found.size && general) throw general;
    const reasons = [...found].map(([k, m]) => this.reason(k, m, false));
    if (general) reasons.push({ column: '', message: general.message, messageZh: general.messageZh });
    throw new UserError('validation', reasons.map((r) => r.message).join(' '), reasons.map((r) => r.messageZh).join(''), Object.fromEntries([...found, ...(general ? [['', { en: general.message, zh: general.messageZh }] as const] : [])]));
  }

  private reason(key: string, m: Bilingual, skipped: boolean): Reason {
    const column = this.setup.headers[key] ?? key;
    if (!skipped) return { column, message: m.en, messageZh: m.zh };
    return { column, message: `${m.en} Imported without this value.`, messageZh: `${m.zh}该项未导入（留空或保留原值）。` };
  }
}
