import type { Database } from 'better-sqlite3';
import { today } from '../clock';

/** Activities and visits per month of the year: the trend on the dashboard. */
export function monthlyWork(db: Database, s: { year: number; prefectureCode: string | null }) {
  const params: unknown[] = [`${s.year}-01-01`, `${s.year}-12-31`];
  const scope = s.prefectureCode ? ' AND prefecture_code = ?' : '';
  if (s.prefectureCode) params.push(s.prefectureCode);
  const count = (table: string) =>
    new Map((db.prepare(`SELECT substr(date, 1, 7) AS m, count(*) AS n FROM ${table} WHERE deleted = 0 AND date BETWEEN ? AND ?${scope} GROUP BY m`).all(params) as { m: string; n: number }[]).map((r) => [r.m, r.n]));
  const a = count('activities');
  const v = count('visits');
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${s.year}-${String(i + 1).padStart(2, '0')}`;
    return { month, activities: a.get(month) ?? 0, visits: v.get(month) ?? 0 };
  });
}

/** Unresolved problems per responsible unit, overdue ones counted apart. */
export function problemsByUnit(db: Database, prefectureCode: string | null) {
  const params: unknown[] = [today()];
  let scope = '';
  if (prefectureCode) {
    scope = ' AND prefecture_code = ?';
    params.push(prefectureCode);
  }
  return db
    .prepare(
      `SELECT responsible_unit AS unit, count(*) AS open, sum(CASE WHEN deadline IS NOT NULL AND deadline < ? THEN 1 ELSE 0 END) AS overdue
       FROM problems WHERE deleted = 0 AND status IN ('open', 'in_progress')${scope} GROUP BY responsible_unit ORDER BY overdue DESC, open DESC`,
    )
    .all(params) as { unit: string; open: number; overdue: number }[];
}
