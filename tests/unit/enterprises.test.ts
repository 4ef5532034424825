import { describe, expect, it } from 'vitest';
import { enterpriseInput, enterpriseListInput, type EnterpriseInput } from '../../api/entities';
import { deleteEnterprise, listEnterprises, restoreEnterprise, saveEnterprise } from '../../db/enterprises';
import { historyOf } from '../../db/changelog';
import { userError } from '../support/errors';
import { makeUscc } from '../../db/validation/uscc';
import { memoryDb } from '../support/db';
import { nameKey } from '../../db/collate';
import Database from 'better-sqlite3';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { installBundledChecklists } from '../../db/checklists';
import { createInstallation } from '../../db/installation';

const save = (db: ReturnType<typeof memoryDb>, input: EnterpriseInput) => saveEnterprise(db, enterpriseInput.parse(input));
const list = (db: ReturnType<typeof memoryDb>, q: object = {}) => listEnterprises(db, enterpriseListInput.parse(q));
const error = userError;

const base: EnterpriseInput = { uscc: makeUscc('91', '540102', 'MA6T0001'), name: '拉萨净土农牧科技有限公司', countyCode: '540102', industry: 'A', size: 'small' };

describe('enterprise register', () => {
  it('lists names in pinyin order, both ways (江孜 before 拉孜 before 日喀则), not by character code', () => {
    const db = memoryDb({});
    ['日喀则桑珠孜商贸有限公司', '拉孜县农牧合作社', '江孜县建材有限公司', '阿里地区旅游有限公司'].forEach((name, i) =>
      save(db, { uscc: makeUscc('91', '540102', `MA7C${String(i).padStart(4, '0')}`), name, countyCode: '540102' }));
    expect(list(db).rows.map((r) => r.name.slice(0, 2))).toEqual(['阿里', '江孜', '拉孜', '日喀']);
    expect(list(db, { order: 'desc' }).rows.map((r) => r.name.slice(0, 2))).toEqual(['日喀', '拉孜', '江孜', '阿里']);
    expect(list(db, { limit: 2, offset: 1 }).rows.map((r) => r.name.slice(0, 2))).toEqual(['江孜', '拉孜']);
    // Exports ask for every row with SQLite's limit -1: none is left out.
    expect(listEnterprises(db, { ...enterpriseListInput.parse({}), limit: -1 }).rows).toHaveLength(4);
  });

  it('registers an enterprise with a valid code and records its creation', () => {
    const db = memoryDb({});
    const { record, created } = save(db, base);
    expect(created).toBe(true);
    expect(record).toMatchObject({ name: base.name, uscc: base.uscc, prefectureCode: '540100', version: 1, deleted: false });
    expect(historyOf(db, 'enterprises', record.id).map((h) => h.op)).toEqual(['create']);
  });

  it('names the problem with a wrong code and stores nothing', () => {
    const db = memoryDb({});
    const e = error(() => save(db, { ...base, uscc: base.uscc!.slice(0, 17) + (base.uscc!.endsWith('0') ? '1' : '0') }));
    expect(e.code).toBe('validation');
    expect(e.fields?.uscc?.zh).toContain('校验码');
    expect(list(db).total).toBe(0);
  });

  it('refuses notes holding a control or text-direction character (the one text rule) and stores nothing', () => {
    const db = memoryDb({});
    for (const notes of ['年产\u001b[2J值', '\u202e司公限有', '备\u2068注']) {
      const e = error(() => save(db, { ...base, notes }));
      expect(e.fields?.notes?.zh).toMatch(/^备注含有控制字符或文字方向控制符（U\+[0-9A-F]{4}）/);
    }
    expect(list(db).total).toBe(0);
    // Line breaks and tabs stay allowed.
    expect(save(db, { ...base, notes: '第一行\n第二行\t备注' }).record.notes).toBe('第一行\n第二行\t备注');
  });

  it('allows no code only when marked so, with a reason', () => {
    const db = memoryDb({});
    expect(error(() => save(db, { ...base, uscc: null })).fields?.uscc).toBeDefined();
    const { record } = save(db, { ...base, uscc: null, noUsccReason: '个体工商户，尚未办理' });
    expect(record).toMatchObject({ uscc: null, noUsccReason: '个体工商户，尚未办理' });
  });

  it('refuses a second enterprise with the same code and points at the first', () => {
    const db = memoryDb({});
    const first = save(db, base).record;
    const e = error(() => save(db, { ...base, name: '另一家公司' }));
    expect(e.code).toBe('duplicate_uscc');
    expect(e.data?.existingId).toBe(first.id);
    expect(list(db).total).toBe(1);
  });

  it('refuses a county of another prefecture and a certification without its year', () => {
    const db = memoryDb({});
    const e = error(() => save(db, { ...base, countyCode: '540202', specialised: 'region' }));
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['countyCode', 'specialisedYear']);
  });

  it('refuses unknown statuses, future years and keys that would pollute prototypes', () => {
    const db = memoryDb({});
    expect(error(() => save(db, { ...base, statuses: { no_such_status: 2022 } })).fields?.['statuses.no_such_status']).toBeDefined();
    expect(error(() => save(db, { ...base, statuses: { high_tech: 2099 } })).fields?.['statuses.high_tech']).toBeDefined();
    // zod drops a __proto__ key from a record rather than assigning it: nothing is polluted.
    const parsed = enterpriseInput.parse({ ...base, statuses: JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 2022}') });
    expect(Object.keys(parsed.statuses)).toEqual(['constructor']);
    expect(Object.getPrototypeOf(parsed.statuses)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(error(() => save(db, { ...base, statuses: { constructor: 2022 } })).fields?.['statuses.constructor']).toBeDefined();
  });

  it('derives the 规上 and 高新 flags from the statuses', () => {
    const db = memoryDb({});
    const { record } = save(db, { ...base, statuses: { above_scale: 2022, high_tech: 2021 } });
    expect(record).toMatchObject({ aboveScale: true, highTech: true });
  });

  it('updates with a version check, and an unchanged save changes nothing', () => {
    const db = memoryDb({});
    const first = save(db, base).record;
    const same = save(db, { ...base, id: first.id, expectedVersion: first.version });
    expect(same.changed).toBe(false);
    const renamed = save(db, { ...base, id: first.id, name: '拉萨净土农牧科技股份有限公司', expectedVersion: first.version });
    expect(renamed.record.version).toBeGreaterThan(first.version);
    expect(error(() => save(db, { ...base, id: first.id, name: 'X', expectedVersion: first.version })).code).toBe('stale');
    const h = historyOf(db, 'enterprises', first.id);
    expect(h.map((x) => x.op)).toEqual(['create', 'update']);
    expect(h[1]!.changes.name).toEqual({ old: '拉萨净土农牧科技有限公司', new: '拉萨净土农牧科技股份有限公司' });
  });

  it('deletes softly and restores', () => {
    const db = memoryDb({});
    const e = save(db, base).record;
    deleteEnterprise(db, e.id);
    expect(list(db).total).toBe(0);
    expect(list(db, { deleted: true }).total).toBe(1);
    // The code is free again while the record is deleted…
    const other = save(db, { ...base, name: '新公司' }).record;
    // …so restoring the old one would clash.
    expect(error(() => restoreEnterprise(db, e.id)).code).toBe('duplicate_uscc');
    deleteEnterprise(db, other.id);
    restoreEnterprise(db, e.id);
    expect(list(db).rows.map((r) => r.name)).toEqual([base.name]);
    expect(historyOf(db, 'enterprises', e.id).map((x) => x.op)).toEqual(['create', 'delete', 'restore']);
  });

  it('keeps offices to their own prefecture, and makes HQ name one', () => {
    const db = memoryDb({});
    expect(error(() => save(db, { ...base, prefectureCode: '540200' })).code).toBe('wrong_prefecture');
    const hq = memoryDb({ role: 'hq' });
    expect(error(() => save(hq, base)).code).toBe('prefecture_required');
    expect(save(hq, { ...base, prefectureCode: '540100' }).record.prefectureCode).toBe('540100');
  });
});

describe('enterprise search', () => {
  const names = ['拉萨净土农牧科技有限公司', '西藏农牧产业发展公司', '日喀则青稞酒业', '拉萨市城关区藏香厂', '林芝松茸贸易公司'];
  function seeded() {
    const db = memoryDb({});
    names.forEach((name, i) => save(db, { uscc: makeUscc('91', '540102', `MA6T00${String(i).padStart(2, '0')}`), name, countyCode: i % 2 ? '540103' : '540102' }));
    return db;
  }

  it('finds by three characters or more through the trigram index', () => {
    const db = seeded();
    expect(list(db, { q: '净土农牧' }).rows.map((r) => r.name)).toEqual(['拉萨净土农牧科技有限公司']);
    expect(list(db, { q: '青稞酒' }).total).toBe(1);
  });

  it('finds by two-character Chinese queries too', () => {
    const db = seeded();
    expect(list(db, { q: '拉萨' }).rows.map((r) => r.name).sort()).toEqual(['拉萨净土农牧科技有限公司', '拉萨市城关区藏香厂'].sort());
    expect(list(db, { q: '农牧' }).total).toBe(2);
    expect(list(db, { q: '松' }).total).toBe(1);
  });

  it('finds by part of the credit code', () => {
    const db = seeded();
    const code = list(db).rows[0]!.uscc!;
    expect(list(db, { q: code.slice(12) }).total).toBe(1);
  });

  it('treats search text literally, never as query syntax', () => {
    const db = seeded();
    for (const q of ['"', '%', '_', 'a OR b', '*', 'NEAR(x y)', "'; DROP TABLE enterprises; --", '拉萨"']) {
      expect(() => list(db, { q }), q).not.toThrow();
    }
    expect(list(db, { q: '%' }).total).toBe(0);
    expect(list(db).total).toBe(names.length);
  });

  it('keeps the index right after renames and deletes', () => {
    const db = seeded();
    const row = list(db, { q: '青稞酒' }).rows[0]!;
    save(db, { uscc: row.uscc, name: '日喀则珠峰饮品', id: row.id });
    expect(list(db, { q: '青稞酒' }).total).toBe(0);
    expect(list(db, { q: '珠峰饮' }).total).toBe(1);
    deleteEnterprise(db, row.id);
    expect(list(db, { q: '珠峰饮' }).total).toBe(0);
  });

  it('finds two characters of the name, contact person or service officer, ASCII in any case, and forgets old text', () => {
    const db = seeded();
    const row = list(db, { q: '青稞酒' }).rows[0]!;
    save(db, { uscc: row.uscc, name: `${row.name}Ab`, id: row.id, contactPerson: '次仁', serviceOfficer: '央金' });
    for (const q of ['酒业', '次仁', '央金', 'ab', 'AB']) expect(list(db, { q }).rows.map((r) => r.id), q).toEqual([row.id]);
    save(db, { uscc: row.uscc, name: '日喀则珠峰饮品', id: row.id });
    for (const q of ['次仁', '酒业', 'ab']) expect(list(db, { q }).total, q).toBe(0);
    expect(list(db, { q: '饮品' }).total).toBe(1);
  });

  it('gives exactly what a scan of the text would, for every two characters of every enterprise', () => {
    const db = seeded();
    for (let i = 0; i < 40; i++) {
      save(db, { uscc: makeUscc('92', '540102', `MA6T10${String(i).padStart(2, '0')}`), name: `${names[i % 5]!.slice(0, 4)}分店${i}号`, address: `城关区北京中路${i}号`, countyCode: '540102' });
    }
    const rows = db.prepare('SELECT name, contact_person, service_officer FROM enterprises WHERE deleted = 0').all() as Record<string, string | null>[];
    const grams = new Set(rows.flatMap((r) => Object.values(r).flatMap((v) => [...(v ?? '')].slice(0, -1).map((c, k) => c + [...v!][k + 1]))));
    expect(grams.size).toBeGreaterThan(50);
    for (const g of grams) {
      const scan = rows.filter((r) => Object.values(r).some((v) => v?.toLowerCase().includes(g.toLowerCase()))).length;
      expect(list(db, { q: g, limit: 500 }).total, g).toBe(scan);
    }
  });

  it('counts and pages a search with thousands of matches exactly as a scan would, in name order, leaving deleted ones out', () => {
    // Over 2,000 matches the page walks the name keys' index instead of sorting every match.
    const db = memoryDb({});
    const words = ['有限公司', '合作社', '有限公司分公司', '商贸有限公司'];
    const people = [null, '扎西', '次仁', '央金'];
    db.transaction(() => {
      for (let i = 0; i < 7_000; i++) {
        // Names repeat, so the row decides the order among equals.
        const r = save(db, { uscc: makeUscc('91', '540102', `MA7B${String(i).padStart(4, '0')}`), name: `企业${i % 900}${words[i % 4]}`, contactPerson: people[i % 3], countyCode: '540102' });
        if (i % 97 === 0) deleteEnterprise(db, r.record.id);
      }
    })();
    const rows = db.prepare('SELECT rowid, id, name, uscc, address, contact_person, service_officer FROM enterprises WHERE deleted = 0').all() as Record<string, string | number | null>[];
    // Pinyin order at every size (the stored keys), equal names in the order they were added.
    const byName = (a: Record<string, unknown>, b: Record<string, unknown>) => {
      const [x, y] = [nameKey(a.name as string), nameKey(b.name as string)];
      return x < y ? -1 : x > y ? 1 : (a.rowid as number) - (b.rowid as number);
    };
    for (const q of ['有限公司', '合作社', '企业12']) {
      const matching = rows.filter((r) => ['name', 'uscc', 'address', 'contact_person', 'service_officer'].some((k) => String(r[k] ?? '').includes(q)));
      const expected = matching.sort(byName).map((r) => r.id);
      const first = list(db, { q, limit: 100 });
      expect(first.total, q).toBe(expected.length);
      for (const [offset, order] of [[0, 'asc'], [2_600, 'asc'], [expected.length - 50, 'asc'], [0, 'desc'], [1_000, 'desc']] as const) {
        const want = order === 'asc' ? expected.slice(offset, offset + 100) : [...expected].reverse().slice(offset, offset + 100);
        expect(list(db, { q, limit: 100, offset, order }).rows.map((r) => r.id), `${q} ${offset} ${order}`).toEqual(want);
      }
    }
    expect(list(db, { q: '有限公司' }).total).toBeGreaterThan(2_000);
    // Narrowed to a prefecture, the count comes from the rows, not from the text index alone.
    expect(list(db, { q: '有限公司', prefectureCode: '540200' })).toMatchObject({ total: 0, rows: [] });
    expect(list(db, { q: '有限公司', prefectureCode: '540100' }).total).toBe(list(db, { q: '有限公司' }).total);
    expect(list(db, { q: '企业12' }).total).toBeLessThan(2_000);
  });

  it('finds enterprises of a register built by the released schema 5 (the index of character pairs), which migration 6 drops', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version <= 5));
    installBundledChecklists(db);
    createInstallation(db, { role: 'office', prefectureCode: '540100', officeName: '拉萨市经济和信息化局', operatorName: '测试员' });
    // Written as schema 5 stored it (today's save knows later columns).
    db.prepare("INSERT INTO enterprises (id, origin, version, created_at, updated_at, uscc, name, prefecture_code, county_code, contact_person) VALUES ('00000000-0000-4000-8000-000000000001', 'x', 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z', ?, '拉萨净土农牧科技有限公司', '540100', '540102', '扎西')").run(makeUscc('91', '540102', 'MA6T0001'));
    expect(db.prepare("SELECT count(*) AS n FROM enterprise_grams").get()).toMatchObject({ n: expect.any(Number) });
    migrate(db);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%gram%'").all()).toEqual([]);
    for (const q of ['净土', '扎西', '净土农牧']) expect(list(db, { q }).total, q).toBe(1);
    // Saving still works without the old triggers.
    save(db, { uscc: makeUscc('91', '540102', 'MA6T0002'), name: '日喀则青稞酒业', countyCode: '540102' });
    expect(list(db, { q: '青稞' }).total).toBe(1);
  });

  it('filters by county and pages through results', () => {
    const db = seeded();
    expect(list(db, { countyCode: '540103' }).total).toBe(2);
    const page1 = list(db, { limit: 2, offset: 0 });
    const page2 = list(db, { limit: 2, offset: 2 });
    expect(page1.total).toBe(5);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(4);
  });
});
