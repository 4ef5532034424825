import { test, expect, setUpOffice } from './fixtures';
import { startHostProcess } from '../support/host';

test('a new office is taken through setup to the main screen in Chinese', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByText('首次设置')).toBeVisible();
  await expect(page.getByText(host.dataDir)).toBeVisible();

  // Submitting an empty form names each missing field and creates nothing.
  await page.getByTestId('setup-submit').click();
  await expect(page.getByText('请选择本机所属的地（市）')).toBeVisible();
  await expect(page.getByText('请填写操作人员姓名')).toBeVisible();

  await page.getByTestId('prefecture-select').click();
  const options = page.locator('.ant-select-item-option');
  await expect(options).toHaveCount(7);
  await page.getByTitle('日喀则市 (540200)').click();
  // Choosing the prefecture suggests the office name.
  await expect(page.getByTestId('office-name')).toHaveValue('日喀则市经济和信息化局');
  await page.getByTestId('operator-name').fill('次仁');
  await page.getByTestId('setup-submit').click();

  await expect(page.getByTestId('page-dashboard')).toBeVisible();
  await expect(page.getByTestId('identity-badge')).toContainText('日喀则市经济和信息化局');
  await expect(page.getByTestId('identity-badge')).toContainText('地市办公室');
  await expect(page.locator('.ant-card-head-title', { hasText: '2022 年为中小企业办实事清单' })).toBeVisible();
  // Every one of the 43 indicators, and the 7 items without a number as work recorded.
  await expect(page.getByTestId('progress-table').locator('.ant-table-row')).toHaveCount(49);
});

test('headquarters setup needs no prefecture', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('role-hq').click();
  await expect(page.getByTestId('prefecture-select')).toHaveCount(0);
  // The name is filled in as for an office, and can be changed.
  await expect(page.getByTestId('office-name')).toHaveValue('西藏自治区经济和信息化厅');
  await page.getByTestId('office-name').fill('自治区经济和信息化厅中小企业处');
  await page.getByTestId('operator-name').fill('卓玛');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('identity-badge')).toContainText('自治区总部');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('identity')).toContainText('西藏自治区');
  await expect(page.getByTestId('identity')).toContainText('自治区经济和信息化厅中小企业处');
  // A record entered at HQ says what becomes of it: counted at HQ, never sent to the office.
  await page.getByTestId('nav-enterprises').click();
  await page.getByTestId('enterprise-new').click();
  await expect(page.getByTestId('form-notice')).toContainText('不会发送到地市');
});

test('every page of the navigation frame opens and is not blank', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpOffice(page, { prefecture: '林芝市 (540400)', operator: '扎西' });
  const pages: [string, string, string][] = [
    ['enterprises', '企业', '尚未登记企业'],
    ['activities', '活动', '尚无活动记录'],
    ['visits', '走访', '尚无走访记录'],
    ['problems', '问题', '没有符合条件的问题'],
    ['figures', '上报数据', '尚未登记上报数据'],
    ['sync', '同步', '尚未导出同步包'],
    ['settings', '设置', '本机信息'],
    ['dashboard', '工作台', '已完成'],
  ];
  for (const [key, title, text] of pages) {
    await page.getByTestId(`nav-${key}`).click();
    await expect(page.getByTestId('page-title')).toHaveText(title);
    await expect(page.getByTestId(`page-${key}`)).toContainText(text);
  }
});

test('settings show the identity, the language switch applies at once and is remembered', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpOffice(page, { prefecture: '阿里地区 (542500)', office: '阿里地区工信局', operator: '格桑' });
  await page.getByTestId('nav-settings').click();
  const identity = page.getByTestId('identity');
  await expect(identity).toContainText('地市办公室');
  await expect(identity).toContainText('阿里地区 (542500)');
  await expect(identity).toContainText('阿里地区工信局');
  await expect(identity).toContainText('格桑');
  await expect(identity).toContainText(host.dataDir);
  await expect(identity).toContainText('数据库结构版本');
  const installationId = await page.getByTestId('installation-id').innerText();
  expect(installationId).toMatch(/^[0-9a-f-]{36}$/);

  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByTestId('page-title')).toHaveText('Settings');
  await expect(page.getByTestId('nav-enterprises')).toHaveText('Enterprises');
  await expect(identity).toContainText('Prefecture office');
  await expect(identity).toContainText('Ngari (542500)');
  await expect(page.getByText('Language changed')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('page-dashboard')).toBeVisible();
  await expect(page.getByTestId('nav-dashboard')).toHaveText('Dashboard');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(page.getByTestId('page-title')).toHaveText('设置');
});

test('the installation is still set up after the host restarts', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpOffice(page, { prefecture: '昌都市 (540300)', operator: '洛桑' });
  await page.getByTestId('nav-settings').click();
  const id = await page.getByTestId('installation-id').innerText();
  await host.stop();

  const again = await startHostProcess(host.dataDir);
  try {
    await page.goto(again.url);
    await expect(page.getByTestId('page-dashboard')).toBeVisible();
    await expect(page.getByTestId('setup-page')).toHaveCount(0);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('installation-id')).toHaveText(id);
    await expect(page.getByTestId('identity')).toContainText('昌都市 (540300)');
  } finally {
    await again.stop();
  }
});
