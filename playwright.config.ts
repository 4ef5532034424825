import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (Playwright's own browser download is unreachable on
 * our build machines) against `host/serve.ts`, one host and one data folder per test.
 * PLAYWRIGHT_CHROMIUM overrides the browser path.
 */
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Each test runs its own host process (tsx, SQLite) beside a Chromium: one such pair per two cores.
 * On our 2-core machines, shared with other work, more workers made pages miss their timeouts
 * ("every page of the navigation frame opens" failed half the time with several workers).
 * SME_E2E_WORKERS overrides. The timeouts catch a hang; nothing here measures speed.
 */
const workers = Number(process.env.SME_E2E_WORKERS) || Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  workers,
  retries: 0,
  reporter: [['list']],
  use: {
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    // Animations off, as a user can ask of the system: a dialog that closes is gone, not half-faded
    // over the list on a busy machine (the app honours prefers-reduced-motion).
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
