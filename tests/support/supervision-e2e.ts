import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { cli } from './cli';
import { tempDataDir } from './host';

export interface HqAndOffice {
  hqDir: string;
  officeDir: string;
  /** Runs the CLI, failing the test with its message if it fails; returns what it printed. */
  run(args: string[]): string;
  remove(): void;
}

/**
 * HQ and 林芝市's office through the CLI, as a new user sets them up: demo records at the office,
 * each trusting the other's key card, and the office's first package imported at HQ, so HQ
 * holds the office's problems to supervise.
 */
export function hqAndOffice(out: string, o: { hq: [string, string]; office: [string, string]; lang?: 'en' }): HqAndOffice {
  const hqDir = tempDataDir('sme-e2e-sv-hq-');
  const officeDir = tempDataDir('sme-e2e-sv-office-');
  fs.mkdirSync(out, { recursive: true });
  const run = (args: string[]) => {
    const r = cli(args);
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const lang = o.lang ? ['--lang', o.lang] : [];
  run(['init', '--data', hqDir, '--role', 'hq', '--name', o.hq[0], '--operator', o.hq[1], ...lang]);
  run(['init', '--data', officeDir, '--role', 'office', '--prefecture', '540400', '--name', o.office[0], '--operator', o.office[1], ...lang]);
  run(['demo', '--data', officeDir, '--enterprises', '6', '--activities', '1', '--visits', '8', '--seed', '3']);
  run(['keys', 'card', '--data', hqDir, '--out', path.join(out, 'hq.smekey')]);
  run(['keys', 'trust-hq', path.join(out, 'hq.smekey'), '--data', officeDir, '--yes']);
  run(['keys', 'card', '--data', officeDir, '--out', path.join(out, 'office.smekey')]);
  run(['keys', 'enroll', path.join(out, 'office.smekey'), '--data', hqDir, '--yes']);
  run(['export', '--data', officeDir, '--out', path.join(out, 'p1.smesync')]);
  run(['import', path.join(out, 'p1.smesync'), '--data', hqDir]);
  return {
    hqDir,
    officeDir,
    run,
    remove: () => {
      fs.rmSync(hqDir, { recursive: true, force: true });
      fs.rmSync(officeDir, { recursive: true, force: true });
    },
  };
}
