import { crashTrials } from './crash';
import { excelFuzz, packageFuzz, startWatchdog } from './fuzz';

/**
 * `npm run test:reliability`: the crash suite and the hostile-input fuzzing, printed as one table;
 * exits 1 if any trial lost data or any hostile file was accepted or mishandled.
 * Knobs: SME_CRASH_TRIALS (50 per operation), SME_FUZZ_CASES (5,000 packages), SME_EXCEL_FUZZ_CASES
 * (1,250 per importer), SME_CRASH_SEED / SME_FUZZ_SEED, SME_RELIABILITY=crash,fuzz (the parts to run).
 */
const env = process.env;
// Here, and only here, each hostile case must also end within its time bound (tests/reliability/fuzz.ts).
env.SME_TIME_BOUNDS = '1';
const parts = (env.SME_RELIABILITY ?? 'crash,fuzz').split(',');
const seed = Number(env.SME_FUZZ_SEED ?? 1);
const rows: { operation: string; trials: number; good: number; imported: string; bad: number; note: string; problems: string[] }[] = [];

if (parts.includes('crash')) {
  for (const r of await crashTrials(Number(env.SME_CRASH_TRIALS ?? 50), Number(env.SME_CRASH_SEED ?? 1))) {
    rows.push({ operation: `crash: ${r.operation}`, trials: r.trials, good: r.recovered, imported: '-', bad: r.lost, note: `${r.killedMidway} killed midway`, problems: r.problems });
  }
}
if (parts.includes('fuzz')) {
  // SheetJS reports what it skips in damaged files on the console: expected here, not failures.
  const warn = console.error;
  console.error = () => {};
  const stopWatchdog = startWatchdog(60);
  try {
    const results = [...(await packageFuzz(Number(env.SME_FUZZ_CASES ?? 5000), seed)), ...(await excelFuzz(Number(env.SME_EXCEL_FUZZ_CASES ?? 1250), seed))];
    for (const r of results) rows.push({ operation: r.operation, trials: r.trials, good: r.refused, imported: String(r.imported), bad: r.bad, note: String(r.cost), problems: r.problems });
  } finally {
    console.error = warn;
    stopWatchdog();
  }
}

const line = (c: string[]) => `${c[0]!.padEnd(34)} ${c[1]!.padStart(6)} ${c[2]!.padStart(19)} ${c[3]!.padStart(18)} ${c[4]!.padStart(20)}  ${c[5]}`;
console.log(line(['operation', 'trials', 'recovered / refused', 'imported correctly', 'lost / accepted-bad', 'notes']));
for (const r of rows) {
  console.log(line([r.operation, String(r.trials), String(r.good), r.imported, String(r.bad), r.note]));
  for (const p of r.problems) console.log(`    ${p}`);
}
const bad = rows.reduce((a, r) => a + r.bad, 0);
console.log(bad === 0 ? 'nothing lost, nothing hostile accepted' : `${bad} trials lost data or accepted a hostile file`);
process.exitCode = bad === 0 ? 0 : 1;
