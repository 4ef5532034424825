import fs from 'node:fs';
import { test as base, expect, choose } from './fixtures';
import { cli } from '../support/cli';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host';
import { chineseOnScreen } from '../support/chinese-on-screen';

/**
 * The English interface has no Chinese outside names and data: an office named in English, with
 * no records, walked page by page and form by form. Chinese that the checklist's own English
 * names carry (专精特新 in an item's title: data HQ publishes) is allowed; anything else is a
 * label, unit or message left untranslated, or full-width punctuation (：；（）).
 */
const test = base.extend<{ office: HostProcess }>({
  office: async ({}, use) => {
    const dir = tempDataDir('sme-en-');
    expect(cli(['init', '--data', dir, '--role', 'office', '--prefecture', '540200', '--name', 'Shigatse SME Office', '--operator', 'Tashi', '--lang', 'en']).code).toBe(0);
    const host = await startHostProcess(dir);
    await use(host);
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

const PAGES: { nav: string; open?: string[] }[] = [
  { nav: 'enterprises', open: ['enterprise-new'] },
  { nav: 'activities', open: ['activity-new'] },
  { nav: 'visits', open: ['visit-new', 'visit-add-problem'] },
  { nav: 'problems' },
  { nav: 'figures', open: ['figure-new'] },
  { nav: 'settings' },
];

async function walk(page: import('@playwright/test').Page, pages: typeof PAGES): Promise<string[]> {
  const seen: string[] = [];
  for (const p of pages) {
    await page.getByTestId(`nav-${p.nav}`).click();
    await expect(page.getByTestId(`page-${p.nav}`)).toBeVisible();
    await page.waitForTimeout(p.nav === 'dashboard' ? 1500 : 300);
    seen.push(...(await chineseOnScreen(page)).map((s) => `${p.nav}: ${s}`));
    if (!p.open) continue;
    for (const id of p.open) await page.getByTestId(id).click();
    if (p.nav === 'activities') {
      // The kind's figures and their units appear once an item and a kind are chosen.
      await choose(page, 'activity-item', '6.');
      // The item's list, still closing, also has "matchmaking" in an option: wait until it is gone.
      await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
      await choose(page, 'activity-kind', 'matchmaking');
    }
    await page.waitForTimeout(300);
    seen.push(...(await chineseOnScreen(page)).map((s) => `${p.nav} form: ${s}`));
    await page.keyboard.press('Escape');
    const discard = page.getByTestId('discard-confirm');
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
  }
  return seen;
}

test('the English interface shows no Chinese outside names and data', async ({ page, office }) => {
  test.setTimeout(150_000);
  await page.goto(office.url);
  await expect(page.getByTestId('nav-dashboard')).toHaveText('Dashboard');
  expect(await walk(page, PAGES)).toEqual([]);
});

// The dashboard: targets, values and units in English (≥ 30 events, not ≥ 30 场次; 家 left out),
// the engine's notes in English, the folded items without a numeric target opened too.
test('the English dashboard shows no Chinese outside names and data', async ({ page, office }) => {
  test.setTimeout(150_000);
  await page.goto(office.url);
  expect(await walk(page, [{ nav: 'dashboard' }])).toEqual([]);
  await page.getByTestId('untargeted').locator('.ant-collapse-header').first().click();
  await expect(page.getByTestId('untargeted-table')).toBeVisible();
  await page.getByTestId('value-11.public_training_events').click();
  await expect(page.locator('.ant-drawer-open')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await chineseOnScreen(page)).toEqual([]);
});

// The sync pages (HQ and office, with results, the ledger and a security event): english-sync.spec.ts.
