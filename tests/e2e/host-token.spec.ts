import { test, expect } from './fixtures';

// The browser host hands its token to nobody: the page carries it only when opened from the one
// address `npm run serve` printed, keeps it for the tab, and takes it out of the address bar.
test('the page opened without the printed address says how to open it; with it, the token leaves the address bar and survives a reload', async ({ page, host }) => {
  await page.goto(host.origin);
  await expect(page.getByText('本页面缺少访问令牌')).toBeVisible();
  await expect(page.getByTestId('setup-page')).toHaveCount(0);

  // Opened afresh (a change of fragment alone does not reload the page).
  await page.goto('about:blank');
  await page.goto(host.url);
  await expect(page.getByTestId('setup-page')).toBeVisible();
  expect(page.url()).toBe(host.origin);
  expect(page.url()).not.toContain(host.token);
  await page.reload();
  await expect(page.getByTestId('setup-page')).toBeVisible();
});
