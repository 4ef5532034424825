import type { Database } from 'better-sqlite3';
import type { RegionRule } from '../reference/schema';
import { regions } from '../reference/bundled';
import { dateSql } from './compute';
import type { Window } from './window';

/**
 * Reported figures and milestones at the region: what the checklist declares, never a sum of
 * whatever happens to have been reported. Each answer says how it was reached, or why there is none.
 */
export type Basis =
  | { kind: 'hq_figure'; date: string }
  | { kind: 'complete_sum'; date: string; of: number }
  | { kind: 'not_reported' }
  | { kind: 'partly_reported'; reported: number; of: number }
  | { kind: 'hq_missing'; reported: number; of: number }
  | { kind: 'weighted' }
  | { kind: 'union' }
  | { kind: 'prefectures_done'; done: number; of: number }
  | { kind: 'hq_records' };

const prefectureCodes = () => regions().prefectures.map((p) => p.code);

function latest(db: Database, figure: string, year: number, prefecture: string, w: Window): { value: number; asOf: string } | null {
  const params: unknown[] = [figure, prefecture, year];
  const row = db.prepare(`SELECT value, as_of AS asOf FROM reported_figures WHERE deleted = 0 AND figure_id = ? AND prefecture_code = ? AND checklist_year = ?${dateSql('as_of', w, params)} ORDER BY as_of DESC, updated_at DESC LIMIT 1`).get(params) as { value: number; asOf: string } | undefined;
  return row ?? null;
}

/** How many prefectures reported the figure within the window. */
function reportedCount(db: Database, figure: string, year: number, w: Window): number {
  const params: unknown[] = [figure, year];
  return (db.prepare(`SELECT count(DISTINCT prefecture_code) AS n FROM reported_figures WHERE deleted = 0 AND figure_id = ? AND prefecture_code <> '' AND checklist_year = ?${dateSql('as_of', w, params)}`).get(params) as { n: number }).n;
}

/** The latest date on which every prefecture reported, and the sum of their figures of that date. */
function completeSum(db: Database, figure: string, year: number, w: Window): { value: number; date: string } | null {
  const codes = prefectureCodes();
  const params: unknown[] = [figure, year];
  const where = `deleted = 0 AND figure_id = ? AND checklist_year = ? AND prefecture_code IN (${codes.map(() => '?').join(', ')})`;
  params.push(...codes);
  const dated = `${where}${dateSql('as_of', w, params)}`;
  const row = db.prepare(`SELECT as_of AS date FROM reported_figures WHERE ${dated} GROUP BY as_of HAVING count(DISTINCT prefecture_code) = ${codes.length} ORDER BY as_of DESC LIMIT 1`).get(params) as { date: string } | undefined;
  if (!row) return null;
  // One figure per prefecture for that date: the one entered last.
  const sum = db.prepare(`SELECT sum(value) AS v FROM (SELECT value, row_number() OVER (PARTITION BY prefecture_code ORDER BY updated_at DESC) AS k FROM reported_figures WHERE ${where} AND as_of = ?) WHERE k = 1`).get([figure, year, ...codes, row.date]) as { v: number };
  return { value: sum.v, date: row.date };
}

export function reportedValue(db: Database, figure: string, rule: RegionRule, year: number, prefectureCode: string | null, w: Window): { value: number | null; basis: Basis | null } {
  if (prefectureCode !== null) return { value: latest(db, figure, year, prefectureCode, w)?.value ?? null, basis: null };
  const hq = latest(db, figure, year, '', w);
  if (hq) return { value: hq.value, basis: { kind: 'hq_figure', date: hq.asOf } };
  const of = prefectureCodes().length;
  const reported = reportedCount(db, figure, year, w);
  if (rule === 'hq_or_complete_sum') {
    const sum = completeSum(db, figure, year, w);
    if (sum) return { value: sum.value, basis: { kind: 'complete_sum', date: sum.date, of } };
  }
  if (reported === 0) return { value: null, basis: { kind: 'not_reported' } };
  // Rates and durations never add: the prefectures' figures are theirs, the region's is HQ's.
  if (rule === 'hq_figure') return { value: null, basis: { kind: 'hq_missing', reported, of } };
  return { value: null, basis: { kind: 'partly_reported', reported, of } };
}

function milestoneOf(db: Database, indicatorId: string, year: number, prefecture: string, w: Window): number | null {
  const row = db.prepare('SELECT max(done) AS d FROM milestones m WHERE m.deleted = 0 AND m.indicator_id = ? AND m.checklist_year = ? AND m.prefecture_code = ? AND (m.done = 0 OR m.done_on <= ?)').get(indicatorId, year, prefecture, w.to) as { d: number | null };
  return row.d;
}

/**
 * A regional milestone is HQ's record alone (an office recording the alliance does not found it);
 * a prefecture's own commitment is counted at the region as "n of 7 prefectures".
 */
export function milestoneValue(db: Database, indicatorId: string, rule: RegionRule, year: number, prefectureCode: string | null, w: Window): { value: number | null; parts: { numerator: number; denominator: number } | null; basis: Basis | null } {
  if (rule === 'hq_milestone') {
    if (prefectureCode !== null) return { value: null, parts: null, basis: { kind: 'hq_records' } };
    return { value: milestoneOf(db, indicatorId, year, '', w), parts: null, basis: null };
  }
  if (prefectureCode !== null) return { value: milestoneOf(db, indicatorId, year, prefectureCode, w), parts: null, basis: null };
  const codes = prefectureCodes();
  const done = codes.filter((c) => milestoneOf(db, indicatorId, year, c, w) === 1).length;
  return { value: done, parts: { numerator: done, denominator: codes.length }, basis: { kind: 'prefectures_done', done, of: codes.length } };
}
