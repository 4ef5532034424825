import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cli } from '../support/cli';
import { startHostProcess, tempDataDir } from '../support/host';

test('an office exports, HQ enrols it, previews, imports and acknowledges; the next export shrinks', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const hqDir = tempDataDir('sme-e2e-hq-');
  const officeDir = tempDataDir('sme-e2e-office-');
  const out = testInfo.outputDir;
  fs.mkdirSync(out, { recursive: true });
  expect(cli(['init', '--data', hqDir, '--role', 'hq', '--name', '自治区经济和信息化厅', '--operator', '卓玛']).code).toBe(0);
  expect(cli(['init', '--data', officeDir, '--role', 'office', '--prefecture', '540400', '--name', '林芝市经济和信息化局', '--operator', '扎西']).code).toBe(0);
  expect(cli(['demo', '--data', officeDir, '--enterprises', '12', '--activities', '6', '--visits', '6', '--seed', '8']).code).toBe(0);
  // The office trusts HQ's card (the CLI path); HQ will enrol the office in the app.
  expect(cli(['keys', 'card', '--data', hqDir, '--out', path.join(out, 'hq.smekey')]).code).toBe(0);
  expect(cli(['keys', 'trust-hq', path.join(out, 'hq.smekey'), '--data', officeDir, '--yes']).code).toBe(0);

  const hqHost = await startHostProcess(hqDir);
  const officeHost = await startHostProcess(officeDir);
  try {
    const office = await browser.newPage();
    const hq = await browser.newPage();
    await office.goto(officeHost.url);
    await office.getByTestId('nav-sync').click();
    await expect(office.getByTestId('hq-trusted')).toContainText('自治区经济和信息化厅');
    const fingerprint = await office.getByTestId('own-fingerprint').innerText();

    // The office's key card, enrolled at HQ after checking the fingerprint.
    const cardDownload = office.waitForEvent('download');
    await office.getByTestId('export-card').click();
    const cardFile = path.join(out, 'office.smekey');
    await (await cardDownload).saveAs(cardFile);
    await hq.goto(hqHost.url);
    await hq.getByTestId('nav-sync').click();
    await hq.getByTestId('enrol-office').locator('input[type=file]').setInputFiles(cardFile);
    await expect(hq.getByTestId('card-fingerprint')).toHaveText(fingerprint);
    await expect(hq.getByTestId('card-trust')).toBeDisabled();
    await hq.getByTestId('card-confirm').click();
    await hq.getByTestId('card-trust').click();
    await expect(hq.getByTestId('offices-table')).toContainText('林芝市经济和信息化局');

    // Export at the office.
    const pending = Number(await office.getByTestId('pending-changes').locator('.ant-statistic-content-value').innerText());
    expect(pending).toBeGreaterThan(12);
    const pkgDownload = office.waitForEvent('download');
    await office.getByTestId('export-package').click();
    const pkg = path.join(out, 'package-1.smesync');
    await (await pkgDownload).saveAs(pkg);
    await expect(office.getByTestId('export-history')).toContainText(String(pending));

    // HQ previews, then confirms.
    await hq.getByTestId('package-import').locator('input[type=file]').setInputFiles(pkg);
    const results = hq.getByTestId('package-results');
    await expect(results).toContainText('待确认');
    await expect(results).toContainText('林芝市经济和信息化局');
    await hq.getByTestId('package-confirm').click();
    await expect(hq.getByTestId('package-done')).toBeVisible();
    await expect(results).toContainText('已导入');
    await expect(hq.getByTestId('ledger-table')).toContainText('已导入');
    // The same file again is recognised.
    await hq.getByTestId('package-import').locator('input[type=file]').setInputFiles(pkg);
    await expect(results).toContainText('此前已导入');

    // HQ sees the office's records.
    await hq.getByTestId('nav-enterprises').click();
    await expect(hq.getByTestId('enterprise-total')).toContainText('12');

    // HQ publishes acknowledgements; the office imports them and has nothing left to send.
    await hq.getByTestId('nav-sync').click();
    const refDownload = hq.waitForEvent('download');
    await hq.getByTestId('publish').click();
    const ref = path.join(out, 'reference.smesync');
    await (await refDownload).saveAs(ref);
    await office.getByTestId('package-import').locator('input[type=file]').setInputFiles(ref);
    await expect(office.getByTestId('package-done')).toBeVisible();
    await expect(office.getByTestId('pending-changes').locator('.ant-statistic-content-value')).toHaveText('0');
    const next = office.waitForEvent('download');
    await office.getByTestId('export-package').click();
    await next;
    await expect(office.getByTestId('export-history').locator('.ant-table-row').first()).toContainText('2');
    await expect(office.getByTestId('export-history').locator('.ant-table-row').first().locator('td').nth(2)).toHaveText('0');
  } finally {
    await hqHost.stop();
    await officeHost.stop();
    fs.rmSync(hqDir, { recursive: true, force: true });
    fs.rmSync(officeDir, { recursive: true, force: true });
  }
});
