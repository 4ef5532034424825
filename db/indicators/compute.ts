import type { Database } from 'better-sqlite3';
import type { Computation } from '../reference/schema';
import { untilDataChanges } from './cache';
import type { Window } from './window';

/** The SQL behind each kind of computation, for one prefecture or (null) every record. */
export interface Where {
  prefectureCode: string | null;
}

export function scopeSql(alias: string, s: Where, params: unknown[]): string {
  if (s.prefectureCode === null) return '';
  params.push(s.prefectureCode);
  return ` AND ${alias}.prefecture_code = ?`;
}

export function dateSql(column: string, w: Window, params: unknown[]): string {
  params.push(w.to);
  let sql = ` AND ${column} <= ?`;
  if (w.from) {
    params.push(w.from);
    sql += ` AND ${column} >= ?`;
  }
  return sql;
}

export function inList(values: string[], params: unknown[]): string {
  params.push(...values);
  return `(${values.map(() => '?').join(', ')})`;
}

/**
 * The date a status was reached. Statuses carry a date (YYYY-MM-DD); a year alone, as written by
 * builds before dates (and still accepted from their packages), stands for 31 December of that
 * year: it surely held by then, so it is never counted before its date.
 */
export const STATUS_DATE = (j: string) => `(CASE WHEN ${j}.type = 'integer' THEN printf('%04d-12-31', ${j}.value) ELSE ${j}.value END)`;

/** An enterprise filter as SQL on alias e: 专精特新 and/or holding a status by the window's end. */
export function filterSql(f: { specialised?: boolean; status?: string } | undefined, w: Window, params: unknown[]): string {
  let sql = '';
  if (f?.specialised) sql += " AND e.specialised <> 'none'";
  if (f?.status) {
    params.push(f.status, w.to);
    // Found among the enterprises holding any status (their index, migration 13), not by reading
    // the row of every enterprise the activities reached: the same enterprises, by their rowid.
    sql += ` AND e.rowid IN (SELECT s.rowid FROM enterprises s WHERE s.statuses <> '{}' AND EXISTS (SELECT 1 FROM json_each(s.statuses) j WHERE j.key = ? AND ${STATUS_DATE('j')} <= ?))`;
  }
  return sql;
}

type Additive = Extract<Computation, { kind: 'activity_count' | 'metric_sum' | 'distinct_enterprises' }>;

function activitiesSql(kinds: string[], s: Where, w: Window, params: unknown[]) {
  return `FROM activities a WHERE a.deleted = 0 AND a.kind IN ${inList(kinds, params)}${dateSql('a.date', w, params)}${scopeSql('a', s, params)}`;
}

/**
 * Distinct enterprises: the registered ones once each by credit code (one enterprise registered by
 * two offices is one at HQ; one without a code is itself), and apart from them the unregistered
 * attendees each event counted, which can only be added event by event.
 */
export function distinctEnterprises(db: Database, c: Extract<Computation, { kind: 'distinct_enterprises' }>, s: Where, w: Window): { registered: number; unregistered: number | null } {
  const params: unknown[] = [];
  const filter = filterSql(c.enterpriseFilter, w, params);
  const base = activitiesSql(c.activityKinds, s, w, params);
  const registered = (db.prepare(
    `SELECT count(DISTINCT coalesce(e.uscc, e.id)) AS n FROM enterprises e WHERE e.deleted = 0${filter}
     AND e.id IN (SELECT l.enterprise_id FROM activity_enterprises l WHERE l.deleted = 0 AND l.activity_id IN (SELECT a.id ${base}))`,
  ).get(params) as { n: number }).n;
  if (!c.includeUnregistered) return { registered, unregistered: null };
  const p2: unknown[] = [];
  const unregistered = (db.prepare(`SELECT coalesce(sum(json_extract(a.metrics, '$.unregistered_enterprises')), 0) AS n ${activitiesSql(c.activityKinds, s, w, p2)}`).get(p2) as { n: number }).n;
  return { registered, unregistered };
}

export function additive(db: Database, c: Additive, s: Where, w: Window): number {
  if (c.kind === 'distinct_enterprises') {
    const d = distinctEnterprises(db, c, s, w);
    return d.registered + (d.unregistered ?? 0);
  }
  const params: unknown[] = [];
  if (c.kind === 'activity_count') {
    if (s.prefectureCode === null) return (db.prepare(`SELECT count(*) AS n ${activitiesSql(c.activityKinds, s, w, params)}`).get(params) as { n: number }).n;
    return countsByPrefecture(db, 'a', activitiesSql(c.activityKinds, { prefectureCode: null }, w, params), params).get(s.prefectureCode) ?? 0;
  }
  // A sum of metrics stays one query per scope: the same numbers added in another order could
  // differ in their last digit, and a figure must not move because of how it was asked for.
  params.push(`$.${c.metric}`);
  return (db.prepare(`SELECT coalesce(sum(json_extract(a.metrics, ?)), 0) AS n ${activitiesSql(c.activityKinds, s, w, params)}`).get(params) as { n: number }).n;
}

/**
 * Covered enterprises are found from the activities and visits of the kinds that count (covering
 * indexes, a few thousand rows) rather than by probing every enterprise's history. A service
 * officer counts from the date assigned; the population is the enterprises registered by then.
 */
export function coverage(db: Database, c: Extract<Computation, { kind: 'coverage' }>, s: Where, w: Window) {
  const params: unknown[] = [];
  const population = `FROM enterprises e WHERE e.deleted = 0${filterSql(c.population, w, params)}`;
  const covered: string[] = [];
  const p2 = [...params];
  if (c.coveredBy.serviceOfficer) {
    p2.push(w.to);
    // A row from an older build has no date: it counts from the day it was saved (as migration 12 set).
    covered.push("(e.service_officer IS NOT NULL AND e.service_officer <> '' AND coalesce(e.service_officer_since, substr(e.updated_at, 1, 10)) <= ?)");
  }
  // `+e.id`: each enterprise of the population is looked up in the lists of those reached, rather
  // than each enterprise reached being looked up in the register (a population of 专精特新 is
  // 8,000 entries of their own index, those reached 37,000 at HQ: 138 ms to 104 ms for item 14).
  if (c.coveredBy.activityKinds?.length) {
    covered.push(`+e.id IN (SELECT l.enterprise_id FROM activities a JOIN activity_enterprises l ON l.activity_id = a.id AND l.deleted = 0 WHERE a.deleted = 0 AND a.kind IN ${inList(c.coveredBy.activityKinds, p2)}${dateSql('a.date', w, p2)})`);
  }
  if (c.coveredBy.visitKinds?.length) {
    covered.push(`+e.id IN (SELECT v.enterprise_id FROM visits v WHERE v.deleted = 0 AND v.kind IN ${inList(c.coveredBy.visitKinds, p2)}${dateSql('v.date', w, p2)})`);
  }
  const coveredSql = `${population} AND (${covered.join(' OR ') || '0'})`;
  if (s.prefectureCode === null) {
    const count = (from: string, p: unknown[]) => (db.prepare(`SELECT count(*) AS n ${from}`).get(p) as { n: number }).n;
    return { numerator: count(coveredSql, p2), denominator: count(population, params) };
  }
  // The covered enterprises are found among the whole region's activities and visits for any
  // scope, so a prefecture's pass costs what the region's does: the seven of HQ's matrix come from
  // one pass grouped by prefecture (1.2 s of CPU at HQ's scale before, 0.2 s after). The region's
  // own stays the plain count, which reads indexes only.
  const code = s.prefectureCode;
  const count = (from: string, p: unknown[]) => countsByPrefecture(db, 'e', from, p).get(code) ?? 0;
  return { numerator: count(coveredSql, p2), denominator: count(population, params) };
}

/**
 * How many rows `from` (a FROM … WHERE … on alias) holds per prefecture, in one pass kept until
 * the data changes: HQ's matrix asks the same question for seven prefectures in a row, and one
 * grouped pass costs about what one prefecture's filtered pass does.
 */
function countsByPrefecture(db: Database, alias: string, from: string, params: unknown[]): Map<string | null, number> {
  return untilDataChanges(db, `counts by prefecture ${from} ${JSON.stringify(params)}`, () => {
    const rows = db.prepare(`SELECT ${alias}.prefecture_code AS p, count(*) AS n ${from} GROUP BY ${alias}.prefecture_code`).all(params) as { p: string | null; n: number }[];
    return new Map(rows.map((r) => [r.p, r.n]));
  });
}

/**
 * Enterprises per status reached within the window. One pass over the enterprises that hold any
 * status (an index of them, migration 13) gives, per status, how many reached it on each date up
 * to the window's end; every status and every window start (the checklist's year, or from the
 * beginning) is then added up from it. A pass per status cost 30 ms each at HQ's 100,000
 * enterprises, and a pass per window twice the work.
 */
export function statusCount(db: Database, status: string, s: Where, w: Window): number {
  const byDate = untilDataChanges(db, `statuses by date ${s.prefectureCode} ${w.to}`, () => {
    const params: unknown[] = [w.to];
    const rows = db
      .prepare(`SELECT j.key AS status, ${STATUS_DATE('j')} AS date, count(*) AS n FROM enterprises e, json_each(e.statuses) j WHERE e.deleted = 0 AND e.statuses <> '{}' AND ${STATUS_DATE('j')} <= ?${scopeSql('e', s, params)} GROUP BY 1, 2`)
      .all(params) as { status: string; date: unknown; n: number }[];
    const m = new Map<string, { date: unknown; n: number }[]>();
    for (const r of rows) {
      let dates = m.get(r.status);
      if (!dates) m.set(r.status, (dates = []));
      dates.push(r);
    }
    return m;
  });
  const from = w.from ?? '0000-00-00';
  let n = 0;
  // A date that is not text (never written by this app) is not counted, as SQL's BETWEEN on text would not.
  for (const r of byDate.get(status) ?? []) if (typeof r.date === 'string' && r.date >= from) n += r.n;
  return n;
}

/** The visits a visit count counts (alias v, their enterprise e): the figure and its drill-down read the same rows. */
export function countedVisitsSql(c: Extract<Computation, { kind: 'visit_count' }>, s: Where, w: Window, params: unknown[]): string {
  const where = `v.deleted = 0 AND v.kind IN ${inList(c.visitKinds, params)}${dateSql('v.date', w, params)}${scopeSql('v', s, params)}`;
  const filter = filterSql(c.enterpriseFilter, w, params);
  // CROSS JOIN keeps the visits of the kind as the outer loop (their index holds all it needs),
  // where the planner would otherwise walk every 专精特新 enterprise and read its visits' rows.
  return `FROM visits v CROSS JOIN enterprises e ON e.id = v.enterprise_id WHERE ${where}${filter}`;
}

export function visitCount(db: Database, c: Extract<Computation, { kind: 'visit_count' }>, s: Where, w: Window): number {
  const params: unknown[] = [];
  // The region's reads indexes only; a prefecture's needs each visit's row for its prefecture
  // (100 ms each at HQ's scale), so the seven come from one grouped pass.
  if (s.prefectureCode === null) return (db.prepare(`SELECT count(*) AS n ${countedVisitsSql(c, s, w, params)}`).get(params) as { n: number }).n;
  return countsByPrefecture(db, 'v', countedVisitsSql(c, { prefectureCode: null }, w, params), params).get(s.prefectureCode) ?? 0;
}
