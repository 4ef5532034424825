import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { UserError } from '../errors';
import { canonical, sha256, sign, verify } from './crypto';

/**
 * The .smesync file (docs/sync-format.md):
 *
 *   "SMESYNC" 0x01 | u32 header length | header (JSON) | u32 body length | body | Ed25519 signature (64)
 *
 * The signature covers every byte before it. The body is the gzip-compressed JSON payload,
 * encrypted to headquarters (changes) or in the clear (reference packages, which hold nothing
 * secret); the header is authenticated by the encryption too.
 */
export const MAGIC = Buffer.from('SMESYNC\x01', 'latin1');
export const FORMAT_VERSION = 1;
const MAX_HEADER = 64 * 1024;
export const MAX_PAYLOAD = 1024 * 1024 * 1024;

const b64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
export const headerSchema = z
  .object({
    format: z.number().int().positive(),
    kind: z.enum(['changes', 'reference']),
    app: z.string().max(40),
    schemaVersion: z.number().int().positive(),
    origin: z
      .object({
        installationId: z.string().uuid(),
        role: z.enum(['office', 'hq']),
        prefectureCode: z.string().regex(/^54\d{4}$/).nullable(),
        officeName: z.string().max(100),
      })
      .strict(),
    recipient: z.object({ installationId: z.string().uuid() }).strict().nullable(),
    sequence: z.number().int().min(1).max(1e9),
    range: z.object({ fromVersion: z.number().int().min(0), toVersion: z.number().int().min(0) }).strict(),
    full: z.boolean(),
    createdAt: z.string().max(40),
    counts: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.number().int().min(0).max(1e9)),
    payload: z.object({ encoding: z.literal('gzip+json'), size: z.number().int().min(0).max(MAX_PAYLOAD), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    encryption: z.object({ alg: z.literal('x25519-hkdf-sha256-aes-256-gcm'), ephemeralKey: b64Key, nonce: z.string().regex(/^[A-Za-z0-9+/]{16}$/) }).strict().nullable(),
  })
  .strict();
export type PackageHeader = z.infer<typeof headerSchema>;

export interface ParsedPackage {
  header: PackageHeader;
  headerBytes: Buffer;
  body: Buffer;
  signed: Buffer;
  signature: Buffer;
  sha256: string;
}

const notPackage = () => new UserError('package_invalid', 'This file is not an SME Ledger sync package.', '该文件不是台账同步包。');
const damaged = (why: string) => new UserError('package_damaged', `The package is damaged or incomplete (${why}); ask for the file again.`, `同步包已损坏或不完整（${why}），请重新获取文件。`);

/** Splits a file into its parts, checking every length before trusting it. No key is needed. */
export function parsePackage(file: Buffer): ParsedPackage {
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (file.length >= 7 && file.subarray(0, 7).equals(MAGIC.subarray(0, 7))) {
      throw new UserError('package_too_new', 'This package was made by a newer version of SME Ledger: update the app.', '该同步包由更新版本的台账程序生成，请升级程序。');
    }
    throw notPackage();
  }
  let at = MAGIC.length;
  if (file.length < at + 4) throw damaged('truncated');
  const headerLength = file.readUInt32BE(at);
  at += 4;
  if (headerLength === 0 || headerLength > MAX_HEADER) throw damaged('impossible header size');
  if (file.length < at + headerLength + 4 + 64) throw damaged('truncated');
  const headerBytes = file.subarray(at, at + headerLength);
  at += headerLength;
  const bodyLength = file.readUInt32BE(at);
  at += 4;
  if (file.length !== at + bodyLength + 64) throw damaged(file.length < at + bodyLength + 64 ? 'truncated' : 'extra bytes');
  const body = file.subarray(at, at + bodyLength);
  at += bodyLength;
  let raw: unknown;
  try {
    raw = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw damaged('unreadable header');
  }
  if (raw && typeof raw === 'object' && typeof (raw as { format?: unknown }).format === 'number' && (raw as { format: number }).format > FORMAT_VERSION) {
    throw new UserError('package_too_new', 'This package was made by a newer version of SME Ledger: update the app.', '该同步包由更新版本的台账程序生成，请升级程序。');
  }
  const header = headerSchema.safeParse(raw);
  if (!header.success) throw damaged('unexpected header');
  return { header: header.data, headerBytes, body, signed: file.subarray(0, at), signature: file.subarray(at), sha256: sha256(file).toString('hex') };
}

export function verifyPackage(p: ParsedPackage, publicKey: Uint8Array): boolean {
  return verify(p.signature, p.signed, publicKey);
}

export function buildPackage(header: PackageHeader, body: Buffer, secretKey: Uint8Array): Buffer {
  const headerBytes = Buffer.from(canonical(header), 'utf8');
  const len = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const signed = Buffer.concat([MAGIC, len(headerBytes.length), headerBytes, len(body.length), body]);
  return Buffer.concat([signed, Buffer.from(sign(signed, secretKey))]);
}

/** The header bytes as they will be written, for authenticating them in the encryption. */
export function headerBytesOf(header: PackageHeader): Buffer {
  return Buffer.from(canonical(header), 'utf8');
}

export function compress(json: string): { data: Buffer; size: number; sha256: string } {
  const raw = Buffer.from(json, 'utf8');
  return { data: gzipSync(raw, { level: 6 }), size: raw.length, sha256: sha256(raw).toString('hex') };
}

/** Decompresses no more than the header declared: a zip bomb stops at the declared size. */
export function decompress(data: Buffer, declared: number, digest: string): string {
  let raw: Buffer;
  try {
    raw = gunzipSync(data, { maxOutputLength: Math.max(declared, 1) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /larger than/i.test((e as Error).message)) throw damaged('payload larger than declared');
    throw damaged('payload does not decompress');
  }
  if (raw.length !== declared) throw damaged('payload size differs from the header');
  if (sha256(raw).toString('hex') !== digest) throw damaged('payload digest differs');
  return raw.toString('utf8');
}
