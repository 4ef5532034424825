import type { Database } from 'better-sqlite3';
import type { Checklist, Computation, Indicator, Target } from '../reference/schema';
import { getChecklist } from '../checklists';
import { targetFor } from '../targets';
import { UserError } from '../errors';
import { today } from '../clock';
import { elapsedFraction, windowFor, type Window } from './window';
import { untilDataChanges, untilDataChangesInTurns } from './cache';
import { dailyWork, type DayCount } from './work';
import { runInTurns, runToEnd, type Steps } from './turns';

/**
 * One generic evaluator for every indicator of a checklist: each declares how it is computed
 * (resources/checklists/*.json) and this file knows only the kinds of computation, never an
 * indicator by name.
 */
export interface Scope {
  year: number;
  /** A prefecture, or null for the whole region. */
  prefectureCode: string | null;
  asOf: string;
}

/** no_quota: a prefecture's figure for a regional total that HQ has not split into quotas. */
export type Status = 'met' | 'on_track' | 'behind' | 'no_data' | 'no_quota';

/** Computations whose region figure is the sum of the prefectures' (counts, amounts, enterprises). */
const ADDITIVE: ReadonlySet<Computation['kind']> = new Set(['activity_count', 'metric_sum', 'distinct_enterprises', 'enterprise_status_count']);

export interface IndicatorValue {
  id: string;
  item: number;
  name: string;
  nameEn: string;
  unit: string;
  period: Indicator['period'];
  computation: Computation['kind'];
  target: Target;
  value: number | null;
  percent: number | null;
  status: Status;
  /** For ratios and coverage: the two counts behind the figure. */
  parts: { numerator: number; denominator: number } | null;
  /** True when the target is a quota HQ set for this scope rather than the checklist's. */
  quota: boolean;
}

export interface ItemWork {
  item: number;
  activities: number;
  visits: number;
  openProblems: number;
}

export interface Progress {
  year: number;
  prefectureCode: string | null;
  asOf: string;
  elapsed: number;
  indicators: IndicatorValue[];
  items: ItemWork[];
}

function scopeSql(alias: string, s: Scope, params: unknown[]): string {
  if (s.prefectureCode === null) return '';
  params.push(s.prefectureCode);
  return ` AND ${alias}.prefecture_code = ?`;
}

function dateSql(column: string, w: Window, params: unknown[]): string {
  params.push(w.to);
  let sql = ` AND ${column} <= ?`;
  if (w.from) {
    params.push(w.from);
    sql += ` AND ${column} >= ?`;
  }
  return sql;
}

function inList(values: string[], params: unknown[]): string {
  params.push(...values);
  return `(${values.map(() => '?').join(', ')})`;
}

type Additive = Extract<Computation, { kind: 'activity_count' | 'metric_sum' | 'distinct_enterprises' }>;

function additive(db: Database, c: Additive, s: Scope, w: Window): number {
  const params: unknown[] = [];
  const base = `FROM activities a WHERE a.deleted = 0 AND a.kind IN ${inList(c.activityKinds, params)}${dateSql('a.date', w, params)}${scopeSql('a', s, params)}`;
  if (c.kind === 'activity_count') return (db.prepare(`SELECT count(*) AS n ${base}`).get(params) as { n: number }).n;
  if (c.kind === 'metric_sum') {
    const p2 = [`$.${c.metric}`, ...params];
    return (db.prepare(`SELECT coalesce(sum(json_extract(a.metrics, ?)), 0) AS n ${base}`).get(p2) as { n: number }).n;
  }
  // Distinct enterprises: each counted once however often it took part (the union at HQ).
  const filter = c.enterpriseFilter?.specialised ? " AND e.specialised <> 'none'" : '';
  const linked = (db.prepare(
    `SELECT count(*) AS n FROM enterprises e WHERE e.deleted = 0${filter}
     AND e.id IN (SELECT l.enterprise_id FROM activity_enterprises l WHERE l.deleted = 0 AND l.activity_id IN (SELECT a.id ${base}))`,
  ).get(params) as { n: number }).n;
  if (!c.includeUnregistered) return linked;
  const unregistered = (db.prepare(`SELECT coalesce(sum(json_extract(a.metrics, '$.unregistered_enterprises')), 0) AS n ${base}`).get(params) as { n: number }).n;
  return linked + unregistered;
}

/**
 * Covered enterprises are found from the activities and visits of the kinds that count (covering
 * indexes, a few thousand rows) rather than by probing every enterprise's history: 444 ms → tens
 * of milliseconds for the region at HQ scale.
 */
function coverage(db: Database, c: Extract<Computation, { kind: 'coverage' }>, s: Scope, w: Window) {
  const params: unknown[] = [];
  const population = `FROM enterprises e WHERE e.deleted = 0${c.population.specialised ? " AND e.specialised <> 'none'" : ''}${scopeSql('e', s, params)}`;
  const denominator = (db.prepare(`SELECT count(*) AS n ${population}`).get(params) as { n: number }).n;
  const covered: string[] = [];
  const p2 = [...params];
  if (c.coveredBy.serviceOfficer) covered.push("(e.service_officer IS NOT NULL AND e.service_officer <> '')");
  if (c.coveredBy.activityKinds?.length) {
    covered.push(`e.id IN (SELECT l.enterprise_id FROM activities a JOIN activity_enterprises l ON l.activity_id = a.id AND l.deleted = 0 WHERE a.deleted = 0 AND a.kind IN ${inList(c.coveredBy.activityKinds, p2)}${dateSql('a.date', w, p2)})`);
  }
  if (c.coveredBy.visitKinds?.length) {
    covered.push(`e.id IN (SELECT v.enterprise_id FROM visits v WHERE v.deleted = 0 AND v.kind IN ${inList(c.coveredBy.visitKinds, p2)}${dateSql('v.date', w, p2)})`);
  }
  const numerator = (db.prepare(`SELECT count(*) AS n ${population} AND (${covered.join(' OR ') || '0'})`).get(p2) as { n: number }).n;
  return { numerator, denominator };
}

/**
 * Enterprises per status, reached in the year and by the year, from one pass over the register
 * for all statuses: a pass per status cost 30 ms each at HQ's 100,000 enterprises.
 */
function statusTally(db: Database, s: Scope): Map<string, { yearly: number; cumulative: number }> {
  return untilDataChanges(db, `statuses ${s.year} ${s.prefectureCode}`, () => {
    const params: unknown[] = [s.year, s.year];
    const rows = db
      .prepare(`SELECT j.key AS status, sum(j.value = ?) AS yearly, sum(j.value <= ?) AS cumulative FROM enterprises e, json_each(e.statuses) j WHERE e.deleted = 0${scopeSql('e', s, params)} GROUP BY j.key`)
      .all(params) as { status: string; yearly: number; cumulative: number }[];
    return new Map(rows.map((r) => [r.status, r]));
  });
}

function statusCount(db: Database, status: string, s: Scope, period: Indicator['period']): number {
  const tally = statusTally(db, s).get(status);
  return tally ? (period === 'yearly' ? tally.yearly : tally.cumulative) : 0;
}

/**
 * The latest figure reported for the period. For the region: HQ's region-wide figure if there is
 * one; otherwise, for quantities (not rates), the sum of each prefecture's latest figure.
 */
function reported(db: Database, figure: string, unit: string, s: Scope, w: Window): number | null {
  const latest = (prefecture: string) => {
    const params: unknown[] = [figure, prefecture, s.year];
    const row = db.prepare(`SELECT value FROM reported_figures WHERE deleted = 0 AND figure_id = ? AND prefecture_code = ? AND checklist_year = ?${dateSql('as_of', w, params)} ORDER BY as_of DESC, updated_at DESC LIMIT 1`).get(params) as { value: number } | undefined;
    return row ? row.value : null;
  };
  if (s.prefectureCode !== null) return latest(s.prefectureCode);
  const region = latest('');
  if (region !== null || unit === '%') return region;
  const prefectures = (db.prepare("SELECT DISTINCT prefecture_code AS p FROM reported_figures WHERE deleted = 0 AND figure_id = ? AND prefecture_code <> ''").all(figure) as { p: string }[]).map((r) => r.p);
  const values = prefectures.map(latest).filter((v): v is number => v !== null);
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

function milestone(db: Database, id: string, s: Scope, w: Window): number | null {
  const params: unknown[] = [id, s.year, w.to];
  const row = db.prepare(`SELECT max(done) AS d FROM milestones m WHERE m.deleted = 0 AND m.indicator_id = ? AND m.checklist_year = ? AND (m.done_on IS NULL OR m.done_on <= ?)${scopeSql('m', s, params)}`).get(params) as { d: number | null };
  return row.d === null ? null : row.d;
}

export function percentOf(value: number | null, target: Target): number | null {
  if (value === null) return null;
  switch (target.kind) {
    case 'min':
    case 'exact':
    case 'percentage':
      return target.value ? (value / target.value) * 100 : null;
    case 'range':
      return (value / target.min) * 100;
    case 'milestone':
      return value ? 100 : 0;
  }
}

/** Met, keeping pace with the year gone by, or behind. Rates and one-off figures have no pace. */
export function statusOf(ind: Indicator, value: number | null, percent: number | null, elapsed: number): Status {
  if (value === null || percent === null) return 'no_data';
  if (percent >= 100) return 'met';
  const paced = ['activity_count', 'metric_sum', 'distinct_enterprises'].includes(ind.compute.kind) && ind.period === 'yearly';
  return paced && percent >= elapsed * 100 ? 'on_track' : 'behind';
}

export function evaluateIndicator(db: Database, ind: Indicator, s: Scope, elapsed: number): IndicatorValue {
  const w = windowFor(ind.period, s.year, s.asOf);
  const c = ind.compute;
  let value: number | null = null;
  let parts: IndicatorValue['parts'] = null;
  switch (c.kind) {
    case 'activity_count':
    case 'metric_sum':
    case 'distinct_enterprises':
      value = additive(db, c, s, w);
      break;
    case 'ratio': {
      const numerator = additive(db, c.numerator, s, w);
      const denominator = additive(db, c.denominator, s, w);
      parts = { numerator, denominator };
      value = denominator === 0 ? null : (numerator / denominator) * c.scale;
      break;
    }
    case 'coverage': {
      parts = coverage(db, c, s, w);
      value = parts.denominator === 0 ? null : (parts.numerator / parts.denominator) * 100;
      break;
    }
    case 'enterprise_status_count':
      value = statusCount(db, c.status, s, ind.period);
      break;
    case 'reported':
      value = reported(db, c.figure, ind.unit, s, w);
      break;
    case 'milestone':
      value = milestone(db, ind.id, s, w);
      break;
  }
  const rounded = value === null ? null : Math.round(value * 100) / 100;
  const target = targetFor(db, s.year, ind.id, s.prefectureCode, ind.target);
  const quota = target !== ind.target;
  // The checklist's count is the whole region's: one prefecture's share of it is unknown until HQ
  // sets a quota, so no percentage (a prefecture at 14 of the region's 30 is not "behind"). Rates
  // and coverage apply to every prefecture as they are.
  const unsplit = s.prefectureCode !== null && !quota && ADDITIVE.has(c.kind);
  const percent = unsplit ? null : percentOf(rounded, target);
  return {
    id: ind.id,
    item: ind.item,
    name: ind.name,
    nameEn: ind.nameEn,
    unit: ind.unit,
    period: ind.period,
    computation: c.kind,
    target,
    value: rounded,
    percent: percent === null ? null : Math.round(percent * 10) / 10,
    status: unsplit ? 'no_quota' : statusOf(ind, rounded, percent, elapsed),
    quota,
    parts,
  };
}

function itemWork(db: Database, checklist: Checklist, s: Scope): ItemWork[] {
  const to = s.asOf < `${s.year}-12-31` ? s.asOf : `${s.year}-12-31`;
  const { activities, visits } = dailyWork(db, s);
  const byItem = (days: DayCount[]) => {
    const m = new Map<number, number>();
    for (const d of days) if (d.item !== null && d.date <= to) m.set(d.item, (m.get(d.item) ?? 0) + d.n);
    return m;
  };
  const acts = byItem(activities);
  const visited = byItem(visits);
  const params: unknown[] = [];
  const open = new Map(
    (db.prepare(`SELECT item_no AS item, count(*) AS n FROM problems t WHERE deleted = 0 AND status IN ('open', 'in_progress') AND item_no IS NOT NULL${scopeSql('t', s, params)} GROUP BY item_no`).all(params) as { item: number; n: number }[]).map((r) => [r.item, r.n]),
  );
  return checklist.items.map((i) => ({ item: i.no, activities: acts.get(i.no) ?? 0, visits: visited.get(i.no) ?? 0, openProblems: open.get(i.no) ?? 0 }));
}

type EvaluateInput = { year: number; prefectureCode?: string | null; asOf?: string };

function* evaluationSteps(db: Database, input: EvaluateInput): Steps<Progress> {
  const checklist = getChecklist(db, input.year);
  if (!checklist) throw new UserError('no_checklist', `No checklist for ${input.year} is installed.`, `本机没有${input.year}年的清单。`);
  const s = scopeOf(input);
  const elapsed = elapsedFraction(s.year, s.asOf);
  const indicators: IndicatorValue[] = [];
  for (const ind of checklist.indicators) {
    indicators.push(evaluateIndicator(db, ind, s, elapsed));
    yield;
  }
  // Frozen: the same object is handed to every caller until the data changes.
  return deepFreeze({ year: s.year, prefectureCode: s.prefectureCode, asOf: s.asOf, elapsed, indicators, items: itemWork(db, checklist, s) });
}

function scopeOf(input: EvaluateInput): Scope {
  const asked = input.asOf ?? today();
  // A past year is measured at its end; the figures do not move after it.
  return { year: input.year, prefectureCode: input.prefectureCode ?? null, asOf: asked > `${input.year}-12-31` ? `${input.year}-12-31` : asked };
}

const cacheKey = (s: Scope) => `progress ${s.year} ${s.prefectureCode} ${s.asOf}`;

export function evaluate(db: Database, input: EvaluateInput): Progress {
  return untilDataChanges(db, cacheKey(scopeOf(input)), () => runToEnd(evaluationSteps(db, input)));
}

/** The same figures, computed giving way to other requests after each indicator. */
export function evaluateInTurns(db: Database, input: EvaluateInput): Promise<Progress> {
  return untilDataChangesInTurns(db, cacheKey(scopeOf(input)), () => runInTurns(evaluationSteps(db, input)));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
