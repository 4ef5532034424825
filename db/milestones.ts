import type { Database } from 'better-sqlite3';
import { FieldErrors } from './errors';
import { requireInstallation } from './installation';
import { getChecklist } from './checklists';
import { fromRow, insertRecord, updateRecord, type TableSpec } from './records';
import { isRealDate, today } from './clock';
import { sql } from './statements';
import { regionRuleOf } from './indicators/rules';

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

/**
 * The rules of a milestone, for the form and for one arriving in a sync package. Who may record
 * it (`writer`) is checked for the form only: a package from an office that recorded a regional
 * milestone before scopes existed still imports, and the engine counts such a row nowhere.
 */
export function checkMilestone(db: Database, input: MilestoneInput, errors: FieldErrors, writer?: 'hq' | 'office'): void {
  const ind = getChecklist(db, input.year)?.indicators.find((i) => i.id === input.indicatorId);
  if (!ind || ind.compute.kind !== 'milestone') errors.add('indicatorId', 'Not a milestone of the checklist.', '不是清单中的里程碑指标。');
  // A regional commitment is met by HQ's record alone; a prefecture's own by its office's.
  else if (writer === 'office' && regionRuleOf(ind) === 'hq_milestone') errors.add('indicatorId', 'A regional commitment: headquarters records it.', '该事项为自治区层面事项，由自治区记录。');
  else if (writer === 'hq' && regionRuleOf(ind) === 'each_prefecture') errors.add('indicatorId', 'Each prefecture\u2019s own commitment: its office records it.', '该事项由各地（市）分别完成，由各地（市）自行记录。');
  if (input.done && !input.doneOn) errors.add('doneOn', 'Say when it was done.', '请填写完成日期。');
  if (input.doneOn && (!isRealDate(input.doneOn) || input.doneOn > today())) errors.add('doneOn', 'A real date, not in the future.', '完成日期无效或晚于今天。');
}

export function saveMilestone(db: Database, input: MilestoneInput) {
  return db.transaction(() => {
    const inst = requireInstallation(db);
    const errors = new FieldErrors();
    checkMilestone(db, input, errors, inst.role);
    errors.throwIfAny(milestoneSpec.label);
    const fields: MilestoneFields = { prefectureCode: inst.prefectureCode ?? '', indicatorId: input.indicatorId, checklistYear: input.year, done: input.done, doneOn: input.done ? input.doneOn : null, evidence: input.evidence };
    const existing = sql(db, 'SELECT id FROM milestones WHERE checklist_year = ? AND indicator_id = ? AND prefecture_code = ? AND deleted = 0').get(input.year, input.indicatorId, fields.prefectureCode) as { id: string } | undefined;
    if (existing) updateRecord(db, milestoneSpec, existing.id, fields);
    else insertRecord(db, milestoneSpec, fields);
    return listMilestones(db, input.year);
  })();
}
