import path from 'node:path';
import type { Page } from '@playwright/test';
import { settled } from './settled';

/**
 * For looking at a screen (SHOTS_DIR=… npx playwright test …): the window as the user sees it at
 * 1366×768 and 1920×1080, scrolled to the element with test id `at`. Nothing without SHOTS_DIR.
 */
export async function viewShots(page: Page, name: string, at?: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await settled(page);
    if (at) await page.getByTestId(at).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`) });
  }
}
