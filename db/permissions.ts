import fs from 'node:fs';
import path from 'node:path';

/**
 * The data folder holds every enterprise's contacts and the installation's private keys: on Linux
 * and macOS it is readable by its user only (folder 0700, files 0600), whatever the umask.
 * Windows keeps a user's AppData private by its ACLs; mode bits mean nothing there.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const enforced = process.platform !== 'win32';

/** Creates the folder (and missing parents) private to the user, or makes an existing one so. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  restrict(dir, PRIVATE_DIR_MODE);
}

/** Makes a file the app wrote readable by its user only (SQLite creates files 0644). */
export function makePrivateFile(file: string): void {
  restrict(file, PRIVATE_FILE_MODE);
}

/** Creates an empty file 0600 where none exists, so that SQLite (which copies the database's mode to its WAL and journal) never creates it 0644. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  restrict(file, PRIVATE_FILE_MODE);
}

/**
 * Tightens a data folder made by an earlier version (0755 / 0644): the folder, the database and
 * its WAL, the keys, the lock and the backups. Files another user owns are left alone.
 */
export function tightenDataDir(dataDir: string): void {
  if (!enforced || !fs.existsSync(dataDir)) return;
  restrict(dataDir, PRIVATE_DIR_MODE);
  for (const name of safeList(dataDir)) {
    const full = path.join(dataDir, name);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      if (name !== 'backups') continue;
      restrict(full, PRIVATE_DIR_MODE);
      for (const b of safeList(full)) restrict(path.join(full, b), PRIVATE_FILE_MODE);
    } else if (stat.isFile() && OURS.test(name)) {
      restrict(full, PRIVATE_FILE_MODE);
    }
  }
}

/** The app's own files; anything else a user keeps in a folder they chose is not ours to change. */
const OURS = /^(ledger\.|keys\.json|keywrap\.bin)/;

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function restrict(target: string, mode: number): void {
  if (!enforced) return;
  try {
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    if (!stat || (stat.mode & 0o777) === mode) return;
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return;
    fs.chmodSync(target, mode);
  } catch {
    // A read-only medium: the folder says so when the app first writes to it.
  }
}
