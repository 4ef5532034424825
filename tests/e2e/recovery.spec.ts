import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from './fixtures';
import { cli } from '../support/cli';
import { startHostProcess } from '../support/host';

/** An office with demo data and one backup of it, closed by the CLI (WAL checkpointed). */
function officeWithBackup(dir: string): string {
  expect(cli(['init', '--data', dir, '--role', 'office', '--prefecture', '540100', '--name', '拉萨市经济和信息化局', '--operator', '张三']).code).toBe(0);
  expect(cli(['demo', '--data', dir, '--enterprises', '30', '--activities', '60', '--visits', '10', '--seed', '5']).code).toBe(0);
  const made = cli(['backup', '--data', dir]);
  expect(made.code, made.stderr).toBe(0);
  return /wrote (\S+)/.exec(made.stdout)![1]!;
}

test('a damaged database: the recovery screen in Chinese, restore a backup, the dashboard shows the data', async ({ page, dataDir }) => {
  const backup = officeWithBackup(dataDir);
  const file = path.join(dataDir, 'ledger.sqlite');
  // A failing disk: garbage over pages in the middle of the file.
  const pageSize = 4096;
  const pages = fs.statSync(file).size / pageSize;
  const fd = fs.openSync(file, 'r+');
  for (const p of [Math.floor(pages / 3), Math.floor(pages / 2), Math.floor(pages / 2) + 1]) fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, p * pageSize);
  fs.closeSync(fd);
  const damaged = fs.readFileSync(file);

  const host = await startHostProcess(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('recovery-screen')).toBeVisible();
    await expect(page.getByTestId('recovery-title')).toHaveText('数据库文件已损坏');
    await expect(page.getByTestId('recovery-message')).toContainText('请从备份恢复');
    await expect(page.getByTestId('recovery-data-dir')).toContainText(dataDir);
    const rows = page.getByTestId('recovery-backups').locator('.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('手动');
    await expect(rows.first()).toContainText('KB');

    await rows.first().getByTestId('recovery-restore').click();
    await expect(page.getByText('用该备份替换当前无法使用的数据库？')).toBeVisible();
    await page.getByTestId('recovery-restore-confirm').click();
    await expect(page.getByText('已恢复备份。原数据库文件已保留为')).toBeVisible();

    // The app runs on the restored data at once, without a restart.
    await expect(page.getByTestId('page-dashboard')).toBeVisible();
    await expect(page.getByTestId('identity-badge')).toContainText('拉萨市经济和信息化局');
    await expect(page.getByTestId('progress-table').locator('.ant-table-row')).toHaveCount(49);
    await page.getByTestId('nav-enterprises').click();
    await expect(page.getByTestId('enterprise-total')).toContainText('30');

    // The damaged file is kept aside, byte for byte, never deleted.
    const aside = fs.readdirSync(dataDir).filter((f) => /^ledger\.sqlite\.broken-.*Z$/.test(f));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, aside[0]!)).equals(damaged)).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toContain(backup);
  } finally {
    await host.stop();
  }
});

test('a database from a newer app without any backup: says so, offers to check again, changes nothing', async ({ page, dataDir }) => {
  expect(cli(['init', '--data', dataDir, '--role', 'hq', '--name', '自治区经济和信息化厅', '--operator', '卓玛']).code).toBe(0);
  const file = path.join(dataDir, 'ledger.sqlite');
  const raw = new Database(file);
  raw.pragma('user_version = 999');
  raw.close();
  const before = fs.readFileSync(file);

  const host = await startHostProcess(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('recovery-title')).toHaveText('数据库由更新版本的程序创建');
    await expect(page.getByTestId('recovery-message')).toContainText('由更新版本的程序创建');
    await expect(page.getByTestId('recovery-message')).toContainText('请升级');
    await expect(page.getByTestId('recovery-no-backups')).toBeVisible();
    await page.getByTestId('recovery-retry').click();
    await expect(page.getByTestId('recovery-screen')).toBeVisible();
    await expect(page.getByTestId('setup-page')).toHaveCount(0);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  } finally {
    await host.stop();
  }
});
