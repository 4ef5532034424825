import fs from 'node:fs';
import path from 'node:path';
import { KEYS_FILE, KeyStore } from '../db/sync/keystore';

/**
 * What the desktop shell may know of keys.json without touching the data layer itself
 * (electron/key-unwrap.ts decides from these whether the keys can be opened on this computer).
 */
export function keysAreWrapped(dataDir: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, KEYS_FILE), 'utf8')) as { wrapped?: unknown }).wrapped === true;
  } catch {
    return false;
  }
}

/** Whether `key` opens this installation's keys.json, tried by the very code that will use it. */
export function keysOpenWith(dataDir: string, key: Buffer): boolean {
  try {
    new KeyStore(dataDir, key).load();
    return true;
  } catch {
    return false;
  }
}
