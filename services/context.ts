import { carryOverAfterRestore, syncMarks } from '../db/sync/after-restore';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../db/open';
import { UserError } from '../db/errors';
import { RESTORABLE_FAILURES, isStorageFailure, storageFailure } from '../db/failures';
import { installBundledChecklists } from '../db/checklists';
import pkg from '../package.json';
import { KeyStore } from '../db/sync/keystore';
import { keysAreWrapped } from './keys-file';
import { BACKUP_DIR, backupNow, checkBackupFile, lastBackupTime } from '../db/backup';
import { FolderLock } from './lock';
import { createPrivateFile, makePrivateDir, tightenDataDir } from '../db/permissions';

export interface ProgressEvent {
  operation: string;
  done: number;
  total: number;
}

export const DATABASE_FILE = 'ledger.sqlite';
export const appVersion: string = pkg.version;

/**
 * SQLite's quick_check reads the whole file: a quarter of a second for an office, several seconds
 * for HQ's gigabyte. Small databases are checked on every opening; large ones after the previous
 * session ended without closing (a crash, a power cut), when damage is likeliest, and whenever
 * SQLite reports damage while working.
 */
const CHECK_ALWAYS_BELOW = 256 * 1024 * 1024;

/**
 * One installation's data folder and its open database. Every entry point (Electron worker,
 * browser host, CLI) builds one of these and hands it to the same handlers.
 */
export class AppContext {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly transport: 'electron' | 'browser';
  readonly nativeBinding: string | undefined;
  private db: Database | null = null;
  /** Long operations report how far they are; the transport forwards it to the window. */
  readonly progress: (event: ProgressEvent) => void;
  /** This installation's private keys (keys.json beside the database). */
  readonly keys: KeyStore;
  private readonly lock: FolderLock;
  private background: Promise<void> = Promise.resolve();
  private firstWork: Promise<void> = Promise.resolve();
  private readonly keysFailureAtStart: { code: string; message: string; messageZh: string } | null;
  private readonly dailyBackups: boolean;
  private readonly checkAlwaysBelow: number;
  /** Whether the last opening read the whole file with quick_check. */
  checkedOnOpen = false;

  constructor(options: {
    dataDir: string;
    transport: 'electron' | 'browser';
    nativeBinding?: string;
    onProgress?: (event: ProgressEvent) => void;
    /** Electron: the key, protected by the OS keystore, that encrypts keys.json. */
    keyWrap?: Buffer;
    /** Electron: why that key could not be had (electron/key-unwrap.ts); the recovery screen says so. */
    keysFailure?: { code: string; message: string; messageZh: string } | null;
    /** Long-running processes (desktop app, browser host) back up once a day on start. */
    dailyBackups?: boolean;
    /** Databases smaller than this are checked on every opening (tests lower it). */
    checkAlwaysBelowBytes?: number;
  }) {
    this.checkAlwaysBelow = options.checkAlwaysBelowBytes ?? CHECK_ALWAYS_BELOW;
    this.dailyBackups = options.dailyBackups ?? false;
    this.progress = options.onProgress ?? (() => {});
    this.dataDir = path.resolve(options.dataDir);
    this.databaseFile = path.join(this.dataDir, DATABASE_FILE);
    this.transport = options.transport;
    this.nativeBinding = options.nativeBinding;
    this.keys = new KeyStore(this.dataDir, options.keyWrap);
    this.keysFailureAtStart = options.keysFailure ?? null;
    this.lock = new FolderLock(this.dataDir, this.nativeBinding);
  }

  /** The database if this installation has been set up, else null. Opening migrates it. */
  database(): Database | null {
    if (this.db) return this.db;
    if (!fs.existsSync(this.databaseFile)) return null;
    this.open();
    return this.db;
  }

  private open(daily = true): void {
    const uncleanEnd = this.lock.acquire();
    try {
      tightenDataDir(this.dataDir);
      this.checkedOnOpen = uncleanEnd || this.isSmall();
      this.db = openDatabase(this.databaseFile, { nativeBinding: this.nativeBinding, backupDir: path.join(this.dataDir, BACKUP_DIR), check: this.checkedOnOpen });
      installBundledChecklists(this.db);
    } catch (e) {
      this.db?.close();
      this.db = null;
      this.lock.release();
      throw storageFailure(e, { dataDir: this.dataDir, file: this.databaseFile }) ?? e;
    }
    if (daily && this.dailyBackups) this.dailyBackup();
  }

  /**
   * Why the database cannot be used, if that is the case: damaged, written by a newer app,
   * unreadable, a read-only folder or a full disk. Null when it opens (or does not exist yet).
   * Other failures (the folder in use by another process) are thrown.
   */
  databaseFailure(): UserError | null {
    try {
      this.database();
      return null;
    } catch (e) {
      if (isStorageFailure(e)) return e;
      throw e;
    }
  }

  /**
   * Why the private keys cannot be opened on this computer (the desktop app could not unwrap
   * them), until keys.json is replaced, e.g. by importing a migration package from the recovery
   * screen. Null when they can be.
   */
  keysFailure(): UserError | null {
    const f = this.keysFailureAtStart;
    if (!f) return null;
    if (!keysAreWrapped(this.dataDir)) return null;
    return new UserError(f.code, f.message, f.messageZh);
  }

  /**
   * Forgets the open connection after SQLite reported the file damaged while working, so that
   * the next call opens it afresh, checks it, and the app offers to restore a backup.
   */
  closeDatabase(): void {
    try {
      this.db?.close();
    } catch {
      // A damaged file may fail to checkpoint on close; the connection is gone either way.
    }
    this.db = null;
  }

  private isSmall(): boolean {
    return (fs.statSync(this.databaseFile, { throwIfNoEntry: false })?.size ?? 0) < this.checkAlwaysBelow;
  }

  /**
   * Once a day on start, a copy of the database (in the background; failures are logged). It
   * starts after the work the transport put first (the figures the app opens on): better-sqlite3
   * copies in steps on this same thread, and HQ's gigabyte took about 8 s, during which the first
   * dashboard of the day waited behind it.
   */
  private dailyBackup(): void {
    const last = lastBackupTime(this.dataDir);
    if (last !== null && Date.now() - last < 24 * 3600 * 1000) return;
    // Read a tick later: the transport names its first work in the same turn that opened the database.
    this.background = Promise.resolve()
      .then(() => this.firstWork)
      .then(() => {
        const db = this.db;
        if (db?.open) return backupNow(db, this.dataDir, 'daily').then(() => undefined);
      })
      .catch((e: unknown) => console.error('[sme-ledger] daily backup failed:', (e as Error).message));
  }

  /** Runs work that background work (the daily backup) must not hold up: that waits until this is done. */
  putFirst<T>(work: () => Promise<T>): Promise<T> {
    const done = work();
    this.firstWork = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  /** Resolves once work started in the background (the daily backup) is done: then close() loses nothing. */
  idle(): Promise<void> {
    return this.background;
  }

  /** A backup now, before an operation that changes much (imports). */
  async backup(reason: string) {
    return backupNow(this.requireDatabase(), this.dataDir, reason);
  }

  /**
   * Replaces the database by a backup: the file is checked first, the current state is itself
   * backed up, and the app then runs on the restored data (migrated if it is older). A database
   * that cannot be opened or backed up (damaged, from a newer app) is not deleted: it is renamed
   * to ledger.sqlite.broken-<time>, with its -wal and -shm files, and the name is returned.
   */
  async restore(name: string, options: { reason?: string; swapped?: () => void } = {}): Promise<{ keptAside: string | null }> {
    const file = path.isAbsolute(name) ? name : path.join(this.dataDir, BACKUP_DIR, path.basename(name));
    checkBackupFile(file, this.nativeBinding);
    let keptAside: string | null = null;
    let failure: UserError | null = null;
    try {
      failure = this.databaseFailure();
      if (!failure && this.db) await this.backup(options.reason ?? 'before-restore');
    } catch (e) {
      if (!isStorageFailure(e) || !RESTORABLE_FAILURES.includes(e.code)) throw e;
      failure = e;
    }
    if (failure && !RESTORABLE_FAILURES.includes(failure.code)) throw failure;
    // How far the version clock and package numbers had gone: a restore must not take them back.
    const marks = !failure && this.db ? syncMarks(this.db) : null;
    this.closeDatabase();
    this.lock.acquire();
    try {
      if (failure && fs.existsSync(this.databaseFile)) {
        keptAside = `${this.databaseFile}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        for (const suffix of ['-wal', '-shm']) {
          if (fs.existsSync(this.databaseFile + suffix)) fs.renameSync(this.databaseFile + suffix, keptAside + suffix);
        }
        fs.renameSync(this.databaseFile, keptAside);
      }
      const tmp = `${this.databaseFile}.restoring`;
      fs.copyFileSync(file, tmp);
      for (const f of [`${this.databaseFile}-wal`, `${this.databaseFile}-shm`]) fs.rmSync(f, { force: true });
      fs.renameSync(tmp, this.databaseFile);
    } catch (e) {
      fs.rmSync(`${this.databaseFile}.restoring`, { force: true });
      this.lock.release();
      throw storageFailure(e, { dataDir: this.dataDir }) ?? e;
    }
    // What belongs with this database outside it (a migration package's keys), while it is closed.
    options.swapped?.();
    this.open();
    const restored = this.database();
    if (restored) carryOverAfterRestore(restored, marks, this.dataDir);
    return { keptAside };
  }

  requireDatabase(): Database {
    const db = this.database();
    if (!db) throw new UserError('not_set_up', 'This installation has not been set up yet.', '本机尚未完成首次设置。');
    return db;
  }

  /** Creates the data folder and a new database. Used once, by setup. */
  createDatabase(): Database {
    if (fs.existsSync(this.databaseFile)) return this.requireDatabase();
    try {
      makePrivateDir(this.dataDir);
    } catch (e) {
      const known = storageFailure(e, { dataDir: this.dataDir });
      if (known) throw known;
      throw new UserError(
        'data_dir_unwritable',
        `Cannot create the data folder ${this.dataDir}: ${(e as Error).message}`,
        `无法创建数据文件夹 ${this.dataDir}：${(e as Error).message}`,
      );
    }
    this.lock.acquire();
    try {
      // SQLite gives its WAL and journal the database file's mode: made 0600 here, they are too.
      createPrivateFile(this.databaseFile);
    } catch (e) {
      this.lock.release();
      throw storageFailure(e, { dataDir: this.dataDir }) ?? e;
    }
    this.open(false);
    return this.db!;
  }

  close(): void {
    this.db?.close();
    this.db = null;
    this.lock.release();
  }
}
