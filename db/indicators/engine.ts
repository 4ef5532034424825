import type { Database } from 'better-sqlite3';
import type { Checklist, Computation, Indicator, RegionRule, Target } from '../reference/schema';
import { getChecklist } from '../checklists';
import { targetFor } from '../targets';
import { UserError } from '../errors';
import { today } from '../clock';
import { elapsedFraction, windowFor, type Window } from './window';
import { additive, coverage, distinctEnterprises, scopeSql, statusCount, visitCount } from './compute';
import { milestoneValue, reportedValue, type Basis } from './combine';
import { basisNote, enterprisesNote, type Note } from './explain';
import { prefectureRuleOf, regionRuleOf } from './rules';
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

/**
 * no_quota: a prefecture's figure toward a regional total that HQ has not split into quotas;
 * over: above a range's upper end or an exact target; regional: a commitment HQ records, not a
 * prefecture's; tracked: a figure with no number to reach.
 */
export type Status = 'met' | 'on_track' | 'behind' | 'no_data' | 'no_quota' | 'over' | 'regional' | 'tracked';

export interface IndicatorValue {
  id: string;
  item: number;
  name: string;
  nameEn: string;
  unit: string;
  period: Indicator['period'];
  computation: Computation['kind'];
  /** How the region's figure is made from the prefectures', as the checklist declares. */
  region: RegionRule;
  target: Target;
  value: number | null;
  percent: number | null;
  status: Status;
  /** For ratios, coverage and per-prefecture milestones at the region: the two counts behind the figure. */
  parts: { numerator: number; denominator: number } | null;
  /** For distinct enterprises: registered ones (by credit code) and unregistered attendees (per event). */
  enterprises: { registered: number; unregistered: number | null } | null;
  /** True when the target is a quota HQ set for this scope rather than the checklist's. */
  quota: boolean;
  /** What the figure rests on, or why there is none (未报送, 部分地市未报送…). */
  note: Note | null;
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
  qualitative: { item: number; text: string; textEn: string }[];
}

/** Above what the target allows: a range's upper end, or an exact figure. */
export function isOver(value: number | null, target: Target): boolean {
  if (value === null) return false;
  if (target.kind === 'range') return value > target.max;
  if (target.kind === 'exact') return value > target.value;
  return false;
}

export function percentOf(value: number | null, target: Target): number | null {
  if (value === null || isOver(value, target)) return null;
  switch (target.kind) {
    case 'min':
    case 'exact':
    case 'percentage':
      return target.value ? (value / target.value) * 100 : null;
    case 'range':
      return (value / target.min) * 100;
    case 'milestone':
      return value ? 100 : 0;
    case 'tracked':
      return null;
  }
}

const PACED: ReadonlySet<Computation['kind']> = new Set(['activity_count', 'metric_sum', 'distinct_enterprises']);

/** Met, keeping pace with the year gone by, or behind. Rates and one-off figures have no pace. */
export function statusOf(ind: Indicator, target: Target, value: number | null, percent: number | null, elapsed: number): Status {
  if (target.kind === 'tracked') return value ? 'tracked' : 'no_data';
  if (isOver(value, target)) return 'over';
  if (value === null || percent === null) return 'no_data';
  if (percent >= 100) return 'met';
  const paced = PACED.has(ind.compute.kind) && ind.period === 'yearly';
  return paced && percent >= elapsed * 100 ? 'on_track' : 'behind';
}

interface Raw {
  value: number | null;
  parts: IndicatorValue['parts'];
  enterprises: IndicatorValue['enterprises'];
  basis: Basis | null;
}

function compute(db: Database, ind: Indicator, rule: RegionRule, s: Scope, w: Window): Raw {
  const c = ind.compute;
  const raw: Raw = { value: null, parts: null, enterprises: null, basis: null };
  switch (c.kind) {
    case 'activity_count':
    case 'metric_sum':
      raw.value = additive(db, c, s, w);
      break;
    case 'distinct_enterprises': {
      raw.enterprises = distinctEnterprises(db, c, s, w);
      raw.value = raw.enterprises.registered + (raw.enterprises.unregistered ?? 0);
      if (s.prefectureCode === null) raw.basis = { kind: 'union' };
      break;
    }
    case 'ratio': {
      const numerator = additive(db, c.numerator, s, w);
      const denominator = additive(db, c.denominator, s, w);
      raw.parts = { numerator, denominator };
      raw.value = denominator === 0 ? null : (numerator / denominator) * c.scale;
      if (s.prefectureCode === null) raw.basis = { kind: 'weighted' };
      break;
    }
    case 'coverage': {
      raw.parts = coverage(db, c, s, w);
      raw.value = raw.parts.denominator === 0 ? null : (raw.parts.numerator / raw.parts.denominator) * 100;
      if (s.prefectureCode === null) raw.basis = { kind: 'weighted' };
      break;
    }
    case 'enterprise_status_count':
      raw.value = statusCount(db, c.status, s, w);
      break;
    case 'visit_count':
      raw.value = visitCount(db, c, s, w);
      break;
    case 'reported':
      Object.assign(raw, reportedValue(db, c.figure, rule, s.year, s.prefectureCode, w));
      break;
    case 'milestone':
      Object.assign(raw, milestoneValue(db, ind.id, rule, s.year, s.prefectureCode, w));
      break;
  }
  return raw;
}

export function evaluateIndicator(db: Database, ind: Indicator, s: Scope, elapsed: number): IndicatorValue {
  const w = windowFor(ind.period, s.year, s.asOf, ind.countsFrom);
  const rule = regionRuleOf(ind);
  const raw = compute(db, ind, rule, s, w);
  const rounded = raw.value === null ? null : Math.round(raw.value * 100) / 100;
  const target = targetFor(db, s.year, ind.id, s.prefectureCode, ind.target);
  const quota = target !== ind.target;
  // The checklist's figure is the whole region's: one prefecture's share of it is unknown until HQ
  // sets a quota, so no percentage (a prefecture at 14 of the region's 30 is not "behind"; Lhasa's
  // loan balance is not 46.7 % of the region's 900 亿). Rates apply to every prefecture as they are.
  const unsplit = s.prefectureCode !== null && !quota && prefectureRuleOf(ind) === 'quota';
  const regional = s.prefectureCode !== null && rule === 'hq_milestone';
  // A prefecture's own commitment at the region: done when every prefecture has done it.
  const share = rule === 'each_prefecture' && raw.parts ? (raw.parts.numerator / raw.parts.denominator) * 100 : null;
  const percent = unsplit || regional ? null : (share ?? percentOf(rounded, target));
  const status: Status = regional ? 'regional' : unsplit && target.kind !== 'tracked' ? 'no_quota' : statusOf(ind, target, rounded, percent, elapsed);
  return {
    id: ind.id,
    item: ind.item,
    name: ind.name,
    nameEn: ind.nameEn,
    unit: ind.unit,
    period: ind.period,
    computation: ind.compute.kind,
    region: rule,
    target,
    value: rounded,
    percent: percent === null ? null : Math.round(percent * 10) / 10,
    status,
    quota,
    parts: raw.parts,
    enterprises: raw.enterprises,
    note: noteOf(raw),
  };
}

function noteOf(raw: Raw): Note | null {
  const e = raw.enterprises ? enterprisesNote(raw.enterprises.registered, raw.enterprises.unregistered) : null;
  const b = raw.basis ? basisNote(raw.basis) : null;
  if (e && b) return { zh: `${e.zh}；${b.zh}`, en: `${e.en}; ${b.en}` };
  return e ?? b;
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
  return deepFreeze({ year: s.year, prefectureCode: s.prefectureCode, asOf: s.asOf, elapsed, indicators, items: itemWork(db, checklist, s), qualitative: checklist.qualitative ?? [] });
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
