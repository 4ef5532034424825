import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { dataDirFromArgs } from '../services/data-dir';

/** --data DIR or SME_LEDGER_DATA override Electron's userData folder (tests use them). */
export function resolveDataDir(): string {
  return path.resolve(dataDirFromArgs(process.argv) ?? app.getPath('userData'));
}

export function rendererDir(): string {
  return path.join(app.getAppPath(), 'dist', 'renderer');
}

/**
 * better-sqlite3 built for Electron's ABI. A packaged app has it in node_modules (electron-builder
 * rebuilds it); a development checkout keeps node_modules built for Node, so that `npm test` works,
 * and `npm start` builds a second copy under .electron-native (scripts/prepare-electron-native.mjs).
 */
export function nativeBinding(): string | undefined {
  if (process.env.SME_LEDGER_NATIVE_BINDING) return process.env.SME_LEDGER_NATIVE_BINDING;
  if (app.isPackaged) return undefined;
  const dev = path.join(app.getAppPath(), '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return fs.existsSync(dev) ? dev : undefined;
}
