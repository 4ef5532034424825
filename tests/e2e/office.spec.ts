import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { withOffice, expect, choose, typeDate } from './fixtures';
import { makeUscc } from '../../db/validation/uscc';

/** An office of Lhasa, set up through the CLI, with a few registered enterprises. */
const test = withOffice({ prefix: 'sme-office-', prefecture: '540100', name: '拉萨市经济和信息化局', operator: '张三', demo: { enterprises: 30, activities: 0, visits: 0, seed: 3 } });

const GOOD = makeUscc('91', '540102', 'MA6TE7T1');
const BAD = GOOD.slice(0, 17) + (GOOD.endsWith('0') ? '1' : '0');

test('registering an enterprise: a wrong code is explained, a right one saves, a duplicate opens the first', async ({ page, office }) => {
  await page.goto(office.url);
  await page.getByTestId('nav-enterprises').click();
  await page.getByTestId('enterprise-new').click();
  const form = page.getByTestId('enterprise-form');
  await form.getByTestId('uscc').fill(BAD);
  await form.getByTestId('enterprise-name').click(); // leaving the field checks the code
  await expect(form.getByTestId('uscc-hint')).toContainText('校验码（第18位）');
  await page.getByTestId('form-save').click();
  await expect(form.locator('.ant-form-item-explain-error').first()).toContainText('校验码');

  await form.getByTestId('uscc').fill(GOOD);
  await form.getByTestId('enterprise-name').fill('拉萨雪域测试科技有限公司');
  await form.getByTestId('enterprise-name').press('Tab');
  await expect(form.getByTestId('uscc-hint')).toContainText('校验通过');
  // A status ticked without its date is not given one silently: the date decides what it counts for.
  await form.getByText('高新技术企业', { exact: true }).click();
  await page.getByTestId('form-save').click();
  await expect(form.locator('.ant-form-item-explain-error').first()).toContainText('请填写取得日期');
  await form.getByText('高新技术企业', { exact: true }).click();
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('enterprise-detail')).toContainText(GOOD);
  await page.keyboard.press('Escape');

  // The same code again: the form says so and offers the registered enterprise.
  await page.getByTestId('enterprise-new').click();
  await page.getByTestId('enterprise-form').getByTestId('uscc').fill(GOOD.toLowerCase());
  await page.getByTestId('enterprise-form').getByTestId('enterprise-name').click();
  await expect(page.getByTestId('uscc-hint')).toContainText('拉萨雪域测试科技有限公司');
  await page.getByTestId('uscc-open-existing').click();
  await expect(page.getByTestId('enterprise-detail')).toContainText(GOOD);
});

test('finding an enterprise by a two-character query', async ({ page, office }) => {
  await page.goto(office.url);
  await page.getByTestId('nav-enterprises').click();
  await expect(page.getByTestId('enterprise-total')).toContainText('30');
  const first = (await page.getByTestId('enterprise-row').first().innerText()).trim();
  // Two characters from the middle of a name: too short for the trigram index.
  const two = first.slice(2, 4);
  await page.getByTestId('enterprise-search').locator('input').fill(two);
  await page.getByTestId('enterprise-search').locator('input').press('Enter');
  // The first row held those characters before the search too: wait until every row does (the
  // list shown before the answer came would pass a look at its first row alone).
  const found = async () => {
    const rows = await page.getByTestId('enterprise-row').allInnerTexts();
    return rows.length > 0 && rows.every((r) => r.includes(two));
  };
  await expect.poll(found).toBe(true);
});

test('recording an activity under item 6 with linked enterprises', async ({ page, office }) => {
  await page.goto(office.url);
  await page.getByTestId('nav-activities').click();
  await page.getByTestId('activity-new').click();
  const form = page.getByTestId('activity-form');
  await choose(page, 'activity-item', '6. 每年组织开展');
  await choose(page, 'activity-kind', '政银企对接会');
  await form.getByTestId('activity-title').fill('城关区政银企对接会（第一期）');
  // Typed the way people write dates; shown and saved as 2022-05-10.
  const dateInput = form.getByTestId('activity-date').locator('xpath=self::input | .//input').first();
  await typeDate(page, form.getByTestId('activity-date'), '2022/05/11');
  await expect(dateInput).toHaveValue('2022-05-11');
  await typeDate(page, form.getByTestId('activity-date'), '20220510');
  await expect(dateInput).toHaveValue('2022-05-10');
  await form.getByTestId('metric-participants').locator('xpath=self::input | .//input').first().fill('120');
  await form.getByTestId('metric-banks').locator('xpath=self::input | .//input').first().fill('6');
  await form.getByTestId('metric-loans_applied').locator('xpath=self::input | .//input').first().fill('10');
  await form.getByTestId('metric-loans_obtained').locator('xpath=self::input | .//input').first().fill('12');
  await form.getByTestId('activity-enterprises').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(0).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('form-save').click();
  // More loans obtained than applied for is refused, on the field.
  await expect(form.locator('.ant-form-item-explain-error').first()).toContainText('获得贷款企业数不能多于申请贷款企业数');
  await form.getByTestId('metric-loans_obtained').locator('xpath=self::input | .//input').first().fill('8');
  // A negative or fractional count is refused with its reason, not silently changed.
  const banks = form.getByTestId('metric-banks').locator('xpath=self::input | .//input').first();
  await banks.fill('-5');
  await page.getByTestId('form-save').click();
  await expect(form.locator('.ant-form-item-explain-error').first()).toContainText('不能为负数');
  await expect(banks).toHaveValue('-5');
  await banks.fill('2.5');
  await page.getByTestId('form-save').click();
  await expect(form.locator('.ant-form-item-explain-error').first()).toContainText('应为整数');
  await banks.fill('6');
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('activity-form')).toBeHidden();
  const row = page.locator('.ant-table-row').filter({ hasText: '城关区政银企对接会（第一期）' });
  await expect(row).toContainText('第6项');
  await expect(row).toContainText('政银企对接会');
  await expect(row).toContainText('2022-05-10');
  await expect(row.getByTestId('activity-enterprise-count')).toHaveText('2');
  // Every figure with its unit and thousands separators (the list showed three, without units).
  await expect(row.getByTestId('activity-figures')).toContainText('参与人次 120 人次');
  await expect(row.getByTestId('activity-figures')).toContainText('获得贷款企业数 8 家');
});

test('a visit with two problems, and one of them taken to 已办结', async ({ page, office }) => {
  await page.goto(office.url);
  await page.getByTestId('nav-visits').click();
  await page.getByTestId('visit-new').click();
  const form = page.getByTestId('visit-form');
  await form.getByTestId('visit-enterprise').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByTestId('visit-add-problem').click();
  await page.getByTestId('visit-add-problem').click();
  const problems: [string, string, string][] = [
    ['融资', '流动资金紧张，希望对接银行信贷', '区经济和信息化厅'],
    ['用电', '冬季电力供应不稳定', '国网西藏电力有限公司'],
  ];
  for (const [i, [category, text, unit]] of problems.entries()) {
    await choose(page, `problem-category-${i}`, category);
    await form.getByTestId(`problem-description-${i}`).fill(text);
    await form.getByTestId(`problem-unit-${i}`).locator('xpath=self::input | .//input').first().fill(unit);
    await typeDate(page, form.getByTestId(`problem-deadline-${i}`), '2030-06-30');
  }
  await page.getByTestId('form-save').click();
  await expect(page.getByText('走访已登记，记录问题 2 个')).toBeVisible();

  await page.getByTestId('nav-problems').click();
  await expect(page.getByTestId('problem-row')).toHaveCount(2);
  await page.getByText('冬季电力供应不稳定').click();
  const detail = page.getByTestId('problem-detail');
  await expect(detail).toContainText('国网西藏电力有限公司');
  await page.getByTestId('problem-start').click();
  await page.getByTestId('problem-move-confirm').click();
  await expect(page.locator('.ant-drawer-title')).toContainText('办理中');
  await page.getByTestId('problem-resolve').click();
  await page.getByTestId('problem-move-confirm').click();
  await expect(page.getByText('请填写办结情况')).toBeVisible();
  await page.getByTestId('problem-resolution').fill('已协调供电公司增加专线');
  await page.getByTestId('problem-move-confirm').click();
  await expect(page.locator('.ant-drawer-title')).toContainText('已办结');
  await expect(detail).toContainText('已协调供电公司增加专线');
  await expect(detail).toContainText('办理中 → 已办结');
  // The history names fields and values as the form does, never internal codes.
  await detail.getByRole('tab', { name: '修改记录' }).click();
  const history = detail.getByTestId('history');
  await expect(history).toContainText('办理状态：办理中 → 已办结');
  await expect(history).toContainText('办结日期');
  await expect(history).not.toContainText('in_progress');
  await expect(history).not.toContainText('closedOn');
  await page.keyboard.press('Escape');
  // The unresolved list (the default filter) now has one problem left.
  await expect(page.getByTestId('problem-row')).toHaveCount(1);
});

test('importing an enterprise spreadsheet with some bad rows', async ({ page, office }, testInfo) => {
  const file = path.join(testInfo.outputDir, '企业名录.xlsx');
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  ws.addRow(['统一社会信用代码', '企业名称', '县（区）', '企业规模', '服务专员']);
  ws.addRow([makeUscc('91', '540103', 'MA6TKMP1'), '堆龙德庆区导入测试一公司', '堆龙德庆区', '小型', '扎西']);
  ws.addRow([makeUscc('91', '540104', 'MA6TKMP2'), '达孜区导入测试二公司', '达孜区', '微型', '']);
  ws.addRow([BAD, '代码错误的公司', '城关区', '小型', '']);
  ws.addRow([makeUscc('91', '540102', 'MA6TKMP3'), '', '城关区', '小型', '']);
  ws.addRow([makeUscc('91', '540102', 'MA6TKMP4'), '县名错误的公司', '桑珠孜区', '特大型', '']);
  await wb.xlsx.writeFile(file);

  await page.goto(office.url);
  await page.getByTestId('nav-enterprises').click();
  await page.getByTestId('excel-import-open').click();
  await page.getByTestId('excel-import').locator('input[type=file]').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('将新增2');
  await expect(summary).toContainText('拒绝3');
  const rejected = page.getByTestId('rejected-table');
  await expect(rejected).toContainText('校验码');
  await expect(rejected).toContainText('企业名称');
  await expect(rejected).toContainText('桑珠孜区');
  await expect(rejected).toContainText('特大型');
  const download = page.waitForEvent('download');
  await page.getByTestId('download-rejected').click();
  const saved = path.join(testInfo.outputDir, 'rejected.xlsx');
  await (await download).saveAs(saved);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(saved);
  const sheet = back.worksheets[0]!;
  expect(sheet.rowCount).toBe(4);
  expect(String(sheet.getRow(1).getCell(sheet.columnCount).value)).toBe('错误原因');

  await page.getByTestId('import-confirm').click();
  await expect(page.getByText('导入完成')).toBeVisible();
  await expect(summary).toContainText('已新增2');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('enterprise-total')).toContainText('32');

  // The same file again creates nothing.
  await page.getByTestId('excel-import-open').click();
  await page.getByTestId('excel-import').locator('input[type=file]').setInputFiles(file);
  await expect(summary).toContainText('将新增0');
  await expect(summary).toContainText('不变2');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
});

test('leaving a form with unsaved changes asks first', async ({ page, office }) => {
  await page.goto(office.url);
  await page.getByTestId('nav-enterprises').click();
  await page.getByTestId('enterprise-new').click();
  await page.getByTestId('enterprise-name').fill('尚未保存的公司');
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('放弃未保存的修改？');
  await page.getByRole('button', { name: '继续编辑' }).click();
  await expect(page.getByTestId('enterprise-name')).toHaveValue('尚未保存的公司');
});
