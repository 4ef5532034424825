import { describe, expect, it } from 'vitest';
import { dailyWork, dailyWorkSql, monthlyWork } from '../../db/indicators/work';
import { generateDemo } from '../../db/demo';
import { regions } from '../../db/reference/bundled';
import { memoryDb } from '../support/db';

type Row = { p?: string; date: string; item: number | null; n: number };
const key = (r: Row) => `${r.p ?? ''}|${r.date}|${r.item}`;
const sorted = (rows: Row[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/**
 * A year's work spread over all seven prefectures (as HQ holds it after importing their packages),
 * some of it deleted, some visits without an item.
 */
function hq() {
  const db = memoryDb({});
  generateDemo(db, { enterprises: 60, activities: 300, visits: 300, seed: 13, year: 2022 });
  const codes = regions().prefectures.map((p) => p.code);
  for (const table of ['activities', 'visits']) {
    codes.forEach((code, i) => db.prepare(`UPDATE ${table} SET prefecture_code = ? WHERE rowid % ? = ?`).run(code, codes.length, i));
    db.prepare(`UPDATE ${table} SET deleted = 1 WHERE rowid % 7 = 0`).run();
    // Visits may have no item (activities always have one).
    if (table === 'visits') db.prepare(`UPDATE ${table} SET item_no = NULL WHERE rowid % 11 = 0`).run();
  }
  return db;
}

describe('work per day and item (the dashboard’s trend and work per item)', () => {
  it('counts exactly what a plain count of the live rows gives, for the region and each prefecture', () => {
    const db = hq();
    for (const table of ['activities', 'visits'] as const) {
      const plain = (by: string) => db.prepare(`SELECT ${by ? 'prefecture_code AS p, ' : ''}date, item_no AS item, count(*) AS n FROM ${table} WHERE date BETWEEN '2022-01-01' AND '2022-12-31' AND deleted = 0 GROUP BY ${by}date, item_no`).all() as Row[];
      const region = dailyWork(db, { year: 2022, prefectureCode: null })[table];
      expect(region.length).toBeGreaterThan(10);
      expect(sorted(region)).toEqual(sorted(plain('')));
      const byPrefecture = plain('prefecture_code, ');
      const seen = new Set(byPrefecture.map((r) => r.p));
      expect(seen.size).toBeGreaterThan(1);
      for (const p of regions().prefectures) {
        const own = byPrefecture.filter((r) => r.p === p.code).map(({ p: _, ...r }) => r);
        expect(sorted(dailyWork(db, { year: 2022, prefectureCode: p.code })[table])).toEqual(sorted(own));
      }
    }
    const months = monthlyWork(db, { year: 2022, prefectureCode: null });
    const total = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted = 0 AND date BETWEEN '2022-01-01' AND '2022-12-31'`).get() as { n: number }).n;
    expect(months.reduce((a, m) => a + m.activities, 0)).toBe(total('activities'));
    expect(months.reduce((a, m) => a + m.visits, 0)).toBe(total('visits'));
  });

  it('is read in the date index’s order, without sorting the year’s rows', () => {
    const db = hq();
    db.exec('ANALYZE');
    for (const table of ['activities', 'visits'] as const) {
      for (const byPrefecture of [false, true]) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${dailyWorkSql(table, byPrefecture)}`).all('2022-01-01', '2022-12-31') as { detail: string }[]).map((r) => r.detail).join('\n');
        expect(plan).toContain(`COVERING INDEX ${table}_date`);
        expect(plan).not.toContain('TEMP B-TREE');
      }
    }
  });
});
