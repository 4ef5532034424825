import { describe, expect, it, afterEach } from 'vitest';
import { activityInput, enterpriseInput, figureInput, visitInput } from '../../api/entities';
import { saveEnterprise } from '../../db/enterprises';
import { saveActivity, setActivityDeleted } from '../../db/activities';
import { saveVisit } from '../../db/visits';
import { saveFigure } from '../../db/figures';
import { evaluate } from '../../db/indicators/engine';
import { recordsOf } from '../../db/indicators/records';
import { elapsedFraction, windowFor } from '../../db/indicators/window';
import { generateDemo } from '../../db/demo';
import { makeUscc } from '../../db/validation/uscc';
import { saveMilestone } from '../../db/milestones';
import { memoryDb } from '../support/db';
import { pair, place, type Place } from '../support/sync';

type Db = ReturnType<typeof memoryDb>;
let n = 0;
function ent(db: Db, extra: object = {}) {
  n++;
  return saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', `MA6T${String(n).padStart(4, '0')}`), name: `企业${n}`, ...extra })).record.id;
}
const act = (db: Db, a: object) => saveActivity(db, activityInput.parse({ title: '活动', countyCode: null, ...a }));
const value = (db: Db, id: string, asOf = '2022-12-31') => evaluate(db, { year: 2022, asOf }).indicators.find((i) => i.id === id)!;

describe('indicator engine, on hand-built data', () => {
  it('counts activities of a kind within the year, and sums a metric', () => {
    const db = memoryDb({});
    act(db, { itemNo: 11, kind: 'public_training', date: '2022-03-01', metrics: { participants: 120 } });
    act(db, { itemNo: 11, kind: 'public_training', date: '2022-09-01', metrics: { participants: 80 } });
    act(db, { itemNo: 11, kind: 'public_training', date: '2023-01-02', metrics: { participants: 999 } }); // next year
    act(db, { itemNo: 11, kind: 'mgmt_training', date: '2022-05-01', metrics: { participants: 40 } });
    expect(value(db, '11.public_training_events')).toMatchObject({ value: 2, percent: Math.round((2 / 150) * 1000) / 10 });
    expect(value(db, '11.public_trainees').value).toBe(200);
    expect(value(db, '11.mgmt_training').value).toBe(40);
    // As of mid-year only what happened by then counts.
    expect(value(db, '11.public_trainees', '2022-06-30').value).toBe(120);
  });

  it('answers again from memory until the data changes, and never with stale figures', () => {
    const db = memoryDb({});
    act(db, { itemNo: 11, kind: 'public_training', date: '2022-03-01', metrics: { participants: 10 } });
    const first = evaluate(db, { year: 2022, asOf: '2022-12-31' });
    expect(evaluate(db, { year: 2022, asOf: '2022-12-31' })).toBe(first);
    expect(Object.isFrozen(first.indicators[0])).toBe(true);
    const second = act(db, { itemNo: 11, kind: 'public_training', date: '2022-04-01', metrics: { participants: 5 } });
    expect(value(db, '11.public_trainees').value).toBe(15);
    setActivityDeleted(db, second.record.id, true);
    expect(value(db, '11.public_trainees').value).toBe(10);
    // Another scope is another answer.
    expect(value(db, '11.public_trainees', '2022-02-01').value).toBe(0);
  });

  it('counts an enterprise once however often it attends, plus unregistered ones', () => {
    const db = memoryDb({});
    const a = ent(db);
    const b = ent(db);
    act(db, { itemNo: 6, kind: 'zyq_matchmaking', date: '2022-02-01', enterpriseIds: [a, b], metrics: { unregistered_enterprises: 5 } });
    act(db, { itemNo: 6, kind: 'zyq_matchmaking', date: '2022-04-01', enterpriseIds: [a], metrics: { unregistered_enterprises: 2 } });
    expect(value(db, '6.enterprises_covered').value).toBe(2 + 7);
    expect(value(db, '6.events').value).toBe(2);
    const records = recordsOf(db, { year: 2022, indicatorId: '6.enterprises_covered', asOf: '2022-12-31' });
    // The drill-down accounts for the whole figure: 2 named enterprises and 7 counted at the events.
    expect(records).toMatchObject({ kind: 'enterprises', total: 2, unregistered: 7 });
    expect(recordsOf(db, { year: 2022, indicatorId: '6.recommended', asOf: '2022-12-31' }).unregistered).toBeUndefined();
  });

  it('drills down to the leaders\' visits the figure counts: 专精特新 enterprises, the year, leadership visits only', () => {
    const db = memoryDb({});
    const s1 = ent(db, { specialised: 'region', specialisedYear: 2021 });
    const s2 = ent(db, { specialised: 'national', specialisedYear: 2020 });
    const plain = ent(db);
    const visit = (enterpriseId: string, date: string, kind = 'leadership_visit') => saveVisit(db, visitInput.parse({ enterpriseId, date, kind, visitors: '厅领导' })).record.id;
    const counted = [visit(s1, '2022-03-01'), visit(s1, '2022-08-01'), visit(s2, '2022-05-01')];
    visit(plain, '2022-04-01'); // not 专精特新
    visit(s2, '2021-12-31'); // last year
    visit(s2, '2022-06-01', 'energy_diagnosis'); // another kind of visit
    expect(value(db, '21.leader_visits').value).toBe(3);
    const records = recordsOf(db, { year: 2022, indicatorId: '21.leader_visits', asOf: '2022-12-31' });
    expect(records).toMatchObject({ kind: 'visits', total: 3 });
    expect(records.rows.map((r) => r.id).sort()).toEqual([...counted].sort());
    expect(records.rows[0]).toMatchObject({ date: '2022-08-01', kind: 'leadership_visit', enterprise_id: s1, enterprise_name: expect.stringMatching(/^企业/), visitors: '厅领导' });
    // As of a date, the same rows as the figure.
    expect(value(db, '21.leader_visits', '2022-04-30').value).toBe(1);
    expect(recordsOf(db, { year: 2022, indicatorId: '21.leader_visits', asOf: '2022-04-30' }).total).toBe(1);
  });

  it('divides for ratios, and has no value when the denominator is zero', () => {
    const db = memoryDb({});
    expect(value(db, '7.loan_success_rate')).toMatchObject({ value: null, percent: null, status: 'no_data' });
    act(db, { itemNo: 7, kind: 'financing_info', date: '2022-03-01', metrics: { loans_applied: 20, loans_obtained: 17 } });
    act(db, { itemNo: 7, kind: 'financing_info', date: '2022-04-01', metrics: { loans_applied: 20, loans_obtained: 16 } });
    const r = value(db, '7.loan_success_rate');
    expect(r.value).toBe(82.5);
    expect(r.parts).toEqual({ numerator: 33, denominator: 40 });
    expect(r.percent).toBe(97.1);
    expect(r.status).toBe('behind');
  });

  it('measures coverage of 专精特新 enterprises: service officers and energy diagnoses', () => {
    const db = memoryDb({});
    const s1 = ent(db, { specialised: 'region', specialisedYear: 2021, serviceOfficer: '扎西', serviceOfficerSince: '2022-02-01' });
    const s2 = ent(db, { specialised: 'national', specialisedYear: 2020 });
    ent(db, { specialised: 'region', specialisedYear: 2022, serviceOfficer: '卓玛', serviceOfficerSince: '2022-03-01' });
    ent(db); // not specialised: outside the population
    expect(value(db, '21.service_officer')).toMatchObject({ value: 66.67, parts: { numerator: 2, denominator: 3 } });
    saveVisit(db, visitInput.parse({ enterpriseId: s1, date: '2022-05-01', kind: 'energy_diagnosis', visitors: 'x' }));
    act(db, { itemNo: 14, kind: 'energy_diagnosis', date: '2022-06-01', enterpriseIds: [s2] });
    saveVisit(db, visitInput.parse({ enterpriseId: s2, date: '2021-05-01', kind: 'energy_diagnosis', visitors: 'x' }));
    expect(value(db, '14.energy_diagnosis').parts).toEqual({ numerator: 2, denominator: 3 });
  });

  it('counts enterprises by the year a status was reached', () => {
    const db = memoryDb({});
    ent(db, { statuses: { above_scale: 2022 } });
    ent(db, { statuses: { above_scale: 2021 } });
    ent(db, { statuses: { digital_demo: 2021 } });
    ent(db, { statuses: { digital_demo: 2022 } });
    expect(value(db, '10.above_scale').value).toBe(1); // yearly: 2022 only
    // 打造15家 in the 2022 list: designations of 2021 are not this year's work.
    expect(value(db, '15.digital_demo').value).toBe(1);
  });

  it('takes the latest reported figure of the period', () => {
    const db = memoryDb({});
    const value = (db: Db, id: string, asOf = '2022-12-31') => evaluate(db, { year: 2022, prefectureCode: '540100', asOf }).indicators.find((i) => i.id === id)!;
    const fig = (asOf: string, v: number) => saveFigure(db, figureInput.parse({ figureId: 'loan_balance', checklistYear: 2022, asOf, value: v, source: '人行' }));
    fig('2022-06-30', 850);
    fig('2022-12-31', 910);
    fig('2022-09-30', 880);
    // Lhasa's balance is its own; measured against the region's 900 亿 only with a quota.
    expect(value(db, '6.loan_balance')).toMatchObject({ value: 910, status: 'no_quota', percent: null });
    expect(value(db, '6.loan_balance', '2022-10-01').value).toBe(880);
    expect(recordsOf(db, { year: 2022, indicatorId: '6.loan_balance' })).toMatchObject({ kind: 'figures', total: 3 });
  });

  it('judges pace against the part of the year gone by', () => {
    expect(elapsedFraction(2022, '2022-07-02')).toBeCloseTo(0.5, 1);
    expect(elapsedFraction(2022, '2026-01-01')).toBe(1);
    expect(windowFor('yearly', 2022, '2022-05-01')).toEqual({ from: '2022-01-01', to: '2022-05-01' });
    const db = memoryDb({});
    for (let i = 0; i < 16; i++) act(db, { itemNo: 6, kind: 'zyq_matchmaking', date: '2022-03-01' });
    expect(value(db, '6.events', '2022-06-30').status).toBe('on_track'); // 16/30 by mid-year
    expect(value(db, '6.events', '2022-12-31').status).toBe('behind');
  });

  it('marks a milestone done with its date and evidence', () => {
    const db = memoryDb({ role: 'hq' });
    expect(value(db, '16.alliance').status).toBe('no_data');
    expect(() => saveMilestone(db, { year: 2022, indicatorId: '16.alliance', done: true, doneOn: null, evidence: null })).toThrow(/cannot be saved/);
    saveMilestone(db, { year: 2022, indicatorId: '16.alliance', done: true, doneOn: '2022-08-01', evidence: '藏经信发〔2022〕12号' });
    expect(value(db, '16.alliance')).toMatchObject({ value: 1, percent: 100, status: 'met' });
    expect(value(db, '16.alliance', '2022-07-01').value).toBe(null);
  });

  it('shows work recorded for items without a number', () => {
    const db = memoryDb({});
    act(db, { itemNo: 3, kind: 'other', date: '2022-03-01' });
    const p = evaluate(db, { year: 2022, asOf: '2022-12-31' });
    expect(p.items.find((i) => i.item === 3)).toMatchObject({ activities: 1 });
  });
});

describe('HQ and offices agree', () => {
  const open: Place[] = [];
  afterEach(() => {
    for (const p of open.splice(0)) p.close();
  });

  it('each prefecture at HQ equals the office’s own figures; additive region figures are sums, coverage the union', async () => {
    const hq = await place('hq');
    open.push(hq);
    const offices: Place[] = [];
    for (const [i, code] of ['540100', '540300'].entries()) {
      const o = await place('office', code);
      open.push(o);
      await pair(hq, o);
      generateDemo(o.ctx.requireDatabase(), { enterprises: 40, activities: 60, visits: 40, seed: 20 + i });
      const f = await o.api['sync.export']({ full: false });
      await hq.api['sync.import']({ files: [{ name: f.name, base64: f.base64 }] });
      offices.push(o);
    }
    const strip = (p: ReturnType<typeof evaluate>) => p.indicators.map(({ id, value, parts }) => ({ id, value, parts }));
    const hqDb = hq.ctx.requireDatabase();
    for (const [i, code] of ['540100', '540300'].entries()) {
      const own = evaluate(offices[i]!.ctx.requireDatabase(), { year: 2022, prefectureCode: code, asOf: '2022-12-31' });
      expect(strip(evaluate(hqDb, { year: 2022, prefectureCode: code, asOf: '2022-12-31' }))).toEqual(strip(own));
    }
    const region = evaluate(hqDb, { year: 2022, asOf: '2022-12-31' }).indicators;
    const parts = ['540100', '540300'].map((c) => evaluate(hqDb, { year: 2022, prefectureCode: c, asOf: '2022-12-31' }).indicators);
    for (const ind of region) {
      const vals = parts.map((p) => p.find((x) => x.id === ind.id)!);
      if (['activity_count', 'metric_sum', 'distinct_enterprises', 'enterprise_status_count'].includes(ind.computation)) {
        expect(ind.value, ind.id).toBe(vals.reduce((a, v) => a + (v.value ?? 0), 0));
      }
      if (ind.computation === 'coverage' && ind.parts) {
        expect(ind.parts.denominator, ind.id).toBe(vals.reduce((a, v) => a + v.parts!.denominator, 0));
        expect(ind.parts.numerator, ind.id).toBe(vals.reduce((a, v) => a + v.parts!.numerator, 0));
      }
    }
  });
});

describe('quotas', () => {
  const open: Place[] = [];
  afterEach(() => {
    for (const p of open.splice(0)) p.close();
  });

  it('HQ sets a prefecture quota; it travels to the office and its progress is measured against it', async () => {
    const hq = await place('hq');
    const office = await place('office', '540100');
    open.push(hq, office);
    await pair(hq, office);
    const db = office.ctx.requireDatabase();
    for (let i = 0; i < 3; i++) act(db, { itemNo: 6, kind: 'zyq_matchmaking', date: '2022-03-01' });
    const own = (id: string) => evaluate(db, { year: 2022, prefectureCode: '540100', asOf: '2022-12-31' }).indicators.find((i) => i.id === id)!;
    // Before a quota, the region's 30 events say nothing of Lhasa's share: no percentage, no pace.
    expect(own('6.events')).toMatchObject({ value: 3, percent: null, status: 'no_quota', quota: false });
    // A rate applies to every prefecture as it is.
    expect(own('21.service_officer').status).not.toBe('no_quota');
    // The region as a whole is measured against the checklist's target.
    expect(evaluate(db, { year: 2022, prefectureCode: null, asOf: '2022-12-31' }).indicators.find((i) => i.id === '6.events')).toMatchObject({ value: 3, percent: 10, status: 'behind' });
    await hq.api['targets.set']({ year: 2022, indicatorId: '6.events', prefectureCode: '540100', value: 6 });
    await expect(hq.api['targets.set']({ year: 2022, indicatorId: '7.loan_success_rate', prefectureCode: '540100', value: 50 })).rejects.toThrow(/counted targets/);
    await expect(hq.api['targets.set']({ year: 2022, indicatorId: '10.high_tech', prefectureCode: '540100', value: 2.5 })).rejects.toThrow(/whole number/);
    await expect(office.api['targets.set']({ year: 2022, indicatorId: '6.events', prefectureCode: '540100', value: 6 })).rejects.toThrow(/headquarters/);
    const ref = await hq.api['sync.publish']({});
    expect((await office.api['sync.import']({ files: [{ name: ref.name, base64: ref.base64 }] }))[0]!.counts.targets).toMatchObject({ created: 1 });
    const v = evaluate(db, { year: 2022, prefectureCode: '540100', asOf: '2022-12-31' }).indicators.find((i) => i.id === '6.events')!;
    expect(v).toMatchObject({ value: 3, percent: 50, quota: true, target: { kind: 'min', value: 6 } });
    // Cleared at HQ, gone at the office after the next reference package.
    await hq.api['targets.set']({ year: 2022, indicatorId: '6.events', prefectureCode: '540100', value: null });
    const ref2 = await hq.api['sync.publish']({});
    await office.api['sync.import']({ files: [{ name: ref2.name, base64: ref2.base64 }] });
    expect(own('6.events')).toMatchObject({ quota: false, percent: null, status: 'no_quota' });
  });
});
