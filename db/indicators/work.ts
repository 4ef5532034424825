import type { Database } from 'better-sqlite3';
import { today } from '../clock';
import { untilDataChanges } from './cache';

export interface DayCount {
  date: string;
  item: number | null;
  n: number;
}

/**
 * Activities and visits of the year per day and item, read from the date indexes in their order:
 * the dashboard's work per item and its monthly trend are both summed from this one pass. A
 * prefecture's comes from one pass for all of them (HQ's matrix asks for all seven: one pass over
 * the year's 600,000 rows instead of seven).
 *
 * The groups follow the index (date, deleted, item_no, prefecture_code) column for column, so
 * SQLite counts each group as the index hands its rows over instead of sorting the year's rows
 * first. `+deleted` keeps the same rows but stops the planner from dropping `deleted` out of the
 * GROUP BY (an equality it would otherwise treat as settled), which breaks the match and brings
 * the sort back: at HQ's scale the region's pass went from about 240 ms of CPU to about 110 ms.
 */
export const dailyWorkSql = (table: 'activities' | 'visits', byPrefecture: boolean) =>
  byPrefecture
    ? `SELECT prefecture_code AS p, date, item_no AS item, count(*) AS n FROM ${table} WHERE date BETWEEN ? AND ? AND +deleted = 0 GROUP BY date, deleted, item_no, prefecture_code`
    : `SELECT date, item_no AS item, count(*) AS n FROM ${table} WHERE date BETWEEN ? AND ? AND +deleted = 0 GROUP BY date, deleted, item_no`;

export function dailyWork(db: Database, s: { year: number; prefectureCode: string | null }): { activities: DayCount[]; visits: DayCount[] } {
  const params: unknown[] = [`${s.year}-01-01`, `${s.year}-12-31`];
  if (s.prefectureCode === null) {
    return untilDataChanges(db, `daily work ${s.year} null`, () => {
      const count = (table: 'activities' | 'visits') => db.prepare(dailyWorkSql(table, false)).all(params) as DayCount[];
      return { activities: count('activities'), visits: count('visits') };
    });
  }
  const all = untilDataChanges(db, `daily work by prefecture ${s.year}`, () => {
    const count = (table: 'activities' | 'visits') => {
      const byPrefecture = new Map<string, DayCount[]>();
      const rows = db.prepare(dailyWorkSql(table, true)).all(params) as (DayCount & { p: string })[];
      for (const { p, ...day } of rows) {
        let days = byPrefecture.get(p);
        if (!days) byPrefecture.set(p, (days = []));
        days.push(day);
      }
      return byPrefecture;
    };
    return { activities: count('activities'), visits: count('visits') };
  });
  return { activities: all.activities.get(s.prefectureCode) ?? [], visits: all.visits.get(s.prefectureCode) ?? [] };
}

/** Activities and visits per month of the year: the trend on the dashboard. */
export function monthlyWork(db: Database, s: { year: number; prefectureCode: string | null }) {
  const { activities, visits } = dailyWork(db, s);
  const byMonth = (days: DayCount[]) => {
    const m = new Map<string, number>();
    for (const d of days) m.set(d.date.slice(0, 7), (m.get(d.date.slice(0, 7)) ?? 0) + d.n);
    return m;
  };
  const a = byMonth(activities);
  const v = byMonth(visits);
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
