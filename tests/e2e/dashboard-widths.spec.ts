import fs from 'node:fs';
import { test, expect } from './fixtures';
import { cli } from '../support/cli';
import { startHostProcess, tempDataDir } from '../support/host';

/**
 * No target cell of the progress table wraps or spills at 1366×768 or 1920×1080, in either
 * language (issue 15: "Region ≥ 30 events" took two lines in English). Measured, not timed: each
 * target is one line box, no taller than one line, and ends inside its cell.
 */
for (const language of ['zh', 'en'] as const) {
  test(`every target of the dashboard fits on one line in ${language === 'zh' ? 'Chinese' : 'English'}, at 1366 and 1920`, async ({ page }) => {
    test.setTimeout(120_000);
    const dir = tempDataDir('sme-widths-');
    expect(cli(['init', '--data', dir, '--role', 'office', '--prefecture', '540200', '--name', language === 'zh' ? '日喀则市经济和信息化局' : 'Shigatse SME Office', '--operator', 'Tashi', '--lang', language]).code).toBe(0);
    expect(cli(['demo', '--data', dir, '--enterprises', '40', '--activities', '80', '--visits', '20', '--seed', '5']).code).toBe(0);
    const host = await startHostProcess(dir);
    try {
      for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        await page.goto(host.url);
        const targets = page.getByTestId('progress-table').locator('[data-testid^="target-"]');
        await expect(targets).toHaveCount(49);
        const measured = await targets.evaluateAll((spans) =>
          spans.map((span) => {
            const cell = span.closest('td')!;
            const style = getComputedStyle(cell);
            const inner = cell.getBoundingClientRect().right - parseFloat(style.paddingRight);
            const box = span.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(span).lineHeight) || parseFloat(style.fontSize) * 1.6;
            // Lines are the distinct tops of the text's boxes (a box per line, per text run).
            const range = document.createRange();
            range.selectNodeContents(span);
            const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4)));
            return { id: span.dataset.testid, text: span.textContent, lines: tops.size, tall: box.height > line * 1.5, spills: box.right > inner + 0.5 };
          }),
        );
        const bad = measured.filter((m) => m.lines !== 1 || m.tall || m.spills);
        expect(bad, `${width}×${height}`).toEqual([]);
        // The table itself needs no sideways scrolling.
        const overflow = await page.getByTestId('progress-table').locator('.ant-table-content').first().evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow, `${width}×${height}`).toBeLessThanOrEqual(0);
      }
    } finally {
      await host.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
