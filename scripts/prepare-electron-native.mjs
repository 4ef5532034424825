// Builds a second copy of better-sqlite3 for Electron's ABI under .electron-native/, leaving
// node_modules built for Node so that `npm test` and `npm start` both work on one checkout.
// The desktop app loads that copy through better-sqlite3's nativeBinding option (electron/paths.ts).
import fs from 'node:fs';
import path from 'node:path';
import { electronVersion } from './electron-runtime.mjs';

const root = path.resolve(import.meta.dirname, '..');
const target = path.join(root, '.electron-native');
const stampFile = path.join(target, 'stamp.json');
const source = path.join(root, 'node_modules', 'better-sqlite3');
const sqliteVersion = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
const stamp = JSON.stringify({ electron: electronVersion(), betterSqlite3: sqliteVersion });
const binary = path.join(target, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

export async function prepareElectronNative() {
  if (fs.existsSync(binary) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return binary;
  console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion()} (once; takes a minute)…`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.join(target, 'node_modules'), { recursive: true });
  fs.cpSync(source, path.join(target, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`),
  });
  fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: target, electronVersion: electronVersion(), force: true, onlyModules: ['better-sqlite3'] });
  fs.writeFileSync(stampFile, stamp);
  return binary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await prepareElectronNative());
}
