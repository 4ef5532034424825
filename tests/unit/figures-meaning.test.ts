import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { activityInput, enterpriseInput, figureInput, type FigureFields } from '../../api/entities';
import { saveEnterprise } from '../../db/enterprises';
import { activitySpec, saveActivity } from '../../db/activities';
import { figureSpec, saveFigure } from '../../db/figures';
import { milestoneSpec, saveMilestone } from '../../db/milestones';
import { insertRecord } from '../../db/records';
import { evaluate, type IndicatorValue } from '../../db/indicators/engine';
import { recordsOf } from '../../db/indicators/records';
import { regions } from '../../db/reference/bundled';
import { getChecklist } from '../../db/checklists';
import { makeUscc } from '../../db/validation/uscc';
import { memoryDb } from '../support/db';
import { pair, place, type Place } from '../support/sync';

/**
 * Each observation of the audit (issue 13) with the figure it must give now: what is summed, from
 * when it counts, and whose record meets a commitment.
 */
const PREFECTURES = regions().prefectures.map((p) => p.code);
let n = 0;
const code = (county = '540102') => makeUscc('91', county, `MB7T${String(++n).padStart(4, '0')}`);
const at = (db: Database, id: string, prefectureCode: string | null = null, asOf = '2022-12-31'): IndicatorValue =>
  evaluate(db, { year: 2022, prefectureCode, asOf }).indicators.find((i) => i.id === id)!;

/** A figure as an office's package brings it to HQ (prefecture set), or HQ's own (prefecture ''). */
function figure(db: Database, prefectureCode: string, figureId: string, asOf: string, value: number) {
  const f: FigureFields = { prefectureCode, figureId, checklistYear: 2022, asOf, value, source: '人行', notes: null };
  insertRecord(db, figureSpec, f);
}

function milestone(db: Database, prefectureCode: string, indicatorId: string, doneOn: string) {
  insertRecord(db, milestoneSpec, { prefectureCode, indicatorId, checklistYear: 2022, done: true, doneOn, evidence: '文件' });
}

describe('reported figures combine as the checklist declares', () => {
  it('rent relief months never add: two prefectures at 3 months give no region figure until HQ reports one', () => {
    const db = memoryDb({ role: 'hq' });
    figure(db, '540100', 'rent_relief_months_risk', '2022-06-30', 3);
    figure(db, '540200', 'rent_relief_months_risk', '2022-06-30', 3);
    const region = at(db, '20.rent_relief_risk');
    // Was 6 months, "met 200 %".
    expect(region).toMatchObject({ value: null, percent: null, status: 'no_data', region: 'hq_figure' });
    expect(region.note?.zh).toContain('自治区未报送');
    expect(region.note?.zh).toContain('2/7');
    // A prefecture's months are judged against the 6 months as they are (a duration, not a share).
    expect(at(db, '20.rent_relief_risk', '540100')).toMatchObject({ value: 3, percent: 50, status: 'behind' });
    saveFigure(db, figureInput.parse({ figureId: 'rent_relief_months_risk', checklistYear: 2022, asOf: '2022-07-01', value: 6, source: '区国资委' }));
    expect(at(db, '20.rent_relief_risk')).toMatchObject({ value: 6, percent: 100, status: 'met' });
    expect(at(db, '20.rent_relief_risk').note?.zh).toContain('自治区报送数');
  });

  it('the loan balance is HQ’s figure, or the sum only when every prefecture reported for the same date', () => {
    const db = memoryDb({ role: 'hq' });
    figure(db, '540100', 'loan_balance', '2022-06-30', 420);
    // Mid-year the region was Lhasa's figure alone; now it says 1 of 7 reported.
    const partial = at(db, '6.loan_balance', null, '2022-07-15');
    expect(partial).toMatchObject({ value: null, status: 'no_data' });
    expect(partial.note?.zh).toBe('部分地市未报送（1/7已报送），且无自治区报送数');
    // Lhasa's balance is no percentage of the region's 900 亿 ("46.7 % behind" before).
    expect(at(db, '6.loan_balance', '540100', '2022-07-15')).toMatchObject({ value: 420, percent: null, status: 'no_quota' });
    PREFECTURES.slice(1).forEach((p, i) => figure(db, p, 'loan_balance', '2022-06-30', 70 + i));
    const complete = at(db, '6.loan_balance', null, '2022-07-15');
    expect(complete.value).toBe(420 + 70 + 71 + 72 + 73 + 74 + 75);
    expect(complete.note?.zh).toBe('7个地（市）同日（2022-06-30）报送数之和');
    // A later figure from one prefecture alone does not replace the complete date's sum.
    figure(db, '540100', 'loan_balance', '2022-09-30', 500);
    expect(at(db, '6.loan_balance', null, '2022-12-31').value).toBe(complete.value);
    // HQ's own figure wins.
    figure(db, '', 'loan_balance', '2022-12-31', 930);
    expect(at(db, '6.loan_balance')).toMatchObject({ value: 930, status: 'met' });
  });

  it('credit growth at the region says why it has no figure when prefectures reported theirs', () => {
    const db = memoryDb({ role: 'hq' });
    figure(db, '540100', 'credit_growth', '2022-06-30', 12);
    figure(db, '540300', 'credit_growth', '2022-06-30', 9);
    const region = at(db, '6.credit_growth');
    expect(region.value).toBeNull();
    expect(region.note?.zh).toBe('自治区未报送；比率、时长不能由地（市）数相加（2/7个地（市）已报送）');
    expect(at(db, '6.credit_growth', '540100')).toMatchObject({ value: 12, status: 'met' });
    figure(db, '', 'credit_growth', '2022-06-30', 11.2);
    expect(at(db, '6.credit_growth')).toMatchObject({ value: 11.2, status: 'met' });
  });

  it('says 未报送 where nobody reported', () => {
    const db = memoryDb({ role: 'hq' });
    expect(at(db, '6.loan_households').note?.zh).toBe('未报送');
  });
});

describe('as of a date, statuses and service officers count from the day they took effect', () => {
  it('on 2022-01-01 an office shows none of the year’s designations, and coverage only of officers assigned by then', () => {
    const db = memoryDb({});
    saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '高新甲', statuses: { high_tech: '2022-06-01', digital_demo: '2022-08-01', cross_border_ecommerce: '2022-05-01' } }));
    saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '专精乙', specialised: 'region', specialisedYear: 2021, serviceOfficer: '扎西', serviceOfficerSince: '2022-04-01' }));
    const jan = (id: string) => at(db, id, '540100', '2022-01-01');
    expect(jan('10.high_tech').value).toBe(0);
    expect(jan('15.digital_demo').value).toBe(0);
    expect(jan('18.cross_border').value).toBe(0);
    expect(jan('21.service_officer')).toMatchObject({ value: 0, status: 'behind' });
    expect(at(db, '10.high_tech', '540100', '2022-06-30').value).toBe(1);
    expect(at(db, '15.digital_demo', '540100', '2022-06-30').value).toBe(0);
    expect(at(db, '21.service_officer', '540100', '2022-06-30')).toMatchObject({ value: 100, status: 'met' });
  });

  it('designations from earlier years do not count toward the year (Lhasa: 8 shown, 4 in 2022)', () => {
    const db = memoryDb({});
    for (const d of ['2020-05-01', '2021-03-01', '2021-09-01', '2021-12-01', '2022-02-01', '2022-04-01', '2022-07-01', '2022-11-01']) {
      saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: `示范${d}`, statuses: { digital_demo: d, cross_border_ecommerce: d } }));
    }
    expect(at(db, '15.digital_demo', '540100').value).toBe(4);
    expect(at(db, '18.cross_border', '540100').value).toBe(4);
  });

  it('a year alone, from older spreadsheets and packages, stands for 31 December of that year', () => {
    const db = memoryDb({});
    const e = saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '旧数据', statuses: { high_tech: 2022 } })).record;
    expect(e.statuses).toEqual({ high_tech: '2022-12-31' });
    expect(at(db, '10.high_tech', '540100', '2022-06-30').value).toBe(0);
    expect(at(db, '10.high_tech', '540100', '2022-12-31').value).toBe(1);
  });

  it('refuses a status date in the future or that is not a date', () => {
    const db = memoryDb({});
    expect(() => saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '未来', statuses: { high_tech: '2099-01-01' } }))).toThrow(/cannot be saved/);
    expect(() => saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '错日', statuses: { high_tech: '2022-02-30' } }))).toThrow(/cannot be saved/);
    expect(() => saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '专员', serviceOfficer: '扎西', serviceOfficerSince: '2099-01-01' }))).toThrow(/cannot be saved/);
  });
});

describe('commitments have a scope, and each checkable one a figure', () => {
  it('a regional milestone is met only by HQ’s record: an office’s record of the alliance does not found it', () => {
    const office = memoryDb({});
    expect(() => saveMilestone(office, { year: 2022, indicatorId: '16.alliance', done: true, doneOn: '2022-05-01', evidence: 'x' })).toThrow(/cannot be saved/);
    const hq = memoryDb({ role: 'hq' });
    milestone(hq, '540100', '16.alliance', '2022-05-01'); // as an old office's package could bring it
    expect(at(hq, '16.alliance')).toMatchObject({ value: null, status: 'no_data' });
    expect(at(hq, '16.alliance', '540100')).toMatchObject({ status: 'regional', percent: null });
    saveMilestone(hq, { year: 2022, indicatorId: '16.alliance', done: true, doneOn: '2022-08-01', evidence: '藏经信发〔2022〕12号' });
    expect(at(hq, '16.alliance')).toMatchObject({ value: 1, status: 'met' });
    saveMilestone(hq, { year: 2022, indicatorId: '18.ftz_acceptance', done: true, doneOn: '2022-10-01', evidence: '海关总署' });
    expect(at(hq, '18.ftz_acceptance')).toMatchObject({ value: 1, status: 'met' });
  });

  it('each prefecture’s own commitments show at HQ as "5 of 7 prefectures"', () => {
    const hq = memoryDb({ role: 'hq' });
    expect(() => saveMilestone(hq, { year: 2022, indicatorId: '3.road_rules', done: true, doneOn: '2022-05-01', evidence: 'x' })).toThrow(/cannot be saved/);
    for (const p of PREFECTURES.slice(0, 5)) milestone(hq, p, '3.road_rules', '2022-05-01');
    const v = at(hq, '3.road_rules');
    expect(v).toMatchObject({ value: 5, parts: { numerator: 5, denominator: 7 }, status: 'behind', region: 'each_prefecture' });
    expect(v.note?.zh).toBe('5/7个地（市）已完成');
    expect(at(hq, '3.road_rules', '540100')).toMatchObject({ value: 1, status: 'met' });
    expect(at(hq, '3.road_rules', '542500')).toMatchObject({ value: null, status: 'no_data' });
    // Before the day they were issued, none.
    expect(at(hq, '3.road_rules', null, '2022-04-30').value).toBe(0);
  });

  it('item 21 does not look finished at 100 % while the 工作专班 and the leaders’ visits are not recorded', () => {
    const db = memoryDb({});
    saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '专精丙', specialised: 'region', specialisedYear: 2021, serviceOfficer: '扎西', serviceOfficerSince: '2022-01-05' }));
    const item21 = evaluate(db, { year: 2022, prefectureCode: '540100', asOf: '2022-12-31' }).indicators.filter((i) => i.item === 21);
    expect(item21.map((i) => [i.id, i.status])).toEqual([
      ['21.service_officer', 'met'],
      ['21.task_force', 'no_data'],
      ['21.department_task_force', 'regional'],
      ['21.leader_visits', 'no_data'],
    ]);
  });

  it('every commitment of items 3, 6, 18 and 21 that can be checked has an indicator, the rest are listed as qualitative', () => {
    const c = getChecklist(memoryDb({}), 2022)!;
    for (const id of ['3.road_rules', '6.mechanism', '18.ftz_acceptance', '21.task_force', '21.department_task_force', '21.leader_visits']) expect(c.indicators.map((i) => i.id)).toContain(id);
    expect(c.qualitative?.map((q) => q.item)).toEqual([16, 18, 21, 21]);
  });
});

describe('targets that are a range or an exact figure', () => {
  it('241 against "2–3 enterprises" is 超出目标上限, not 12050 %', () => {
    const db = memoryDb({});
    const ids = Array.from({ length: 241 }, (_, i) => saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: `商混${i}` })).record.id);
    saveActivity(db, activityInput.parse({ itemNo: 12, kind: 'recommend_readymix_to_cement', title: '推荐', date: '2022-04-01', enterpriseIds: ids }));
    const hq = at(db, '12.readymix_to_cement');
    expect(hq).toMatchObject({ value: 241, percent: null, status: 'over' });
  });

  it('item 13 counts only recommended enterprises that hold the 小巨人 status', () => {
    const db = memoryDb({});
    const giant = saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '小巨人', statuses: { little_giant: '2022-02-01' } })).record.id;
    const plain = saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '普通' })).record.id;
    saveActivity(db, activityInput.parse({ itemNo: 13, kind: 'recommend_it_little_giant', title: '推荐', date: '2022-04-01', enterpriseIds: [giant, plain], metrics: { tech_products: 3 } }));
    expect(at(db, '13.little_giants', '540100').value).toBe(1);
    expect(recordsOf(db, { year: 2022, indicatorId: '13.little_giants', asOf: '2022-12-31' }).total).toBe(1);
  });
});

describe('attendance is not coverage', () => {
  const open: Place[] = [];
  afterEach(() => {
    for (const p of open.splice(0)) p.close();
  });

  it('registered enterprises once each, unregistered attendees apart and said to be per event', () => {
    const db = memoryDb({});
    const a = saveEnterprise(db, enterpriseInput.parse({ uscc: code(), name: '常客' })).record.id;
    for (let i = 0; i < 5; i++) saveActivity(db, activityInput.parse({ itemNo: 7, kind: 'financing_info', title: '对接', date: `2022-0${i + 1}-10`, enterpriseIds: [a], metrics: { unregistered_enterprises: 4 } }));
    const v = at(db, '7.enterprises_covered', '540100');
    expect(v.enterprises).toEqual({ registered: 1, unregistered: 20 });
    expect(v.value).toBe(21);
    expect(v.note?.zh).toBe('已登记企业1家（按信用代码去重）＋未登记企业20家（按场次累计，可能重复）');
  });

  it('one enterprise registered by two offices is one enterprise at HQ', async () => {
    const hq = await place('hq');
    open.push(hq);
    const shared = code('540102');
    for (const p of ['540100', '540200']) {
      const o = await place('office', p);
      open.push(o);
      await pair(hq, o);
      const db = o.ctx.requireDatabase();
      const id = saveEnterprise(db, enterpriseInput.parse({ uscc: shared, name: '两地登记' })).record.id;
      saveActivity(db, activityInput.parse({ itemNo: 6, kind: 'zyq_matchmaking', title: '对接', date: '2022-03-01', enterpriseIds: [id] }));
      const f = await o.api['sync.export']({ full: false });
      await hq.api['sync.import']({ files: [{ name: f.name, base64: f.base64 }] });
    }
    const hqDb = hq.ctx.requireDatabase();
    expect(at(hqDb, '6.enterprises_covered', '540100').enterprises?.registered).toBe(1);
    expect(at(hqDb, '6.enterprises_covered', '540200').enterprises?.registered).toBe(1);
    expect(at(hqDb, '6.enterprises_covered').enterprises).toEqual({ registered: 1, unregistered: 0 });
    expect(recordsOf(hqDb, { year: 2022, indicatorId: '6.enterprises_covered', asOf: '2022-12-31' }).total).toBe(1);
  });
});

// Kept apart so that a test can build HQ activities without an office: rows as a package lands them.
export function hqActivity(db: Database, prefectureCode: string, kind: string, itemNo: number, date: string, metrics: Record<string, number> = {}) {
  return insertRecord(db, activitySpec, { prefectureCode, checklistYear: 2022, itemNo, kind, title: '活动', date, countyCode: null, place: null, organiser: null, mode: 'offline', metrics, departments: [], notes: null } as never);
}

describe('property: the region is the declared combination of the prefectures, for every indicator', () => {
  /** A small seeded generator, so a failing case can be replayed. */
  const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}`, async () => {
      const { generateDemo } = await import('../../db/demo');
      const db = memoryDb({ role: 'hq' });
      generateDemo(db, { enterprises: 120, activities: 160, visits: 80, seed });
      const r = rng(seed);
      const c = getChecklist(db, 2022)!;
      for (const f of c.reportedFigures) {
        // Some prefectures report on a common date, some on their own; HQ sometimes.
        const all = r() < 0.3;
        for (const p of PREFECTURES) if (all || r() < 0.5) figure(db, p, f.id, all ? '2022-06-30' : `2022-0${1 + Math.floor(r() * 9)}-15`, Math.round(r() * 100));
        if (r() < 0.3) figure(db, '', f.id, '2022-11-30', Math.round(r() * 100));
      }
      for (const ind of c.indicators.filter((i) => i.compute.kind === 'milestone')) {
        for (const p of PREFECTURES) if (r() < 0.5) milestone(db, p, ind.id, '2022-05-01');
        if (r() < 0.5) milestone(db, '', ind.id, '2022-05-01');
      }
      const region = evaluate(db, { year: 2022, asOf: '2022-12-31' }).indicators;
      const by = PREFECTURES.map((p) => evaluate(db, { year: 2022, prefectureCode: p, asOf: '2022-12-31' }).indicators);
      const hqOwn = (figureId: string) => (db.prepare("SELECT value FROM reported_figures WHERE figure_id = ? AND prefecture_code = '' AND deleted = 0 ORDER BY as_of DESC LIMIT 1").get(figureId) as { value: number } | undefined)?.value ?? null;
      for (const v of region) {
        const parts = by.map((p) => p.find((x) => x.id === v.id)!);
        const ind = c.indicators.find((i) => i.id === v.id)!;
        switch (v.region) {
          case 'sum':
            expect(v.value, v.id).toBeCloseTo(parts.reduce((a, x) => a + (x.value ?? 0), 0), 6);
            break;
          case 'union': {
            // Registered: the union of the prefectures' sets by credit code; unregistered: their sum.
            const sets = PREFECTURES.map((p) => recordsOf(db, { year: 2022, indicatorId: v.id, prefectureCode: p, asOf: '2022-12-31' }).rows.map((x) => String(x.uscc ?? x.id)));
            expect(v.enterprises!.registered, v.id).toBe(new Set(sets.flat()).size);
            if (v.enterprises!.unregistered !== null) expect(v.enterprises!.unregistered, v.id).toBe(parts.reduce((a, x) => a + (x.enterprises!.unregistered ?? 0), 0));
            break;
          }
          case 'weighted':
            expect(v.parts!.numerator, v.id).toBe(parts.reduce((a, x) => a + x.parts!.numerator, 0));
            expect(v.parts!.denominator, v.id).toBe(parts.reduce((a, x) => a + x.parts!.denominator, 0));
            break;
          case 'hq_figure':
            expect(v.value, v.id).toBe(hqOwn((ind.compute as { figure: string }).figure));
            break;
          case 'hq_or_complete_sum': {
            const own = hqOwn((ind.compute as { figure: string }).figure);
            if (own !== null) expect(v.value, v.id).toBe(own);
            else if (v.value !== null) expect(v.note?.zh, v.id).toMatch(/^7个地（市）同日/);
            else expect(v.note?.zh, v.id).toMatch(/未报送/);
            break;
          }
          case 'each_prefecture':
            expect(v.value, v.id).toBe(parts.filter((x) => x.value === 1).length);
            break;
          case 'hq_milestone':
            expect(parts.every((x) => x.status === 'regional'), v.id).toBe(true);
            break;
        }
      }
    });
  }
});

describe('migration 012: statuses and service officers get their date', () => {
  it('turns a stored year into 31 December and dates an officer from the day the enterprise was last saved', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { migrate } = await import('../../db/migrate');
    const { migrations } = await import('../../db/migrations');
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 8));
    const insert = db.prepare("INSERT INTO enterprises (id, origin, version, created_at, updated_at, uscc, name, prefecture_code, statuses, service_officer) VALUES (?, 'x', 1, '2021-03-01T00:00:00Z', ?, ?, ?, '540100', ?, ?)");
    insert.run('00000000-0000-4000-8000-000000000001', '2022-04-05T08:00:00Z', code(), '有状态', JSON.stringify({ high_tech: 2022, digital_demo: 2021 }), '扎西');
    insert.run('00000000-0000-4000-8000-000000000002', '2022-04-05T08:00:00Z', code(), '无状态', '{}', null);
    migrate(db);
    const rows = db.prepare('SELECT statuses, service_officer_since AS since FROM enterprises ORDER BY id').all() as { statuses: string; since: string | null }[];
    expect(JSON.parse(rows[0]!.statuses)).toEqual({ high_tech: '2022-12-31', digital_demo: '2021-12-31' });
    expect(rows[0]!.since).toBe('2022-04-05');
    expect(rows[1]).toEqual({ statuses: '{}', since: null });
  });
});

describe('the Excel report says what the dashboard says', () => {
  it('writes beside each figure what it rests on or why it has none', async () => {
    const { buildReport } = await import('../../db/report/workbook');
    const ExcelJS = (await import('exceljs')).default;
    const db = memoryDb({ role: 'hq' });
    figure(db, '540100', 'loan_balance', '2022-06-30', 420);
    const r = await buildReport(db, { year: 2022, asOf: '2022-12-31' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.buffer as unknown as ArrayBuffer);
    const notes = new Map<string, string>();
    wb.worksheets[0]!.eachRow((row) => notes.set(String(row.getCell(3).value), String(row.getCell(9).value ?? '')));
    expect(notes.get('中小企业贷款余额')).toBe('部分地市未报送（1/7已报送），且无自治区报送数');
    expect(notes.get('出台业扩工程短距离道路开挖实施细则')).toBe('0/7个地（市）已完成');
  });
});
