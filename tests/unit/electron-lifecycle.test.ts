import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataWorker } from '../../electron/data-worker';
import { decideKeyWrap, KEY_WRAP_FILE, type Keystore } from '../../electron/key-unwrap';
import { afterRendererGone, createShutdown, devNativeBinding, leaveAfterUnsavedDialog, sendIfAlive, unsavedChangesDialog } from '../../electron/lifecycle';
import { KeyStore } from '../../db/sync/keystore';
import { FolderLock } from '../../services/lock';
import { repoRoot } from '../support/host';
import { tempDirs } from '../support/dirs';

// The shell's lifecycle decisions are plain functions, and the data worker is the real bundle
// (dist-electron/worker.cjs) run under Node through the main process's own handle.
const workerFile = path.join(repoRoot, 'dist-electron', 'worker.cjs');
const dir = tempDirs('sme-life-');
const setup = { role: 'office', prefectureCode: '540100', officeName: '拉萨市经信局', operatorName: '张三', language: 'zh' };

/** Whether the folder is free now, and whether its last owner ended cleanly. */
function lockAfter(dataDir: string): 'clean' | 'unclean' {
  const lock = new FolderLock(dataDir);
  const unclean = lock.acquire();
  lock.release();
  return unclean ? 'unclean' : 'clean';
}

describe('the data worker ends cleanly however the app ends', () => {
  it('stop() (last window closed, Quit, shutdown) closes the database and releases the lock as a clean end', async () => {
    const d = dir();
    const w = new DataWorker({ dataDir: d, workerFile });
    expect(await w.call('app.setup', setup)).toMatchObject({ ok: true });
    await w.stop();
    expect(lockAfter(d)).toBe('clean');
    // A second stop is harmless; calls after it are refused in words, not left hanging.
    await w.stop();
    expect(await w.call('app.status', {})).toMatchObject({ ok: false, error: { code: 'worker_failed' } });
  });

  it('a stop waits for the call under way: it is answered and its data is kept', async () => {
    const d = dir();
    const w = new DataWorker({ dataDir: d, workerFile });
    await w.call('app.setup', setup);
    const saving = w.call('backups.create', {});
    const stopping = w.stop();
    expect(await saving).toMatchObject({ ok: true });
    await stopping;
    expect(lockAfter(d)).toBe('clean');
  });

  it('a worker terminated without closing (the process killed) leaves the folder free; the next start checks the database', async () => {
    const d = dir();
    const w = new DataWorker({ dataDir: d, workerFile });
    await w.call('app.setup', setup);
    // Terminated from outside, as a kill would.
    const worker = (w as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await worker.terminate();
    expect(lockAfter(d)).toBe('unclean');
  });

  it('a worker that dies rejects the pending call with a clear error, is restarted, and the next call works on the reopened database', async () => {
    const d = dir();
    const w = new DataWorker({ dataDir: d, workerFile, crashOn: 'test.crash' });
    try {
      await w.call('app.setup', setup);
      const pending = w.call('enterprises.list', {});
      const crashed = await w.call('test.crash', {});
      expect(crashed).toMatchObject({ ok: false, error: { code: 'worker_failed' } });
      const error = (crashed as { error: { messageZh: string; message: string } }).error;
      expect(error.messageZh).toContain('数据服务意外停止');
      expect(error.message).toContain('simulated crash');
      // The call sent before the crash was answered or failed in words: never left hanging.
      expect((await pending).ok === true || (await pending as { error: { code: string } }).error.code === 'worker_failed').toBe(true);
      expect(w.starts).toBe(2);
      expect(await w.call('app.status', {})).toMatchObject({ ok: true, value: { setUp: true, installation: { prefectureName: '拉萨市' } } });
    } finally {
      await w.stop();
    }
    expect(lockAfter(d)).toBe('clean');
  });

  it('when the database cannot be reopened after the worker died, app.status leads to the recovery screen', async () => {
    const d = dir();
    const w = new DataWorker({ dataDir: d, workerFile, crashOn: 'test.crash' });
    try {
      await w.call('app.setup', setup);
      await w.call('test.crash', {});
      // Damaged while the worker was down.
      for (const f of ['ledger.sqlite-wal', 'ledger.sqlite-shm']) fs.rmSync(path.join(d, f), { force: true });
      fs.writeFileSync(path.join(d, 'ledger.sqlite'), Buffer.alloc(8192, 0x41));
      expect(await w.call('app.status', {})).toMatchObject({ ok: true, value: { setUp: false, databaseError: { code: 'db_corrupt', restorable: true } } });
    } finally {
      await w.stop();
    }
  });
});

describe('the quit sequence', () => {
  function harness() {
    const log: string[] = [];
    let finishStop!: () => void;
    const shutdown = createShutdown({
      stopWorker: () => {
        log.push('stop');
        return new Promise<void>((resolve) => (finishStop = resolve));
      },
      quit: () => log.push('quit'),
      exit: (code) => log.push(`exit ${code}`),
    });
    const event = () => {
      const e = { prevented: false, preventDefault: () => (e.prevented = true) };
      return e;
    };
    return { log, shutdown, event, finish: () => finishStop() };
  }

  it('Quit (will-quit) is held until the database is closed, then goes on; the last window closed quits', async () => {
    const { log, shutdown, event, finish } = harness();
    shutdown.onWindowAllClosed();
    expect(log).toEqual(['quit']);
    const first = event();
    shutdown.onWillQuit(first);
    expect(first.prevented).toBe(true);
    expect(shutdown.state).toBe('stopping');
    // Quit pressed again meanwhile: still held, the worker is asked only once.
    const second = event();
    shutdown.onWillQuit(second);
    expect(second.prevented).toBe(true);
    expect(log).toEqual(['quit', 'stop']);
    finish();
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['quit', 'stop', 'quit', 'quit']);
    const last = event();
    shutdown.onWillQuit(last);
    expect(last.prevented).toBe(false);
  });

  it('an OS shutdown, log-off or signal closes the database, then exits without questions', async () => {
    const { log, shutdown, event, finish } = harness();
    const e = event();
    shutdown.onSystemEnd(e);
    expect(e.prevented).toBe(true);
    expect(log).toEqual(['stop']);
    finish();
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['stop', 'exit 0']);
  });

  it('a dirty form gets a native 放弃未保存的修改？ with the safe choice focused and on Esc', () => {
    const d = unsavedChangesDialog();
    expect(d.message).toBe('放弃未保存的修改？');
    expect(d.buttons[d.defaultId]).toMatch(/^继续编辑/);
    expect(d.cancelId).toBe(d.defaultId);
    expect(leaveAfterUnsavedDialog(d.defaultId)).toBe(false);
    expect(leaveAfterUnsavedDialog(d.buttons.findIndex((b) => b.startsWith('放弃')))).toBe(true);
  });

  it('a crashed page is reloaded, one that keeps crashing quits cleanly, a clean exit needs nothing', () => {
    expect(afterRendererGone('crashed', 1)).toBe('reload');
    expect(afterRendererGone('oom', 2)).toBe('reload');
    expect(afterRendererGone('crashed', 3)).toBe('quit');
    expect(afterRendererGone('clean-exit', 5)).toBe('nothing');
  });

  it('progress is sent only to a window that still exists', () => {
    const sent: unknown[] = [];
    const win = (destroyed: boolean, pageDestroyed = false) => ({
      isDestroyed: () => destroyed,
      webContents: { isDestroyed: () => pageDestroyed, send: (_c: string, p: unknown) => sent.push(p) },
    });
    expect(sendIfAlive(null, 'sme:progress', 1)).toBe(false);
    expect(sendIfAlive(win(true), 'sme:progress', 2)).toBe(false);
    expect(sendIfAlive(win(false, true), 'sme:progress', 3)).toBe(false);
    expect(sendIfAlive(win(false), 'sme:progress', 4)).toBe(true);
    expect(sent).toEqual([4]);
  });

  it('the packaged app ignores SME_LEDGER_NATIVE_BINDING', () => {
    const env = { SME_LEDGER_NATIVE_BINDING: '/tmp/evil.node' };
    expect(devNativeBinding(true, env)).toBeUndefined();
    expect(devNativeBinding(false, env)).toBe('/tmp/evil.node');
    expect(devNativeBinding(false, {})).toBeUndefined();
  });
});

/** A keystore like the OS's: what one user profile encrypts, another cannot decrypt. */
function profileKeystore(secret: Buffer, extra: Partial<Keystore> = {}): Keystore {
  return {
    available: true,
    platform: 'linux',
    backend: 'gnome_libsecret',
    encrypt: (text) => {
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', secret, nonce);
      return Buffer.concat([nonce, c.update(text, 'utf8'), c.final(), c.getAuthTag()]);
    },
    decrypt: (data) => {
      const d = createDecipheriv('aes-256-gcm', secret, data.subarray(0, 12));
      d.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([d.update(data.subarray(12, data.length - 16)), d.final()]).toString('utf8');
    },
    ...extra,
  };
}

describe('keys that cannot be unwrapped lead to the recovery screen, never to an exit', () => {
  const mine = profileKeystore(randomBytes(32));

  function wrappedInstallation() {
    const d = dir();
    const first = decideKeyWrap(d, mine);
    expect(first.failure).toBeNull();
    expect(fs.existsSync(path.join(d, KEY_WRAP_FILE))).toBe(true);
    new KeyStore(d, first.key).create(false);
    return d;
  }

  it('the same profile opens its keys again', () => {
    const d = wrappedInstallation();
    const again = decideKeyWrap(d, mine);
    expect(again.failure).toBeNull();
    expect(() => new KeyStore(d, again.key).load()).not.toThrow();
  });

  it('another profile, a reset keyring, Linux basic_text, no keystore, or keywrap.bin gone: a failure in words with the way out', () => {
    const d = wrappedInstallation();
    const cases: [string, Keystore][] = [
      ['another profile', profileKeystore(randomBytes(32))],
      ['basic_text', profileKeystore(randomBytes(32), { backend: 'basic_text' })],
      ['no keystore', profileKeystore(randomBytes(32), { available: false })],
    ];
    for (const [name, keystore] of cases) {
      const r = decideKeyWrap(d, keystore);
      expect(r.failure?.code, name).toBe('keys_unavailable');
      expect(r.failure!.messageZh, name).toContain('迁移包');
      expect(r.failure!.messageZh, name).toContain('新安装');
      expect(r.failure!.messageZh, name).not.toContain('请在桌面程序中使用');
    }
    const wrapBefore = fs.readFileSync(path.join(d, KEY_WRAP_FILE));
    // Nothing was overwritten by the failed attempts: the right profile still opens the keys.
    expect(fs.readFileSync(path.join(d, KEY_WRAP_FILE)).equals(wrapBefore)).toBe(true);
    expect(decideKeyWrap(d, mine).failure).toBeNull();
    fs.rmSync(path.join(d, KEY_WRAP_FILE));
    expect(decideKeyWrap(d, mine).failure?.messageZh).toContain('keywrap.bin');
  });

  it('an unreadable keywrap.bin with nothing wrapped by it is replaced', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, KEY_WRAP_FILE), 'garbage');
    const r = decideKeyWrap(d, mine);
    expect(r.failure).toBeNull();
    expect(r.key).toHaveLength(32);
  });

  it('the real worker bundle given such a failure answers app.status with the recovery screen, not an error', async () => {
    const d = wrappedInstallation();
    const failure = decideKeyWrap(d, profileKeystore(randomBytes(32))).failure;
    const w = new DataWorker({ dataDir: d, workerFile, keysFailure: failure });
    try {
      // The database exists and is sound; the keys cannot be opened.
      const s = await w.call('app.setup', setup);
      expect(s.ok).toBe(true);
      const status = await w.call('app.status', {});
      expect(status).toMatchObject({ ok: true, value: { setUp: false, databaseError: { code: 'keys_unavailable', restorable: false } } });
    } finally {
      await w.stop();
    }
  });
});
