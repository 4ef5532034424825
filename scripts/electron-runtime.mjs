// Where the Electron runtime is, if it was downloaded: npm ci with ELECTRON_SKIP_BINARY_DOWNLOAD=1
// (our build machines, which cannot reach the download) leaves the package without its binary.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

export function electronVersion() {
  return require('electron/package.json').version;
}

export const MISSING_RUNTIME =
  'The Electron runtime is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline). ' +
  'Use `npm run serve` to run the same app in a browser, or fetch the runtime with `node node_modules/electron/install.js` where the internet can be reached.';
