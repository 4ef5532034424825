import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { cli } from '../support/cli';
import { startHostProcess, tempDataDir } from '../support/host';
import { chineseOnScreen } from '../support/chinese-on-screen';
import { chooseFile, forgeAckAhead, installation, shoot } from '../support/sync-e2e';
import { settled } from '../support/settled';

/**
 * 同步 in English at HQ and at an office, with everything it can show: an enrolled office, the
 * ledger, an import result, a reference package's summary, a security event. No Chinese outside
 * names and data, English punctuation, and dates as 2026-12-02 14:05 (one format per language).
 */
async function syncPageChinese(page: Page): Promise<string[]> {
  await expect(page.getByTestId('page-sync')).toBeVisible();
  await settled(page);
  return chineseOnScreen(page);
}

test('the English sync pages, at HQ and at an office, show no Chinese and one date format', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const hqDir = tempDataDir('sme-en-sync-hq-');
  const officeDir = tempDataDir('sme-en-sync-office-');
  const out = testInfo.outputDir;
  fs.mkdirSync(out, { recursive: true });
  const run = (args: string[]) => expect(cli(args).code, args.join(' ')).toBe(0);
  run(['init', '--data', hqDir, '--role', 'hq', '--name', 'Regional HQ', '--operator', 'Dolma', '--lang', 'en']);
  run(['init', '--data', officeDir, '--role', 'office', '--prefecture', '540400', '--name', 'Nyingchi SME Office', '--operator', 'Tashi', '--lang', 'en']);
  run(['demo', '--data', officeDir, '--enterprises', '3', '--activities', '1', '--visits', '1', '--seed', '5']);
  run(['keys', 'card', '--data', hqDir, '--out', path.join(out, 'hq.smekey')]);
  run(['keys', 'trust-hq', path.join(out, 'hq.smekey'), '--data', officeDir, '--yes']);
  run(['keys', 'card', '--data', officeDir, '--out', path.join(out, 'office.smekey')]);
  run(['keys', 'enroll', path.join(out, 'office.smekey'), '--data', hqDir, '--yes']);
  const pkg = path.join(out, 'p1.smesync');
  run(['export', '--data', officeDir, '--out', pkg]);
  run(['import', pkg, '--data', hqDir]);
  const ref = path.join(out, 'ref.smesync');
  run(['publish', '--data', hqDir, '--out', ref]);
  const ahead = path.join(out, 'ahead.smesync');
  const { acked, clock } = forgeAckAhead(hqDir, officeDir, ahead, { sequence: 2 });
  // HQ holds everything the office wrote: its acknowledgement is the office's clock.
  expect(installation(officeDir).clock).toBe(clock);

  const hqHost = await startHostProcess(hqDir);
  const officeHost = await startHostProcess(officeDir);
  try {
    const hq = await browser.newPage();
    await hq.goto(hqHost.url);
    await hq.getByTestId('nav-sync').click();
    await chooseFile(hq, 'package-import', pkg);
    await expect(hq.getByTestId('package-results')).toContainText('Already imported');
    await expect(hq.getByTestId('package-results')).toContainText('Nyingchi SME Office (Nyingchi)');
    await expect(hq.getByTestId('own-fingerprint').locator('..')).toHaveText(/^Fingerprint: [\d ]+$/);
    await expect(hq.getByTestId('ledger-table').locator('.ant-table-row').first().locator('td').first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    await expect(hq.getByTestId('offices-table').locator('.ant-table-row').first()).toContainText(new Date().toISOString().slice(0, 10));
    expect(await syncPageChinese(hq)).toEqual([]);
    if (process.env.SHOTS_DIR) await shoot(hq, path.join(process.env.SHOTS_DIR, 'sync-hq-en'));

    const office = await browser.newPage();
    await office.goto(officeHost.url);
    await office.getByTestId('nav-sync').click();
    await expect(office.getByTestId('hq-trusted')).toContainText('Fingerprint: ');
    await chooseFile(office, 'package-import', ref);
    await expect(office.getByTestId('reference-summary')).toHaveText(`HQ acknowledged up to version ${clock}Checklists: 1Quotas: 0 new, 0 updated, 0 unchanged`);
    await chooseFile(office, 'package-import', ahead);
    await expect(office.getByTestId('import-warning')).toContainText('the acknowledgement was refused');
    await expect(office.getByTestId('security-event')).toHaveText(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d Regional HQ no\\. 2: Headquarters acknowledged version ${acked}, beyond this office's own clock \\(${clock}\\): the acknowledgement was refused, and exports go on from what headquarters really holds\\.$`));
    await office.getByTestId('export-package').click();
    await expect(office.getByTestId('export-history').locator('.ant-table-row').first().locator('td').nth(1)).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(await syncPageChinese(office)).toEqual([]);
    if (process.env.SHOTS_DIR) await shoot(office, path.join(process.env.SHOTS_DIR, 'sync-office-en'));
  } finally {
    await hqHost.stop();
    await officeHost.stop();
    fs.rmSync(hqDir, { recursive: true, force: true });
    fs.rmSync(officeDir, { recursive: true, force: true });
  }
});
