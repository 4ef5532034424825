import type { Database } from 'better-sqlite3';
import type { CellReader } from './cells';

export type ExcelKind = 'enterprises' | 'activities' | 'visits' | 'problems';

/** One column of a template, an export and an import. */
export interface Column<R> {
  /** The field key errors are reported under ("uscc", "metrics.participants"). */
  key: string;
  header: string;
  headerEn: string;
  /** Earlier headers of the column, still read (a template from an older build imports as before). */
  aliases?: string[];
  width: number;
  required?: boolean;
  type?: 'text' | 'date' | 'number';
  /** Drop-down choices written into the template. */
  options?: string[];
  /** A hint for the instructions sheet. */
  hint?: string;
  value(record: R): string | number | null;
}

export type RowOutcome = 'created' | 'updated' | 'unchanged';

/** What an entity brings to the Excel machinery. */
export interface ExcelEntity<R> {
  kind: ExcelKind;
  title: string;
  titleEn: string;
  columns(db: Database): Column<R>[];
  /** Every record of the current list, with the user's filters. */
  exportRecords(db: Database, filters: Record<string, unknown>): R[];
  /** Creates or updates one row's record; throws UserError with field keys for a bad row. */
  importRow(db: Database, read: CellReader): RowOutcome;
  /**
   * What identifies the row's record, if the sheet says (a credit code): a second row with the
   * same key in one file is refused, not left to overwrite the first.
   */
  rowKey?: { column: string; of(read: CellReader): string | null };
  /** Fields that identify the record: a wrong one rejects the row even when optional fields may be skipped. */
  identity?: string[];
}
