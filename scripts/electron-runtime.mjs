// Where the Electron runtime is, if it was downloaded: npm ci with ELECTRON_SKIP_BINARY_DOWNLOAD=1
// (our build machines, which cannot reach the download) leaves the package without its binary.
// require('electron') would try to download it on the spot, so the path is worked out here instead.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('electron/package.json'));

export function electronBinary() {
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const full = path.join(dist, rel);
  return fs.existsSync(full) ? full : null;
}

/** Runs Electron's own installer (a download); returns the binary if that worked. */
export function downloadElectron() {
  spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  return electronBinary();
}

export function electronVersion() {
  return require('electron/package.json').version;
}

export const MISSING_RUNTIME =
  'The Electron runtime is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline). ' +
  'Use `npm run serve` to run the same app in a browser, or run `npm start` where the internet can be reached to download it.';
