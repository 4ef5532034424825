import { crashTrials } from './crash';

/** `npm run test:reliability`: the long crash suite, printed as a table; exits 1 if anything was lost. */
const trials = Number(process.env.SME_CRASH_TRIALS ?? 50);
const results = await crashTrials(trials, Number(process.env.SME_CRASH_SEED ?? 1));
console.log('operation              trials  killed midway  recovered  lost');
for (const r of results) {
  console.log(`${r.operation.padEnd(22)} ${String(r.trials).padStart(6)} ${String(r.killedMidway).padStart(14)} ${String(r.recovered).padStart(10)} ${String(r.lost).padStart(5)}`);
  for (const p of r.problems) console.log(`  ${p}`);
}
const lost = results.reduce((a, r) => a + r.lost, 0);
console.log(lost === 0 ? 'nothing lost' : `${lost} trials lost data`);
process.exitCode = lost === 0 ? 0 : 1;
