import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host';
import { cli } from '../support/cli';

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

export interface OfficeSetUp {
  /** The temporary data folder's name prefix. */
  prefix: string;
  prefecture: string;
  name: string;
  operator: string;
  /** `demo` records, made after `init`; none when left out. */
  demo?: { enterprises: number; activities: number; visits: number; seed: number };
  lang?: 'en';
}

/** Tests with an `office`: one prefecture's office set up through the CLI, served by its own host. */
export function withOffice(o: OfficeSetUp) {
  return test.extend<{ office: HostProcess }>({
    office: async ({}, use) => {
      const dir = tempDataDir(o.prefix);
      expect(cli(['init', '--data', dir, '--role', 'office', '--prefecture', o.prefecture, '--name', o.name, '--operator', o.operator, ...(o.lang ? ['--lang', o.lang] : [])]).code).toBe(0);
      if (o.demo) {
        const d = o.demo;
        expect(cli(['demo', '--data', dir, '--enterprises', String(d.enterprises), '--activities', String(d.activities), '--visits', String(d.visits), '--seed', String(d.seed)]).code).toBe(0);
      }
      const host = await startHostProcess(dir);
      await use(host);
      await host.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

export async function setUpOffice(page: Page, opts: { prefecture: string; office?: string; operator: string }) {
  await expect(page.getByTestId('setup-page')).toBeVisible();
  await page.getByTestId('prefecture-select').click();
  await page.getByTitle(opts.prefecture, { exact: false }).first().click();
  if (opts.office) await page.getByTestId('office-name').fill(opts.office);
  await page.getByTestId('operator-name').fill(opts.operator);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('page-dashboard')).toBeVisible();
}

/** Picks an option of an antd Select by its visible text. */
export async function choose(page: Page, testId: string, option: string, search?: string) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Types a date into an antd DatePicker. */
export async function typeDate(page: Page, locator: ReturnType<Page['locator']>, date: string) {
  // antd puts a test id on the input itself or on its wrapper, depending on the component.
  await locator.locator('xpath=self::input | .//input').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
}
