import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { enterpriseInput, enterpriseListInput, type EnterpriseInput } from '../../api/entities';
import { deleteEnterprise, listEnterprises, restoreEnterprise, saveEnterprise } from '../../db/enterprises';
import { runImport } from '../../db/excel/transfer';
import { likePattern } from '../../db/sql';
import { shortSearchMatch, shortSearchTokens } from '../../db/short-search';
import { makeUscc } from '../../db/validation/uscc';
import { nameKey } from '../../db/collate';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { installBundledChecklists } from '../../db/checklists';
import { createInstallation } from '../../db/installation';
import { aoaWorkbook } from '../reliability/fuzz';
import { memoryDb } from '../support/db';
import { pair, placesForTest } from '../support/sync';

// One- and two-character searches come from the short search's index (migration 14). Its hits
// must be exactly those of the scan it replaced: the name, contact person or service officer
// containing the text, ASCII letters in any case, every other character as it is.

type Db = InstanceType<typeof Database>;
const save = (db: Db, input: EnterpriseInput) => saveEnterprise(db, enterpriseInput.parse(input));
const code = (i: number) => makeUscc('91', '540102', `MA7D${String(i).padStart(4, '0')}`);

/** The scan that served one and two characters before migration 14, word for word. */
function scan(db: Db, text: string, deleted: boolean): string[] {
  const p = likePattern(text);
  const condition = /[A-Za-z]/.test(text)
    ? "(name LIKE @p ESCAPE '\\' OR contact_person LIKE @p ESCAPE '\\' OR service_officer LIKE @p ESCAPE '\\')"
    : '(instr(name, @t) > 0 OR instr(contact_person, @t) > 0 OR instr(service_officer, @t) > 0)';
  const rows = db.prepare(`SELECT id FROM enterprises WHERE deleted = @d AND ${condition}`).all({ p, t: text, d: deleted ? 1 : 0 }) as { id: string }[];
  return rows.map((r) => r.id).sort();
}

/** Every one- and two-character piece of the searched texts, both cases of ASCII, and some absent ones. */
function queries(db: Db): string[] {
  const rows = db.prepare('SELECT name, contact_person, service_officer FROM enterprises').all() as Record<string, string | null>[];
  const out = new Set(['无有', 'zz', 'Q', '%', '_', '\\', '"', '%%', 'a%', '*', '拉萨"']);
  for (const r of rows) {
    for (const v of Object.values(r)) {
      const chars = [...(v ?? '')];
      chars.forEach((c, i) => {
        out.add(c);
        if (i > 0) out.add(chars[i - 1]! + c);
      });
    }
  }
  for (const q of [...out]) {
    out.add(q.toUpperCase());
    out.add(q.toLowerCase());
  }
  return [...out].map((q) => q.trim()).filter((q) => q !== '' && [...q].length <= 2);
}

/** Every query, in the live list and among the deleted, against the scan: ids and total. */
function expectSameAsScan(db: Db) {
  const all = queries(db);
  expect(all.length).toBeGreaterThan(40);
  for (const q of all) {
    for (const deleted of [false, true]) {
      const page = listEnterprises(db, enterpriseListInput.parse({ q, deleted, limit: 500 }));
      const want = scan(db, q, deleted);
      expect(page.rows.map((r) => r.id).sort(), `${q} deleted=${deleted}`).toEqual(want);
      expect(page.total, `${q} deleted=${deleted}`).toBe(want.length);
    }
  }
}

const people: EnterpriseInput[] = [
  { uscc: code(1), name: '拉萨净土农牧科技有限公司', countyCode: '540102', contactPerson: '扎西', serviceOfficer: '央金' },
  { uscc: code(2), name: 'ABC拉萨商贸（有限）公司', countyCode: '540102', contactPerson: 'Tashi Dorje', serviceOfficer: '次仁' },
  { uscc: code(3), name: '拉 萨·藏药厂 100%_合作社', countyCode: '540102', contactPerson: '央金', serviceOfficer: null },
  { uscc: code(4), name: 'Lhasa藏药厂ＡＢ', countyCode: '540102', contactPerson: null, serviceOfficer: 'abc' },
  { uscc: code(5), name: '𠀀字号藏香厂\\分厂', countyCode: '540102', contactPerson: 'ÄÖ次仁', serviceOfficer: 'äö' },
  { uscc: code(6), name: '萨拉青稞酒业', countyCode: '540102', contactPerson: '拉萨', serviceOfficer: '扎西' },
];

describe('one- and two-character search from the short search index', () => {
  const make = placesForTest(afterEach);

  it('spells every character and every pair of one field as a token, ASCII lower-cased, nothing else folded', () => {
    expect(shortSearchTokens('拉萨', null, 'Ab')).toBe('62c9 8428 62c9x8428 61 62 61x62');
    // No pair across two fields: 萨 ending the name and 扎 starting the contact person.
    expect(shortSearchTokens('拉萨', '扎西').split(' ')).not.toContain('8428x624e');
    expect(shortSearchTokens('Ä')).toBe('c4');
    expect(shortSearchMatch('Ab')).toBe('"61x62"');
    expect(shortSearchMatch('𠀀')).toBe('"20000"');
    expect(() => shortSearchMatch('拉萨市')).toThrow();
  });

  it('finds exactly what the scan found, after saves, renames, deletes, undeletes and removals', () => {
    const db = memoryDb({});
    const ids = people.map((p) => save(db, p).record.id);
    expectSameAsScan(db);
    // A rename, a contact person changed, a service officer cleared.
    save(db, { ...people[0]!, id: ids[0], name: '日喀则珠峰饮品', contactPerson: 'Pema', serviceOfficer: null });
    save(db, { ...people[1]!, id: ids[1], contactPerson: '次仁', serviceOfficer: '拉巴' });
    deleteEnterprise(db, ids[2]!);
    deleteEnterprise(db, ids[5]!);
    expectSameAsScan(db);
    restoreEnterprise(db, ids[5]!);
    save(db, { ...people[5]!, id: ids[5], contactPerson: '格桑' }); // the contact person alone
    // A row removed outright (no screen does this; the trigger must still forget it).
    db.prepare('DELETE FROM enterprises WHERE id = ?').run(ids[3]);
    expectSameAsScan(db);
    expect(listEnterprises(db, enterpriseListInput.parse({ q: '珠峰' })).total).toBe(1);
    expect(listEnterprises(db, enterpriseListInput.parse({ q: '净土' })).total).toBe(0);
  });

  it('finds exactly what the scan found after an Excel import (the index filled once at the end)', () => {
    const db = memoryDb({});
    const ids = people.slice(0, 3).map((p) => save(db, p).record.id);
    const file = aoaWorkbook([
      ['统一社会信用代码', '企业名称', '县（区）', '联系人', '服务专员'],
      [code(10), '雪域青稞新厂', '城关区', '扎西', '拉巴'],
      [code(1), '改名后的净土公司', '城关区', '次旦', null], // an older row, renamed
      [code(11), '圣湖Ab乳业', '城关区', null, '央金'],
      ['不是代码', '被拒绝的行拉萨', '城关区', null, null],
    ]);
    expect(runImport(db, 'enterprises', file, 'e.xlsx', true)).toMatchObject({ created: 2, updated: 1, rejected: [{ rowNumber: 5 }] });
    expectSameAsScan(db);
    expect(listEnterprises(db, enterpriseListInput.parse({ q: '净土' })).rows.map((r) => r.id)).toEqual([ids[0]]);
    expect(listEnterprises(db, enterpriseListInput.parse({ q: '被拒' })).total).toBe(0);
    // The triggers work again after the import.
    save(db, { uscc: code(12), name: '导入之后新登记', countyCode: '540102' });
    expect(listEnterprises(db, enterpriseListInput.parse({ q: '之后' })).total).toBe(1);
    expectSameAsScan(db);
  });

  it('finds exactly what the scan found at HQ after sync imports of creations, changes and deletions', async () => {
    const hq = await make('hq');
    const office = await make('office', '540100');
    await pair(hq, office);
    const ids: string[] = [];
    for (const p of people) ids.push((await office.api['enterprises.save'](p)).record.id);
    const send = async () => {
      const pkg = await office.api['sync.export']({ full: false });
      await hq.api['sync.import']({ files: [{ name: pkg.name, base64: pkg.base64 }] });
    };
    await send();
    const db = hq.ctx.requireDatabase();
    expect(db.prepare('SELECT count(*) AS n FROM enterprises').get()).toEqual({ n: people.length });
    expectSameAsScan(db);
    const current = async (i: number) => (await office.api['enterprises.get']({ id: ids[i]! })) as { version: number };
    await office.api['enterprises.save']({ ...people[0]!, id: ids[0], name: '日喀则珠峰饮品', contactPerson: 'Pema', expectedVersion: (await current(0)).version });
    await office.api['enterprises.save']({ ...people[1]!, id: ids[1], serviceOfficer: null, expectedVersion: (await current(1)).version });
    await office.api['enterprises.delete']({ id: ids[2]! });
    await send();
    expectSameAsScan(db);
    expect((await hq.api['enterprises.list']({ q: '珠峰' })).total).toBe(1);
    expect((await hq.api['enterprises.list']({ q: '净土' })).total).toBe(0);
  });

  it('pages in name order as a scan would, walking the names (dense matches) or not (matches bunched at the end of the alphabet)', () => {
    const db = memoryDb({});
    db.transaction(() => {
      for (let i = 0; i < 3_000; i++) {
        // Names repeat, so the row decides the order among equals.
        const name = i < 2_000 ? `阿里企业${i % 700}号` : `张家企业${i % 300}号`;
        save(db, { uscc: makeUscc('91', '540102', `MA7E${String(i).padStart(4, '0')}`), name, countyCode: '540102', contactPerson: i % 5 ? 'Ab' : null });
      }
      deleteEnterprise(db, (db.prepare("SELECT id FROM enterprises WHERE name = '张家企业7号' LIMIT 1").get() as { id: string }).id);
    })();
    const rows = db.prepare('SELECT rowid, id, name, contact_person FROM enterprises WHERE deleted = 0').all() as { rowid: number; id: string; name: string; contact_person: string | null }[];
    const keyed = rows.map((r) => ({ ...r, key: nameKey(r.name) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.rowid - b.rowid));
    // 张家企 (1,000 matches) lies after 2,000 names: a walk of the names would overrun its window.
    for (const q of ['ab', 'AB', '企业', '张家企', '阿里企', '张家']) {
      const expected = keyed.filter((r) => [r.name, r.contact_person ?? ''].some((v) => v.toLowerCase().includes(q.toLowerCase()))).map((r) => r.id);
      expect(listEnterprises(db, enterpriseListInput.parse({ q })).total, q).toBe(expected.length);
      for (const [offset, order] of [[0, 'asc'], [150, 'asc'], [expected.length - 50, 'asc'], [0, 'desc'], [400, 'desc']] as const) {
        const want = order === 'asc' ? expected.slice(offset, offset + 100) : [...expected].reverse().slice(offset, offset + 100);
        expect(listEnterprises(db, enterpriseListInput.parse({ q, offset, order, limit: 100 })).rows.map((r) => r.id), `${q} ${offset} ${order}`).toEqual(want);
      }
    }
  });

  it('indexes the enterprises a register already held when migration 14 runs', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version <= 13));
    installBundledChecklists(db);
    createInstallation(db, { role: 'office', prefectureCode: '540100', officeName: '拉萨市经济和信息化局', operatorName: '测试员' });
    const ids = people.map((p) => save(db, p).record.id);
    deleteEnterprise(db, ids[4]!);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'enterprise_short_search'").all()).toEqual([]);
    migrate(db);
    expectSameAsScan(db);
  });
});

describe('checking a row against its own text while walking the names (db/enterprises.ts, LIKE_AS_TRIGRAMS)', () => {
  it('rests on the trigram tokenizer folding to an ASCII letter or digit only that letter, its capital, the Kelvin sign (k) and the long s (s), and to a Han character only itself', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram', detail = none)");
    const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
    // Planes 0 to 3: every script with capitals, and every Han block.
    db.transaction(() => {
      for (let c = 0x20; c <= 0x3ffff; c++) if (c < 0xd800 || c > 0xdfff) insert.run(c, `${String.fromCodePoint(c)}~~`);
    })();
    const folded = (x: string) => (db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').all(`"${x}~~"`) as { rowid: number }[]).map((r) => r.rowid);
    for (const x of '0123456789abcdefghijklmnopqrstuvwxyz') {
      const extra = x === 'k' ? [0x212a] : x === 's' ? [0x17f] : [];
      expect(folded(x), x).toEqual([...new Set([x.codePointAt(0)!, x.toUpperCase().codePointAt(0)!])].sort((a, b) => a - b).concat(extra));
    }
    db.exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')");
    const shared = db.prepare('SELECT term FROM v WHERE doc > 1').all() as { term: string }[];
    expect(shared.length).toBeGreaterThan(500); // capitals and small letters of many scripts
    expect(shared.filter((r) => /^\p{Script=Han}/u.test(r.term))).toEqual([]);
    for (const h of ['拉', '萨', '𠀀', '〇']) expect(folded(h), h).toEqual([h.codePointAt(0)]);
  });
});
