import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../db/errors';
import { storageFailure } from '../db/failures';

export const LOCK_FILE = 'ledger.lock';

/**
 * One process at a time writes a data folder: the desktop app, the browser host or a CLI command.
 * The lock file holds the owner's pid; a lock whose process is gone (a crash, a power cut) is
 * taken over.
 */
export class FolderLock {
  private held = false;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, LOCK_FILE);
  }

  /** Returns true when the previous owner did not let go (it crashed or lost power). */
  acquire(): boolean {
    if (this.held) return false;
    let tookOver = false;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = fs.openSync(this.file, 'wx', 0o600);
        fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
        fs.closeSync(fd);
        this.held = true;
        return tookOver;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          // Taking the lock is the first write in the folder: a read-only folder shows here.
          const known = storageFailure(e, { dataDir: path.dirname(this.file) });
          if (known) throw known;
          throw new UserError('data_dir_unwritable', `The data folder cannot be written (${(e as NodeJS.ErrnoException).code}).`, `数据文件夹无法写入（${(e as NodeJS.ErrnoException).code}）。`);
        }
        const owner = this.owner();
        // A lock taken on another computer (a shared folder) cannot be checked: it counts as held.
        if (owner && (owner.host !== os.hostname() || alive(owner.pid))) {
          throw new UserError(
            'in_use',
            `This data folder is in use by another SME Ledger (process ${owner.pid}, since ${owner.since}). Close it first.`,
            `该数据文件夹正被另一个台账程序使用（进程 ${owner.pid}），请先关闭它。`,
          );
        }
        // The owner is gone: take the lock over.
        fs.rmSync(this.file, { force: true });
        tookOver = true;
      }
    }
    throw new UserError('in_use', 'The data folder lock cannot be taken.', '无法锁定数据文件夹。');
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    const owner = this.owner();
    if (owner?.pid === process.pid) fs.rmSync(this.file, { force: true });
  }

  private owner(): { pid: number; host: string; since: string } | null {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as { pid: number; host: string; since: string };
    } catch {
      return null;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
