/**
 * `npm run bench [-- --scale 0.1] [--json FILE] [--work DIR] [--reuse] [--no-browser] [--only indicators,search,browser]`
 *
 * Builds HQ-scale data with the demo generator (7 offices; at scale 1: 100,000 enterprises,
 * 300,000 activities, 300,000 visits, 100,000 problems), then measures sync export and import
 * against a raw-insert baseline, re-import, indicators, search, Excel and the browser, and prints
 * one table with the targets. A benchmark, not a test: it reports and never fails on speed.
 * `--only` measures just those parts on the HQ data a previous run left in the work folder (with
 * the indicators: the CPU time of each one, from scripts/bench/indicator-costs.ts).
 */
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createApi } from '../api/contract';
import { AppContext, appVersion } from '../services/context';
import { dispatch } from '../services/dispatch';
import { regions } from '../db/reference/bundled';
import { exportChanges } from '../db/sync/exchange';
import { fileOutput } from '../db/sync/source';
import { pair, type Place } from '../tests/support/sync';
import { browserTimings, type BrowserFigures } from './bench/browser';
import { fmt, ms, now, pool, repoRoot, runChild } from './bench/stats';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    json: { type: 'string' },
    work: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    only: { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  },
});
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be a number above 0 and at most 1');
const work = path.resolve(values.work ?? path.join(os.tmpdir(), `sme-bench-${scale}`));
const YEAR = 2022;
const prefectures = regions().prefectures.map((p) => p.code);
const TOTAL = { enterprises: 100_000, activities: 300_000, visits: 300_000, problems: 100_000 };
const CHILD = 'scripts/bench/child.ts';
const dir = (...p: string[]) => path.join(work, ...p);
const log = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

function open(dataDir: string): Place {
  const ctx = new AppContext({ dataDir, transport: 'browser' });
  return { ctx, api: createApi((m, i) => dispatch(ctx, m, i)), id: '', close: () => ctx.close() };
}

async function setUp(dataDir: string, role: 'office' | 'hq', prefectureCode: string | null): Promise<Place> {
  const p = open(dataDir);
  const s = await p.api['app.setup']({ role, prefectureCode, officeName: role === 'hq' ? '自治区经信厅' : `${prefectureCode}经信局`, operatorName: '基准', language: 'zh' });
  return { ...p, id: s.installation!.id };
}

function spawnCli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cli ${args.join(' ')} exited with ${code}`))));
  });
}

/** Seven offices paired with one HQ, each filled by the demo generator (two at a time: two cores). */
async function buildData(): Promise<{ generateSeconds: number }> {
  if (values.reuse && fs.existsSync(dir('ready'))) {
    log(`reusing the data in ${work}`);
    return JSON.parse(fs.readFileSync(dir('ready'), 'utf8')) as { generateSeconds: number };
  }
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(dir('packages'), { recursive: true });
  const hq = await setUp(dir('hq-empty'), 'hq', null);
  for (const code of prefectures) {
    const office = await setUp(dir('offices', code), 'office', code);
    await pair(hq, office);
    office.close();
  }
  hq.close();
  const share = (n: number) => Math.round((n * scale) / prefectures.length);
  log(`generating ${prefectures.length} offices of ${share(TOTAL.enterprises)} enterprises, ${share(TOTAL.activities)} activities, ${share(TOTAL.visits)} visits each`);
  const t = now();
  await pool(
    prefectures.map((code, i) => async () => {
      // 100,000 problems from 300,000 visits; an activity lists up to four enterprises (two on average).
      await spawnCli(['demo', '--data', dir('offices', code), '--enterprises', String(share(TOTAL.enterprises)), '--activities', String(share(TOTAL.activities)), '--visits', String(share(TOTAL.visits)),
        '--problems-per-visit', String(TOTAL.problems / TOTAL.visits), '--enterprises-per-activity', '4', '--seed', String(i + 1), '--year', String(YEAR)]);
      log(`office ${code} generated`);
    }),
    2,
  );
  const ready = { generateSeconds: ms(t) / 1000 };
  fs.writeFileSync(dir('ready'), JSON.stringify(ready));
  return ready;
}

interface ExportFigure {
  code: string;
  ms: number;
  rows: number;
  bytes: number;
  file: string;
}

/** Each office's full package, as `npm run cli -- export --full` writes it. */
function exportAll(): ExportFigure[] {
  return prefectures.map((code) => {
    const ctx = new AppContext({ dataDir: dir('offices', code), transport: 'browser' });
    const file = dir('packages', `${code}.smesync`);
    const t = now();
    const r = exportChanges(ctx.requireDatabase(), ctx.keys, { full: true, appVersion, output: fileOutput(file) });
    const took = ms(t);
    ctx.close();
    return { code, ms: took, rows: Object.values(r.header.counts).reduce((a, b) => a + b, 0), bytes: r.bytes, file };
  });
}

type ImportRun = { startRssMb: number; results: { file: string; status: string; ms: number; rows: number; bytes: number; peakRssMb: number }[] };

const machineFacts = () => ({ cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` });
type Row = [string, string, string, string];
type IndicatorFigures = Record<string, number>;
interface Costs {
  totalMs: number;
  totalCpuMs: number;
  rows: { id: string; cpuMs: number }[];
}

function indicatorRows(indicators: IndicatorFigures, costs: Costs | null): Row[] {
  const rows: Row[] = [
    ['indicators, region, cold', `${fmt(indicators.coldRegion!)} ms`, `first call in a new process`, check(indicators.coldRegion! < 1000, '< 1 s')],
    ['indicators, region, warm', `${fmt(indicators.warmRegion!, 1)} ms`, 'median of 5, data unchanged (answered from memory)', check(indicators.warmRegion! < 200, '< 200 ms')],
    ['indicators, region, after a change', `${fmt(indicators.recomputedRegion!)} ms`, 'recomputed with SQLite pages in memory, median of 3', ''],
    ['indicators, matrix (region + 7)', `${fmt(indicators.matrixMs!)} ms`, `what HQ's dashboard asks for; after a change ${fmt(indicators.matrixRecomputedMs!)} ms`, ''],
    ['indicators, each prefecture', `${fmt(indicators.warmPrefectureMedian!, 1)} ms`, `warm median; slowest warm ${fmt(indicators.warmPrefectureMax!, 1)} ms, slowest cold ${fmt(indicators.coldPrefectureMax!)} ms`, ''],
  ];
  if (costs) {
    const top = [...costs.rows].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 3).map((r) => `${r.id} ${fmt(r.cpuMs)}`).join(', ');
    rows.push(['indicators, region, CPU time of the 49', `${fmt(costs.totalCpuMs)} ms`, `each cold (new connection), median of 5; wall ${fmt(costs.totalMs)} ms; costliest ${top} ms`, '']);
  }
  return rows;
}

type SearchFigures = Record<string, { n: number; p50: number; p95: number; max: number }> & { meanHits: number };

function searchRows(search: SearchFigures): Row[] {
  return [
    ['enterprise search, all queries', `p50 ${fmt(search.all!.p50, 1)} ms`, `p95 ${fmt(search.all!.p95, 1)} ms over ${search.all!.n} queries, max ${fmt(search.all!.max, 1)} ms`, check(search.all!.p95 < 20, 'p95 < 20 ms')],
    ['enterprise search, two characters', `p50 ${fmt(search.two!.p50, 1)} ms`, `p95 ${fmt(search.two!.p95, 1)} ms over ${search.two!.n} queries`, check(search.two!.p95 < 20, 'p95 < 20 ms')],
    ['enterprise search, longer / codes', `p95 ${fmt(search.longer!.p95, 1)} / ${fmt(search.codes!.p95, 1)} ms`, '', ''],
  ];
}

function browserRows(browser: BrowserFigures): Row[] {
  return [
    ['browser: enterprise list, first rows', `${fmt(browser.enterprisesFirstMs)} ms`, `then ${fmt(browser.enterprisesMedianMs)} ms (median); ${browser.enterprisesShown}`, check(browser.enterprisesFirstMs < 1000, '< 1 s')],
    ['browser: dashboard with charts', `${fmt(browser.dashboardFirstMs)} ms`, `then ${fmt(browser.dashboardMedianMs)} ms (median), page load included`, check(browser.dashboardFirstMs < 1500, '< 1.5 s')],
  ];
}

async function ensureRenderer() {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))) {
    log('building the renderer');
    execSync('npm run build:renderer', { cwd: repoRoot, stdio: 'inherit' });
  }
}

function printTable(rows: Row[], extra: Record<string, unknown>) {
  const machine = machineFacts();
  const width = rows.map((r) => [r[0].length, r[1].length]).reduce((a, b) => [Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!)], [0, 0]);
  console.log(`\nSME Ledger benchmark — ${machine.cpus}, ${machine.memoryGb} GiB, Node ${machine.node}, scale ${scale}, load average ${os.loadavg().map((l) => fmt(l, 1)).join(' ')}\n`);
  for (const r of rows) console.log(`${r[0].padEnd(width[0]!)}  ${r[1].padStart(width[1]!)}  ${r[3].padEnd(16)}  ${r[2]}`);
  if (values.json) {
    fs.writeFileSync(values.json, JSON.stringify({ machine, scale, ...extra, table: rows }, null, 2));
    console.log(`\nwritten to ${values.json}`);
  }
}

/** `--only …`: some parts again, on the HQ data of an earlier run. */
async function only(parts: Set<string>) {
  if (!fs.existsSync(dir('hq', 'ledger.sqlite'))) throw new Error(`no HQ data in ${work}: run the whole benchmark once first (same --work and --scale)`);
  await runChild(CHILD, ['open', dir('hq')]);
  const rows: Row[] = [];
  const extra: Record<string, unknown> = {};
  if (parts.has('indicators')) {
    log('indicators');
    const indicators = await runChild<IndicatorFigures>(CHILD, ['indicators', dir('hq'), String(YEAR)]);
    const costs = await runChild<Costs>('scripts/bench/indicator-costs.ts', [dir('hq'), '--reps', '5', '--json']);
    rows.push(...indicatorRows(indicators, costs));
    Object.assign(extra, { indicators, costs });
  }
  if (parts.has('search')) {
    log('search');
    const search = await runChild<SearchFigures>(CHILD, ['search', dir('hq'), '5']);
    rows.push(...searchRows(search));
    extra.search = search;
  }
  if (parts.has('browser')) {
    await ensureRenderer();
    log('browser');
    const browser = await browserTimings(dir('hq'), values.chromium);
    rows.push(...browserRows(browser));
    extra.browser = browser;
  }
  printTable(rows, extra);
}

async function main() {
  if (values.only) return only(new Set(values.only.split(',')));
  log(`work folder ${work}, scale ${scale}`);
  const { generateSeconds } = await buildData();
  const totals = Object.fromEntries(
    ['enterprises', 'activities', 'activity_enterprises', 'visits', 'problems', 'problem_notes'].map((t) => [
      t,
      prefectures.reduce((n, code) => {
        const db = new Database(dir('offices', code, 'ledger.sqlite'), { readonly: true });
        const count = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
        db.close();
        return n + count;
      }, 0),
    ]),
  );
  log(`data: ${JSON.stringify(totals)}`);

  log('export');
  const exports = exportAll();
  const largest = [...exports].sort((a, b) => b.bytes - a.bytes);
  const files = largest.map((e) => e.file);

  log('import at HQ (largest package first)');
  fs.rmSync(dir('hq'), { recursive: true, force: true });
  fs.cpSync(dir('hq-empty'), dir('hq'), { recursive: true });
  const imported = await runChild<ImportRun>(CHILD, ['import', dir('hq'), ...files]);
  log('raw-insert baseline');
  const base = await runChild<{ ms: number; rows: number }>(CHILD, ['baseline', dir('baseline.sqlite'), ...prefectures.map((c) => dir('offices', c))]);
  log('re-import and signature checks');
  const again = await runChild<ImportRun>(CHILD, ['import', dir('hq'), ...files]);
  const verified = await runChild<{ results: { ms: number }[] }>(CHILD, ['verify', dir('hq'), ...files]);
  log('indicators');
  const indicators = await runChild<IndicatorFigures>(CHILD, ['indicators', dir('hq'), String(YEAR)]);
  const costs = await runChild<Costs>('scripts/bench/indicator-costs.ts', [dir('hq'), '--reps', '5', '--json']);
  log('search');
  const search = await runChild<SearchFigures>(CHILD, ['search', dir('hq'), '5']);

  log('Excel');
  const xlsx = dir('enterprises-10000.xlsx');
  if (!fs.existsSync(xlsx)) {
    const src = await setUp(dir('excel-source'), 'office', '540100');
    src.close();
    await spawnCli(['demo', '--data', dir('excel-source'), '--enterprises', '10000', '--activities', '0', '--visits', '0', '--seed', '99']);
    await runChild(CHILD, ['excel-export', dir('excel-source'), 'enterprises', xlsx]);
  }
  fs.rmSync(dir('excel-target'), { recursive: true, force: true });
  (await setUp(dir('excel-target'), 'office', '540100')).close();
  const excelIn = await runChild<{ ms: number; rows: number; created: number; rejected: number; peakRssMb: number }>(CHILD, ['excel-import', dir('excel-target'), xlsx]);
  // An office's whole activity ledger (HQ's 300,000 rows are more than one file takes: it asks for a filter).
  const excelOut = await runChild<{ ms: number; rows: number; bytes: number; peakRssMb: number }>(CHILD, ['excel-export', dir('offices', prefectures[0]!), 'activities', dir('activities.xlsx')]);

  let browser: BrowserFigures | null = null;
  if (!values['no-browser']) {
    await ensureRenderer();
    log('browser');
    browser = await browserTimings(dir('hq'), values.chromium);
  }

  const importMs = imported.results.reduce((a, r) => a + r.ms, 0);
  const importRows = imported.results.reduce((a, r) => a + r.rows, 0);
  const reimportMs = again.results.reduce((a, r) => a + r.ms, 0);
  const verifyMs = verified.results.reduce((a, r) => a + r.ms, 0);
  const first = imported.results[0]!;
  const last = imported.results.at(-1)!;
  // maxRSS only grows, so the process's peak after each import is the largest so far; the first
  // import that reached the final figure is named.
  const peakAll = imported.results.find((r) => r.peakRssMb === Math.max(...imported.results.map((x) => x.peakRssMb)))!;
  const perRow = (r: { ms: number; rows: number }) => (r.ms * 1000) / Math.max(1, r.rows);
  const biggest = largest[0]!;
  const rows: Row[] = [
    ['data generated (7 offices, 2 at a time)', `${fmt(generateSeconds, 0)} s`, `${fmt(totals.enterprises!)} enterprises, ${fmt(totals.activities!)} activities (${fmt(totals.activity_enterprises!)} links), ${fmt(totals.visits!)} visits, ${fmt(totals.problems!)} problems`, ''],
    ['export, largest office (full)', `${fmt(biggest.ms)} ms`, `${fmt(biggest.rows)} rows, ${fmt(biggest.bytes / 2 ** 20, 1)} MB, ${fmt(biggest.rows / (biggest.ms / 1000))} rows/s`, ''],
    ['export, all 7 offices', `${fmt(exports.reduce((a, e) => a + e.ms, 0))} ms`, `${fmt(exports.reduce((a, e) => a + e.bytes, 0) / 2 ** 20, 1)} MB in all`, ''],
    ['import at HQ, 7 packages', `${fmt(importMs)} ms`, `${fmt(importRows)} rows, ${fmt(importRows / (importMs / 1000))} rows/s`, ''],
    ['raw-insert baseline, same rows', `${fmt(base.ms)} ms`, `${fmt(base.rows)} rows, ${fmt(base.rows / (base.ms / 1000))} rows/s`, ''],
    ['import / baseline', `${fmt(importMs / base.ms, 2)}×`, 'every row validated as a form save', check(importMs / base.ms <= 2, '≤ 2×')],
    ['peak RSS, largest over the 7 imports', `${fmt(peakAll.peakRssMb)} MB`, `reached by ${peakAll.file}; the largest package (${first.file}, ${fmt(first.bytes / 2 ** 20, 1)} MB, ${fmt(first.rows)} rows) ${fmt(first.peakRssMb)} MB; process at start ${fmt(imported.startRssMb)} MB`, check(peakAll.peakRssMb < 400, '< 400 MB')],
    ['cost per row, first and last package', `${fmt(perRow(first), 1)} / ${fmt(perRow(last), 1)} µs`, `${first.file} then ${last.file}: the last costs ${fmt(perRow(last) / perRow(first), 2)}× the first as HQ's database fills`, ''],
    ['re-import of the 7 packages', `${fmt(reimportMs)} ms`, `all ${again.results.every((r) => r.status === 'already-imported') ? 'already-imported' : 'NOT already-imported'}`, ''],
    ['signature checks of the 7 packages', `${fmt(verifyMs)} ms`, `re-import / verify = ${fmt(reimportMs / verifyMs, 3)}`, check(reimportMs <= verifyMs * 1.05, '≤ 1.05×')],
    ...indicatorRows(indicators, costs),
    ...searchRows(search),
    ['Excel import, 10,000 enterprises', `${fmt(excelIn.ms)} ms`, `${fmt(excelIn.created)} created, ${excelIn.rejected} rejected; peak RSS ${fmt(excelIn.peakRssMb)} MB`, check(excelIn.ms < 3000, '< 3 s')],
    ['Excel export, an office’s activity ledger', `${fmt(excelOut.ms)} ms`, `${fmt(excelOut.rows)} rows, ${fmt(excelOut.bytes / 2 ** 20, 1)} MB; peak RSS ${fmt(excelOut.peakRssMb)} MB`, ''],
  ];
  if (browser) rows.push(...browserRows(browser));
  printTable(rows, { totals, generateSeconds, exports, imported, baseline: base, reimport: again, verified, indicators, costs, search, excelImport: excelIn, excelExport: excelOut, browser });
}

function check(ok: boolean, target: string): string {
  return `${ok ? 'met' : 'MISSED'} ${target}`;
}

await main();
