import { sql } from './statements';
import { isRealDate } from './clock';
import type { Database } from 'better-sqlite3';
import type { Paged, Visit, VisitData, VisitFields, VisitListQuery, VisitRow } from '../api/entities';
import { FieldErrors } from './errors';
import { fromRow, insertRecord, requireRecord, setDeleted, updateRecord, type TableSpec } from './records';
import { prefectureFor } from './enterprises';
import { checkProblemFields, createProblem, problemsOfVisit } from './problems';
import { checkEnterprise, checkPastDate } from './validation/common';
import { catalogues } from './reference/bundled';
import { currentChecklist } from './checklists';
import { likePattern, Where } from './sql';

export const visitSpec: TableSpec<VisitFields> = {
  table: 'visits',
  label: { en: 'visit', zh: '走访记录' },
  columns: {
    prefectureCode: 'prefecture_code',
    enterpriseId: 'enterprise_id',
    date: 'date',
    kind: 'kind',
    visitors: 'visitors',
    itemNo: 'item_no',
    summary: 'summary',
  },
};

export function validateVisit(db: Database, input: VisitData, prefectureCode: string, errors: FieldErrors): VisitFields {
  checkPastDate(errors, 'date', input.date, { en: 'The visit date', zh: '走访日期' });
  checkEnterprise(db, errors, 'enterpriseId', input.enterpriseId);
  if (!catalogues().visitKinds.some((k) => k.id === input.kind)) errors.add('kind', `Unknown visit kind ${input.kind}.`, `未知的走访类型 ${input.kind}。`);
  if (input.itemNo !== null) {
    const checklist = currentChecklist(db);
    if (checklist && !checklist.items.some((i) => i.no === input.itemNo)) errors.add('itemNo', `The checklist has no item ${input.itemNo}.`, `清单没有第${input.itemNo}项。`);
  }
  input.problems.forEach((p, i) => checkProblemFields(db, errors, p, `problems.${i}.`, isRealDate(input.date) ? input.date : undefined));
  return { prefectureCode, enterpriseId: input.enterpriseId, date: input.date, kind: input.kind, visitors: input.visitors, itemNo: input.itemNo, summary: input.summary };
}

/** A new visit is saved with the problems raised during it, all or nothing. */
export function saveVisit(db: Database, input: VisitData): { record: Visit; created: boolean; changed: boolean } {
  return db.transaction(() => {
    const existing = input.id ? requireRecord(db, visitSpec, input.id) : null;
    const prefecture = existing ? existing.prefectureCode : prefectureFor(db, null);
    const errors = new FieldErrors();
    const fields = validateVisit(db, input, prefecture, errors);
    errors.throwIfAny(visitSpec.label);
    if (existing) {
      const { changed } = updateRecord(db, visitSpec, existing.id, fields, input.expectedVersion);
      for (const p of input.problems) createProblem(db, { ...p, enterpriseId: fields.enterpriseId }, existing.id, prefecture);
      return { record: getVisit(db, existing.id), created: false, changed: changed || input.problems.length > 0 };
    }
    const visit = insertRecord(db, visitSpec, fields, input.id);
    for (const p of input.problems) createProblem(db, { ...p, enterpriseId: fields.enterpriseId }, visit.id, prefecture);
    return { record: getVisit(db, visit.id), created: true, changed: true };
  })();
}

export function setVisitDeleted(db: Database, id: string, deleted: boolean): Visit {
  return db.transaction(() => {
    setDeleted(db, visitSpec, id, deleted);
    return getVisit(db, id);
  })();
}

export function getVisit(db: Database, id: string): Visit {
  const v = requireRecord(db, visitSpec, id);
  const name = (sql(db, 'SELECT name FROM enterprises WHERE id = ?').get(v.enterpriseId) as { name: string }).name;
  return { ...v, enterpriseName: name, problems: problemsOfVisit(db, id) };
}

export function listVisits(db: Database, q: VisitListQuery): Paged<VisitRow> {
  const where = new Where();
  where.add('v.deleted = ?', q.deleted ? 1 : 0);
  if (q.prefectureCode) where.add('v.prefecture_code = ?', q.prefectureCode);
  if (q.q?.trim()) {
    const p = likePattern(q.q.trim());
    where.add("(e.name LIKE ? ESCAPE '\\' OR v.visitors LIKE ? ESCAPE '\\' OR v.summary LIKE ? ESCAPE '\\')", p, p, p);
  }
  if (q.kind) where.add('v.kind = ?', q.kind);
  if (q.from) where.add('v.date >= ?', q.from);
  if (q.to) where.add('v.date <= ?', q.to);
  if (q.enterpriseId) where.add('v.enterprise_id = ?', q.enterpriseId);
  const from = 'FROM visits v JOIN enterprises e ON e.id = v.enterprise_id';
  const total = (db.prepare(`SELECT count(*) AS n ${from} ${where}`).get(where.params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT v.*, e.name AS enterprise_name,
        (SELECT count(*) FROM problems p WHERE p.visit_id = v.id AND p.deleted = 0) AS problem_count
       ${from} ${where} ORDER BY v.date DESC, v.created_at DESC, v.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...where.params, limit: q.limit, offset: q.offset }) as Record<string, unknown>[];
  return {
    total,
    rows: rows.map((r) => ({ ...fromRow(visitSpec, r), enterpriseName: r.enterprise_name as string, problemCount: r.problem_count as number })),
  };
}

export function findVisitByKey(db: Database, enterpriseId: string, date: string, kind: string): string | null {
  const row = sql(db, 'SELECT id FROM visits WHERE enterprise_id = ? AND date = ? AND kind = ? AND deleted = 0').get(enterpriseId, date, kind) as { id: string } | undefined;
  return row?.id ?? null;
}
