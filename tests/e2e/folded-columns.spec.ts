import { withOffice, expect } from './fixtures';

/**
 * At 1366×768 the lists fold secondary columns (county, industry, responsible unit …); each row
 * then opens in place to show them, without opening the record's drawer. At 1920 nothing folds
 * and there is nothing to open.
 */
const test = withOffice({ prefix: 'sme-fold-', prefecture: '540200', name: '日喀则市经济和信息化局', operator: '多吉', demo: { enterprises: 30, activities: 20, visits: 20, seed: 9 } });

const LISTS = [
  { nav: 'enterprises', folded: ['县（区）', '行业门类'], drawer: 'enterprise-detail' },
  { nav: 'problems', folded: ['责任单位'], drawer: 'problem-detail' },
  { nav: 'activities', folded: ['县（区）'], drawer: null },
] as const;

test('at 1366×768 a list row opens in place to show the columns folded away', async ({ page, office }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(office.url);
  for (const list of LISTS) {
    await page.getByTestId(`nav-${list.nav}`).click();
    const body = page.getByTestId(`page-${list.nav}`);
    const header = body.locator('.ant-table-thead');
    for (const title of list.folded) await expect(header.getByText(title, { exact: true })).toHaveCount(0);
    const row = body.locator('.ant-table-row').first();
    await row.locator('.ant-table-row-expand-icon').click();
    const folded = body.getByTestId('folded-columns').first();
    for (const title of list.folded) await expect(folded.getByText(title, { exact: true })).toBeVisible();
    // The value beside the label is the column's own rendering, not empty.
    await expect(folded.locator('.ant-descriptions-item-content').first()).not.toHaveText('');
    if (list.drawer) await expect(page.getByTestId(list.drawer)).toHaveCount(0);
    // No sideways scrolling with the expand buttons' column added.
    const overflow = await body.locator('.ant-table-body, .ant-table-tbody-virtual-holder').first().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, list.nav).toBeLessThanOrEqual(1);
  }
});

test('at 1920×1080 nothing folds, so rows have nothing to open', async ({ page, office }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(office.url);
  for (const list of LISTS) {
    await page.getByTestId(`nav-${list.nav}`).click();
    const body = page.getByTestId(`page-${list.nav}`);
    await expect(body.locator('.ant-table-row').first()).toBeVisible();
    for (const title of list.folded) await expect(body.locator('.ant-table-thead').getByText(title, { exact: true })).toBeVisible();
    await expect(body.locator('.ant-table-row-expand-icon')).toHaveCount(0);
  }
});
