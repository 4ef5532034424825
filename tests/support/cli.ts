import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './host';

/** Runs the real CLI entry as a separate process, as `npm run cli -- …` does. */
export function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, SME_LEDGER_DATA: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
