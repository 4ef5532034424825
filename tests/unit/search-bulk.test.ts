import { describe, expect, it } from 'vitest';
import { enterpriseInput, enterpriseListInput } from '../../api/entities';
import { listEnterprises, saveEnterprise } from '../../db/enterprises';
import { runImport } from '../../db/excel/transfer';
import { withBulkSearchIndex } from '../../db/search-bulk';
import { makeUscc } from '../../db/validation/uscc';
import { aoaWorkbook } from '../reliability/fuzz';
import { memoryDb } from '../support/db';

// An Excel import of enterprises fills the full-text index once at the end instead of by a
// trigger per row. These tests hold that the index ends up exactly right, and that the triggers
// come back unchanged whatever happens to the import.

type Db = ReturnType<typeof memoryDb>;
const triggers = (db: Db) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
/** FTS5's own check of its index against the enterprises table; throws if they disagree. */
const checkIndex = (db: Db) => db.prepare("INSERT INTO enterprises_fts (enterprises_fts, rank) VALUES ('integrity-check', 1)").run();
const found = (db: Db, q: string) => listEnterprises(db, enterpriseListInput.parse({ q, limit: 500 })).rows.map((r) => r.name).sort();
const code = (i: number) => makeUscc('91', '540102', `MA7C${String(i).padStart(4, '0')}`);

function register() {
  const db = memoryDb({});
  for (let i = 0; i < 3; i++) saveEnterprise(db, enterpriseInput.parse({ uscc: code(i), name: `旧名称企业${i}`, countyCode: '540102' }));
  return db;
}

describe('the full-text index during an Excel import', () => {
  it('holds exactly the text of new rows and of older rows renamed, and none of rows refused', () => {
    const db = register();
    const before = triggers(db);
    const file = aoaWorkbook([
      ['统一社会信用代码', '企业名称', '县（区）', '联系人'],
      [code(10), '雪域青稞新厂', '城关区', '扎西'],
      [code(11), '圣湖乳业终名', '城关区', '次仁'],
      [code(0), '旧名称改为珠峰饮品', '城关区', null], // an older row, renamed
      [code(11), '圣湖乳业初名', '城关区', null], // the same record again: refused
      ['不是代码', '被拒绝的行', '城关区', null],
      [code(12), '拉萨藏香合作社', '城关区', '央金'],
    ]);
    const report = runImport(db, 'enterprises', file, 'e.xlsx', true);
    expect(report).toMatchObject({ created: 3, updated: 1, rejected: [{ rowNumber: 5 }, { rowNumber: 6 }] });
    checkIndex(db);
    expect(triggers(db)).toEqual(before);
    expect(found(db, '青稞新厂')).toEqual(['雪域青稞新厂']);
    expect(found(db, '乳业终名')).toEqual(['圣湖乳业终名']);
    expect(found(db, '乳业初名')).toEqual([]);
    expect(found(db, '珠峰饮品')).toEqual(['旧名称改为珠峰饮品']);
    expect(found(db, '旧名称企业')).toEqual(['旧名称企业1', '旧名称企业2']);
    expect(found(db, '被拒绝')).toEqual([]);
    // Text in the other indexed columns, and the triggers working again afterwards.
    expect(found(db, '次仁')).toEqual(['圣湖乳业终名']);
    saveEnterprise(db, enterpriseInput.parse({ uscc: code(20), name: '导入之后新登记', countyCode: '540102' }));
    expect(found(db, '之后新登')).toEqual(['导入之后新登记']);
    checkIndex(db);
  });

  it('is right for a load that creates a record and updates it again, into an empty register', () => {
    // (An Excel file cannot do this any more: a repeated credit code is refused. The guarantee
    // stays.) Nothing else shares the record's trigrams here, so an index told to delete text
    // it never held is caught at once (FTS5 reports itself corrupt).
    const db = memoryDb({});
    db.transaction(() =>
      withBulkSearchIndex(db, () => {
        const { record } = saveEnterprise(db, enterpriseInput.parse({ uscc: code(11), name: '圣湖乳业初名', countyCode: '540102' }));
        saveEnterprise(db, enterpriseInput.parse({ id: record.id, uscc: code(11), name: '圣湖乳业终名', countyCode: '540102' }));
      }),
    )();
    checkIndex(db);
    expect(found(db, '乳业终名')).toEqual(['圣湖乳业终名']);
    expect(found(db, '乳业初名')).toEqual([]);
  });

  it('leaves the index and the triggers as they were after a preview', () => {
    const db = register();
    const before = triggers(db);
    const file = aoaWorkbook([['统一社会信用代码', '企业名称', '县（区）'], [code(10), '预览中的企业', '城关区'], [code(1), '预览改名', '城关区']]);
    expect(runImport(db, 'enterprises', file, 'e.xlsx', false)).toMatchObject({ created: 1, updated: 1, applied: false });
    expect(triggers(db)).toEqual(before);
    checkIndex(db);
    expect(found(db, '预览中')).toEqual([]);
    expect(found(db, '旧名称企业')).toEqual(['旧名称企业0', '旧名称企业1', '旧名称企业2']);
  });

  it('restores everything when the load fails midway, and refuses to run outside a transaction', () => {
    const db = register();
    const before = triggers(db);
    expect(() =>
      db.transaction(() =>
        withBulkSearchIndex(db, () => {
          saveEnterprise(db, enterpriseInput.parse({ uscc: code(30), name: '半途失败的企业', countyCode: '540102' }));
          throw new Error('disk went away');
        }),
      )(),
    ).toThrow('disk went away');
    expect(triggers(db)).toEqual(before);
    checkIndex(db);
    expect(found(db, '半途失败')).toEqual([]);
    expect(() => withBulkSearchIndex(db, () => 1)).toThrow(/inside a transaction/);
    expect(triggers(db)).toEqual(before);
  });
});
