import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { activityInput, enterpriseInput, figureInput, problemInput, problemNoteInput, problemStatuses, visitInput, type ProblemStatus } from '../../api/entities';
import { milestoneInput } from '../../api/progress-contract';
import { FieldErrors } from '../errors';
import { fromRow, type TableSpec } from '../records';
import type { SyncedTable } from '../migrations';
import { enterpriseSpec } from '../enterprises';
import { validateEnterprise } from '../validation/enterprise';
import { activitySpec } from '../activities';
import { validateActivity } from '../validation/activity';
import { validateVisit, visitSpec } from '../visits';
import { checkProblemFields, checkProgressNote, checkStatusChange, isClosing, noteSpec, problemSpec, raisedOn } from '../problems';
import { checkFigure, figureSpec } from '../figures';
import { checkMilestone, milestoneSpec } from '../milestones';
import type { Row } from './rows';
import { checkSupervisionFields, supervisionSpec, type SupervisionFields } from '../supervision/spec';

/**
 * A row from a package is checked by the very rules a form save and an Excel import use: the
 * stored row is read back into the record the form would have sent (the API's input schema,
 * with its lengths, enums and JSON shapes), then the record module's validation runs on it.
 * What a form cannot say about a stored row (its checklist year, a closed problem's date) is
 * compared with what the same rules derive. Returns the reason, or null.
 *
 * References to other records are checked by the import itself (a record may point at one that
 * was deleted later), so the form's "enterprise exists and is not deleted" is not applied here.
 */
export interface RowRefusal {
  field: string;
  en: string;
  zh: string;
}

const REFERENCE_FIELDS = /^(enterpriseId|enterpriseIds\.\d+|problemId|visitId)$/;

function firstError(errors: FieldErrors): RowRefusal | null {
  for (const [field, m] of Object.entries(errors.errors)) if (!REFERENCE_FIELDS.test(field)) return { field, en: m.en, zh: m.zh };
  return null;
}

/** The record as the form would send it: the fields of the input schema that the stored record has. */
function asInput<S extends z.ZodObject<z.ZodRawShape>>(schema: S, record: Record<string, unknown>): { data: z.output<S> } | { refusal: RowRefusal } {
  const picked: Record<string, unknown> = {};
  for (const k of Object.keys(schema.shape)) if (k !== 'id' && k !== 'expectedVersion' && record[k] !== undefined) picked[k] = record[k];
  const parsed = schema.safeParse(picked);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || '?';
  return { refusal: { field, en: `${field}: ${issue.message}`, zh: `${field}：${issue.message}` } };
}

function stored<T extends object>(spec: TableSpec<T>, row: Row): { record: Record<string, unknown> } | { refusal: RowRefusal } {
  try {
    return { record: fromRow(spec, row) as Record<string, unknown> };
  } catch {
    const column = spec.json?.find((f) => {
      const v = row[spec.columns[f]];
      try {
        if (typeof v === 'string') JSON.parse(v);
        return false;
      } catch {
        return true;
      }
    });
    return { refusal: { field: String(column ?? '?'), en: `${String(column)} is not valid JSON`, zh: `${String(column)}不是有效的JSON` } };
  }
}

type Check = (db: Database, record: Record<string, unknown>, row: Row, prefecture: string, errors: FieldErrors) => RowRefusal | null;

function viaSchema<S extends z.ZodObject<z.ZodRawShape>>(schema: S, then: (db: Database, data: z.output<S>, record: Record<string, unknown>, row: Row, prefecture: string, errors: FieldErrors) => void): Check {
  return (db, record, row, prefecture, errors) => {
    const input = asInput(schema, record);
    if ('refusal' in input) return input.refusal;
    then(db, input.data, record, row, prefecture, errors);
    return firstError(errors);
  };
}

const checks: Partial<Record<SyncedTable, { spec: TableSpec<object>; check: Check }>> = {
  enterprises: {
    spec: enterpriseSpec as TableSpec<object>,
    check: viaSchema(enterpriseInput, (db, data, _r, _row, prefecture, errors) => void validateEnterprise(db, data, prefecture, errors)),
  },
  activities: {
    spec: activitySpec as TableSpec<object>,
    check: viaSchema(activityInput, (db, data, record, _row, prefecture, errors) => {
      const fields = validateActivity(db, data, prefecture, errors);
      if (!errors.has() && fields.checklistYear !== record.checklistYear) errors.add('checklistYear', 'checklist_year does not match the date', '清单年度与活动日期不符');
    }),
  },
  visits: {
    spec: visitSpec as TableSpec<object>,
    check: viaSchema(visitInput, (db, data, _r, _row, prefecture, errors) => void validateVisit(db, data, prefecture, errors)),
  },
  problems: {
    spec: problemSpec as TableSpec<object>,
    check: viaSchema(problemInput, (db, data, record, _row, _p, errors) => {
      const raised = raisedOn(db, { visitId: record.visitId as string | null, createdAt: record.createdAt as string });
      checkProblemFields(db, errors, data, '', raised);
      const status = record.status as ProblemStatus;
      if (!problemStatuses.includes(status)) errors.add('status', `unknown status ${String(status).slice(0, 20)}`, `未知的办理状态`);
      else if (isClosing(status)) checkStatusChange(errors, { status, resolution: record.resolution as string | null }, (record.closedOn as string | null) ?? '', raised);
      else if (record.closedOn !== null || record.resolution !== null) errors.add('closedOn', 'an open problem has no closing date or outcome', '未办结的问题不应有办结日期或办结情况');
    }),
  },
  problem_notes: {
    spec: noteSpec as TableSpec<object>,
    // A status change writes its note as 状态 + outcome + note (each up to 2,000 characters).
    check: viaSchema(problemNoteInput.extend({ note: z.string().trim().min(1).max(4100) }), (db, data, _r, _row, _p, errors) => {
      const problem = db.prepare('SELECT visit_id, created_at FROM problems WHERE id = ?').get(data.problemId) as { visit_id: string | null; created_at: string } | undefined;
      if (problem) checkProgressNote(errors, data.date, data.note, raisedOn(db, { visitId: problem.visit_id, createdAt: problem.created_at }));
    }),
  },
  reported_figures: {
    spec: figureSpec as TableSpec<object>,
    check: viaSchema(figureInput, (db, data, _r, _row, _p, errors) => checkFigure(db, data, errors)),
  },
  milestones: {
    spec: milestoneSpec as TableSpec<object>,
    check: (db, record, _row, _p, errors) => {
      const input = asInput(milestoneInput, { ...record, year: record.checklistYear });
      if ('refusal' in input) return input.refusal;
      checkMilestone(db, input.data, errors);
      if (!input.data.done && record.doneOn !== null) errors.add('doneOn', 'a milestone not done has no date', '未完成的里程碑不应有完成日期');
      return firstError(errors);
    },
  },
  supervision_items: {
    spec: supervisionSpec as TableSpec<object>,
    // Reference fields are checked here too: an item about a problem this office does not hold is refused.
    check: (db, record, _row, _p, errors) => {
      checkSupervisionFields(db, record as unknown as SupervisionFields, errors, { fresh: false });
      const [field, m] = Object.entries(errors.errors)[0] ?? [];
      return field && m ? { field, en: m.en, zh: m.zh } : null;
    },
  },
};

/** Why this row of `table`, sent by an office of `prefecture`, would not be saved by the form; null if it would. */
export function rowRefusal(db: Database, table: SyncedTable, row: Row, prefecture: string): RowRefusal | null {
  const c = checks[table];
  if (!c) return null;
  const s = stored(c.spec, row);
  if ('refusal' in s) return s.refusal;
  return c.check(db, s.record, row, prefecture, new FieldErrors());
}
