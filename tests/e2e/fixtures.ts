import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host';

/** Each test gets its own data folder and its own host process. */
export const test = base.extend<{ dataDir: string; host: HostProcess }>({
  dataDir: async ({}, use) => {
    const dir = tempDataDir('sme-e2e-');
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir }, use) => {
    const host = await startHostProcess(dataDir);
    await use(host);
    await host.stop();
  },
});
export { expect };

export async function setUpOffice(page: Page, opts: { prefecture: string; office?: string; operator: string }) {
  await expect(page.getByTestId('setup-page')).toBeVisible();
  await page.getByTestId('prefecture-select').click();
  await page.getByTitle(opts.prefecture, { exact: false }).first().click();
  if (opts.office) await page.getByTestId('office-name').fill(opts.office);
  await page.getByTestId('operator-name').fill(opts.operator);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('page-dashboard')).toBeVisible();
}
