import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { dataDirFromArgs } from '../services/data-dir';
import { devNativeBinding } from './lifecycle';

/** --data DIR or SME_LEDGER_DATA override Electron's userData folder (tests use them). */
export function resolveDataDir(): string {
  return path.resolve(dataDirFromArgs(process.argv) ?? app.getPath('userData'));
}

export function rendererDir(): string {
  return path.join(app.getAppPath(), 'dist', 'renderer');
}

/**
 * better-sqlite3 built for Electron's ABI. A packaged app has it in its own node_modules (staged
 * and rebuilt by scripts/dist.mjs); a development checkout keeps node_modules built for Node, so
 * that `npm test` works, and `npm start` builds a second copy under .electron-native
 * (scripts/prepare-electron-native.mjs). The packaged app ignores the development override.
 */
export function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const override = devNativeBinding(app.isPackaged, process.env);
  if (override) return override;
  const dev = path.join(app.getAppPath(), '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return fs.existsSync(dev) ? dev : undefined;
}
