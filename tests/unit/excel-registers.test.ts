import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { enterpriseListInput } from '../../api/entities';
import { listEnterprises } from '../../db/enterprises';
import { rejectedFile, runImport } from '../../db/excel/transfer';
import { countySpec, industrySpec, sizeSpec } from '../../db/excel/lookups';
import { matchChoice, parseDateCell } from '../../db/excel/cells';
import { comparable, halfWidth, isTotalsText, trimSpaces } from '../../db/excel/normalise';
import { memoryDb } from '../support/db';
import { userError } from '../support/errors';
import { activityRegister, codeOf, fullWidth, officeRegister, registerRows, twoRowRegister } from '../support/registers';

const shigatse = () => memoryDb({ prefectureCode: '540200', officeName: '日喀则市经济和信息化局' });
const all = (db: ReturnType<typeof memoryDb>) => listEnterprises(db, enterpriseListInput.parse({ limit: 500 })).rows;
const sheetFile = async (rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r, i) => (ws.getRow(i + 1).values = r as ExcelJS.CellValue[]));
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

describe('values as offices write them', () => {
  it('full-width letters, digits and dashes become half-width; every kind of space is trimmed', () => {
    expect(halfWidth('９１５４０２０２ＭＡ６Ｒ０００１')).toBe('91540202MA6R0001');
    expect(halfWidth('0892－880001')).toBe('0892-880001');
    expect(trimSpaces('\u3000 日喀则市\u00a0珠峰路\u200b ')).toBe('日喀则市\u00a0珠峰路');
  });

  it('counties with or without the prefecture name and 县/区', () => {
    const db = shigatse();
    const spec = countySpec(db);
    for (const written of ['萨迦县', '萨迦', '日喀则市萨迦县', '日喀则萨迦县', '西藏自治区日喀则市萨迦县', ' 萨迦县\u3000']) expect(matchChoice(spec, written), written).toEqual(['540224']);
    expect(matchChoice(spec, '拉孜')).toEqual(['540225']);
    expect(matchChoice(spec, '桑珠孜')).toEqual(['540202']);
    expect(matchChoice(spec, '城关区')).toEqual([]);
  });

  it('industries by the words of the GB/T 4754 section names and short forms; 旅游 is a question', () => {
    const spec = industrySpec();
    const cases: Record<string, string> = { 农业: 'A', 牧业: 'A', 批发零售: 'F', 零售: 'F', 批发和零售: 'F', 制造业: 'C', C: 'C', 'C 制造业': 'C', 住宿和餐饮业: 'H', 餐饮: 'H', 信息技术: 'I', 交通运输: 'G', 建筑业: 'E', 文化旅游: 'R' };
    for (const [written, code] of Object.entries(cases)) expect(matchChoice(spec, written), written).toEqual([code]);
    expect(matchChoice(spec, '旅游').sort()).toEqual(['H', 'L', 'R']);
    expect(matchChoice(spec, '航天')).toEqual([]);
  });

  it('sizes by everyday words; 小微 and 中小 are questions', () => {
    const spec = sizeSpec();
    for (const [w, id] of Object.entries({ 小型企业: 'small', 小企业: 'small', 微型企业: 'micro', 微企: 'micro', 中型: 'medium', Small: 'small' })) expect(matchChoice(spec, w), w).toEqual([id]);
    expect(matchChoice(spec, '小微')).toEqual(['small', 'micro']);
    expect(matchChoice(spec, '中小企业')).toEqual(['medium', 'small']);
    expect(matchChoice(spec, '大型')).toEqual([]);
  });

  it('dates as serials, 2022年5月18日, 2022.5.18, 20220518 and full-width digits', () => {
    for (const v of [44699, '2022年5月18日', '2022.5.18', '2022/05/18', '2022-5-18', '20220518', 20220518, '２０２２年５月１８日', '2022-05-18 00:00:00']) expect(parseDateCell(v), String(v)).toBe('2022-05-18');
    expect(parseDateCell('2022.2.30')).toBeNull();
    expect(parseDateCell('五月')).toBeNull();
  });

  it('合计, 小计 and 总计 rows are totals', () => {
    for (const s of ['合计', '合 计', '小计：', '总计', '合计:']) expect(isTotalsText(s), s).toBe(true);
    expect(isTotalsText('合计公司')).toBe(false);
    expect(comparable('（县）区')).toBe('县区');
  });
});

describe("an office's own register", () => {
  it('comes in without editing: every column listed, header variants mapped, title, merged, repeated, blank and totals rows handled', async () => {
    const db = shigatse();
    const file = await officeRegister();
    const preview = runImport(db, 'enterprises', file, '名录.xlsx', false);
    expect(preview.headerRows).toEqual([3]);
    expect(preview.columns.map((c) => [c.letter, c.header, c.field])).toEqual([
      ['A', '序号', null],
      ['B', '企业名称', 'name'],
      ['C', '统一社会信用代码', 'uscc'],
      ['D', '所在县区', 'countyCode'],
      ['E', '详细地址', 'address'],
      ['F', '行业', 'industry'],
      ['G', '企业规模', 'size'],
      ['H', '联系人', 'contactPerson'],
      ['I', '联系电话', 'contactPhone'],
      ['J', '成立日期', null],
      ['K', '备注', 'notes'],
    ]);
    // No column with data is ignored without a word.
    expect(preview.columns.filter((c) => !c.field).every((c) => c.note?.zh)).toBe(true);
    expect(preview.skipped).toMatchObject({ blank: 1, totals: [36], repeated: [{ rowNumber: 9, sameAs: 8 }] });
    expect(preview.rows).toBe(30);
    // At least 9 of every 10 valid rows without editing the file: 29 of 30, the 30th waits for 小微.
    expect(preview).toMatchObject({ created: 29, rejected: [{ rowNumber: 4 }] });
    expect(preview.questions).toEqual([{ field: 'size', value: '小微', rows: 1, candidates: [{ id: 'small', label: '小型' }, { id: 'micro', label: '微型' }] }]);

    const done = runImport(db, 'enterprises', file, '名录.xlsx', true, { answers: { size: { 小微: 'micro' } } });
    expect(done).toMatchObject({ created: 30, rejected: [], applied: true });
    const byName = new Map(all(db).map((e) => [e.name, e]));
    const rows = registerRows();
    expect(byName.get(rows[0]!.name)).toMatchObject({ uscc: codeOf(0), countyCode: '540224', size: 'micro', industry: 'A', address: '日喀则市上海中路1号', contactPhone: '0892-880001', notes: '重点企业' });
    expect(byName.get(rows[1]!.name)).toMatchObject({ countyCode: '540224', industry: 'F', contactPhone: '13808920001' });
    expect(byName.get(rows[2]!.name)).toMatchObject({ countyCode: '540225', industry: 'C' });
    // The merged county cell (rows 13–15, written once) fills the three enterprises under it.
    for (const i of [8, 9, 10]) expect(byName.get(rows[i]!.name)?.countyCode, rows[i]!.name).toBe('540224');

    // The same file twice creates nothing.
    expect(runImport(db, 'enterprises', file, '名录.xlsx', true, { answers: { size: { 小微: 'micro' } } })).toMatchObject({ created: 0, updated: 0, unchanged: 30 });
  });

  it('a two-row header under a title, on the second sheet, is found; another sheet can be chosen', async () => {
    const db = shigatse();
    const file = await twoRowRegister();
    const r = runImport(db, 'enterprises', file, 'b.xlsx', true);
    expect(r).toMatchObject({ sheetName: '2022年企业台账', sheetNames: ['填表说明', '2022年企业台账'], created: 6, rejected: [] });
    expect(r.columns.map((c) => c.field)).toEqual(['name', 'uscc', 'countyCode', 'industry', 'contactPerson', 'contactPhone']);
    expect(all(db).find((e) => e.name === registerRows(6)[1]!.name)).toMatchObject({ countyCode: '540224', industry: 'F' });
    expect(userError(() => runImport(db, 'enterprises', file, 'b.xlsx', false, { sheet: '填表说明' })).messageZh).toContain('前 20 行内没有找到可识别的表头');
    expect(userError(() => runImport(db, 'enterprises', file, 'b.xlsx', false, { sheet: '没有' })).messageZh).toContain('填表说明、2022年企业台账');
  });

  it('a two-row header without merged cells: the group row above adds fields the lower row lacks', async () => {
    const db = shigatse();
    const file = await sheetFile([
      ['企业台账'],
      ['单位名称', '统一代码', '联系方式', null, '所在县（区）'],
      [null, null, '负责人', '手机', null],
      ['甲公司', codeOf(101), '次仁', '13800000000', '江孜县'],
    ]);
    const r = runImport(db, 'enterprises', file, 'c.xlsx', false);
    expect(r.headerRows).toEqual([2, 3]);
    expect(r.columns.map((c) => [c.header, c.field])).toEqual([
      ['单位名称', 'name'],
      ['统一代码', 'uscc'],
      ['联系方式 / 负责人', 'contactPerson'],
      ['手机', 'contactPhone'],
      ['所在县（区）', 'countyCode'],
    ]);
    expect(r).toMatchObject({ created: 1, rejected: [] });
  });

  it('rows numbered in advance (序号 only) are blank rows, not rejected ones', async () => {
    const file = await sheetFile([['序号', '单位名称', '信用代码'], [1, '癸公司', codeOf(109)], [2], [3], [4]]);
    expect(runImport(shigatse(), 'enterprises', file, 'o.xlsx', false)).toMatchObject({ rows: 1, created: 1, rejected: [], skipped: { blank: 3 } });
  });

  it('a header below 15 rows of notes is still found (the first 20 rows are searched)', async () => {
    const notes = Array.from({ length: 15 }, (_, i) => [`说明第 ${i + 1} 条`]);
    const file = await sheetFile([...notes, ['单位名称', '信用代码', '县区'], ['乙公司', codeOf(102), '拉孜县']]);
    expect(runImport(shigatse(), 'enterprises', file, 'd.xlsx', false)).toMatchObject({ headerRows: [16], created: 1 });
  });

  it('lists every error of a row at once, across the cell checks and the record checks', async () => {
    const db = shigatse();
    const bad = codeOf(103).slice(0, 17) + (codeOf(103).endsWith('0') ? '1' : '0');
    const file = await sheetFile([['企业名称', '统一社会信用代码', '县区', '行业', '企业规模', '联系电话', '专精特新', '专精特新认定年份'], ['丙公司', bad, '城关区', '航天', '特大型', '电话号码', '自治区级专精特新', 2099]]);
    const r = runImport(db, 'enterprises', file, 'e.xlsx', false);
    const columns = r.rejected[0]!.reasons.map((x) => x.column).sort();
    expect(columns).toEqual(['专精特新认定年份', '统一社会信用代码', '县区', '联系电话', '行业', '企业规模'].sort());
  });

  it('rows wrong only in optional fields import without those values at the user\'s choice, listed as warnings', async () => {
    const db = shigatse();
    const file = await sheetFile([['企业名称', '统一社会信用代码', '县区', '行业', '地址'], ['丁公司', codeOf(104), '拉萨', '航天', '青岛路1号'], ['戊公司', '123', '江孜', '农业', '']]);
    const strict = runImport(db, 'enterprises', file, 'f.xlsx', false);
    expect(strict).toMatchObject({ created: 0, warnings: [] });
    expect(strict.rejected).toHaveLength(2);
    const lenient = runImport(db, 'enterprises', file, 'f.xlsx', true, { skipBadOptional: true });
    // The credit code identifies the record: a wrong one still rejects the row.
    expect(lenient).toMatchObject({ created: 1, skipBadOptional: true, rejected: [{ rowNumber: 3 }] });
    expect(lenient.warnings).toHaveLength(1);
    expect(lenient.warnings[0]!.reasons.map((x) => x.column).sort()).toEqual(['县区', '行业']);
    expect(lenient.warnings[0]!.reasons[0]!.messageZh).toContain('未导入');
    expect(all(db).find((e) => e.name === '丁公司')).toMatchObject({ countyCode: null, industry: null, address: '青岛路1号' });
  });

  it('messages list every allowed value (亚东县 included), never a cut list; HQ points to the template list sheet', async () => {
    const file = await sheetFile([['企业名称', '统一社会信用代码', '县（区）'], ['己公司', codeOf(105), '不存在县']]);
    const office = runImport(shigatse(), 'enterprises', file, 'g.xlsx', false).rejected[0]!.reasons[0]!.messageZh;
    expect(office).toContain('共 18 项');
    for (const county of ['桑珠孜区', '定结县', '亚东县', '岗巴县']) expect(office).toContain(county);
    const hq = memoryDb({ role: 'hq', officeName: '自治区经济和信息化厅' });
    const atHq = runImport(hq, 'enterprises', await sheetFile([['企业名称', '统一社会信用代码', '所属地（市）', '县（区）'], ['己公司', codeOf(105), '日喀则', '不存在县']]), 'g.xlsx', false);
    expect(atHq.rejected[0]!.reasons[0]!.messageZh).toContain('“选项”工作表');
    expect(atHq.rejected[0]!.reasons[0]!.messageZh).toContain('共 74 项');
  });

  it('a changed mapping is used, and remembered for the next file with the same headers', async () => {
    const db = shigatse();
    const file = await sheetFile([['单位名称', '统一代码', '经营范围', '备注'], ['庚公司', codeOf(106), '青稞酒生产', '老字号']]);
    const auto = runImport(db, 'enterprises', file, 'h.xlsx', false);
    expect(auto.columns.map((c) => c.field)).toEqual(['name', 'uscc', null, 'notes']);
    const chosen = runImport(db, 'enterprises', file, 'h.xlsx', true, { mapping: { 经营范围: '备注', D: '不导入' } });
    expect(chosen.columns.map((c) => [c.field, c.confidence])).toEqual([['name', 'alias'], ['uscc', 'alias'], ['notes', 'chosen'], [null, 'chosen']]);
    expect(all(db)[0]).toMatchObject({ notes: '青稞酒生产' });
    const again = runImport(db, 'enterprises', file, 'h.xlsx', false);
    expect(again.remembered).toBe(true);
    expect(again.columns.map((c) => c.field)).toEqual(['name', 'uscc', 'notes', null]);
    expect(userError(() => runImport(db, 'enterprises', file, 'h.xlsx', false, { mapping: { 经营范围: '营业额' } })).messageZh).toContain('可选字段：统一社会信用代码');
    expect(userError(() => runImport(db, 'enterprises', file, 'h.xlsx', false, { mapping: { 注册资本: '备注' } })).messageZh).toContain('C 经营范围');
  });

  it('blank cells of an update keep stored values, whatever the headers', async () => {
    const db = shigatse();
    await runImport(db, 'enterprises', await sheetFile([['单位名称', '信用代码', '县区', '地址'], ['辛公司', codeOf(107), '江孜县', '江孜镇1号']]), 'i.xlsx', true);
    const r = runImport(db, 'enterprises', await sheetFile([['单位名称', '信用代码', '县区', '地址', '手机'], ['辛公司', codeOf(107), null, '', '13900000000']]), 'j.xlsx', true);
    expect(r).toMatchObject({ updated: 1 });
    expect(all(db)[0]).toMatchObject({ countyCode: '540222', address: '江孜镇1号', contactPhone: '13900000000' });
  });

  it('the rejected-rows file keeps every column of the sheet under its own header', async () => {
    const db = shigatse();
    const out = await rejectedFile(db, 'enterprises', await officeRegister(), '名录.xlsx');
    const wb = XLSX.read(Buffer.from(out.base64, 'base64'), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows[0]).toEqual(['序号', '企业名称', '统一社会信用代码', '所在县区', '详细地址', '行业', '企业规模', '联系人', '联系电话', '成立日期', '备注', '错误原因']);
    expect(rows[1]![3]).toBe('萨迦县');
    expect(String(rows[1]![11])).toContain('原第 4 行');
  });
});

describe('the other importers, in offices\' words', () => {
  it('activities: 活动名称 / 时间 / 地点 / 参加人数 / 主办单位 / 清单事项 (第6项, （七）), 120人 and full-width digits', async () => {
    const db = shigatse();
    const r = runImport(db, 'activities', await activityRegister(), 'k.xlsx', true);
    expect(r.columns.map((c) => c.field)).toEqual([null, 'title', 'date', 'place', 'metrics.participants', 'organiser', 'itemNo', 'kind']);
    expect(r).toMatchObject({ created: 2, rejected: [], skipped: { totals: [6] } });
    const rows = db.prepare('SELECT title, date, item_no AS itemNo, metrics FROM activities ORDER BY date').all() as { title: string; date: string; itemNo: number; metrics: string }[];
    expect(rows.map((x) => [x.date, x.itemNo, JSON.parse(x.metrics).participants])).toEqual([['2022-05-18', 6, 120], ['2022-06-08', 7, 85]]);
  });

  it('visits and problems: 企业名称 / 走访时间 / 走访人, 困难问题 / 责任部门 / 状态 in everyday words', async () => {
    const db = shigatse();
    runImport(db, 'enterprises', await sheetFile([['单位名称', '信用代码'], ['壬公司', codeOf(108)]]), 'l.xlsx', true);
    const visits = await sheetFile([['序号', '企业名称', '走访时间', '走访方式', '走访人'], [1, '壬公司', '2022年3月1日', '调研', '次仁']]);
    expect(runImport(db, 'visits', visits, 'm.xlsx', true)).toMatchObject({ created: 1, rejected: [] });
    const problems = await sheetFile([['企业名称', '问题类型', '困难问题', '责任部门', '完成时限', '状态'], [fullWidth('91') + codeOf(108).slice(2), '融资', '流动资金不足', '市经信局', '2099.12.31', '正在办理']]);
    const p = runImport(db, 'problems', problems, 'n.xlsx', true);
    expect(p).toMatchObject({ created: 1, rejected: [] });
    expect(db.prepare('SELECT status, deadline FROM problems').get()).toEqual({ status: 'in_progress', deadline: '2099-12-31' });
  });
});
