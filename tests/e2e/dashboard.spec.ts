import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { withOffice, expect } from './fixtures';
import { cli } from '../support/cli';
import { startHostProcess, tempDataDir } from '../support/host';

const test = withOffice({ prefix: 'sme-dash-', prefecture: '540600', name: '那曲市经济和信息化局', operator: '多吉', demo: { enterprises: 80, activities: 150, visits: 60, seed: 12 } });

test('the dashboard after demo data: figures, drill-down to records, Excel report', async ({ page, office }, testInfo) => {
  await page.goto(office.url);
  const table = page.getByTestId('progress-table');
  // The 49 figures first; the 6 items without a numeric target fold below them (issue 15).
  await expect(table.locator('.ant-table-row')).toHaveCount(49);
  await expect(page.getByTestId('untargeted-table')).toBeHidden();
  await page.getByTestId('untargeted').getByText('无量化目标的事项（6 项', { exact: false }).click();
  await expect(page.getByTestId('untargeted-table').locator('.ant-table-row')).toHaveCount(6);
  await expect(page.getByTestId('untargeted-table').locator('.ant-table-row').first()).toContainText('无量化目标：活动');
  await expect(page.getByText('截至 2022-12-31（全年已过 100%）', { exact: true })).toBeVisible();
  await expect(page.getByTestId('trend-chart').locator('svg')).toBeVisible();

  // The figure of public trainings is the number of records behind it.
  const figure = page.getByTestId('value-11.public_training_events');
  const shown = Number((await figure.innerText()).replace(/[^\d]/g, ''));
  expect(shown).toBeGreaterThan(0);
  await figure.click();
  await expect(page.getByText(`共 ${shown} 条记录计入该数值`)).toBeVisible();
  await expect(page.getByTestId('indicator-records').locator('.ant-table-row').first()).toContainText('公共培训');
  await page.keyboard.press('Escape');

  const download = page.waitForEvent('download');
  await page.getByTestId('report-excel').click();
  const file = path.join(testInfo.outputDir, 'report.xlsx');
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  await (await download).saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['完成情况汇总', '未办结问题', '活动台账']);
  const summary = wb.worksheets[0]!;
  expect(String(summary.getCell('A1').value)).toContain('那曲市2022年为中小企业办实事清单完成情况');
  expect(summary.getRow(2).values).toEqual([undefined, '序号', '事项', '指标', '目标', '完成值', '单位', '完成率', '状态', '说明']);
  let found = false;
  summary.eachRow((row) => {
    if (row.getCell(3).value === '线上线下公共培训活动') {
      found = true;
      expect(row.getCell(5).value).toBe(shown);
      expect(row.getCell(4).value).toBe('≥ 150 场');
    }
  });
  expect(found).toBe(true);
  expect(wb.worksheets[2]!.rowCount).toBe(2 + 150);
  // Each figure of an activity reads name, number, unit: "参与人次 120 人次", never "参与人次人次 120".
  const figures: string[] = [];
  wb.worksheets[2]!.eachRow((row, n) => {
    if (n > 2) figures.push(String(row.getCell(9).value ?? ''));
  });
  expect(figures.some((f) => /参与人次 [\d,]+ 人次/.test(f))).toBe(true);
  expect(figures.join('；')).not.toMatch(/人次人次|万元 ?\d|家 ?\d/);
});

test('at 1366×768 the dashboard opens on figures with targets, not on items without one', async ({ page, office }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(office.url);
  const first = page.getByTestId('progress-table').locator('.ant-table-row').first();
  await expect(first).toBeInViewport();
  // The first row is a figure with a target and a value to follow, never "无量化目标：…".
  await expect(first.locator('[data-testid^="value-"]')).toBeVisible();
  await expect(first).not.toContainText('无量化目标');
  await expect(page.getByTestId('untargeted')).not.toBeInViewport();
});

test('HQ: the prefecture matrix rounds like the table and shows all seven prefectures at 1366×768', async ({ page }) => {
  const dir = tempDataDir('sme-dash-hq-');
  expect(cli(['init', '--data', dir, '--role', 'hq', '--name', '自治区经济和信息化厅', '--operator', '卓玛']).code).toBe(0);
  expect(cli(['demo', '--data', dir, '--enterprises', '200', '--seed', '3']).code).toBe(0);
  const host = await startHostProcess(dir);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.url);
    // 1 of 15 digital-transformation demonstration enterprises: 6.7% in the table and in the matrix.
    const row = page.getByTestId('progress-table').locator('.ant-table-row').filter({ has: page.getByTestId('value-15.digital_demo') });
    await expect(row.getByRole('progressbar')).toContainText('6.7%');
    const cell = page.getByTestId('matrix-table').getByTestId('matrix-cell-15.digital_demo').first();
    await expect(cell).toHaveText('1 6.7%');
    // No sideways scrolling: the last prefecture's column ends inside the card.
    const matrix = page.getByTestId('matrix-table');
    await expect(matrix.locator('th', { hasText: '阿里地区' }).first()).toBeVisible();
    const overflow = await matrix.locator('.ant-table-content, .ant-table-body').first().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
