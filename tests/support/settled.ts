import type { Page } from '@playwright/test';

/**
 * Waits until the screen is complete: no call to the app's API under way (the root's aria-busy,
 * set by renderer/src/api.ts) and no spinner, three animation frames in a row (React draws a
 * call's answer a frame later, and that drawing may ask for more). Used before reading the whole
 * screen, for untranslated text say: a fixed wait reads a half-drawn page on a busy machine and
 * lets text that has not arrived yet pass unseen.
 */
export async function settled(page: Page, timeout = 30_000): Promise<void> {
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const quiet = () => document.getElementById('root')?.getAttribute('aria-busy') !== 'true' && document.querySelector('.ant-spin-spinning') === null;
        const deadline = performance.now() + ms;
        let calm = 0;
        const frame = () => {
          calm = quiet() ? calm + 1 : 0;
          if (calm >= 3) return resolve();
          if (performance.now() > deadline) return reject(new Error(`the page was still loading after ${ms} ms`));
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    timeout,
  );
}
