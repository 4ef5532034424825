import fs from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../errors';
import { openDatabase } from '../open';
import { getInstallation } from '../installation';
import type { OwnKeys } from '../sync/keystore';
import { ChunkCipher, HEADER_PREFIX_BYTES, TAG_BYTES, decodeHeader, deriveKey, keysFromJson, manifestSchema, notAMoveFile, type MoveManifest } from './format';
import { unreadableFile } from '../file-errors';

const wrongPassphrase = () =>
  new UserError('move_wrong_passphrase', 'Wrong passphrase, or the file is damaged.', '口令不正确或文件已损坏。', {
    passphrase: { en: 'Wrong passphrase, or the file is damaged', zh: '口令不正确或文件已损坏' },
  });
const damaged = (where: string) =>
  new UserError('move_damaged', `The migration package is damaged (${where}); copy it again from the old computer.`, `迁移包已损坏（${where}），请从旧电脑重新复制。`);
const truncated = () =>
  new UserError('move_truncated', 'The migration package is incomplete (cut short while copying); copy it again from the old computer.', '迁移包不完整（复制时被截断），请从旧电脑重新复制。');

export interface MoveRead {
  manifest: Omit<MoveManifest, 'keys'>;
  keys: OwnKeys;
}

/**
 * Decrypts a migration package, writing the database to `databaseOut` as each chunk is
 * authenticated. Only a package that decrypts to its final chunk returns; on any failure the
 * output file is removed.
 */
export async function readMovePackage(file: string, passphrase: string, databaseOut: string, onProgress?: (done: number, total: number) => void): Promise<MoveRead> {
  let input: fs.promises.FileHandle;
  try {
    input = await fs.promises.open(file, 'r');
  } catch (e) {
    throw unreadableFile(file, e);
  }
  let output: fs.promises.FileHandle | null = null;
  try {
    const size = (await input.stat()).size;
    const head = Buffer.alloc(Math.min(size, HEADER_PREFIX_BYTES));
    await input.read(head, 0, head.length, 0);
    const { header, headerBytes } = decodeHeader(head);
    const cipher = new ChunkCipher(await deriveKey(passphrase, header), header, headerBytes);
    if (size - headerBytes.length < TAG_BYTES) throw truncated();

    output = await fs.promises.open(databaseOut, 'w', 0o600);
    const sealedSize = header.chunkBytes + TAG_BYTES;
    const buf = Buffer.alloc(sealedSize);
    let pos = headerBytes.length;
    let index = 0;
    let manifestFrame: Buffer | null = Buffer.alloc(0);
    let manifest: MoveManifest | null = null;
    let databaseBytes = 0;
    for (;;) {
      const remaining = size - pos;
      const final = remaining <= sealedSize;
      const length = final ? remaining : sealedSize;
      const { bytesRead } = await input.read(buf, 0, length, pos);
      if (bytesRead !== length) throw truncated();
      const sealed = buf.subarray(0, length);
      const plain = cipher.open(index, final, sealed);
      if (!plain) {
        // Told apart only to say something useful: a last chunk that opens as a middle one means the file was cut.
        if (final && cipher.open(index, false, sealed)) throw truncated();
        throw index === 0 ? wrongPassphrase() : damaged(`part ${index + 1}`);
      }
      pos += length;
      index++;

      let data = plain;
      if (manifestFrame) {
        // The manifest comes first: u32 length, then JSON; what follows is the database.
        manifestFrame = Buffer.concat([manifestFrame, data]);
        if (manifestFrame.length >= 4 && manifestFrame.length >= 4 + manifestFrame.readUInt32BE(0)) {
          const len = manifestFrame.readUInt32BE(0);
          manifest = parseManifest(manifestFrame.subarray(4, 4 + len));
          data = manifestFrame.subarray(4 + len);
          manifestFrame = null;
        } else if (final) throw damaged('manifest');
        else continue;
      }
      if (data.length) {
        await output.write(data);
        databaseBytes += data.length;
      }
      onProgress?.(pos, size);
      if (final) break;
    }
    if (!manifest || databaseBytes !== manifest.databaseBytes) throw damaged('database length');
    await output.sync();
    await output.close();
    output = null;
    const { keys, ...rest } = manifest;
    return { manifest: rest, keys: keysFromJson(keys) };
  } catch (e) {
    await output?.close().catch(() => {});
    fs.rmSync(databaseOut, { force: true });
    throw e;
  } finally {
    await input.close();
  }
}

function parseManifest(bytes: Buffer): MoveManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw notAMoveFile('unreadable manifest');
  }
  const m = manifestSchema.safeParse(json);
  if (!m.success) throw notAMoveFile('unknown manifest');
  return m.data;
}

/**
 * Checks a decrypted database before it replaces anything: SQLite's integrity check, an SME
 * Ledger installation, the one the manifest names, not newer than this code; then brings it to
 * the current schema (the migrations refuse a newer one), so that opening it after the swap
 * changes nothing.
 */
export function checkMovedDatabase(file: string, manifest: Pick<MoveManifest, 'installationId'>, nativeBinding?: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw damaged(`integrity check: ${String(ok)}`);
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'installation'").get()) throw notAMoveFile('no ledger database inside');
    const inst = getInstallation(db);
    if (!inst || inst.id !== manifest.installationId) throw damaged('installation does not match');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw damaged((e as Error).message);
  } finally {
    db?.close();
  }
  openDatabase(file, { nativeBinding }).close();
}
