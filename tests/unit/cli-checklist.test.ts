import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/host';
import { cli } from '../support/cli';

/** HQ's batch work from the command line: the checklist, reported figures from a bank's table, milestones. */
let hq: string;
let office: string;
beforeAll(() => {
  hq = tempDataDir('sme-cli-checklist-');
  office = tempDataDir('sme-cli-checklist-o-');
  expect(cli(['init', '--data', hq, '--role', 'hq', '--name', '自治区经济和信息化厅', '--operator', '卓玛']).code).toBe(0);
  expect(cli(['init', '--data', office, '--role', 'office', '--prefecture', '540100', '--name', '拉萨市经信局', '--operator', '扎西']).code).toBe(0);
}, 120_000);
afterAll(() => {
  fs.rmSync(hq, { recursive: true, force: true });
  fs.rmSync(office, { recursive: true, force: true });
});

describe('checklist export|import|list', () => {
  it('exports 2022 as a workbook and as JSON, installs a 2023 list from the JSON, and lists both', () => {
    const xlsx = path.join(hq, 'c.xlsx');
    const json = path.join(hq, 'c.json');
    expect(cli(['checklist', 'export', '--data', hq, '--year', '2022', '--out', xlsx]).code).toBe(0);
    expect(cli(['checklist', 'export', '--data', hq, '--year', '2022', '--out', json]).code).toBe(0);
    // The workbook as exported is the installed checklist: nothing to install.
    expect(JSON.parse(cli(['checklist', 'import', xlsx, '--data', hq, '--dry-run', '--json']).stdout).preview).toMatchObject({ unchanged: true, from: 2, to: 2 });
    const c = JSON.parse(fs.readFileSync(json, 'utf8'));
    c.year = 2023;
    fs.writeFileSync(json, JSON.stringify(c));
    const dry = cli(['checklist', 'import', json, '--data', hq, '--dry-run']);
    expect(dry.stdout).toContain('2023年清单：新年度');
    expect(dry.stdout).toContain('预览，未安装');
    expect(cli(['checklist', 'import', json, '--data', hq]).code).toBe(0);
    expect(JSON.parse(cli(['checklist', 'list', '--data', hq, '--json']).stdout).map((x: { year: number; revision: number }) => [x.year, x.revision])).toEqual([[2022, 2], [2023, 1]]);
  }, 180_000);

  it('exits 1 and names the field of a bad JSON file; an office cannot install', () => {
    const bad = path.join(hq, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ year: 2024, title: '清单' }));
    const r = cli(['checklist', 'import', bad, '--data', hq]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('“titleEn”：缺少此项 · titleEn: Invalid input');
    const o = cli(['checklist', 'import', bad, '--data', office]);
    expect(o.code).toBe(1);
    expect(o.stderr).toMatch(/headquarters/);
  }, 180_000);
});

describe('figures list|add|import and milestones list|set', () => {
  it('lists what can be reported, adds a prefecture’s figure at HQ, and imports a bank’s table all or nothing', async () => {
    const list = JSON.parse(cli(['figures', 'list', '--data', hq, '--json']).stdout) as { id: string; unit: string }[];
    expect(list.find((f) => f.id === 'loan_balance')).toMatchObject({ unit: '亿元' });
    expect(cli(['figures', 'add', '--data', hq, '--figure', 'loan_balance', '--value', '420', '--as-of', '2022-06-30', '--source', '人行', '--prefecture', '540100']).code).toBe(0);
    expect(cli(['figures', 'add', '--data', hq, '--figure', 'no_such', '--value', '1', '--as-of', '2022-06-30', '--source', 'x']).code).toBe(1);
    const progress = JSON.parse(cli(['progress', '--data', hq, '--year', '2022', '--as-of', '2022-07-31', '--json']).stdout);
    expect(progress.indicators.find((i: { id: string }) => i.id === '6.loan_balance')).toMatchObject({ value: null, note: { zh: '部分地市未报送（1/7已报送），且无自治区报送数' } });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['上报数据', '所属地（市）', '截至日期', '数值', '来源']);
    for (const p of ['日喀则市', '昌都市', '林芝市', '山南市', '那曲市', '阿里地区']) ws.addRow(['中小企业贷款余额', p, '2022-06-30', 80, '人行']);
    ws.addRow(['中小企业贷款余额', '拉萨', '2022-06-30', 80, '人行']);
    const file = path.join(hq, 'bank.xlsx');
    await wb.xlsx.writeFile(file);
    const refused = cli(['figures', 'import', file, '--data', hq, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ rows: 7, applied: false, rejected: [{ row: 8, messageZh: '第8行：未知的地（市）“拉萨”。' }] });
    ws.spliceRows(8, 1);
    await wb.xlsx.writeFile(file);
    expect(JSON.parse(cli(['figures', 'import', file, '--data', hq, '--json']).stdout)).toMatchObject({ rows: 6, created: 6, applied: true });
    const after = JSON.parse(cli(['progress', '--data', hq, '--year', '2022', '--as-of', '2022-07-31', '--json']).stdout);
    expect(after.indicators.find((i: { id: string }) => i.id === '6.loan_balance')).toMatchObject({ value: 420 + 6 * 80, note: { zh: '7个地（市）同日（2022-06-30）报送数之和' } });
  }, 180_000);

  it('records milestones where their scope says', () => {
    const list = JSON.parse(cli(['milestones', 'list', '--data', office, '--json']).stdout) as { id: string; scope: string; recordedHere: boolean }[];
    expect(list.find((m) => m.id === '3.road_rules')).toMatchObject({ scope: 'prefecture', recordedHere: true });
    expect(list.find((m) => m.id === '16.alliance')).toMatchObject({ scope: 'region', recordedHere: false });
    expect(cli(['milestones', 'set', '--data', office, '--id', '3.road_rules', '--done-on', '2022-05-10', '--evidence', '拉政办发〔2022〕8号']).code).toBe(0);
    expect(cli(['milestones', 'set', '--data', office, '--id', '16.alliance', '--done-on', '2022-05-10']).code).toBe(1);
    const again = JSON.parse(cli(['milestones', 'list', '--data', office, '--json']).stdout) as { id: string; done: boolean; doneOn: string }[];
    expect(again.find((m) => m.id === '3.road_rules')).toMatchObject({ done: true, doneOn: '2022-05-10' });
  }, 180_000);
});
