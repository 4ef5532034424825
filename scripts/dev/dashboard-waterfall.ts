/**
 * `tsx scripts/dev/dashboard-waterfall.ts DATA_DIR [ROUNDS]` (a copy of the data: the host writes to it):
 * where HQ's first dashboard spends its time, as the bench measures it. Prints each request's
 * start and end from navigation (Playwright and the page's resource timings). PROFILE=file.json
 * saves a CPU profile of the page, TRACE=file.json a Chrome trace, of the first round.
 */
import { chromium } from '@playwright/test';
import { startHostProcess } from '../../tests/support/host';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: tsx scripts/dev/dashboard-waterfall.ts DATA_DIR [ROUNDS]');
const rounds = Number(process.argv[3] ?? 1);
const host = await startHostProcess(dataDir);
const hostStart = performance.now();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
console.log(`browser launched ${(performance.now() - hostStart).toFixed(0)} ms after host printed its url`);
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 500 }); await cdp.send('Profiler.start'); }
  if (process.env.TRACE) await browser.startTracing(page, { path: process.env.TRACE, categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  for (let r = 0; r < rounds; r++) {
    await page.goto('about:blank'); // a page load each round, as in scripts/bench/browser.ts
    const t0 = performance.now();
    const events: [number, string][] = [];
    const mark = (s: string) => events.push([performance.now() - t0, s]);
    const onReq = (q: import('@playwright/test').Request) => mark(`→ ${q.url().replace(/^.*\/\/[^/]+/, '').replace(/#.*/, '')}`);
    const onFin = (q: import('@playwright/test').Request) => mark(`✓ ${q.url().replace(/^.*\/\/[^/]+/, '').replace(/#.*/, '')}`);
    page.on('request', onReq);
    page.on('requestfinished', onFin);
    await page.goto(host.url);
    mark('goto done (load)');
    await page.getByTestId('progress-table').locator('.ant-table-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    mark('table row visible');
    await page.getByTestId('trend-chart').locator('svg').first().waitFor({ state: 'visible', timeout: 60_000 });
    mark('chart svg visible');
    if (process.env.TRACE && r === 0) await browser.stopTracing();
    if (cdp && r === 0) { const { profile } = await cdp.send('Profiler.stop'); (await import('node:fs')).writeFileSync(process.env.PROFILE!, JSON.stringify(profile)); }
    page.off('request', onReq);
    page.off('requestfinished', onFin);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const res = performance.getEntriesByType('resource').map((e) => { const x = e as PerformanceResourceTiming; return `${x.name.replace(/^.*\/\/[^/]+/, '')} start ${x.startTime.toFixed(0)} resp ${x.responseStart.toFixed(0)} end ${x.responseEnd.toFixed(0)} size ${x.transferSize}`; });
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, resp: n.responseEnd, res };
    });
    console.log(`round ${r}: page nav resp ${nav.resp.toFixed(0)} DCL ${nav.dcl.toFixed(0)} load ${nav.load.toFixed(0)}`);
    for (const x of nav.res) console.log('   ', x);
    for (const [t, s] of events) console.log(`${t.toFixed(0).padStart(6)} ${s}`);
  }
} finally {
  await browser.close();
  await host.stop();
}
