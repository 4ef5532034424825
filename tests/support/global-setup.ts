import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Builds the Electron bundles (dist-electron/*.cjs) once, before any test file runs: several files
 * run the real worker bundle, and building it from each of them in parallel let one file load a
 * bundle another was still writing.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'ignore' });
}
