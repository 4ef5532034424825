import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { activityInput } from '../../api/entities';
import { saveActivity } from '../../db/activities';
import { evaluate } from '../../db/indicators/engine';
import { getChecklist, revisionOf } from '../../db/checklists';
import { readChecklistWorkbook } from '../../db/checklist-book/read';
import { checklistWorkbook } from '../../db/checklist-book/write';
import { memoryDb } from '../support/db';
import { pair, place, type Place } from '../support/sync';

/** HQ authors the checklist: a new year from the workbook it fills in, a corrected revision, both reaching the offices. */
const open: Place[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

async function edit(buffer: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The row of the 指标 sheet that holds an indicator id, and the column of a header. */
function cellOf(wb: ExcelJS.Workbook, sheet: string, id: string, header: string): ExcelJS.Cell {
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (c.value === header) col = i;
  });
  let row = 0;
  ws.eachRow((r, i) => {
    if (r.getCell(1).value === id) row = i;
  });
  return ws.getCell(row, col);
}

const b64 = (b: Buffer) => b.toString('base64');

describe('the checklist workbook', () => {
  it('exports any installed year and reads back as the same checklist (workbook and JSON)', async () => {
    const db = memoryDb({ role: 'hq' });
    const c = getChecklist(db, 2022)!;
    const back = readChecklistWorkbook(await checklistWorkbook(c), '清单-2022.xlsx');
    expect(back.problems).toEqual([]);
    expect(back.checklist).toEqual(c);
  });

  it('names the sheet, row and field of every error, and installs nothing', async () => {
    const hq = await place('hq');
    open.push(hq);
    const book = Buffer.from((await hq.api['checklists.export']({ year: 2022, format: 'xlsx' })).base64, 'base64');
    const bad = await edit(book, (wb) => {
      cellOf(wb, '指标', '6.events', '目标值').value = '三十';
      cellOf(wb, '指标', '7.events', '计入的活动类型').value = 'no_such_kind';
      cellOf(wb, '指标', '11.product_brands', '区间上限').value = 1; // below its lower end 3
      cellOf(wb, '指标', '20.rent_relief_risk', '全区合计方式').value = 'sum'; // months never add
    });
    const r1 = await hq.api['checklists.import']({ name: 'bad.xlsx', base64: b64(bad), dryRun: false });
    expect(r1.installed).toBe(false);
    // A cell that is not a number is named before anything else is checked.
    expect(r1.problems).toEqual([expect.objectContaining({ sheet: '指标', field: '目标值', messageZh: expect.stringMatching(/^工作表“指标”第\d+行“目标值”：“三十”不是数字$/) })]);
    const bad2 = await edit(bad, (wb) => void (cellOf(wb, '指标', '6.events', '目标值').value = 30));
    const r2 = await hq.api['checklists.import']({ name: 'bad.xlsx', base64: b64(bad2), dryRun: false });
    const where = r2.problems.map((p) => [p.sheet, p.field, p.message]);
    expect(where).toEqual(expect.arrayContaining([
      ['指标', null, 'indicator 7.events: unknown activity kind no_such_kind'],
      ['指标', '区间上限', 'range min must not exceed max'],
      ['指标', null, 'indicator 20.rent_relief_risk: region rule sum does not fit a reported computation (use hq_or_complete_sum or hq_figure)'],
    ]));
    expect(r2.problems.every((p) => typeof p.row === 'number' && p.row > 1)).toBe(true);
    // In Chinese where and what (the English is beside it in the line a person reads).
    expect(r2.problems.map((p) => p.messageZh)).toEqual(expect.arrayContaining([expect.stringMatching(/^工作表“指标”第\d+行“区间上限”：区间下限不能大于上限$/), expect.stringMatching(/^工作表“指标”第\d+行：指标 7\.events：未知的活动类型 no_such_kind$/)]));
    expect(revisionOf(hq.ctx.requireDatabase(), 2022)).toBe(2);
  });

  it('a 2023 list authored from the workbook is installed at HQ, published, and used at an office', async () => {
    const hq = await place('hq');
    const office = await place('office', '540100');
    open.push(hq, office);
    await pair(hq, office);
    const book = Buffer.from((await hq.api['checklists.export']({ year: 2022, format: 'xlsx' })).base64, 'base64');
    const y2023 = await edit(book, (wb) => {
      wb.getWorksheet('清单')!.getCell(2, 1).value = 2023;
      cellOf(wb, '指标', '6.events', '目标值').value = 40;
      cellOf(wb, '指标', '6.events', '原文').value = '每年组织开展不少于40场次政银企对接';
    });
    const preview = await hq.api['checklists.import']({ name: '清单-2023.xlsx', base64: b64(y2023), dryRun: true });
    expect(preview).toMatchObject({ installed: false, problems: [], preview: { year: 2023, from: null, to: 1, indicators: 49 } });
    expect(await hq.api['checklists.list']({})).toHaveLength(1);
    const done = await hq.api['checklists.import']({ name: '清单-2023.xlsx', base64: b64(y2023), dryRun: false });
    expect(done.installed).toBe(true);
    expect((await hq.api['checklists.list']({})).map((c) => [c.year, c.revision])).toEqual([[2022, 2], [2023, 1]]);
    const ref = await hq.api['sync.publish']({});
    await office.api['sync.import']({ files: [{ name: ref.name, base64: ref.base64 }] });
    const db = office.ctx.requireDatabase();
    expect(revisionOf(db, 2023)).toBe(1);
    saveActivity(db, activityInput.parse({ itemNo: 6, kind: 'zyq_matchmaking', title: '2023年对接会', date: '2023-03-01', countyCode: null }));
    const v = evaluate(db, { year: 2023, prefectureCode: '540100', asOf: '2023-12-31' }).indicators.find((i) => i.id === '6.events')!;
    expect(v).toMatchObject({ value: 1, target: { kind: 'min', value: 40 } });
    // Its export gives the same workbook contents back.
    const again = readChecklistWorkbook(Buffer.from((await hq.api['checklists.export']({ year: 2023, format: 'xlsx' })).base64, 'base64'), 'x.xlsx');
    expect(again.checklist).toEqual(getChecklist(hq.ctx.requireDatabase(), 2023));
  });

  it('a corrected 2022 target (JSON) goes up a revision and reaches an office; the same file again changes nothing', async () => {
    const hq = await place('hq');
    const office = await place('office', '540100');
    open.push(hq, office);
    await pair(hq, office);
    const json = JSON.parse(Buffer.from((await hq.api['checklists.export']({ year: 2022, format: 'json' })).base64, 'base64').toString('utf8'));
    json.indicators.find((i: { id: string }) => i.id === '7.events').target.value = 12;
    const file = b64(Buffer.from(JSON.stringify(json)));
    const r = await hq.api['checklists.import']({ name: '清单-2022-修订.json', base64: file, dryRun: false });
    expect(r).toMatchObject({ installed: true, preview: { from: 2, to: 3, changed: [{ id: '7.events', fields: ['target'] }], added: [], removed: [] } });
    expect((await hq.api['checklists.import']({ name: 'again.json', base64: file, dryRun: false })).preview).toMatchObject({ unchanged: true, from: 3, to: 3 });
    const ref = await hq.api['sync.publish']({});
    await office.api['sync.import']({ files: [{ name: ref.name, base64: ref.base64 }] });
    const db = office.ctx.requireDatabase();
    expect(revisionOf(db, 2022)).toBe(3);
    expect(evaluate(db, { year: 2022, prefectureCode: '540100', asOf: '2022-12-31' }).indicators.find((i) => i.id === '7.events')!.target).toEqual({ kind: 'min', value: 12 });
    // Offices receive checklists; they do not install them.
    await expect(office.api['checklists.import']({ name: 'x.json', base64: file, dryRun: true })).rejects.toThrow(/headquarters/);
  });

  it('an office on an older build keeps its revision and says why when the checklist uses a kind it does not know', async () => {
    const hq = await place('hq');
    const office = await place('office', '540100');
    open.push(hq, office);
    await pair(hq, office);
    const c = structuredClone(getChecklist(hq.ctx.requireDatabase(), 2022)!) as unknown as { indicators: { id: string; compute: object }[] };
    c.indicators.find((i) => i.id === '6.events')!.compute = { kind: 'from_a_newer_build', anything: 1 };
    hq.ctx.requireDatabase().prepare('UPDATE checklists SET revision = 5, data = ? WHERE year = 2022').run(JSON.stringify(c));
    const ref = await hq.api['sync.publish']({});
    const [out] = await office.api['sync.import']({ files: [{ name: ref.name, base64: ref.base64 }] });
    expect(out!.status).toBe('imported');
    expect(out!.reasonZh).toBe('2022年清单（修订版 5）使用了本版本程序不认识的计算方式，已保留原修订版。请升级程序后再导入。');
    expect(revisionOf(office.ctx.requireDatabase(), 2022)).toBe(2);
  });

  it('keeps indicator ids: a revision dropping one that has quotas is refused', async () => {
    const hq = await place('hq');
    open.push(hq);
    await hq.api['targets.set']({ year: 2022, indicatorId: '6.events', prefectureCode: '540100', value: 5 });
    const json = JSON.parse(Buffer.from((await hq.api['checklists.export']({ year: 2022, format: 'json' })).base64, 'base64').toString('utf8'));
    json.indicators = json.indicators.filter((i: { id: string }) => i.id !== '6.events');
    await expect(hq.api['checklists.import']({ name: 'x.json', base64: b64(Buffer.from(JSON.stringify(json))), dryRun: true })).rejects.toThrow(/6\.events/);
  });
});
