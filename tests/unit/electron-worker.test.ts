import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataWorker } from '../../electron/data-worker';
import { repoRoot, tempDataDir } from '../support/host';

// The Electron runtime cannot be had on every machine, but the data worker it starts is plain
// Node: this runs the real bundle (dist-electron/worker.cjs) through the main process's handle.
let worker: DataWorker;
let dataDir: string;

beforeAll(() => {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-electron.mjs')], { cwd: repoRoot });
  dataDir = tempDataDir('sme-worker-');
  worker = new DataWorker({ dataDir, workerFile: path.join(repoRoot, 'dist-electron', 'worker.cjs') });
});
afterAll(async () => {
  await worker.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the Electron data worker bundle', () => {
  it('answers API calls through the same dispatcher, as the electron transport', async () => {
    const before = await worker.call('app.status', {});
    expect(before).toMatchObject({ ok: true, value: { setUp: false, transport: 'electron' } });
    const setup = await worker.call('app.setup', { role: 'office', prefectureCode: '540100', officeName: '拉萨市经信局', operatorName: '张三', language: 'zh' });
    expect(setup).toMatchObject({ ok: true, value: { setUp: true, installation: { prefectureName: '拉萨市' } } });
    expect(fs.existsSync(path.join(dataDir, 'ledger.sqlite'))).toBe(true);
  });

  it('validates arguments inside the worker', async () => {
    expect(await worker.call('app.setup', { role: 'office' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await worker.call('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('keeps answering many calls in order', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => worker.call('reference.get', {})));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});
