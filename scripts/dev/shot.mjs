// Screenshots for looking at the app: node scripts/dev/shot.mjs URL OUT.png [step…]
// Steps run in order before the shot: click:TESTID, text:TEXT (click by text), fill:TESTID=VALUE,
// wait:MS, shot:FILE.png (an extra screenshot mid-way), full (full-page screenshots).
import { chromium } from '@playwright/test';

const [, , url, out, ...steps] = process.argv;
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
page.on('console', (m) => m.type() !== 'log' && console.log(`console ${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
await page.goto(url);
await page.waitForTimeout(800);
let fullPage = false;
for (const step of steps) {
  const [verb, arg = ''] = step.split(/:(.*)/s);
  if (verb === 'click') await page.getByTestId(arg).first().click();
  else if (verb === 'text') await page.getByText(arg, { exact: false }).first().click();
  else if (verb === 'fill') {
    const [id, value] = arg.split(/=(.*)/s);
    await page.getByTestId(id).fill(value);
  } else if (verb === 'wait') await page.waitForTimeout(Number(arg));
  else if (verb === 'shot') await page.screenshot({ path: arg, fullPage });
  else if (verb === 'full') fullPage = true;
  else throw new Error(`unknown step ${step}`);
  await page.waitForTimeout(300);
}
await page.screenshot({ path: out, fullPage });
await browser.close();
