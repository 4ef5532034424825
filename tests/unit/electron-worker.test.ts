import { randomBytes } from 'node:crypto';
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

  it('encrypts the private keys with the wrapping key the main process hands over', async () => {
    const dir = tempDataDir('sme-worker-wrapped-');
    const wrapped = new DataWorker({ dataDir: dir, keyWrap: randomBytes(32), workerFile: path.join(repoRoot, 'dist-electron', 'worker.cjs') });
    try {
      await wrapped.call('app.setup', { role: 'hq', prefectureCode: null, officeName: '总部', operatorName: '卓玛', language: 'zh' });
      const stored = JSON.parse(fs.readFileSync(path.join(dir, 'keys.json'), 'utf8'));
      expect(stored).toMatchObject({ wrapped: true });
      expect(JSON.stringify(stored)).not.toMatch(/secretKey/);
      expect(await wrapped.call('sync.status', {})).toMatchObject({ ok: true, value: { role: 'hq' } });
    } finally {
      await wrapped.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps answering many calls in order', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => worker.call('reference.get', {})));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});
