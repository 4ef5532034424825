import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderLock, LOCK_FILE } from '../../services/lock';
import { AppContext } from '../../services/context';
import { repoRoot } from '../support/host';
import { tempDirs } from '../support/dirs';

const dir = tempDirs('sme-lock-');

/** A separate Node process that takes the lock, says so, and waits to be killed. */
function holder(dataDir: string) {
  const code = `
    const { FolderLock } = await import(${JSON.stringify(path.join(repoRoot, 'services', 'lock.ts'))});
    new FolderLock(${JSON.stringify(dataDir)}).acquire();
    process.stdout.write('held\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('held')) resolve();
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${out}`)));
  });
  return { child, ready, exited: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
}

describe('the data folder lock (an OS lock the kernel releases)', () => {
  it('refuses a second owner in another process while the first lives, in Chinese first', async () => {
    const d = dir();
    const h = holder(d);
    await h.ready;
    try {
      const lock = new FolderLock(d);
      let error: { code?: string; message?: string; messageZh?: string } = {};
      try {
        lock.acquire();
      } catch (e) {
        error = e as typeof error;
      }
      expect(error.code).toBe('in_use');
      expect(error.messageZh).toContain('正被另一个台账程序');
      expect(error.message).toMatch(/in use by another SME Ledger/);
    } finally {
      h.child.kill('SIGKILL');
      await h.exited;
    }
  });

  it('is free the moment its owner is killed (SIGKILL), whatever became of the pid, and says the end was unclean', async () => {
    const d = dir();
    for (let trial = 0; trial < 3; trial++) {
      const h = holder(d);
      await h.ready;
      h.child.kill('SIGKILL');
      await h.exited;
      const lock = new FolderLock(d);
      expect(lock.acquire(), `trial ${trial}`).toBe(true);
      lock.release();
    }
    // Released properly: the next owner sees a clean end.
    const lock = new FolderLock(d);
    expect(lock.acquire()).toBe(false);
    lock.release();
  });

  it('a second context in the same process is refused too, and gets the folder once the first closes', () => {
    const d = dir();
    const a = new FolderLock(d);
    a.acquire();
    expect(() => new FolderLock(d).acquire()).toThrow(/in use/);
    a.release();
    const b = new FolderLock(d);
    expect(b.acquire()).toBe(false);
    b.release();
  });

  it('a pid file left by an older version is honoured while its pid lives and replaced when it is gone', () => {
    const d = dir();
    const file = path.join(d, LOCK_FILE);
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, host: os.hostname(), since: 'then' }));
    expect(() => new FolderLock(d).acquire()).toThrow(/in use/);
    fs.writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 'then' }));
    const lock = new FolderLock(d);
    expect(lock.acquire()).toBe(true);
    lock.release();
    expect(fs.readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('a CLI command run right after the owner was killed is never refused', async () => {
    const d = dir();
    expect(spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), 'init', '--data', d, '--role', 'office', '--prefecture', '540100', '--name', '拉萨', '--operator', '张三'], { cwd: repoRoot }).status).toBe(0);
    for (let trial = 0; trial < 2; trial++) {
      const h = holder(d);
      await h.ready;
      h.child.kill('SIGKILL');
      await h.exited;
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), 'info', '--data', d, '--json'], { cwd: repoRoot, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
  });
});

describe.skipIf(process.platform === 'win32')('the data folder is private to its user', () => {
  it('is created 0700 with the database, WAL, lock, keys and backups 0600', async () => {
    const parent = dir();
    const dataDir = path.join(parent, 'new-folder');
    const ctx = new AppContext({ dataDir, transport: 'browser' });
    const { dispatch } = await import('../../services/dispatch');
    const setup = await dispatch(ctx, 'app.setup', { role: 'office', prefectureCode: '540100', officeName: '拉萨', operatorName: '张三', language: 'zh' });
    expect(setup.ok).toBe(true);
    await ctx.backup('manual');
    const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);
    expect(mode(dataDir)).toBe('700');
    expect(mode(path.join(dataDir, 'backups'))).toBe('700');
    for (const f of ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm', 'ledger.lock', 'keys.json']) expect(mode(path.join(dataDir, f)), f).toBe('600');
    for (const f of fs.readdirSync(path.join(dataDir, 'backups'))) expect(mode(path.join(dataDir, 'backups', f)), f).toBe('600');
    ctx.close();
  });

  it('a folder an older version made 0755 / 0644 is tightened on opening', async () => {
    const dataDir = dir();
    const ctx = new AppContext({ dataDir, transport: 'browser' });
    const { dispatch } = await import('../../services/dispatch');
    await dispatch(ctx, 'app.setup', { role: 'office', prefectureCode: '540100', officeName: '拉萨', operatorName: '张三', language: 'zh' });
    ctx.close();
    fs.chmodSync(dataDir, 0o755);
    for (const f of ['ledger.sqlite', 'keys.json']) fs.chmodSync(path.join(dataDir, f), 0o644);
    fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'mine');
    fs.chmodSync(path.join(dataDir, 'notes.txt'), 0o644);
    const again = new AppContext({ dataDir, transport: 'browser' });
    again.database();
    const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);
    expect(mode(dataDir)).toBe('700');
    expect(mode(path.join(dataDir, 'ledger.sqlite'))).toBe('600');
    expect(mode(path.join(dataDir, 'keys.json'))).toBe('600');
    // A file the user keeps there is not the app's to change.
    expect(mode(path.join(dataDir, 'notes.txt'))).toBe('644');
    again.close();
  });
});
