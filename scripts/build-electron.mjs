// Bundles the Electron main process, preload and data worker into dist-electron/*.cjs.
// CommonJS and a Node 20 target, so the bundle runs on Electron's Node 24 and on Node 20 alike.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/worker.ts'], outfile: 'dist-electron/worker.cjs' }),
  // A sandboxed preload may require only 'electron': everything else is bundled in.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' }),
]);
console.log('built dist-electron/main.cjs, worker.cjs, preload.cjs');
