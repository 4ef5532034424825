import { describe, expect, it } from 'vitest';
import { createInstallation, getInstallation, observeVersion, tick } from '../../db/installation';
import { getSetting, setSetting } from '../../db/settings';
import { diffRecords, historyOf, recordChange } from '../../db/changelog';
import { checklistYears, currentChecklist, getChecklist, installBundledChecklists } from '../../db/checklists';
import { memoryDb } from '../support/db';

describe('installation identity', () => {
  it('is absent until setup, then holds role, prefecture and a UUID', () => {
    const db = memoryDb();
    expect(getInstallation(db)).toBeNull();
    const inst = createInstallation(db, { role: 'office', prefectureCode: '540300', officeName: '昌都市经信局', operatorName: '洛桑' });
    expect(inst.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(getInstallation(db)).toEqual(inst);
    expect(inst.prefectureCode).toBe('540300');
  });

  it('cannot be created twice', () => {
    const db = memoryDb({ role: 'hq' });
    expect(() => createInstallation(db, { role: 'hq', prefectureCode: null, officeName: 'x', operatorName: 'y' })).toThrow(/already set up/);
  });

  it('gives headquarters no prefecture, and an office always one (enforced by the schema)', () => {
    const db = memoryDb();
    expect(() =>
      db.prepare("INSERT INTO installation (singleton, id, role, prefecture_code, office_name, operator_name, created_at) VALUES (1, 'x', 'office', NULL, 'a', 'b', 'c')").run(),
    ).toThrow(/CHECK/);
    const hq = createInstallation(db, { role: 'hq', prefectureCode: '540100', officeName: '区经信厅', operatorName: '卓玛' });
    expect(hq.prefectureCode).toBeNull();
  });
});

describe('logical clock', () => {
  it('grows by one with every tick, whatever the wall clock says', () => {
    const db = memoryDb({});
    const values = Array.from({ length: 5 }, () => tick(db));
    expect(values).toEqual([1, 2, 3, 4, 5]);
  });

  it('jumps past versions seen from elsewhere and never goes back', () => {
    const db = memoryDb({});
    tick(db);
    observeVersion(db, 40);
    expect(tick(db)).toBe(41);
    observeVersion(db, 10);
    expect(tick(db)).toBe(42);
  });
});

describe('settings', () => {
  it('stores and replaces values', () => {
    const db = memoryDb({});
    expect(getSetting(db, 'language')).toBeNull();
    setSetting(db, 'language', 'en');
    setSetting(db, 'language', 'zh');
    expect(getSetting(db, 'language')).toBe('zh');
  });
});

describe('change log', () => {
  it('keeps what changed, in order, with operator and version', () => {
    const db = memoryDb({});
    recordChange(db, { table: 'enterprises', rowId: 'r1', op: 'create', version: 1, operator: '张三', changes: diffRecords(null, { name: '甲' }) });
    recordChange(db, { table: 'enterprises', rowId: 'r1', op: 'update', version: 2, operator: '李四', changes: diffRecords({ name: '甲', size: 'small' }, { name: '乙', size: 'small' }) });
    recordChange(db, { table: 'enterprises', rowId: 'other', op: 'create', version: 3, operator: '张三' });
    const h = historyOf(db, 'enterprises', 'r1');
    expect(h.map((e) => [e.op, e.version, e.operator])).toEqual([['create', 1, '张三'], ['update', 2, '李四']]);
    expect(h[1]!.changes).toEqual({ name: { old: '甲', new: '乙' } });
    expect(h[0]!.changes).toEqual({ name: { old: null, new: '甲' } });
  });
});

describe('checklists in the database', () => {
  it('installs the bundled checklist once and reads it back intact', () => {
    const db = memoryDb();
    expect(installBundledChecklists(db)).toBe(0); // memoryDb already did
    expect(checklistYears(db)).toEqual([2022]);
    const c = getChecklist(db, 2022)!;
    expect(c.items).toHaveLength(22);
    expect(currentChecklist(db)?.year).toBe(2022);
    expect(getChecklist(db, 1999)).toBeNull();
  });
});
