import { chromium } from '@playwright/test';
import { startHostProcess } from '../../tests/support/host';
import { median, ms, now } from './stats';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserFigures {
  dashboardFirstMs: number;
  dashboardMedianMs: number;
  enterprisesFirstMs: number;
  enterprisesMedianMs: number;
  enterprisesShown: string;
}

/**
 * The app as HQ sees it, in Chromium through the browser host: from navigation to the dashboard's
 * charts and table, and from clicking 企业 to the first rows of the 100,000-row list. Three
 * rounds; the first includes the host's cold start of those queries.
 */
export async function browserTimings(dataDir: string, executablePath: string): Promise<BrowserFigures> {
  const host = await startHostProcess(dataDir);
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const dashboard: number[] = [];
    const enterprises: number[] = [];
    let shown = '';
    for (let round = 0; round < 3; round++) {
      // A page load each round: the address differs only in its fragment from the one the page
      // left (it takes the token out), and going there from it would only scroll, not load.
      await page.goto('about:blank');
      const t = now();
      await page.goto(host.url);
      await page.getByTestId('trend-chart').locator('svg').first().waitFor({ state: 'visible', timeout: 60_000 });
      await page.getByTestId('progress-table').locator('.ant-table-row').first().waitFor({ state: 'visible', timeout: 60_000 });
      dashboard.push(ms(t));
      const e = now();
      await page.getByTestId('nav-enterprises').click();
      await page.getByTestId('enterprise-row').first().waitFor({ state: 'visible', timeout: 60_000 });
      enterprises.push(ms(e));
      shown = (await page.getByTestId('page-enterprises').innerText()).match(/共\s*[\d,]+\s*条/)?.[0] ?? '';
    }
    return { dashboardFirstMs: dashboard[0]!, dashboardMedianMs: median(dashboard.slice(1)), enterprisesFirstMs: enterprises[0]!, enterprisesMedianMs: median(enterprises.slice(1)), enterprisesShown: shown };
  } finally {
    await browser.close();
    await host.stop();
  }
}
