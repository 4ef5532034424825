import fs from 'node:fs';
import path from 'node:path';
import { withOffice, expect, choose } from './fixtures';
import { officeRegister } from '../support/registers';

/** An office of Shigatse, empty, set up through the CLI. */
const test = withOffice({ prefix: 'sme-register-', prefecture: '540200', name: '日喀则市经济和信息化局', operator: '次仁' });

test('an office register not made from the template comes in through the mapping step, with county, address and industry', async ({ page, office }, testInfo) => {
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  const file = path.join(testInfo.outputDir, '日喀则市企业名录.xlsx');
  fs.writeFileSync(file, await officeRegister());

  await page.goto(office.url);
  await page.getByTestId('nav-enterprises').click();
  await page.getByTestId('excel-import-open').click();
  await page.getByTestId('excel-import').locator('input[type=file]').setInputFiles(file);

  // Every column is listed, with its field or as not imported.
  const mapping = page.getByTestId('mapping-table');
  await expect(mapping).toContainText('所在县区');
  await expect(page.getByTestId('map-D')).toContainText('县（区）');
  await expect(page.getByTestId('map-E')).toContainText('地址');
  await expect(page.getByTestId('map-F')).toContainText('行业门类');
  await expect(page.getByTestId('map-A')).toContainText('不导入');
  await expect(mapping).toContainText('序号列');
  await expect(page.getByTestId('map-J')).toContainText('不导入');
  await expect(page.getByTestId('import-skipped')).toContainText('合计/小计行 1 行');
  await expect(page.getByTestId('import-skipped')).toContainText('重复行 1 行');
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('将新增29');
  await expect(summary).toContainText('拒绝1');
  await expect(page.getByTestId('rejected-table')).toContainText('小微');
  if (process.env.SME_SHOTS) await page.screenshot({ path: process.env.SME_SHOTS, fullPage: false });

  // One mapping changed: 成立日期 goes into 备注 (the sheet's own 备注 column gives way).
  await choose(page, 'map-J', '备注', '备注');
  await expect(page.getByTestId('map-J')).toContainText('备注');
  await expect(page.getByTestId('map-K')).toContainText('不导入');
  // The question about 小微 answered.
  await choose(page, 'answer-size', '小型');
  await expect(summary).toContainText('将新增30');
  await expect(summary).toContainText('拒绝0');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByText('导入完成')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('enterprise-total')).toContainText('30');

  // County (written 日喀则市萨迦县), address (full-width spaces trimmed) and industry (批发零售) are on the record.
  await page.getByTestId('enterprise-search').locator('input').fill('藏香2号');
  await page.getByTestId('enterprise-search').locator('input').press('Enter');
  await page.getByTestId('enterprise-row').filter({ hasText: '藏香2号' }).click();
  const detail = page.getByTestId('enterprise-detail');
  await expect(detail).toContainText('萨迦县');
  await expect(detail).toContainText('日喀则市珠峰路2号');
  await expect(detail).toContainText('批发和零售业');
  await expect(detail).toContainText('2018年5月18日');
  await page.keyboard.press('Escape');

  // The same file again creates nothing, with the mapping remembered for these headers.
  await page.getByTestId('excel-import-open').click();
  await page.getByTestId('excel-import').locator('input[type=file]').setInputFiles(file);
  await expect(page.getByTestId('map-J')).toContainText('备注');
  await expect(summary).toContainText('将新增0');
});
