// Prints a page of the app to PDF the way a user's "print / save as PDF" does: node scripts/dev/pdf.mjs URL OUT.pdf
import { chromium } from '@playwright/test';

const [, , url, out] = process.argv;
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
await page.goto(url);
await page.getByTestId('progress-table').waitFor();
await page.waitForTimeout(1000);
await page.emulateMedia({ media: 'print' });
await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
await browser.close();
