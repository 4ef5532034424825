import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { enterpriseInput, enterpriseListInput, type EnterpriseInput } from '../../api/entities';
import { listEnterprises, saveEnterprise } from '../../db/enterprises';
import { nameKey, sortByPinyin } from '../../db/collate';
import { makeUscc } from '../../db/validation/uscc';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { installBundledChecklists } from '../../db/checklists';
import { createInstallation } from '../../db/installation';
import { memoryDb } from '../support/db';
import { openDatabase } from '../../db/open';
import { tempDataDir } from '../support/host';
import fs from 'node:fs';
import path from 'node:path';
import { saveActivity } from '../../db/activities';
import { getChecklist } from '../../db/checklists';
import { recordsOf } from '../../db/indicators/records';
import { activityInput } from '../../api/entities';
import { pair, placesForTest } from '../support/sync';

type Db = ReturnType<typeof memoryDb>;
const list = (db: Db, q: object = {}) => listEnterprises(db, enterpriseListInput.parse(q));
const save = (db: Db, input: EnterpriseInput) => saveEnterprise(db, enterpriseInput.parse(input));
/** ICU's Chinese collation, an oracle independent of the stored keys for names that differ in their first characters. */
const icu = new Intl.Collator('zh-CN');
const make = placesForTest(afterEach);

const heads = ['日喀则', '拉孜', '江孜', '阿里', '藏药', '那曲', '林芝', '昌都'];

describe('enterprise names in pinyin order', () => {
  it('keys names by pinyin and tone: 江孜 before 拉孜 before 日喀则, 藏药 under z, 2号 before 10号, full-width folded', () => {
    expect(sortByPinyin(['日喀则桑珠孜商贸', '拉孜县农牧合作社', '江孜县建材'])).toEqual(['江孜县建材', '拉孜县农牧合作社', '日喀则桑珠孜商贸']);
    expect(nameKey('藏药厂')).toBe('zang4 yao4 chang3');
    expect(nameKey('重庆银行')).toBe('chong2 qing4 yin2 hang2');
    expect(sortByPinyin(['10号商店', '2号商店'])).toEqual(['2号商店', '10号商店']);
    expect(nameKey('（西藏）ＡＢＣ')).toBe(nameKey('(西藏)abc'));
    // 西安 (xi an) before 先锋 (xian): a syllable ends before a longer one goes on.
    expect(sortByPinyin(['先锋科技', '西安贸易'])).toEqual(['西安贸易', '先锋科技']);
  });

  it('orders HQ’s whole register beyond 5,000 names by pinyin, paging without a gap or a repeat, both ways', () => {
    const db = memoryDb({ role: 'hq' });
    const n = 6_000;
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        save(db, { uscc: makeUscc('91', '540221', `MA8A${String(i).padStart(4, '0')}`), prefectureCode: '540200', countyCode: '540221', name: `${heads[i % heads.length]}${i % 37}号有限公司` });
      }
    })();
    for (const order of ['asc', 'desc'] as const) {
      const pages: { name: string; id: string }[] = [];
      for (let offset = 0; offset < n; offset += 500) {
        const page = list(db, { limit: 500, offset, order });
        expect(page.total).toBe(n);
        pages.push(...page.rows);
      }
      expect(pages).toHaveLength(n);
      expect(new Set(pages.map((r) => r.id)).size).toBe(n);
      // Pages walk the key index; an export (every row) sorts the matches: one order either way.
      const everything = listEnterprises(db, { ...enterpriseListInput.parse({ order }), limit: -1 }).rows;
      expect(everything.map((r) => r.id)).toEqual(pages.map((r) => r.id));
      // The heads in pinyin order: ICU's, except 藏药, which ICU files under cáng.
      const firsts = pages.map((r) => heads.find((h) => r.name.startsWith(h))!).filter((h, i, all) => i === 0 || all[i - 1] !== h);
      const expected = ['阿里', '昌都', '江孜', '拉孜', '林芝', '那曲', '日喀则', '藏药'];
      expect(expected.slice(0, -1)).toEqual(heads.filter((h) => h !== '藏药').sort(icu.compare));
      expect(firsts).toEqual(order === 'asc' ? expected : expected.reverse());
      // … and within a head, the numbers in numeric order.
      const numbers = pages.filter((r) => r.name.startsWith('拉孜')).map((r) => Number(/(\d+)号/.exec(r.name)![1]));
      const sorted = [...numbers].sort((a, b) => a - b);
      expect(numbers).toEqual(order === 'asc' ? sorted : sorted.reverse());
    }
    // A page deep in the list is the same page when asked twice, and the same rows as a narrower
    // filter that matches everything (the walk of the keys and the sort agree).
    const deep = list(db, { limit: 50, offset: 4_321 }).rows.map((r) => r.id);
    expect(list(db, { limit: 50, offset: 4_321 }).rows.map((r) => r.id)).toEqual(deep);
    expect(list(db, { limit: 50, offset: 4_321, prefectureCode: '540200' }).rows.map((r) => r.id)).toEqual(deep);
    expect(list(db, { limit: 50, offset: 4_321, countyCode: '540221' }).rows.map((r) => r.id)).toEqual(deep);
  });

  it('keeps a renamed enterprise’s key, and a database of schema 10 gets keys for the rows it already had', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 10));
    installBundledChecklists(db);
    createInstallation(db, { role: 'office', prefectureCode: '540200', officeName: '日喀则市经济和信息化局', operatorName: '测试员' });
    for (const [i, name] of ['日喀则青稞酒业', '拉孜藏刀厂', '江孜地毯厂'].entries()) {
      db.prepare("INSERT INTO enterprises (id, origin, version, created_at, updated_at, uscc, name, prefecture_code, county_code) VALUES (?, 'x', 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z', ?, ?, '540200', '540221')").run(
        `00000000-0000-4000-8000-00000000000${i}`,
        makeUscc('91', '540221', `MA6T000${i}`),
        name,
      );
    }
    migrate(db);
    expect(list(db).rows.map((r) => r.name)).toEqual(['江孜地毯厂', '拉孜藏刀厂', '日喀则青稞酒业']);
    const keys = () => db.prepare('SELECT e.name, k.key FROM enterprises e JOIN enterprise_name_keys k ON k.rid = e.rowid').all() as { name: string; key: string }[];
    for (const k of keys()) expect(k.key).toBe(nameKey(k.name));
    const ours = save(db, { uscc: makeUscc('91', '540221', 'MA6T0009'), name: '阿里旅游公司', countyCode: '540221' }).record;
    expect(list(db).rows[0]!.name).toBe('阿里旅游公司');
    save(db, { id: ours.id, uscc: ours.uscc, name: '仲巴旅游公司', countyCode: '540221', expectedVersion: ours.version });
    expect(list(db).rows.map((r) => r.name)).toEqual(['江孜地毯厂', '拉孜藏刀厂', '日喀则青稞酒业', '仲巴旅游公司']);
    for (const k of keys()) expect(k.key).toBe(nameKey(k.name));
    db.prepare('DELETE FROM enterprises WHERE id = ?').run(ours.id);
    expect(db.prepare('SELECT count(*) AS n FROM enterprise_name_keys').get()).toEqual({ n: 3 });
  });

  it('gives rows that arrive in an office’s package keys computed at HQ (the key is no field of a package: sync-bad-input refuses unknown fields)', async () => {
    const hq = await make('hq');
    const office = await make('office', '540200');
    await pair(hq, office);
    for (const [i, name] of ['日喀则青稞酒业', '拉孜藏刀厂', '江孜地毯厂'].entries()) {
      await office.api['enterprises.save']({ uscc: makeUscc('91', '540221', `MA6T000${i}`), name, countyCode: '540221' });
    }
    const pkg = await office.api['sync.export']({ full: false });
    await hq.api['sync.import']({ files: [{ name: pkg.name, base64: pkg.base64 }] });
    expect((await hq.api['enterprises.list']({})).rows.map((r) => r.name)).toEqual(['江孜地毯厂', '拉孜藏刀厂', '日喀则青稞酒业']);
    const db = hq.ctx.requireDatabase();
    const keys = db.prepare('SELECT e.name, k.key FROM enterprises e JOIN enterprise_name_keys k ON k.rid = e.rowid').all() as { name: string; key: string }[];
    expect(keys).toHaveLength(3);
    for (const k of keys) expect(k.key).toBe(nameKey(k.name));
    // The key is no column of the synced table: a package cannot bring one.
    expect((db.prepare('PRAGMA table_info(enterprises)').all() as { name: string }[]).map((c) => c.name).filter((c) => c.includes('key'))).toEqual([]);
  });

  it('lists an activity’s enterprises in pinyin order', () => {
    const db = memoryDb({ prefectureCode: '540200', officeName: '日喀则市经济和信息化局' });
    const ids = ['日喀则青稞酒业', '拉孜藏刀厂', '江孜地毯厂'].map((name, i) => save(db, { uscc: makeUscc('91', '540221', `MA6T000${i}`), name, countyCode: '540221' }).record.id);
    const input = { itemNo: 6, kind: 'zyq_matchmaking', title: '政银企对接会', date: '2022-05-10', metrics: { participants: 80 }, enterpriseIds: ids };
    const { record } = saveActivity(db, activityInput.parse(input));
    expect(record.enterprises.map((e) => e.name)).toEqual(['江孜地毯厂', '拉孜藏刀厂', '日喀则青稞酒业']);
  });

  it('lists the enterprises behind a figure (drill-down) in pinyin order', () => {
    const db = memoryDb({ prefectureCode: '540200', officeName: '日喀则市经济和信息化局' });
    const names = ['日喀则青稞酒业', '拉孜藏刀厂', '江孜地毯厂'];
    const ids = names.map((name, i) => save(db, { uscc: makeUscc('91', '540221', `MA6T000${i}`), name, countyCode: '540221', statuses: { high_tech: '2022-02-01' } }).record.id);
    saveActivity(db, activityInput.parse({ itemNo: 6, kind: 'zyq_matchmaking', title: '政银企对接会', date: '2022-05-10', metrics: { participants: 80 }, enterpriseIds: ids }));
    const drilled = getChecklist(db, 2022)!.indicators
      .map((i) => recordsOf(db, { year: 2022, indicatorId: i.id, asOf: '2022-12-31' }))
      .filter((r) => r.kind === 'enterprises' && r.rows.length === 3);
    // The activity-linked path (6.enterprises_covered …) and the status path (高新技术企业) both list them.
    expect(drilled.length).toBeGreaterThanOrEqual(2);
    for (const r of drilled) expect(r.rows.map((e) => e.name)).toEqual(['江孜地毯厂', '拉孜藏刀厂', '日喀则青稞酒业']);
  });

  it('makes every key again on opening when they were made by another version of the rule', () => {
    const dir = tempDataDir('sme-keys-');
    try {
      const file = path.join(dir, 'ledger.sqlite');
      let db = openDatabase(file);
      createInstallation(db, { role: 'office', prefectureCode: '540200', officeName: '日喀则市经济和信息化局', operatorName: '测试员' });
      save(db, { uscc: makeUscc('91', '540221', 'MA6T0001'), name: '拉孜藏刀厂', countyCode: '540221' });
      // As an older rule would have left them: another key, another version.
      db.prepare("UPDATE enterprise_name_keys SET key = 'zzz'").run();
      db.prepare("UPDATE settings SET value = 'older rule' WHERE key = 'name_key_version'").run();
      db.close();
      db = openDatabase(file);
      expect(db.prepare('SELECT key FROM enterprise_name_keys').all()).toEqual([{ key: nameKey('拉孜藏刀厂') }]);
      // The same version: nothing is made again.
      db.prepare("UPDATE enterprise_name_keys SET key = 'zzz'").run();
      db.close();
      db = openDatabase(file);
      expect(db.prepare('SELECT key FROM enterprise_name_keys').all()).toEqual([{ key: 'zzz' }]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
