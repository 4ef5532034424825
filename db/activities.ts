import { sql } from './statements';
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Activity, ActivityData, ActivityFields, ActivityListQuery, ActivityRow, Paged } from '../api/entities';
import { FieldErrors } from './errors';
import { fromRow, insertRecord, requireRecord, setDeleted, updateRecord, type TableSpec } from './records';
import { validateActivity } from './validation/activity';
import { prefectureFor } from './enterprises';
import { likePattern, Where } from './sql';

export const activitySpec: TableSpec<ActivityFields> = {
  table: 'activities',
  label: { en: 'activity', zh: '活动' },
  columns: {
    prefectureCode: 'prefecture_code',
    checklistYear: 'checklist_year',
    itemNo: 'item_no',
    kind: 'kind',
    title: 'title',
    date: 'date',
    countyCode: 'county_code',
    place: 'place',
    organiser: 'organiser',
    mode: 'mode',
    metrics: 'metrics',
    departments: 'departments',
    notes: 'notes',
  },
  json: ['metrics', 'departments'],
};

interface LinkFields {
  activityId: string;
  enterpriseId: string;
}
const linkSpec: TableSpec<LinkFields> = {
  table: 'activity_enterprises',
  label: { en: 'enterprise link', zh: '企业关联' },
  columns: { activityId: 'activity_id', enterpriseId: 'enterprise_id' },
};

/** Brings the activity's links to the given set: new ones are added, dropped ones soft-deleted. */
function syncLinks(db: Database, activityId: string, enterpriseIds: string[]): boolean {
  const rows = sql(db, 'SELECT id, enterprise_id, deleted FROM activity_enterprises WHERE activity_id = ?').all(activityId) as {
    id: string;
    enterprise_id: string;
    deleted: number;
  }[];
  const wanted = new Set(enterpriseIds);
  let changed = false;
  for (const r of rows) {
    const keep = wanted.has(r.enterprise_id);
    if (keep === (r.deleted === 1)) {
      setDeleted(db, linkSpec, r.id, !keep);
      changed = true;
    }
    wanted.delete(r.enterprise_id);
  }
  for (const enterpriseId of wanted) {
    insertRecord(db, linkSpec, { activityId, enterpriseId }, randomUUID());
    changed = true;
  }
  return changed;
}

export function linkedEnterprises(db: Database, activityId: string): { id: string; name: string; uscc: string | null }[] {
  return db
    .prepare(
      `SELECT e.id, e.name, e.uscc FROM activity_enterprises l JOIN enterprises e ON e.id = l.enterprise_id
       JOIN enterprise_name_keys k ON k.rid = e.rowid
       WHERE l.activity_id = ? AND l.deleted = 0 ORDER BY k.key, e.rowid`,
    )
    .all(activityId) as { id: string; name: string; uscc: string | null }[];
}

export function getActivity(db: Database, id: string): Activity {
  const a = requireRecord(db, activitySpec, id);
  const enterprises = linkedEnterprises(db, id);
  return { ...a, enterprises, enterpriseIds: enterprises.map((e) => e.id) };
}

export function saveActivity(db: Database, input: ActivityData): { record: Activity; created: boolean; changed: boolean } {
  return db.transaction(() => {
    const existing = input.id ? requireRecord(db, activitySpec, input.id) : null;
    const prefecture = existing ? existing.prefectureCode : prefectureFor(db, null);
    const errors = new FieldErrors();
    const fields = validateActivity(db, input, prefecture, errors);
    errors.throwIfAny(activitySpec.label);
    let id: string;
    let changed = true;
    if (existing) {
      id = existing.id;
      changed = updateRecord(db, activitySpec, id, fields, input.expectedVersion).changed;
    } else {
      id = insertRecord(db, activitySpec, fields, input.id).id;
    }
    changed = syncLinks(db, id, input.enterpriseIds) || changed;
    return { record: getActivity(db, id), created: !existing, changed };
  })();
}

export function setActivityDeleted(db: Database, id: string, deleted: boolean): Activity {
  return db.transaction(() => {
    setDeleted(db, activitySpec, id, deleted);
    return getActivity(db, id);
  })();
}

export function listActivities(db: Database, q: ActivityListQuery): Paged<ActivityRow> {
  const where = new Where();
  where.add('a.deleted = ?', q.deleted ? 1 : 0);
  if (q.prefectureCode) where.add('a.prefecture_code = ?', q.prefectureCode);
  if (q.q?.trim()) {
    const p = likePattern(q.q.trim());
    where.add("(a.title LIKE ? ESCAPE '\\' OR a.place LIKE ? ESCAPE '\\' OR a.organiser LIKE ? ESCAPE '\\')", p, p, p);
  }
  if (q.year) where.add("a.date >= ? AND a.date <= ?", `${q.year}-01-01`, `${q.year}-12-31`);
  if (q.itemNo) where.add('a.item_no = ?', q.itemNo);
  if (q.kind) where.add('a.kind = ?', q.kind);
  if (q.from) where.add('a.date >= ?', q.from);
  if (q.to) where.add('a.date <= ?', q.to);
  if (q.countyCode) where.add('a.county_code = ?', q.countyCode);
  if (q.enterpriseId) where.add('EXISTS (SELECT 1 FROM activity_enterprises l WHERE l.activity_id = a.id AND l.deleted = 0 AND l.enterprise_id = ?)', q.enterpriseId);
  const total = (db.prepare(`SELECT count(*) AS n FROM activities a ${where}`).get(where.params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT a.*, (SELECT count(*) FROM activity_enterprises l WHERE l.activity_id = a.id AND l.deleted = 0) AS enterprise_count
       FROM activities a ${where} ORDER BY a.date DESC, a.created_at DESC, a.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...where.params, limit: q.limit, offset: q.offset }) as Record<string, unknown>[];
  return { total, rows: rows.map((r) => ({ ...fromRow(activitySpec, r), enterpriseCount: r.enterprise_count as number })) };
}

/** The natural key an imported row is matched on when it carries no id: same day, kind and title. */
export function findActivityByKey(db: Database, date: string, kind: string, title: string): string | null {
  const row = sql(db, 'SELECT id FROM activities WHERE date = ? AND kind = ? AND title = ? AND deleted = 0').get(date, kind, title) as { id: string } | undefined;
  return row?.id ?? null;
}
