import type { Database } from 'better-sqlite3';
import { FieldErrors, UserError } from './errors';
import { requireInstallation } from './installation';
import { getChecklist } from './checklists';
import { findPrefecture } from './reference/bundled';
import { fromRow, insertRecord, setDeleted, updateRecord, type TableSpec } from './records';
import { targetSchema, type Target } from './reference/schema';
import { sql } from './statements';

/**
 * Per-prefecture quotas that HQ sets for an indicator (and, with prefecture '', a regional
 * override). They travel to the offices in the reference package.
 */
interface TargetFields {
  year: number;
  indicatorId: string;
  prefectureCode: string;
  target: Target;
}

export const targetSpec: TableSpec<TargetFields> = {
  table: 'targets',
  label: { en: 'target', zh: '目标' },
  columns: { year: 'year', indicatorId: 'indicator_id', prefectureCode: 'prefecture_code', target: 'target' },
  json: ['target'],
};

export interface Quota {
  indicatorId: string;
  prefectureCode: string;
  target: Target;
}

export function quotas(db: Database, year: number): Quota[] {
  return (sql(db, 'SELECT * FROM targets WHERE year = ? AND deleted = 0 ORDER BY indicator_id, prefecture_code').all(year) as Record<string, unknown>[]).map((r) => {
    const t = fromRow(targetSpec, r);
    return { indicatorId: t.indicatorId, prefectureCode: t.prefectureCode, target: t.target };
  });
}

/** The target that applies: the quota for the scope if HQ set one, else the checklist's. */
export function targetFor(db: Database, year: number, indicatorId: string, prefectureCode: string | null, fallback: Target): Target {
  const row = sql(db, 'SELECT target FROM targets WHERE year = ? AND indicator_id = ? AND prefecture_code = ? AND deleted = 0').get(year, indicatorId, prefectureCode ?? '') as { target: string } | undefined;
  if (!row) return fallback;
  const parsed = targetSchema.safeParse(JSON.parse(row.target));
  return parsed.success ? parsed.data : fallback;
}

const COUNTED_IN_UNITS: ReadonlySet<string> = new Set(['activity_count', 'distinct_enterprises', 'enterprise_status_count']);

/** HQ sets (value) or clears (null) a quota. Quotas keep the kind of the checklist's target. */
export function setQuota(db: Database, input: { year: number; indicatorId: string; prefectureCode: string; value: number | null }): Quota[] {
  return db.transaction(() => {
    if (requireInstallation(db).role !== 'hq') throw new UserError('not_hq', 'Only headquarters sets quotas.', '只有自治区总部可以分解目标。');
    const checklist = getChecklist(db, input.year);
    const ind = checklist?.indicators.find((i) => i.id === input.indicatorId);
    const errors = new FieldErrors();
    if (!ind) errors.add('indicatorId', `No indicator ${input.indicatorId} in ${input.year}.`, `${input.year}年清单中没有该指标。`);
    else if (ind.target.kind !== 'min' && ind.target.kind !== 'exact') errors.add('indicatorId', 'Quotas are set for counted targets only.', '只有数量型目标可以分解到地（市）。');
    if (input.prefectureCode !== '' && !findPrefecture(input.prefectureCode)) errors.add('prefectureCode', 'Unknown prefecture.', '未知的地（市）。');
    if (input.value !== null && (!Number.isFinite(input.value) || input.value <= 0)) errors.add('value', 'A quota is a positive number.', '目标值应为正数。');
    // Events and enterprises come whole: 2.5 家 is a typing slip, not a quota.
    else if (input.value !== null && ind && COUNTED_IN_UNITS.has(ind.compute.kind) && !Number.isInteger(input.value)) {
      errors.add('value', 'This indicator counts events or enterprises: the quota is a whole number.', '该指标按场次或企业数计，目标值应为整数。');
    }
    errors.throwIfAny(targetSpec.label);
    const existing = sql(db, 'SELECT id, deleted FROM targets WHERE year = ? AND indicator_id = ? AND prefecture_code = ?').get(input.year, input.indicatorId, input.prefectureCode) as { id: string; deleted: number } | undefined;
    if (input.value === null) {
      if (existing && !existing.deleted) setDeleted(db, targetSpec, existing.id, true);
    } else {
      const target = { kind: ind!.target.kind, value: input.value } as Target;
      if (!existing) insertRecord(db, targetSpec, { year: input.year, indicatorId: input.indicatorId, prefectureCode: input.prefectureCode, target });
      else {
        if (existing.deleted) setDeleted(db, targetSpec, existing.id, false);
        updateRecord(db, targetSpec, existing.id, { target });
      }
    }
    return quotas(db, input.year);
  })();
}
