import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, withoutWaitingForDisk } from '../../db/open';
import { migrate, schemaVersion } from '../../db/migrate';
import { latestSchemaVersion, migrations, syncedTables } from '../../db/migrations';
import { UserError } from '../../db/errors';
import { tempDataDir } from '../support/host';

const dirs: string[] = [];
function tempFile() {
  const dir = tempDataDir('sme-db-');
  dirs.push(dir);
  return path.join(dir, 'ledger.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('opening a database', () => {
  it('uses WAL, foreign keys and synchronous FULL on every connection', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('relaxes durability only for the one write that asks, and restores FULL even when it fails', () => {
    const db = openDatabase(tempFile());
    expect(withoutWaitingForDisk(db, () => db.pragma('synchronous', { simple: true }))).toBe(1); // NORMAL
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(() => withoutWaitingForDisk(db, () => db.exec('INSERT INTO no_such_table VALUES (1)'))).toThrow(/no_such_table/);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    // Inside a transaction the setting cannot change; the transaction's own commit decides.
    db.transaction(() => expect(withoutWaitingForDisk(db, () => db.pragma('synchronous', { simple: true }))).toBe(2))();
    db.close();
  });

  it('builds the newest schema and records its version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const t of [...syncedTables, 'installation', 'settings', 'checklists', 'change_log']) expect(tables).toContain(t);
    db.close();
    // Reopening applies nothing and keeps the version.
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(latestSchemaVersion);
    again.close();
  });

  it('gives every synced table the sync columns', () => {
    const db = openDatabase(tempFile());
    for (const t of syncedTables) {
      const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols, t).toEqual(expect.arrayContaining(['id', 'origin', 'version', 'deleted', 'created_at', 'updated_at']));
    }
    db.close();
  });

  it('refuses a database written by a newer app, with a clear message, and leaves it untouched', () => {
    const file = tempFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('db_newer');
    expect((error as UserError).message).toContain(`schema version ${latestSchemaVersion + 5}`);
    expect((error as UserError).messageZh).toContain('更新版本');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database', () => {
    const file = tempFile();
    fs.writeFileSync(file, 'this is not sqlite, just a text file that happens to have this name'.repeat(100));
    expect(() => openDatabase(file)).toThrow(/cannot be read|Restore a backup/);
  });

  it('applies pending migrations all together or not at all', () => {
    const db = new Database(':memory:');
    const broken = [
      ...migrations,
      { version: latestSchemaVersion + 1, name: 'good', sql: 'CREATE TABLE extra_one (x INTEGER);' },
      { version: latestSchemaVersion + 2, name: 'bad', sql: 'CREATE TABLE extra_two (x INTEGER); THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    // The good list still applies afterwards.
    expect(migrate(db, migrations)).toEqual({ from: 0, to: latestSchemaVersion });
  });

  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});
