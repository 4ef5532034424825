import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../db/open';
import { UserError } from '../db/errors';
import { installBundledChecklists } from '../db/checklists';
import pkg from '../package.json';
import { KeyStore } from '../db/sync/keystore';

export interface ProgressEvent {
  operation: string;
  done: number;
  total: number;
}

export const DATABASE_FILE = 'ledger.sqlite';
export const appVersion: string = pkg.version;

/**
 * One installation's data folder and its open database. Every entry point (Electron worker,
 * browser host, CLI) builds one of these and hands it to the same handlers.
 */
export class AppContext {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly transport: 'electron' | 'browser';
  private readonly nativeBinding: string | undefined;
  private db: Database | null = null;
  /** Long operations report how far they are; the transport forwards it to the window. */
  readonly progress: (event: ProgressEvent) => void;
  /** This installation's private keys (keys.json beside the database). */
  readonly keys: KeyStore;

  constructor(options: {
    dataDir: string;
    transport: 'electron' | 'browser';
    nativeBinding?: string;
    onProgress?: (event: ProgressEvent) => void;
    /** Electron: the key, protected by the OS keystore, that encrypts keys.json. */
    keyWrap?: Buffer;
  }) {
    this.progress = options.onProgress ?? (() => {});
    this.dataDir = path.resolve(options.dataDir);
    this.databaseFile = path.join(this.dataDir, DATABASE_FILE);
    this.transport = options.transport;
    this.nativeBinding = options.nativeBinding;
    this.keys = new KeyStore(this.dataDir, options.keyWrap);
  }

  /** The database if this installation has been set up, else null. Opening migrates it. */
  database(): Database | null {
    if (this.db) return this.db;
    if (!fs.existsSync(this.databaseFile)) return null;
    this.db = openDatabase(this.databaseFile, { nativeBinding: this.nativeBinding });
    installBundledChecklists(this.db);
    return this.db;
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
      fs.mkdirSync(this.dataDir, { recursive: true });
    } catch (e) {
      throw new UserError(
        'data_dir_unwritable',
        `Cannot create the data folder ${this.dataDir}: ${(e as Error).message}`,
        `无法创建数据文件夹 ${this.dataDir}：${(e as Error).message}`,
      );
    }
    this.db = openDatabase(this.databaseFile, { nativeBinding: this.nativeBinding });
    installBundledChecklists(this.db);
    return this.db;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}
