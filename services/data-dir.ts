import os from 'node:os';
import path from 'node:path';

export const DATA_ENV = 'SME_LEDGER_DATA';
export const PRODUCT_NAME = 'SME Ledger';

/**
 * Where an installation keeps its data when neither --data nor SME_LEDGER_DATA says otherwise:
 * the same folder Electron's app.getPath('userData') gives, so the desktop app, the browser host
 * and the CLI share one store on one machine.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

/** --data DIR (or --data=DIR) wins over the environment variable, which wins over the default. */
export function dataDirFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data' && argv[i + 1]) return argv[i + 1]!;
    if (a.startsWith('--data=')) return a.slice('--data='.length);
  }
  return env[DATA_ENV] || null;
}
