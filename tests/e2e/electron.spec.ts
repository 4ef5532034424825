import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { _electron as electron, test, expect } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with npm start
import { electronBinary, MISSING_RUNTIME } from '../../scripts/electron-runtime.mjs';
import { repoRoot, tempDataDir } from '../support/host';
import { FolderLock } from '../../services/lock';

const binary: string | null = electronBinary();
if (!binary) console.log(`Electron smoke test skipped: ${MISSING_RUNTIME}`);

test.describe('Electron shell', () => {
  test.skip(!binary, `Skipped: ${MISSING_RUNTIME}`);

  test('opens a hardened window on the setup screen, then the main screen', async () => {
    test.setTimeout(300_000);
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    // @ts-expect-error plain ESM helper
    const { prepareElectronNative } = await import('../../scripts/prepare-electron-native.mjs');
    const nativeBinding: string = await prepareElectronNative();
    const dataDir = tempDataDir('sme-electron-');
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', '--data', dataDir, '--no-sandbox'],
      cwd: repoRoot,
      env: { ...process.env, SME_LEDGER_NATIVE_BINDING: nativeBinding },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('setup-page')).toBeVisible();
      // The page has no Node and no ipcRenderer; only the bridge.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { smeLedger: object }).smeLedger).sort())).toEqual(['invoke', 'onProgress', 'openDataFolder']);
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      // Navigation away from the app is blocked: the main process's will-navigate event for it
      // comes back prevented (listened to in the main process, not waited for by time).
      const navigation = app.evaluate(
        ({ BrowserWindow }) =>
          new Promise<{ url: string; prevented: boolean }>((resolve) => {
            BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (event, url) => {
              // The app's own listener ran first (registered when the window was made).
              setImmediate(() => resolve({ url, prevented: event.defaultPrevented }));
            });
          }),
      );
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      expect(await navigation).toEqual({ url: 'https://example.com/', prevented: true });
      expect(page.url()).toMatch(/^app:\/\/ledger\//);
      await page.getByTestId('role-hq').click();
      await page.getByTestId('office-name').fill('自治区经济和信息化厅');
      await page.getByTestId('operator-name').fill('卓玛');
      await page.getByTestId('setup-submit').click();
      await expect(page.getByTestId('page-dashboard')).toBeVisible();
      expect(fs.existsSync(path.join(dataDir, 'ledger.sqlite'))).toBe(true);
    } finally {
      await app.close();
    }
    // Closed like a user closes it: the database was closed and the lock let go as a clean end,
    // so the next start opens without a recovery check.
    try {
      const lock = new FolderLock(dataDir);
      expect(lock.acquire()).toBe(false);
      lock.release();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
