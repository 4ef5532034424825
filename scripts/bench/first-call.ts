/**
 * `tsx scripts/bench/first-call.ts FOLDER [--year Y]`: HQ's first dashboard in a new process, as
 * wall and CPU time: opening the folder, `progress.get` for the region (figures, work per item and
 * month, problems per unit), then `progress.matrix` (the 7 prefectures). One JSON line. On a busy
 * machine compare the CPU times.
 */
import { parseArgs } from 'node:util';
import { apiFor } from '../../cli/run';
import { ms, now } from './stats';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { year: { type: 'string', default: '2022' } } });
const folder = positionals[0];
if (!folder) throw new Error('usage: tsx scripts/bench/first-call.ts FOLDER [--year Y]');
const year = Number(values.year);
const { api, ctx } = apiFor(folder);
const out: Record<string, { wallMs: number; cpuMs: number }> = {};
async function measure(label: string, work: () => unknown) {
  const c = process.cpuUsage();
  const t = now();
  await work();
  const used = process.cpuUsage(c);
  out[label] = { wallMs: Math.round(ms(t)), cpuMs: Math.round((used.user + used.system) / 1000) };
}
await measure('open', () => ctx.requireDatabase());
await measure('region', () => api['progress.get']({ year, prefectureCode: null }));
await measure('matrix', () => api['progress.matrix']({ year }));
ctx.close();
console.log(JSON.stringify(out));
