import { withOffice, expect, typeDate } from './fixtures';

/** A clerk's day at 1366×768: nothing lost by a keystroke, no date replaced without a word. */
const test = withOffice({ prefix: 'sme-day-', prefecture: '540200', name: '日喀则市经济和信息化局', operator: '张三', demo: { enterprises: 30, activities: 40, visits: 30, seed: 7 } });
test.use({ viewport: { width: 1366, height: 768 } });

test('Escape closes the open dropdown only; a dirty drawer asks with the focus on keep editing, and Enter keeps the work', async ({ page, office }) => {
  await page.goto(office.url);
  await page.getByTestId('nav-visits').click();
  await page.getByTestId('visit-new').click();
  const form = page.getByTestId('visit-form');
  await form.getByTestId('visit-visitors').fill('张三、李四');
  await page.getByTestId('visit-add-problem').click();
  await form.getByTestId('problem-description-0').fill('流动资金紧张');
  // A suggestion list open inside the drawer: Escape closes it, and nothing else.
  await form.getByTestId('problem-unit-0').locator('xpath=self::input | .//input').first().click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await expect(page.locator('.ant-modal-confirm')).toHaveCount(0);
  await expect(form).toBeVisible();
  // The same with a Select's dropdown and a date picker's calendar.
  for (const [opener, popup] of [[form.getByTestId('visit-kind'), '.ant-select-dropdown'], [form.getByTestId('visit-date').locator('xpath=self::input | .//input').first(), '.ant-picker-dropdown']] as const) {
    await opener.click();
    await expect(page.locator(`${popup}:visible`)).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.locator(`${popup}:visible`)).toHaveCount(0);
  }
  await expect(page.locator('.ant-modal-confirm')).toHaveCount(0);
  await expect(form).toBeVisible();

  // Escape with nothing open asks; the safe choice has the focus, so Enter keeps the visit.
  await page.keyboard.press('Escape');
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('keep-editing')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(form.getByTestId('visit-visitors')).toHaveValue('张三、李四');
  await expect(form.getByTestId('problem-description-0')).toHaveValue('流动资金紧张');
  // Escape twice: the second closes the question, not the drawer.
  await page.keyboard.press('Escape');
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(form.getByTestId('problem-description-0')).toHaveValue('流动资金紧张');
  // Only a deliberate click on 放弃修改 throws the work away.
  await page.keyboard.press('Escape');
  await page.getByTestId('discard-confirm').click();
  await expect(form).toBeHidden();
});

test('a future date typed is kept and refused on the field with its reason; another year than the checklist is noted', async ({ page, office }) => {
  await page.goto(office.url);
  await page.getByTestId('nav-activities').click();
  await page.getByTestId('activity-new').click();
  const form = page.getByTestId('activity-form');
  const date = form.getByTestId('activity-date');
  const input = date.locator('xpath=self::input | .//input').first();
  // A new form starts on today, outside the 2022 checklist: allowed, with a visible note.
  await expect(form.getByTestId('date-year-note')).toContainText('不计入 2022 年清单的进度');
  const nextYear = String(new Date().getFullYear() + 1);
  await typeDate(page, date, `${nextYear}-01-05`);
  await expect(input).toHaveValue(`${nextYear}-01-05`);
  await expect(form.locator('.ant-form-item-explain-error', { hasText: '日期不能晚于今天' })).toHaveCount(1);
  await page.getByTestId('form-save').click();
  await expect(form).toBeVisible();
  await expect(input).toHaveValue(`${nextYear}-01-05`);
  await typeDate(page, date, '2022-05-10');
  await expect(form.getByTestId('date-year-note')).toHaveCount(0);
  await expect(form.locator('.ant-form-item-explain-error', { hasText: '日期不能晚于今天' })).toHaveCount(0);
});

/** Named columns and row actions of every list, within the window, with no sideways scrolling. */
const LISTS: { nav: string; columns: string[]; action?: string }[] = [
  { nav: 'enterprises', columns: ['企业名称', '统一社会信用代码', '专精特新', '未办结问题', '更新时间'] },
  { nav: 'activities', columns: ['日期', '活动名称', '主要数据', '关联企业'], action: '删除' },
  { nav: 'visits', columns: ['走访日期', '企业', '问题'], action: '删除' },
  { nav: 'problems', columns: ['企业', '问题描述', '办理状态', '办理时限'], action: '办理' },
  { nav: 'figures', columns: ['指标', '数值', '截止日期'] },
];

for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    test('every list shows its identifying column, status and actions without scrolling sideways; the menu stays in view', async ({ page, office }) => {
      test.setTimeout(150_000);
      await page.goto(office.url);
      for (const list of LISTS) {
        await page.getByTestId(`nav-${list.nav}`).click();
        const card = page.getByTestId(`page-${list.nav}`);
        const headers = card.locator('.ant-table-thead th');
        for (const name of list.columns) await expect(headers.filter({ hasText: new RegExp(`^${name}$`) }), `${list.nav}: ${name}`).toHaveCount(1);
        if (list.nav !== 'figures') await expect(card.locator('.ant-table-row').first()).toBeVisible();
        const rightmost = await headers.evaluateAll((ths) => Math.max(...ths.map((th) => th.getBoundingClientRect().right)));
        expect(rightmost, `${list.nav}: last column inside the window`).toBeLessThanOrEqual(size.width);
        // No horizontal scrollbar over the last row: the body is no wider than its box.
        await expect(card.locator('.ant-table-tbody-virtual-scrollbar-horizontal:visible'), `${list.nav}: no sideways scrollbar`).toHaveCount(0);
        const overflow = await card.locator('.ant-table').first().evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow, `${list.nav}: no sideways scrolling`).toBeLessThanOrEqual(1);
        if (list.action) {
          const button = card.locator('.ant-table-row').first().getByRole('button', { name: list.action, exact: true });
          await expect(button).toBeInViewport({ ratio: 1 });
        }
        if (size.width === 1920) {
          // The content uses the width (it stopped at about 1,575 pixels).
          const box = await card.boundingBox();
          expect(box!.x + box!.width, `${list.nav}: uses the width`).toBeGreaterThan(1850);
        }
      }
      // A long page scrolled to its end: the menu is still there.
      await page.getByTestId('nav-settings').click();
      await page.mouse.wheel(0, 5000);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await expect(page.getByTestId('nav-dashboard')).toBeInViewport();
      await expect(page.getByTestId('nav-sync')).toBeInViewport();
    });
  });
}
