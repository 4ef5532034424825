import type { Database } from 'better-sqlite3';
import type { Computation } from '../reference/schema';
import { getChecklist } from '../checklists';
import { UserError } from '../errors';
import { today } from '../clock';
import { windowFor } from './window';
import { countedVisitsSql, dateSql, filterSql, inList, scopeSql, STATUS_DATE } from './compute';

/** Drill-down lists of enterprises in the register's own (pinyin) order, not by character code. */
const BY_PINYIN = '(SELECT k.key FROM enterprise_name_keys k WHERE k.rid = e.rowid), e.name';

/** The records behind a figure, so that no number on the dashboard is a black box. */
export interface IndicatorRecords {
  kind: 'activities' | 'enterprises' | 'visits' | 'figures' | 'none';
  rows: Record<string, unknown>[];
  total: number;
  /** Enterprises not in the register, counted at the events by their number: part of the figure. */
  unregistered?: number;
}

const LIMIT = 500;

export function recordsOf(db: Database, input: { year: number; indicatorId: string; prefectureCode?: string | null; asOf?: string }): IndicatorRecords {
  const checklist = getChecklist(db, input.year);
  const ind = checklist?.indicators.find((i) => i.id === input.indicatorId);
  if (!ind) throw new UserError('not_found', `No indicator ${input.indicatorId} in ${input.year}.`, `${input.year}年清单中没有该指标。`);
  const w = windowFor(ind.period, input.year, input.asOf ?? today(), ind.countsFrom);
  const pref = input.prefectureCode ?? null;
  const params: unknown[] = [];
  // The same SQL pieces as the figure's own computation, so the records are exactly those it counts.
  const scope = (alias: string) => scopeSql(alias, { prefectureCode: pref }, params);
  const dates = (col: string) => dateSql(col, w, params);
  const kinds = (list: string[]) => inList(list, params);
  const c: Computation = ind.compute;
  const activityKinds = c.kind === 'ratio' ? [...new Set([...c.numerator.activityKinds, ...c.denominator.activityKinds])] : 'activityKinds' in c ? c.activityKinds : null;
  const page = (sql: string) => {
    const total = (db.prepare(`SELECT count(*) AS n FROM (${sql})`).get(params) as { n: number }).n;
    const rows = db.prepare(`${sql} LIMIT ${LIMIT}`).all(params) as Record<string, unknown>[];
    return { rows, total };
  };
  if (c.kind === 'distinct_enterprises') {
    const sub = `SELECT a.id FROM activities a WHERE a.deleted = 0 AND a.kind IN ${kinds(c.activityKinds)}${dates('a.date')}${scope('a')}`;
    const filter = filterSql(c.enterpriseFilter, w, params);
    // One row per credit code, as the figure counts them (an enterprise registered by two offices is one).
    const listed = page(`SELECT e.id, e.name, e.uscc, e.prefecture_code, e.county_code, e.specialised FROM activity_enterprises l JOIN enterprises e ON e.id = l.enterprise_id AND e.deleted = 0 WHERE l.deleted = 0 AND l.activity_id IN (${sub})${filter} GROUP BY coalesce(e.uscc, e.id) ORDER BY ${BY_PINYIN}`);
    if (!c.includeUnregistered) return { kind: 'enterprises', ...listed };
    // The same activities' own count of enterprises they could not name from the register.
    const unregistered = (db.prepare(`SELECT coalesce(sum(json_extract(a.metrics, '$.unregistered_enterprises')), 0) AS n FROM activities a WHERE a.id IN (${sub})`).get(params) as { n: number }).n;
    return { kind: 'enterprises', ...listed, unregistered };
  }
  if (activityKinds) {
    return { kind: 'activities', ...page(`SELECT a.id, a.date, a.title, a.kind, a.item_no, a.prefecture_code, a.county_code, a.metrics FROM activities a WHERE a.deleted = 0 AND a.kind IN ${kinds(activityKinds)}${dates('a.date')}${scope('a')} ORDER BY a.date DESC`) };
  }
  if (c.kind === 'coverage' || c.kind === 'enterprise_status_count') {
    let where: string;
    if (c.kind === 'coverage') where = filterSql(c.population, w, params);
    else {
      params.push(c.status, w.from ?? '0000-00-00', w.to);
      where = ` AND EXISTS (SELECT 1 FROM json_each(e.statuses) j WHERE j.key = ? AND ${STATUS_DATE('j')} BETWEEN ? AND ?)`;
    }
    return { kind: 'enterprises', ...page(`SELECT e.id, e.name, e.uscc, e.prefecture_code, e.county_code, e.specialised, e.service_officer, e.statuses FROM enterprises e WHERE e.deleted = 0${where}${scope('e')} ORDER BY ${BY_PINYIN}`) };
  }
  if (c.kind === 'visit_count') {
    // Each visit counted, with the enterprise visited (a leader visiting one enterprise twice is two visits).
    const counted = countedVisitsSql(c, { prefectureCode: pref }, w, params);
    return { kind: 'visits', ...page(`SELECT v.id, v.date, v.kind, v.visitors, v.prefecture_code, v.enterprise_id, e.name AS enterprise_name, e.uscc, e.specialised ${counted} ORDER BY v.date DESC`) };
  }
  if (c.kind === 'reported') {
    params.push(c.figure, input.year);
    let sql = 'SELECT r.id, r.figure_id, r.prefecture_code, r.as_of, r.value, r.source, r.notes FROM reported_figures r WHERE r.deleted = 0 AND r.figure_id = ? AND r.checklist_year = ?';
    sql += scope('r');
    return { kind: 'figures', ...page(`${sql} ORDER BY r.as_of DESC`) };
  }
  return { kind: 'none', rows: [], total: 0 };
}
