import type { Database } from 'better-sqlite3';
import { FieldErrors } from './errors';
import { requireInstallation } from './installation';
import { getChecklist } from './checklists';
import { fromRow, insertRecord, updateRecord, type TableSpec } from './records';
import { isRealDate, today } from './clock';
import { sql } from './statements';

/** Milestones (e.g. item 16's industry digitalisation alliance): done or not, when, on what evidence. */
interface MilestoneFields {
  prefectureCode: string;
  indicatorId: string;
  checklistYear: number;
  done: boolean;
  doneOn: string | null;
  evidence: string | null;
}

export const milestoneSpec: TableSpec<MilestoneFields> = {
  table: 'milestones',
  label: { en: 'milestone', zh: '里程碑' },
  columns: { prefectureCode: 'prefecture_code', indicatorId: 'indicator_id', checklistYear: 'checklist_year', done: 'done', doneOn: 'done_on', evidence: 'evidence' },
  booleans: ['done'],
};

export function listMilestones(db: Database, year: number) {
  const inst = requireInstallation(db);
  return (sql(db, 'SELECT * FROM milestones WHERE checklist_year = ? AND prefecture_code = ? AND deleted = 0').all(year, inst.prefectureCode ?? '') as Record<string, unknown>[]).map((r) => fromRow(milestoneSpec, r));
}

export interface MilestoneInput {
  year: number;
  indicatorId: string;
  done: boolean;
  doneOn: string | null;
  evidence: string | null;
}

/** The rules of a milestone, for the form and for one arriving in a sync package. */
export function checkMilestone(db: Database, input: MilestoneInput, errors: FieldErrors): void {
  const ind = getChecklist(db, input.year)?.indicators.find((i) => i.id === input.indicatorId);
  if (!ind || ind.compute.kind !== 'milestone') errors.add('indicatorId', 'Not a milestone of the checklist.', '不是清单中的里程碑指标。');
  if (input.done && !input.doneOn) errors.add('doneOn', 'Say when it was done.', '请填写完成日期。');
  if (input.doneOn && (!isRealDate(input.doneOn) || input.doneOn > today())) errors.add('doneOn', 'A real date, not in the future.', '完成日期无效或晚于今天。');
}

export function saveMilestone(db: Database, input: MilestoneInput) {
  return db.transaction(() => {
    const inst = requireInstallation(db);
    const errors = new FieldErrors();
    checkMilestone(db, input, errors);
    errors.throwIfAny(milestoneSpec.label);
    const fields: MilestoneFields = { prefectureCode: inst.prefectureCode ?? '', indicatorId: input.indicatorId, checklistYear: input.year, done: input.done, doneOn: input.done ? input.doneOn : null, evidence: input.evidence };
    const existing = sql(db, 'SELECT id FROM milestones WHERE checklist_year = ? AND indicator_id = ? AND prefecture_code = ? AND deleted = 0').get(input.year, input.indicatorId, fields.prefectureCode) as { id: string } | undefined;
    if (existing) updateRecord(db, milestoneSpec, existing.id, fields);
    else insertRecord(db, milestoneSpec, fields);
    return listMilestones(db, input.year);
  })();
}
