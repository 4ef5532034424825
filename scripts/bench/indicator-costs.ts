/**
 * `tsx scripts/bench/indicator-costs.ts FOLDER|FILE.sqlite [--prefecture CODE] [--reps N] [--year Y] [--json]`
 *
 * What each indicator costs to work out, on data already built (the benchmark's HQ folder after
 * `npm run bench`, e.g. /tmp/sme-bench-1/hq): every indicator of the year computed N times in a
 * row (SQLite's pages in memory after the first), the median wall and CPU time of each, costliest
 * first, and their sums. On a machine other work keeps busy, the CPU time this process used moves
 * far less than wall time, so before/after comparisons of a query belong here. Read-only: the folder is not
 * changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { getChecklist } from '../../db/checklists';
import { evaluateIndicator } from '../../db/indicators/engine';
import { median, ms, now } from './stats';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { prefecture: { type: 'string' }, reps: { type: 'string', default: '7' }, year: { type: 'string', default: '2022' }, json: { type: 'boolean', default: false } },
});
const target = positionals[0];
if (!target) throw new Error('usage: tsx scripts/bench/indicator-costs.ts FOLDER|FILE.sqlite [--prefecture CODE] [--reps N]');
const file = fs.statSync(target).isDirectory() ? path.join(target, 'ledger.sqlite') : target;
const year = Number(values.year);
const scope = { year, prefectureCode: values.prefecture ?? null, asOf: `${year}-12-31` };
const reps = Number(values.reps);

// A new connection per run: SQLite's own cache and the engine's per-connection caches start
// empty each time, as in a new process (the system's file cache stays warm).
const times = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
const found = new Map<string, { kind: string; value: number | null }>();
for (let i = 0; i < reps; i++) {
  const db = new Database(file, { readonly: true });
  const checklist = getChecklist(db, year);
  if (!checklist) throw new Error(`no checklist for ${year} in ${file}`);
  for (const ind of checklist.indicators) {
    const c = process.cpuUsage();
    const t = now();
    const value = evaluateIndicator(db, ind, scope, 1).value;
    const took = ms(t);
    const used = process.cpuUsage(c);
    times.set(ind.id, [...(times.get(ind.id) ?? []), took]);
    cpu.set(ind.id, [...(cpu.get(ind.id) ?? []), (used.user + used.system) / 1000]);
    found.set(ind.id, { kind: ind.compute.kind, value });
  }
  db.close();
}
const rows = [...times].map(([id, ts]) => ({ id, kind: found.get(id)!.kind, medianMs: median(ts), cpuMs: median(cpu.get(id)!), value: found.get(id)!.value }));
const total = rows.reduce((a, r) => a + r.medianMs, 0);
const totalCpu = rows.reduce((a, r) => a + r.cpuMs, 0);
if (values.json) console.log(JSON.stringify({ scope, reps, totalMs: total, totalCpuMs: totalCpu, rows }));
else {
  console.log(`${scope.prefectureCode ?? 'region'}, ${year}: median of ${reps} runs per indicator, wall and CPU time (CPU time is what compares on a busy machine)`);
  for (const r of [...rows].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, Number(process.env.TOP ?? 12))) console.log(`${r.id.padEnd(30)} ${r.medianMs.toFixed(1).padStart(8)} ms  cpu ${r.cpuMs.toFixed(1).padStart(7)} ms  ${r.kind.padEnd(24)} = ${r.value}`);
  console.log(`sum of the ${rows.length} medians: ${total.toFixed(1)} ms wall, ${totalCpu.toFixed(1)} ms CPU`);
}
