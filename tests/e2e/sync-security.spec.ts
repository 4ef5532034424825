import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cli } from '../support/cli';
import { startHostProcess, tempDataDir } from '../support/host';
import { chooseFile, download, forgeAckAhead, shoot } from '../support/sync-e2e';

/**
 * Issue 11's security events, as a user meets them on 同步: HQ refuses a package signed by a key
 * it revoked and says so at the top of the page; an office refuses a reference package's
 * acknowledgement above its own clock and says so beside the result and at the top. Also (issue
 * 15) a reference package's result says what it brought, and a stale card error goes on success.
 */
test('HQ shows a revoked key’s package as a security event; an office shows an acknowledgement above its clock refused', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const hqDir = tempDataDir('sme-e2e-sec-hq-');
  const officeDir = tempDataDir('sme-e2e-sec-office-');
  const out = testInfo.outputDir;
  fs.mkdirSync(out, { recursive: true });
  expect(cli(['init', '--data', hqDir, '--role', 'hq', '--name', '自治区经济和信息化厅', '--operator', '卓玛']).code).toBe(0);
  expect(cli(['init', '--data', officeDir, '--role', 'office', '--prefecture', '540400', '--name', '林芝市经济和信息化局', '--operator', '扎西']).code).toBe(0);
  expect(cli(['demo', '--data', officeDir, '--enterprises', '3', '--activities', '1', '--visits', '1', '--seed', '3']).code).toBe(0);
  expect(cli(['keys', 'card', '--data', hqDir, '--out', path.join(out, 'hq.smekey')]).code).toBe(0);
  expect(cli(['keys', 'trust-hq', path.join(out, 'hq.smekey'), '--data', officeDir, '--yes']).code).toBe(0);
  expect(cli(['keys', 'card', '--data', officeDir, '--out', path.join(out, 'office.smekey')]).code).toBe(0);
  const notACard = path.join(out, 'notes.smekey');
  fs.writeFileSync(notACard, 'meeting notes, not a key card');

  const hqHost = await startHostProcess(hqDir);
  const officeHost = await startHostProcess(officeDir);
  try {
    const hq = await browser.newPage();
    const office = await browser.newPage();
    await hq.goto(hqHost.url);
    await hq.getByTestId('nav-sync').click();
    await expect(hq.getByTestId('security-events')).toHaveCount(0);

    // A wrong file first, then the real card: the refusal goes once the enrolment succeeds.
    await chooseFile(hq, 'enrol-office', notACard);
    await expect(hq.getByTestId('card-error')).toHaveText('该文件不是台账密钥卡。');
    await chooseFile(hq, 'enrol-office', path.join(out, 'office.smekey'));
    await hq.getByTestId('card-confirm').click();
    await hq.getByTestId('card-trust').click();
    await expect(hq.getByTestId('offices-table')).toContainText('林芝市经济和信息化局');
    await expect(hq.getByTestId('card-error')).toHaveCount(0);

    // HQ revokes the office's key; a package the office signs afterwards is refused in words.
    await hq.getByTestId('offices-table').getByRole('button', { name: '吊 销' }).click();
    await hq.locator('.ant-modal-confirm').getByRole('button', { name: /确/ }).click();
    await expect(hq.getByTestId('offices-table')).toContainText('已吊销');
    await office.goto(officeHost.url);
    await office.getByTestId('nav-sync').click();
    const pkg = path.join(out, 'after-revocation.smesync');
    await download(office, 'export-package', pkg);
    await chooseFile(hq, 'package-import', pkg);
    await expect(hq.getByTestId('package-results')).toContainText('林芝市经济和信息化局的密钥已被吊销，该同步包签署于吊销之后。');
    await expect(hq.getByTestId('security-events')).toContainText('安全事件 1 起：以下同步包被拒收或其确认未被采纳，请核实来源');
    await expect(hq.getByTestId('security-event')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d 林芝市经济和信息化局 第 1 号：林芝市经济和信息化局的密钥已被吊销，该同步包签署于吊销之后。$/);

    if (process.env.SHOTS_DIR) await shoot(hq, path.join(process.env.SHOTS_DIR, 'sync-hq-zh'));
    // HQ's key signs a reference package acknowledging more than the office ever wrote.
    const ref = path.join(out, 'ahead.smesync');
    const me = forgeAckAhead(hqDir, officeDir, ref);
    await chooseFile(office, 'package-import', ref);
    const refusal = `总部确认的版本 ${me.acked} 超过本机自身的版本时钟（${me.clock}）：已拒绝该确认，后续导出仍按总部实际持有的数据进行。`;
    await expect(office.getByTestId('import-warning')).toHaveText(refusal);
    await expect(office.getByTestId('reference-summary')).toHaveText(`清单 0 份指标任务：新增 0，更新 0，不变 0${refusal}`);
    await expect(office.getByTestId('security-event')).toHaveText(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 自治区经济和信息化厅 第 1 号：${refusal.replace(/[()（）]/g, '.')}$`));
    await expect(office.getByTestId('pending-changes').locator('.ant-statistic-content-value')).not.toHaveText('0');
    if (process.env.SHOTS_DIR) await shoot(office, path.join(process.env.SHOTS_DIR, 'sync-office-zh'));
  } finally {
    await hqHost.stop();
    await officeHost.stop();
    fs.rmSync(hqDir, { recursive: true, force: true });
    fs.rmSync(officeDir, { recursive: true, force: true });
  }
});
