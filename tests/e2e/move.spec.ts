import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { cli } from '../support/cli';
import { startHostProcess, tempDataDir } from '../support/host';

const PASSPHRASE = '雅鲁藏布江向东流到了林芝';

test('an office exports a migration package in settings; a new laptop takes it in through setup’s 从旧电脑迁入', async ({ page, browser, host }, testInfo) => {
  test.setTimeout(300_000);
  const oldDir = tempDataDir('sme-e2e-old-');
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  const file = path.join(testInfo.outputDir, 'old.smemove');
  try {
    expect(cli(['init', '--data', oldDir, '--role', 'office', '--prefecture', '540400', '--name', '林芝市经济和信息化局', '--operator', '扎西']).code).toBe(0);
    expect(cli(['demo', '--data', oldDir, '--enterprises', '12', '--activities', '6', '--visits', '6', '--seed', '3']).code).toBe(0);

    // The old laptop: settings → 迁移到新电脑, the passphrase twice, then the file.
    const oldHost = await startHostProcess(oldDir);
    let installationId: string;
    let fingerprint: string;
    try {
      const old = await browser.newPage();
      await old.goto(oldHost.url);
      await old.getByTestId('nav-settings').click();
      installationId = await old.getByTestId('installation-id').innerText();
      fingerprint = await old.getByTestId('settings-fingerprint').innerText();
      await old.getByTestId('move-passphrase').fill('太短的口令');
      await old.getByTestId('move-passphrase-again').fill('太短的口令');
      await old.getByTestId('move-export').click();
      await expect(old.getByText('口令至少需要 10 个字符')).toBeVisible();
      await expect(old.getByTestId('move-strength')).toHaveAttribute('data-strength', '0');
      await old.getByTestId('move-passphrase').fill(PASSPHRASE);
      await old.getByTestId('move-passphrase-again').fill(PASSPHRASE);
      await expect(old.getByTestId('move-strength')).toHaveAttribute('data-strength', '2');
      await old.getByTestId('move-export').click();
      // Nothing leaves before the operator confirms; the safe choice has the focus.
      await expect(old.locator('.ant-modal-confirm-title').filter({ hasText: '导出本机全部数据和私钥？' })).toBeVisible();
      await expect(old.getByRole('button', { name: /取\s*消/ })).toBeFocused();
      const download = old.waitForEvent('download');
      await old.getByTestId('move-export-confirm').click();
      const d = await download;
      expect(d.suggestedFilename()).toMatch(/^林芝市经济和信息化局-迁移包-\d{8}\.smemove$/);
      await d.saveAs(file);
      await expect(old.getByText('迁移包已导出')).toBeVisible();
    } finally {
      await oldHost.stop();
    }
    expect(fs.readFileSync(file).subarray(0, 8).toString('latin1')).toBe('SME-MOVE');

    // The new laptop at first start.
    await page.goto(host.url);
    await expect(page.getByTestId('setup-page')).toBeVisible();
    await page.getByTestId('setup-mode-move').click();
    await page.getByTestId('move-import').locator('input[type=file]').setInputFiles(file);
    await expect(page.getByTestId('move-import')).toContainText('old.smemove');
    await page.getByTestId('move-import-passphrase').fill('这不是那个口令，肯定不对');
    await page.getByTestId('move-import-submit').click();
    await expect(page.getByTestId('move-error')).toContainText('口令不正确或文件已损坏');
    await expect(page.getByTestId('setup-page')).toBeVisible();

    await page.getByTestId('move-import-passphrase').fill(PASSPHRASE);
    await page.getByTestId('move-import-submit').click();
    await expect(page.getByTestId('page-dashboard')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('identity-badge')).toContainText('林芝市经济和信息化局');
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('installation-id')).toHaveText(installationId);
    await expect(page.getByTestId('settings-fingerprint')).toHaveText(fingerprint);
    await expect(page.getByTestId('identity')).toContainText(host.dataDir);
    await page.getByTestId('nav-enterprises').click();
    await expect(page.getByTestId('page-enterprises')).toContainText('12');
  } finally {
    fs.rmSync(oldDir, { recursive: true, force: true });
  }
});
