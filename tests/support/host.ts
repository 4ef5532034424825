import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export function tempDataDir(prefix = 'sme-ledger-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface HostProcess {
  /** The address `npm run serve` prints: the origin with the run's token in the fragment. */
  url: string;
  /** http://127.0.0.1:PORT/ */
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `host/serve.ts` as a real process on a free port and waits for its URL. */
export async function startHostProcess(dataDir: string): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'host', 'serve.ts'), '--data', dataDir, '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A busy machine starts tsx slowly; the timer is a last resort, not a measure.
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /serving at (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: `${parsed.origin}/`,
    token: parsed.hash.slice('#token='.length),
    dataDir,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
