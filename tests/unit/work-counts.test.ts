import { describe, expect, it } from 'vitest';
import { dailyWork, dailyWorkSql, monthlyWork } from '../../db/indicators/work';
import { evaluate } from '../../db/indicators/engine';
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

describe('a prefecture’s counts, taken from one pass grouped by prefecture', () => {
  it('equal the plain count of that prefecture’s rows, and the region its own plain count', () => {
    const db = hq();
    // The register spread over the prefectures too, a third of it 专精特新.
    regions().prefectures.forEach((p, i) => db.prepare(`UPDATE enterprises SET prefecture_code = ? WHERE rowid % 7 = ?`).run(p.code, i));
    db.prepare(`UPDATE enterprises SET specialised = 'region' WHERE rowid % 3 = 0`).run();
    const plain = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    const scopes = [null, ...regions().prefectures.map((p) => p.code)];
    const nonZero = { reached: 0, officers: 0, visits: 0, events: 0 };
    for (const code of scopes) {
      const figures = evaluate(db, { year: 2022, prefectureCode: code, asOf: '2022-12-31' }).indicators;
      const get = (id: string) => figures.find((i) => i.id === id)!;
      const scope = (alias: string) => (code === null ? '' : ` AND ${alias}.prefecture_code = '${code}'`);
      const population = `FROM enterprises e WHERE e.deleted = 0 AND e.specialised <> 'none'${scope('e')}`;
      const reached = `e.id IN (SELECT l.enterprise_id FROM activities a JOIN activity_enterprises l ON l.activity_id = a.id AND l.deleted = 0 WHERE a.deleted = 0 AND a.kind = 'energy_diagnosis' AND a.date BETWEEN '2022-01-01' AND '2022-12-31') OR e.id IN (SELECT v.enterprise_id FROM visits v WHERE v.deleted = 0 AND v.kind = 'energy_diagnosis' AND v.date BETWEEN '2022-01-01' AND '2022-12-31')`;
      const covered = plain(`SELECT count(*) AS n ${population} AND (${reached})`);
      expect(get('14.energy_diagnosis').parts).toEqual({ numerator: covered, denominator: plain(`SELECT count(*) AS n ${population}`) });
      const officers = plain(`SELECT count(*) AS n ${population} AND e.service_officer IS NOT NULL AND e.service_officer <> '' AND coalesce(e.service_officer_since, substr(e.updated_at, 1, 10)) <= '2022-12-31'`);
      expect(get('21.service_officer').parts?.numerator).toBe(officers);
      const visits = plain(`SELECT count(*) AS n FROM visits v JOIN enterprises e ON e.id = v.enterprise_id WHERE v.deleted = 0 AND v.kind = 'leadership_visit' AND v.date BETWEEN '2022-01-01' AND '2022-12-31' AND e.specialised <> 'none'${scope('v')}`);
      expect(get('21.leader_visits').value).toBe(visits);
      const events = plain(`SELECT count(*) AS n FROM activities a WHERE a.deleted = 0 AND a.kind = 'zyq_matchmaking' AND a.date BETWEEN '2022-01-01' AND '2022-12-31'${scope('a')}`);
      expect(get('6.events').value).toBe(events);
      Object.entries({ reached: covered, officers, visits, events }).forEach(([k, n]) => n > 0 && nonZero[k as keyof typeof nonZero]++);
    }
    // Figures that are there to compare: in the region and in several prefectures.
    for (const n of Object.values(nonZero)) expect(n).toBeGreaterThan(2);
  });
});
