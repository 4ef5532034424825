import { describe, expect, it } from 'vitest';
import { activityInput, activityListInput, enterpriseInput, type ActivityInput } from '../../api/entities';
import { getActivity, listActivities, saveActivity, setActivityDeleted } from '../../db/activities';
import { deleteEnterprise, saveEnterprise } from '../../db/enterprises';
import { UserError } from '../../db/errors';
import { today } from '../../db/clock';
import { makeUscc } from '../../db/validation/uscc';
import { memoryDb } from '../support/db';

type Db = ReturnType<typeof memoryDb>;
const save = (db: Db, input: ActivityInput) => saveActivity(db, activityInput.parse(input));
function fields(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return { code: e.code, ...e.fields };
    throw e;
  }
  throw new Error('expected a UserError');
}
function enterprise(db: Db, n: number) {
  return saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', `MA6T${String(n).padStart(4, '0')}`), name: `测试企业${n}` })).record;
}
const base: ActivityInput = { itemNo: 6, kind: 'zyq_matchmaking', title: '政银企对接会', date: '2022-05-10', metrics: { participants: 80, loans_applied: 10, loans_obtained: 7 } };

describe('activities', () => {
  it('files an activity under the checklist in force on its date, with its linked enterprises', () => {
    const db = memoryDb({});
    const a = enterprise(db, 1);
    const b = enterprise(db, 2);
    const { record } = save(db, { ...base, enterpriseIds: [a.id, b.id] });
    expect(record).toMatchObject({ checklistYear: 2022, itemNo: 6, prefectureCode: '540100' });
    expect(record.enterprises.map((e) => e.name).sort()).toEqual(['测试企业1', '测试企业2']);
    expect(listActivities(db, activityListInput.parse({ enterpriseId: a.id })).total).toBe(1);
  });

  it('refuses a kind that does not belong to the item, and metrics the kind does not record', () => {
    const db = memoryDb({});
    expect(fields(() => save(db, { ...base, itemNo: 11 }))).toHaveProperty('kind');
    expect(fields(() => save(db, { ...base, metrics: { scenarios: 3 } }))).toHaveProperty(['metrics.scenarios']);
  });

  it('refuses future dates, impossible dates and dates before any checklist', () => {
    const db = memoryDb({});
    const next = `${Number(today().slice(0, 4)) + 1}-01-01`;
    expect(fields(() => save(db, { ...base, date: next }))).toHaveProperty('date');
    expect(fields(() => save(db, { ...base, date: '2022-02-30' }))).toHaveProperty('date');
    expect(fields(() => save(db, { ...base, date: '2019-06-01' }))).toHaveProperty('date');
  });

  it('refuses negative counts, fractional counts and more loans obtained than applied for', () => {
    const db = memoryDb({});
    expect(fields(() => save(db, { ...base, metrics: { participants: -1 } }))).toHaveProperty(['metrics.participants']);
    expect(fields(() => save(db, { ...base, metrics: { participants: 2.5 } }))).toHaveProperty(['metrics.participants']);
    expect(fields(() => save(db, { ...base, metrics: { loans_applied: 3, loans_obtained: 4 } }))).toHaveProperty(['metrics.loans_obtained']);
    expect(activityInput.safeParse({ ...base, metrics: { participants: 'many' } }).success).toBe(false);
    expect(listActivities(db, activityListInput.parse({})).total).toBe(0);
  });

  it('refuses links to deleted or unknown enterprises', () => {
    const db = memoryDb({});
    const a = enterprise(db, 1);
    deleteEnterprise(db, a.id);
    expect(fields(() => save(db, { ...base, enterpriseIds: [a.id] }))).toHaveProperty(['enterpriseIds.0']);
    expect(fields(() => save(db, { ...base, enterpriseIds: ['00000000-0000-4000-8000-000000000000'] }))).toHaveProperty(['enterpriseIds.0']);
  });

  it('keeps a county of its own prefecture only', () => {
    const db = memoryDb({});
    expect(fields(() => save(db, { ...base, countyCode: '542521' }))).toHaveProperty('countyCode');
    expect(save(db, { ...base, countyCode: '540121' }).record.countyCode).toBe('540121');
  });

  it('updates links: removed ones are soft-deleted, re-added ones come back', () => {
    const db = memoryDb({});
    const a = enterprise(db, 1);
    const b = enterprise(db, 2);
    const first = save(db, { ...base, enterpriseIds: [a.id, b.id] }).record;
    const second = save(db, { ...base, id: first.id, enterpriseIds: [b.id] });
    expect(second.changed).toBe(true);
    expect(second.record.enterpriseIds).toEqual([b.id]);
    const third = save(db, { ...base, id: first.id, enterpriseIds: [a.id, b.id] }).record;
    expect(third.enterpriseIds.sort()).toEqual([a.id, b.id].sort());
    expect(save(db, { ...base, id: first.id, enterpriseIds: [b.id, a.id] }).changed).toBe(false);
  });

  it('deletes softly', () => {
    const db = memoryDb({});
    const { record } = save(db, base);
    setActivityDeleted(db, record.id, true);
    expect(listActivities(db, activityListInput.parse({})).total).toBe(0);
    expect(getActivity(db, record.id).deleted).toBe(true);
  });
});
