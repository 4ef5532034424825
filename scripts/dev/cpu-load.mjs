// Keeps N cores busy (default: all) until stopped, to run the test suite on a loaded machine:
//   node scripts/dev/cpu-load.mjs [N] & npm test; kill %1
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const n = Number(process.argv[2]) || availableParallelism();
for (let i = 0; i < n; i++) {
  new Worker('let x = 0; for (;;) { x = (x * 1103515245 + 12345) % 2147483648; }', { eval: true });
}
console.log(`cpu-load: ${n} busy threads (pid ${process.pid})`);
