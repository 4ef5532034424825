import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../errors';
import { b64, unb64 } from '../sync/crypto';
import type { OwnKeys } from '../sync/keystore';

/**
 * The migration package (迁移包, `.smemove`): a whole installation — database, private keys —
 * encrypted with a key derived from a passphrase, to move to a new laptop.
 *
 *   "SME-MOVE" | u32 BE header length | header JSON | chunk 0 | chunk 1 | … | final chunk
 *
 * The header names the key derivation (scrypt, its parameters and salt) and the chunk size. The
 * plaintext (u32 BE manifest length | manifest JSON | database bytes) is cut into chunks of
 * `chunkBytes`, each sealed with AES-256-GCM (ciphertext then 16-byte tag) as in the STREAM
 * construction: the nonce is a random 7-byte prefix, a 32-bit chunk counter and a final-chunk
 * byte; the associated data is the SHA-256 of the header bytes and the final-chunk byte. So a
 * reordered, dropped, repeated or altered chunk, a changed header and a file cut short are all
 * refused, and neither side ever holds the whole database in memory. Every non-final chunk holds
 * exactly `chunkBytes` of plaintext; the final one 0 to `chunkBytes`.
 */

export const MAGIC = Buffer.from('SME-MOVE', 'latin1');
export const FILE_EXTENSION = '.smemove';
export const TAG_BYTES = 16;
export const MIN_PASSPHRASE = 10;
const MAX_HEADER = 4096;

/** scrypt at 2^17 × 8: 128 MiB and about half a second per derivation, for a file that leaves the office. */
export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
export const DEFAULT_CHUNK = 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const headerSchema = z
  .object({
    format: z.literal(1),
    kind: z.literal('sme-ledger-move'),
    kdf: z
      .object({
        algorithm: z.literal('scrypt'),
        // Bounded both ways: weak files are refused, and a forged header cannot demand gigabytes.
        N: z.number().int().min(2 ** 14).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'a power of two'),
        r: z.number().int().min(1).max(32),
        p: z.number().int().min(1).max(16),
        salt: base64,
      })
      .strict(),
    cipher: z.literal('aes-256-gcm-stream'),
    chunkBytes: z.number().int().min(1024).max(16 * 1024 * 1024),
    noncePrefix: base64,
  })
  .strict();
export type MoveHeader = z.infer<typeof headerSchema>;

const pair = z.object({ secretKey: base64, publicKey: base64 }).strict();
export const manifestSchema = z
  .object({
    format: z.literal(1),
    installationId: z.string().uuid(),
    role: z.enum(['office', 'hq']),
    prefectureCode: z.string().nullable(),
    officeName: z.string(),
    schemaVersion: z.number().int().min(1),
    appVersion: z.string(),
    createdAt: z.string(),
    databaseBytes: z.number().int().min(0),
    keys: z
      .object({
        signing: pair,
        encryption: pair.nullable(),
        retired: z.array(z.object({ publicKey: base64, until: z.string() }).strict()),
      })
      .strict(),
    /** Files kept outside the database, by name, base64: sync-marks.json (db/move/carried.ts). */
    files: z.record(z.string(), base64),
  })
  .strict();
export type MoveManifest = z.infer<typeof manifestSchema>;

export function keysToJson(keys: OwnKeys): MoveManifest['keys'] {
  const p = (k: { secretKey: Uint8Array; publicKey: Uint8Array }) => ({ secretKey: b64(k.secretKey), publicKey: b64(k.publicKey) });
  return { signing: p(keys.signing), encryption: keys.encryption ? p(keys.encryption) : null, retired: keys.retired.map((r) => ({ publicKey: b64(r.publicKey), until: r.until })) };
}

export function keysFromJson(k: MoveManifest['keys']): OwnKeys {
  const p = (x: { secretKey: string; publicKey: string }) => ({ secretKey: unb64(x.secretKey), publicKey: unb64(x.publicKey) });
  return { signing: p(k.signing), encryption: k.encryption ? p(k.encryption) : null, retired: k.retired.map((r) => ({ publicKey: unb64(r.publicKey), until: r.until })) };
}

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE) {
    throw new UserError(
      'move_passphrase_short',
      `The passphrase must be at least ${MIN_PASSPHRASE} characters long.`,
      `口令至少需要 ${MIN_PASSPHRASE} 个字符。`,
      { passphrase: { en: `At least ${MIN_PASSPHRASE} characters`, zh: `至少 ${MIN_PASSPHRASE} 个字符` } },
    );
  }
}

export function newHeader(kdf: { N: number; r: number; p: number } = DEFAULT_KDF, chunkBytes = DEFAULT_CHUNK): MoveHeader {
  return {
    format: 1,
    kind: 'sme-ledger-move',
    kdf: { algorithm: 'scrypt', ...kdf, salt: randomBytes(16).toString('base64') },
    cipher: 'aes-256-gcm-stream',
    chunkBytes,
    noncePrefix: randomBytes(7).toString('base64'),
  };
}

export function encodeHeader(header: MoveHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, len, json]);
}

export const notAMoveFile = (why: string) =>
  new UserError('move_not_a_package', `This is not an SME Ledger migration package (${why}).`, `该文件不是台账迁移包（${why}）。`);

/** Reads the header from the first bytes of a file; `prefix` must hold at least MAGIC + 4 + MAX_HEADER bytes or the whole file. */
export function decodeHeader(prefix: Buffer): { header: MoveHeader; headerBytes: Buffer } {
  if (prefix.length < MAGIC.length + 4 || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw notAMoveFile('unknown file type');
  const len = prefix.readUInt32BE(MAGIC.length);
  if (len === 0 || len > MAX_HEADER || prefix.length < MAGIC.length + 4 + len) throw notAMoveFile('damaged header');
  const headerBytes = prefix.subarray(0, MAGIC.length + 4 + len);
  let json: unknown;
  try {
    json = JSON.parse(headerBytes.subarray(MAGIC.length + 4).toString('utf8'));
  } catch {
    throw notAMoveFile('damaged header');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    const format = (json as { format?: unknown } | null)?.format;
    if (typeof format === 'number' && format > 1) {
      throw new UserError('move_newer', 'This migration package was made by a newer SME Ledger; install that version first.', '该迁移包由更新版本的台账程序生成，请先安装新版本。');
    }
    throw notAMoveFile('damaged header');
  }
  if (Buffer.from(parsed.data.noncePrefix, 'base64').length !== 7 || Buffer.from(parsed.data.kdf.salt, 'base64').length < 16) throw notAMoveFile('damaged header');
  return { header: parsed.data, headerBytes: Buffer.from(headerBytes) };
}

export const HEADER_PREFIX_BYTES = MAGIC.length + 4 + MAX_HEADER;

/** The 256-bit file key from the passphrase (NFC, so the same words typed on another system match). */
export function deriveKey(passphrase: string, header: MoveHeader): Promise<Buffer> {
  const { N, r, p, salt } = header.kdf;
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32, { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/** Seals and opens the chunks of one file. */
export class ChunkCipher {
  private readonly prefix: Buffer;
  private readonly digest: Buffer;
  constructor(
    private readonly key: Buffer,
    header: MoveHeader,
    headerBytes: Buffer,
  ) {
    this.prefix = Buffer.from(header.noncePrefix, 'base64');
    this.digest = createHash('sha256').update(headerBytes).digest();
  }

  private nonce(index: number, final: boolean): Buffer {
    if (index > 0xffffffff) throw new Error('too many chunks');
    const n = Buffer.alloc(12);
    this.prefix.copy(n, 0);
    n.writeUInt32BE(index, 7);
    n[11] = final ? 1 : 0;
    return n;
  }

  private aad(final: boolean): Buffer {
    return Buffer.concat([this.digest, Buffer.from([final ? 1 : 0])]);
  }

  seal(index: number, final: boolean, plain: Buffer): Buffer {
    const c = createCipheriv('aes-256-gcm', this.key, this.nonce(index, final));
    c.setAAD(this.aad(final));
    return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  }

  /** The plaintext, or null when the chunk is not the one sealed at this place with this key. */
  open(index: number, final: boolean, sealed: Buffer): Buffer | null {
    if (sealed.length < TAG_BYTES) return null;
    const d = createDecipheriv('aes-256-gcm', this.key, this.nonce(index, final));
    d.setAAD(this.aad(final));
    d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
    } catch {
      return null;
    }
  }
}
