/**
 * The measurements that need a process of their own (cold caches, peak memory), run by
 * scripts/bench.ts as `tsx scripts/bench/child.ts TASK …`; each prints one JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { apiFor } from '../../cli/run';
import { openDatabase } from '../../db/open';
import { importPackage } from '../../db/sync/exchange';
import { openPackage, verifyPackage } from '../../db/sync/format';
import { fileSource } from '../../db/sync/source';
import { getTrusted, keyForSequence } from '../../db/sync/trust';
import { applyOrder, columnsOf } from '../../db/sync/rows';
import { regions } from '../../db/reference/bundled';
import { median, ms, now, peakRssMb, percentile } from './stats';

const [task, ...args] = process.argv.slice(2);
const print = (v: unknown) => console.log(JSON.stringify(v));

function importAll(dataDir: string, files: string[]) {
  const { ctx } = apiFor(dataDir);
  const db = ctx.requireDatabase();
  const startRss = peakRssMb();
  const results = files.map((file) => {
    const src = fileSource(file);
    try {
      const t = now();
      const r = importPackage(db, ctx.keys, src, path.basename(file), { apply: true });
      const took = ms(t);
      const rows = Object.values(r.counts).reduce((a, c) => a + (c ? c.created + c.updated + c.deleted + c.unchanged : 0), 0);
      if (r.status === 'rejected') throw new Error(`${file}: ${r.reason}`);
      return { file: path.basename(file), status: r.status, ms: took, rows, bytes: src.size, peakRssMb: peakRssMb() };
    } finally {
      src.close();
    }
  });
  ctx.close();
  return { startRssMb: startRss, results };
}

function verifyAll(dataDir: string, files: string[]) {
  const { ctx } = apiFor(dataDir);
  const db = ctx.requireDatabase();
  const results = files.map((file) => {
    const src = fileSource(file);
    try {
      const t = now();
      const p = openPackage(src);
      const signer = getTrusted(db, p.header.origin.installationId)!;
      if (!verifyPackage(p, keyForSequence(signer, p.header.sequence))) throw new Error(`${file}: signature`);
      return { file: path.basename(file), ms: ms(t) };
    } finally {
      src.close();
    }
  });
  ctx.close();
  return { results };
}

/**
 * The floor: the same rows, read from the offices' databases and written with plain prepared
 * INSERTs, one transaction per office, into a database with the same schema (indexes, full-text
 * triggers) and nothing else: no file, no crypto, no checks, no change log.
 */
function baseline(target: string, officeDirs: string[]) {
  fs.rmSync(target, { force: true });
  const db = openDatabase(target, {});
  let rows = 0;
  const t = now();
  for (const dir of officeDirs) {
    const source = new Database(path.join(dir, 'ledger.sqlite'), { readonly: true });
    const origin = (source.prepare('SELECT id FROM installation').get() as { id: string }).id;
    db.transaction(() => {
      for (const table of applyOrder) {
        const cols = columnsOf(db, table).map((c) => c.name);
        const insert = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
        for (const row of source.prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE origin = ?`).iterate(origin)) {
          insert.run(row as Record<string, unknown>);
          rows++;
        }
      }
    })();
    source.close();
  }
  const took = ms(t);
  db.close();
  return { ms: took, rows };
}

async function indicators(dataDir: string, year: number) {
  const { api, ctx } = apiFor(dataDir);
  const prefectures = regions().prefectures.map((p) => p.code);
  const time = async (prefectureCode: string | null) => {
    const t = now();
    await api['progress.get']({ year, prefectureCode });
    return ms(t);
  };
  const coldRegion = await time(null);
  const coldPrefectures = [];
  for (const p of prefectures) coldPrefectures.push(await time(p));
  const warmRegion: number[] = [];
  const warmPrefectures: number[] = [];
  for (let i = 0; i < 5; i++) {
    warmRegion.push(await time(null));
    for (const p of prefectures) warmPrefectures.push(await time(p));
  }
  // After any write the figures are worked out again (SQLite's pages now in memory).
  const recomputed: number[] = [];
  for (let i = 0; i < 3; i++) {
    await api['settings.setOperator']({ operatorName: `基准${i}` });
    recomputed.push(await time(null));
  }
  const matrix = now();
  await api['progress.matrix']({ year });
  const matrixMs = ms(matrix);
  await api['settings.setOperator']({ operatorName: '基准' });
  const matrixAgain = now();
  await api['progress.matrix']({ year });
  ctx.close();
  return { coldRegion, coldPrefectureMax: Math.max(...coldPrefectures), warmRegion: median(warmRegion), warmPrefectureMedian: median(warmPrefectures), warmPrefectureMax: Math.max(...warmPrefectures), recomputedRegion: median(recomputed), matrixMs, matrixRecomputedMs: ms(matrixAgain) };
}

/** Names people type: places, trade words, fragments of a name, two characters and longer, and credit-code fragments. */
const QUERIES = {
  two: ['拉萨', '日喀', '雪域', '藏药', '物流', '商贸', '青稞', '牦牛', '建材', '文化', '林芝', '那曲', '工布', '圣湖', '天路', '能源'],
  longer: ['青稞食品', '牦牛乳业', '天然饮用水', '文化旅游', '民族手工艺', '城关区', '雪域藏药', '砂石骨料', '有限责任公司', '信息技术有限公司', '拉萨净土', '清洁能源'],
  codes: ['91540', '5401', 'MA6T', '92540102'],
};

async function search(dataDir: string, rounds: number) {
  const { api, ctx } = apiFor(dataDir);
  const all: number[] = [];
  const byKind: Record<string, number[]> = { two: [], longer: [], codes: [] };
  let found = 0;
  await api['enterprises.list']({ q: '预热', limit: 100 });
  for (let r = 0; r < rounds; r++) {
    for (const [kind, qs] of Object.entries(QUERIES)) {
      for (const q of qs) {
        const t = now();
        const page = await api['enterprises.list']({ q, limit: 100 });
        const took = ms(t);
        found += page.total;
        all.push(took);
        byKind[kind]!.push(took);
      }
    }
  }
  ctx.close();
  const stats = (xs: number[]) => ({ n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) });
  return { all: stats(all), two: stats(byKind.two!), longer: stats(byKind.longer!), codes: stats(byKind.codes!), meanHits: found / all.length };
}

async function excelImport(dataDir: string, file: string) {
  const { api, ctx } = apiFor(dataDir);
  const base64 = fs.readFileSync(file).toString('base64');
  const t = now();
  const r = await api['excel.import']({ kind: 'enterprises', name: path.basename(file), base64 });
  const took = ms(t);
  ctx.close();
  return { ms: took, rows: r.rows, created: r.created, rejected: r.rejected.length, peakRssMb: peakRssMb() };
}

async function excelExport(dataDir: string, kind: 'enterprises' | 'activities', out: string) {
  const { api, ctx } = apiFor(dataDir);
  const t = now();
  const f = await api['excel.export']({ kind, filters: {} });
  const took = ms(t);
  const bytes = Buffer.from(f.base64, 'base64');
  fs.writeFileSync(out, bytes);
  const rows = (ctx.requireDatabase().prepare(`SELECT count(*) AS n FROM ${kind} WHERE deleted = 0`).get() as { n: number }).n;
  ctx.close();
  return { ms: took, rows, bytes: bytes.length, peakRssMb: peakRssMb() };
}

switch (task) {
  case 'import':
    print(importAll(args[0]!, args.slice(1)));
    break;
  case 'verify':
    print(verifyAll(args[0]!, args.slice(1)));
    break;
  case 'baseline':
    print(baseline(args[0]!, args.slice(1)));
    break;
  case 'indicators':
    print(await indicators(args[0]!, Number(args[1])));
    break;
  case 'open': {
    // Opens (and so migrates) a data folder, so that a later cold measurement does not include a migration.
    const { ctx } = apiFor(args[0]!);
    ctx.requireDatabase();
    ctx.close();
    print({ opened: true });
    break;
  }
  case 'search':
    print(await search(args[0]!, Number(args[1] ?? 5)));
    break;
  case 'excel-import':
    print(await excelImport(args[0]!, args[1]!));
    break;
  case 'excel-export':
    print(await excelExport(args[0]!, args[1] as 'enterprises' | 'activities', args[2]!));
    break;
  default:
    console.error(`unknown task ${task}`);
    process.exitCode = 2;
}
