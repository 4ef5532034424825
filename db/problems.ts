import { sql } from './statements';
import type { Database } from 'better-sqlite3';
import type { Paged, Problem, ProblemData, ProblemFields, ProblemListQuery, ProblemNote, ProblemRow, ProblemStatus } from '../api/entities';
import { FieldErrors, UserError } from './errors';
import { fromRow, insertRecord, requireRecord, setDeleted, updateRecord, type TableSpec } from './records';
import { prefectureFor } from './enterprises';
import { checkEnterprise } from './validation/common';
import { checkPlainText } from './validation/text';
import { currentChecklist } from './checklists';
import { isRealDate, nowIso, today } from './clock';
import { likePattern, Where } from './sql';
import { sortByPinyin } from './collate';
import { problemIdsWhere, supervisionNotes, supervisionStates } from './supervision/state';

export const problemSpec: TableSpec<ProblemFields> = {
  table: 'problems',
  label: { en: 'problem', zh: '问题' },
  columns: {
    prefectureCode: 'prefecture_code',
    enterpriseId: 'enterprise_id',
    visitId: 'visit_id',
    category: 'category',
    description: 'description',
    itemNo: 'item_no',
    responsibleUnit: 'responsible_unit',
    deadline: 'deadline',
    status: 'status',
    resolution: 'resolution',
    closedOn: 'closed_on',
  },
};

export const noteSpec: TableSpec<{ problemId: string; date: string; note: string }> = {
  table: 'problem_notes',
  label: { en: 'progress note', zh: '办理进展' },
  columns: { problemId: 'problem_id', date: 'date', note: 'note' },
};

const UNRESOLVED: readonly ProblemStatus[] = ['open', 'in_progress'];

export function isOverdue(p: Pick<ProblemFields, 'status' | 'deadline'>, on: string = today()): boolean {
  return UNRESOLVED.includes(p.status) && p.deadline !== null && p.deadline < on;
}

/**
 * The day a problem was raised: its visit's date, or the day it was recorded. Deadlines, progress
 * notes and closing come on or after it; earlier dates would skew the overdue and resolution
 * figures.
 */
export function raisedOn(db: Database, p: { visitId: string | null; createdAt: string }): string {
  const visit = p.visitId ? (sql(db, 'SELECT date FROM visits WHERE id = ?').get(p.visitId) as { date: string } | undefined) : undefined;
  return visit?.date ?? today(new Date(p.createdAt));
}

function checkNotBeforeRaised(errors: FieldErrors, key: string, date: string, raised: string, what: { en: string; zh: string }) {
  if (isRealDate(date) && date < raised) errors.add(key, `${what.en} cannot be before the problem was raised (${raised}).`, `${what.zh}不能早于问题提出的日期（${raised}）。`);
}

/** Checks the editable fields of a problem; `prefix` places messages inside a visit form. */
export function checkProblemFields(db: Database, errors: FieldErrors, input: Omit<ProblemData, 'id' | 'expectedVersion' | 'enterpriseId'>, prefix = '', raised?: string): void {
  if (input.deadline !== null && !isRealDate(input.deadline)) {
    errors.add(`${prefix}deadline`, `The deadline ${input.deadline} is not a real date.`, `办理时限“${input.deadline}”不是有效日期。`);
  } else if (input.deadline !== null && raised) checkNotBeforeRaised(errors, `${prefix}deadline`, input.deadline, raised, { en: 'The deadline', zh: '办理时限' });
  if (input.itemNo !== null) {
    const checklist = currentChecklist(db);
    if (checklist && !checklist.items.some((i) => i.no === input.itemNo)) {
      errors.add(`${prefix}itemNo`, `The checklist has no item ${input.itemNo}.`, `清单没有第${input.itemNo}项。`);
    }
  }
}

/** A progress note's or a status change's date: real, not in the future, not before the problem was raised. */
export function checkProgressDate(errors: FieldErrors, field: string, date: string, raised: string): void {
  if (!isRealDate(date)) errors.add(field, `${date} is not a real date.`, `“${date}”不是有效日期。`);
  else if (date > today()) errors.add(field, 'The date cannot be in the future.', '日期不能晚于今天。');
  else checkNotBeforeRaised(errors, field, date, raised, { en: 'The date', zh: '日期' });
}

const progressNoteLabel = { en: 'The progress note', zh: '办理进展' };

/** A progress note, typed in the app or brought by an office's package: its date and its text. */
export function checkProgressNote(errors: FieldErrors, date: string, note: string, raised: string): void {
  checkProgressDate(errors, 'date', date, raised);
  checkPlainText(errors, 'note', note, progressNoteLabel);
}

export const isClosing = (status: ProblemStatus) => status === 'resolved' || status === 'unresolvable';

/** A move to `status` on `date`: closing needs the outcome (for 无法解决, the reason). */
export function checkStatusChange(errors: FieldErrors, input: { status: ProblemStatus; resolution: string | null }, date: string, raised: string): void {
  checkProgressDate(errors, 'date', date, raised);
  checkPlainText(errors, 'resolution', input.resolution, { en: 'The outcome', zh: '办结情况' });
  if (input.status === 'unresolvable' && !input.resolution) {
    errors.add('resolution', 'Say why the problem cannot be resolved.', '请说明无法解决的原因。');
  }
  if (input.status === 'resolved' && !input.resolution) {
    errors.add('resolution', 'Say how the problem was resolved.', '请填写办结情况。');
  }
}

export function createProblem(db: Database, input: ProblemData & { enterpriseId: string }, visitId: string | null, prefectureCode: string): ProblemRow {
  const errors = new FieldErrors();
  checkEnterprise(db, errors, 'enterpriseId', input.enterpriseId);
  checkProblemFields(db, errors, input, '', raisedOn(db, { visitId, createdAt: nowIso() }));
  errors.throwIfAny(problemSpec.label);
  const stored = insertRecord(db, problemSpec, {
    prefectureCode,
    enterpriseId: input.enterpriseId,
    visitId,
    category: input.category,
    description: input.description,
    itemNo: input.itemNo,
    responsibleUnit: input.responsibleUnit,
    deadline: input.deadline,
    status: 'open',
    resolution: null,
    closedOn: null,
  }, input.id);
  return rowOf(db, stored.id);
}

export function saveProblem(db: Database, input: ProblemData): { record: Problem; created: boolean; changed: boolean } {
  return db.transaction(() => {
    if (!input.id) {
      if (!input.enterpriseId) {
        throw new UserError('validation', 'Choose the enterprise that raised the problem.', '请选择反映问题的企业。', { enterpriseId: { en: 'Choose an enterprise.', zh: '请选择企业。' } });
      }
      const row = createProblem(db, { ...input, enterpriseId: input.enterpriseId }, null, prefectureFor(db, null));
      return { record: getProblem(db, row.id), created: true, changed: true };
    }
    const errors = new FieldErrors();
    checkProblemFields(db, errors, input, '', raisedOn(db, requireRecord(db, problemSpec, input.id)));
    errors.throwIfAny(problemSpec.label);
    const { changed } = updateRecord(
      db,
      problemSpec,
      input.id,
      { category: input.category, description: input.description, itemNo: input.itemNo, responsibleUnit: input.responsibleUnit, deadline: input.deadline },
      input.expectedVersion,
    );
    return { record: getProblem(db, input.id), created: false, changed };
  })();
}

/**
 * Moves a problem along 待办 → 办理中 → 已办结 / 无法解决. Closing needs the outcome (for 无法解决,
 * the reason); reopening clears it. Each move is also written as a dated progress note.
 */
export function setProblemStatus(
  db: Database,
  input: { id: string; expectedVersion?: number; status: ProblemStatus; resolution: string | null; date?: string; note: string | null },
): Problem {
  return db.transaction(() => {
    const p = requireRecord(db, problemSpec, input.id);
    const date = input.date ?? today();
    const errors = new FieldErrors();
    checkStatusChange(errors, input, date, raisedOn(db, p));
    checkPlainText(errors, 'note', input.note, progressNoteLabel);
    errors.throwIfAny(problemSpec.label);
    const closing = isClosing(input.status);
    if (p.status === input.status && !input.note) return getProblem(db, p.id);
    updateRecord(
      db,
      problemSpec,
      p.id,
      { status: input.status, resolution: closing ? input.resolution : null, closedOn: closing ? date : null },
      input.expectedVersion,
    );
    const label: Record<ProblemStatus, string> = { open: '待办', in_progress: '办理中', resolved: '已办结', unresolvable: '无法解决' };
    const text = [p.status !== input.status ? `状态：${label[p.status]} → ${label[input.status]}` : null, input.resolution, input.note].filter(Boolean).join('。');
    insertRecord(db, noteSpec, { problemId: p.id, date, note: text });
    return getProblem(db, p.id);
  })();
}

export function addProblemNote(db: Database, input: { problemId: string; date: string; note: string }): Problem {
  return db.transaction(() => {
    const p = requireRecord(db, problemSpec, input.problemId);
    const errors = new FieldErrors();
    checkProgressNote(errors, input.date, input.note, raisedOn(db, p));
    errors.throwIfAny(noteSpec.label);
    insertRecord(db, noteSpec, input);
    return getProblem(db, p.id);
  })();
}

export function setProblemDeleted(db: Database, id: string, deleted: boolean): Problem {
  return db.transaction(() => {
    setDeleted(db, problemSpec, id, deleted);
    return getProblem(db, id);
  })();
}

const SELECT = `SELECT p.*, e.name AS enterprise_name FROM problems p JOIN enterprises e ON e.id = p.enterprise_id`;

function toRow(r: Record<string, unknown>, on: string): ProblemRow {
  const p = fromRow(problemSpec, r);
  return { ...p, enterpriseName: r.enterprise_name as string, overdue: isOverdue(p, on), supervision: null };
}

/** Problems as listed, each with HQ's 督办 state where there is one. */
function toRows(db: Database, rows: Record<string, unknown>[]): ProblemRow[] {
  const on = today();
  const list = rows.map((r) => toRow(r, on));
  const states = supervisionStates(db, list);
  for (const p of list) p.supervision = states.get(p.id) ?? null;
  return list;
}

function rowOf(db: Database, id: string): ProblemRow {
  return toRows(db, [sql(db, `${SELECT} WHERE p.id = ?`).get(id) as Record<string, unknown>])[0]!;
}

export function getProblem(db: Database, id: string): Problem {
  requireRecord(db, problemSpec, id);
  const notes = (sql(db, 'SELECT * FROM problem_notes WHERE problem_id = ? AND deleted = 0 ORDER BY date, created_at').all(id) as Record<string, unknown>[]).map(
    (r) => fromRow(noteSpec, r) as ProblemNote,
  );
  return { ...rowOf(db, id), notes, supervisionNotes: supervisionNotes(db, id) };
}

export function problemsOfVisit(db: Database, visitId: string): ProblemRow[] {
  return toRows(db, sql(db, `${SELECT} WHERE p.visit_id = ? AND p.deleted = 0 ORDER BY p.created_at`).all(visitId) as Record<string, unknown>[]);
}

export function listProblems(db: Database, q: ProblemListQuery): Paged<ProblemRow> {
  const on = today();
  const where = new Where();
  where.add('p.deleted = ?', q.deleted ? 1 : 0);
  if (q.prefectureCode) where.add('p.prefecture_code = ?', q.prefectureCode);
  if (q.q?.trim()) {
    const pattern = likePattern(q.q.trim());
    where.add("(p.description LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\' OR p.responsible_unit LIKE ? ESCAPE '\\')", pattern, pattern, pattern);
  }
  if (q.status === 'unresolved') where.add("p.status IN ('open', 'in_progress')");
  else if (q.status) where.add('p.status = ?', q.status);
  if (q.responsibleUnit) where.add('p.responsible_unit = ?', q.responsibleUnit);
  if (q.itemNo) where.add('p.item_no = ?', q.itemNo);
  if (q.category) where.add('p.category = ?', q.category);
  if (q.enterpriseId) where.add('p.enterprise_id = ?', q.enterpriseId);
  if (q.overdue) where.add("p.status IN ('open', 'in_progress') AND p.deadline IS NOT NULL AND p.deadline < ?", on);
  if (q.supervision) where.add('p.id IN (SELECT value FROM json_each(?))', JSON.stringify(problemIdsWhere(db, q.supervision)));
  const from = 'FROM problems p JOIN enterprises e ON e.id = p.enterprise_id';
  const total = (db.prepare(`SELECT count(*) AS n ${from} ${where}`).get(where.params) as { n: number }).n;
  const rows = db
    .prepare(
      `${SELECT} ${where}
       ORDER BY CASE WHEN p.status IN ('open', 'in_progress') THEN 0 ELSE 1 END, p.deadline IS NULL, p.deadline, p.created_at DESC, p.id
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...where.params, limit: q.limit, offset: q.offset }) as Record<string, unknown>[];
  return { total, rows: toRows(db, rows) };
}

/** Responsible units in use, for the filter's drop-down. */
export function responsibleUnits(db: Database): string[] {
  return sortByPinyin((sql(db, 'SELECT DISTINCT responsible_unit AS u FROM problems WHERE deleted = 0').all() as { u: string }[]).map((r) => r.u));
}

export function findProblemByKey(db: Database, enterpriseId: string, description: string): string | null {
  const row = sql(db, 'SELECT id FROM problems WHERE enterprise_id = ? AND description = ? AND deleted = 0').get(enterpriseId, description) as { id: string } | undefined;
  return row?.id ?? null;
}
