import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { backupNow } from '../backup';
import { nowIso } from '../clock';
import { requireInstallation } from '../installation';
import { schemaVersion } from '../migrate';
import type { OwnKeys } from '../sync/keystore';
import { filesToCarry } from './carried';
import { ChunkCipher, checkPassphrase, deriveKey, encodeHeader, keysToJson, newHeader, type MoveManifest } from './format';

export interface MoveExportOptions {
  passphrase: string;
  appVersion: string;
  /** Where the package goes; written beside as FILE.part and renamed, so a failure leaves nothing. */
  out: string;
  kdf?: { N: number; r: number; p: number };
  chunkBytes?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface MoveExportResult {
  file: string;
  bytes: number;
  manifest: Omit<MoveManifest, 'keys' | 'files'>;
}

/**
 * Writes the whole installation into a migration package: a consistent copy of the database made
 * with SQLite's online backup API (kept among the backups), the private keys as loaded (so
 * unwrapped from the desktop app's keystore protection; the target wraps them with its own), and
 * the sync marks kept beside the keys (db/move/carried.ts).
 */
export async function exportInstallation(db: Database, dataDir: string, keys: OwnKeys, options: MoveExportOptions): Promise<MoveExportResult> {
  checkPassphrase(options.passphrase);
  const me = requireInstallation(db);
  const copy = await backupNow(db, dataDir, 'move-export');
  const manifest: MoveManifest = {
    format: 1,
    installationId: me.id,
    role: me.role,
    prefectureCode: me.prefectureCode,
    officeName: me.officeName,
    schemaVersion: schemaVersion(db),
    appVersion: options.appVersion,
    createdAt: nowIso(),
    databaseBytes: copy.bytes,
    keys: keysToJson(keys),
    files: filesToCarry(dataDir, me.id),
  };
  const bytes = await writeMovePackage(options.out, manifest, copy.file, options);
  const { keys: _k, files: _f, ...summary } = manifest;
  return { file: options.out, bytes, manifest: summary };
}

/** Encrypts manifest + database file into `out` chunk by chunk; returns the package's size. */
export async function writeMovePackage(out: string, manifest: MoveManifest, databaseFile: string, options: Pick<MoveExportOptions, 'passphrase' | 'kdf' | 'chunkBytes' | 'onProgress'>): Promise<number> {
  const header = newHeader(options.kdf, options.chunkBytes);
  const headerBytes = encodeHeader(header);
  const cipher = new ChunkCipher(await deriveKey(options.passphrase, header), header, headerBytes);
  const manifestJson = Buffer.from(JSON.stringify(manifest), 'utf8');
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(manifestJson.length);

  const part = `${out}.part`;
  const output = await fs.promises.open(part, 'w', 0o600);
  const input = await fs.promises.open(databaseFile, 'r');
  let written = 0;
  try {
    const write = async (b: Buffer) => {
      await output.write(b);
      written += b.length;
    };
    await write(headerBytes);
    const size = header.chunkBytes;
    let pending = Buffer.concat([prefix, manifestJson]);
    let index = 0;
    let read = 0;
    const total = manifest.databaseBytes;
    const chunk = Buffer.alloc(size);
    for (;;) {
      // A chunk is sealed as non-final only once more plaintext is known to follow it.
      while (pending.length > size) {
        await write(cipher.seal(index++, false, pending.subarray(0, size)));
        pending = pending.subarray(size);
      }
      const { bytesRead } = await input.read(chunk, 0, size, null);
      if (bytesRead === 0) break;
      read += bytesRead;
      options.onProgress?.(read, total);
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
    }
    if (read !== total) throw new Error(`the database copy changed while it was read (${read} of ${total} bytes)`);
    await write(cipher.seal(index, true, pending));
    await output.sync();
  } catch (e) {
    await output.close().catch(() => {});
    await input.close().catch(() => {});
    fs.rmSync(part, { force: true });
    throw e;
  }
  await output.close();
  await input.close();
  fs.renameSync(part, out);
  return written;
}
