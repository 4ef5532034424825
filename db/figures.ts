import type { Database } from 'better-sqlite3';
import type { Figure, FigureData, FigureFields } from '../api/entities';
import { FieldErrors } from './errors';
import { fromRow, insertRecord, requireRecord, setDeleted, updateRecord, type TableSpec } from './records';
import { getChecklist } from './checklists';
import { requireInstallation } from './installation';
import { isRealDate, today } from './clock';
import { findPrefecture } from './reference/bundled';

/**
 * Figures that come from banks or statistics offices (loan balance, receivables platform…):
 * entered with their date and source; for a period, the latest one counts.
 */
export const figureSpec: TableSpec<FigureFields> = {
  table: 'reported_figures',
  label: { en: 'reported figure', zh: '上报数据' },
  columns: {
    prefectureCode: 'prefecture_code',
    figureId: 'figure_id',
    checklistYear: 'checklist_year',
    asOf: 'as_of',
    value: 'value',
    source: 'source',
    notes: 'notes',
  },
};

/** The rules of a reported figure, for the form and for a figure arriving in a sync package. */
export function checkFigure(db: Database, input: FigureData, errors: FieldErrors): void {
  const checklist = getChecklist(db, input.checklistYear);
  if (!checklist) errors.add('checklistYear', `No checklist for ${input.checklistYear}.`, `没有${input.checklistYear}年的清单。`);
  else if (!checklist.reportedFigures.some((f) => f.id === input.figureId)) {
    errors.add('figureId', `The ${checklist.year} checklist has no reported figure ${input.figureId}.`, `${checklist.year}年清单没有该上报指标（${input.figureId}）。`);
  }
  if (!isRealDate(input.asOf)) errors.add('asOf', `${input.asOf} is not a real date.`, `“${input.asOf}”不是有效日期。`);
  else if (input.asOf > today()) errors.add('asOf', 'The date of the figure cannot be in the future.', '数据截止日期不能晚于今天。');
  if (input.value < 0 && input.figureId !== 'credit_growth') errors.add('value', 'This figure cannot be negative.', '该数值不能为负数。');
}

export function saveFigure(db: Database, input: FigureData): { record: Figure; created: boolean; changed: boolean } {
  return db.transaction(() => {
    const inst = requireInstallation(db);
    const errors = new FieldErrors();
    checkFigure(db, input, errors);
    errors.throwIfAny(figureSpec.label);
    if (input.prefectureCode && inst.role === 'office' && input.prefectureCode !== inst.prefectureCode) errors.add('prefectureCode', 'An office reports for its own prefecture only.', '地市只能报送本地（市）的数据。');
    else if (input.prefectureCode && !findPrefecture(input.prefectureCode)) errors.add('prefectureCode', `Unknown prefecture ${input.prefectureCode}.`, `未知的地（市）代码 ${input.prefectureCode}。`);
    errors.throwIfAny(figureSpec.label);
    // Offices report for their prefecture; HQ's own figures are region-wide (prefecture ''), or a prefecture's when it says so.
    const prefectureCode = inst.role === 'office' ? inst.prefectureCode! : (input.prefectureCode ?? '');
    const fields: FigureFields = { prefectureCode, figureId: input.figureId, checklistYear: input.checklistYear, asOf: input.asOf, value: input.value, source: input.source, notes: input.notes };
    if (input.id) {
      const { record, changed } = updateRecord(db, figureSpec, input.id, fields, input.expectedVersion);
      return { record, created: false, changed };
    }
    return { record: insertRecord(db, figureSpec, fields), created: true, changed: true };
  })();
}

export function setFigureDeleted(db: Database, id: string, deleted: boolean): Figure {
  return db.transaction(() => setDeleted(db, figureSpec, id, deleted))();
}

export function getFigure(db: Database, id: string): Figure {
  return requireRecord(db, figureSpec, id);
}

export function listFigures(db: Database, year: number | undefined, deleted = false): Figure[] {
  const rows = (year === undefined
    ? db.prepare('SELECT * FROM reported_figures WHERE deleted = ? ORDER BY as_of DESC, created_at DESC').all(deleted ? 1 : 0)
    : db.prepare('SELECT * FROM reported_figures WHERE deleted = ? AND checklist_year = ? ORDER BY as_of DESC, created_at DESC').all(deleted ? 1 : 0, year)) as Record<string, unknown>[];
  return rows.map((r) => fromRow(figureSpec, r));
}
