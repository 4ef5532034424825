import { createHash, type Hash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { UserError } from '../errors';
import { canonical, openFrame, sealFrame, signDigest, unb64, verifyDigest } from './crypto';
import type { ByteSource } from './source';

/**
 * The .smesync file, format 2 (docs/sync-format.md):
 *
 *   "SMESYNC" 0x02 | u32 H | header (H bytes of JSON) | frames… | u32 0 | Ed25519 signature (64)
 *   frame = u32 L | L bytes: gzip of JSON lines, AES-256-GCM-sealed to HQ for change packages
 *
 * Everything is written and read one frame at a time, so a package of any size needs memory for
 * one frame only. The signature covers a SHA-512 digest of every byte before it.
 */
export const MAGIC = Buffer.from('SMESYNC\x02', 'latin1');
export const FORMAT_VERSION = 2;
const MAX_HEADER = 64 * 1024;
/** Lines are gathered up to this many bytes before a frame is compressed and sealed. */
const FRAME_TARGET = 1024 * 1024;
/** Bounds a reader holds a frame to, whatever its length field says. */
const MAX_FRAME = 16 * 1024 * 1024;
const MAX_FRAME_PLAIN = 64 * 1024 * 1024;
const SIGNATURE = 64;

const b64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
export const headerSchema = z
  .object({
    format: z.literal(FORMAT_VERSION),
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
    payload: z.object({ encoding: z.literal('json-lines/gzip/frames') }).strict(),
    encryption: z.object({ alg: z.literal('x25519-hkdf-sha256-aes-256-gcm-stream'), ephemeralKey: b64Key, noncePrefix: z.string().regex(/^[A-Za-z0-9+/]{11}=$/) }).strict().nullable(),
  })
  .strict();
export type PackageHeader = z.infer<typeof headerSchema>;

/** One line of a package body: a section (a table name, or a part of a reference package) and its value. */
export type PackageLine = [section: string, value: unknown];

export interface FrameKey {
  key: Uint8Array;
  prefix: Uint8Array;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

// Writing ------------------------------------------------------------------------------------------

/**
 * Writes a package through `write` as lines are added: header first, then a frame each time
 * about a megabyte of lines has gathered, then the end mark and the signature.
 */
export class PackageWriter {
  private readonly headerBytes: Buffer;
  private readonly signed = createHash('sha512');
  private readonly whole = createHash('sha256');
  private pending: string[] = [];
  private pendingBytes = 0;
  private frames = 0;
  private written = 0;

  constructor(
    header: PackageHeader,
    private readonly secretKey: Uint8Array,
    private readonly write: (chunk: Buffer) => void,
    private readonly seal: FrameKey | null,
  ) {
    this.headerBytes = Buffer.from(canonical(header), 'utf8');
    this.emit(MAGIC, true);
    this.emit(u32(this.headerBytes.length), true);
    this.emit(this.headerBytes, true);
  }

  line(section: string, value: unknown): void {
    const text = JSON.stringify([section, value]);
    this.pending.push(text);
    this.pendingBytes += text.length + 1;
    if (this.pendingBytes >= FRAME_TARGET) this.flush(false);
  }

  /** Ends the package; returns its size and SHA-256 (the digest the import ledger keys files by). */
  finish(): { bytes: number; sha256: string } {
    this.flush(true);
    this.emit(u32(0), true);
    this.emit(Buffer.from(signDigest(this.signed.digest(), this.secretKey)), false);
    return { bytes: this.written, sha256: this.whole.digest('hex') };
  }

  private flush(final: boolean): void {
    const plain = gzipSync(Buffer.from(this.pending.length ? `${this.pending.join('\n')}\n` : '', 'utf8'), { level: 6 });
    const body = this.seal ? sealFrame(this.seal.key, this.seal.prefix, this.frames, final, this.headerBytes, plain) : plain;
    this.emit(u32(body.length), true);
    this.emit(body, true);
    this.frames++;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private emit(chunk: Buffer, signed: boolean): void {
    if (signed) this.signed.update(chunk);
    this.whole.update(chunk);
    this.written += chunk.length;
    this.write(chunk);
  }
}

// Reading ------------------------------------------------------------------------------------------

export interface OpenedPackage {
  header: PackageHeader;
  headerBytes: Buffer;
  /** SHA-256 of the whole file. */
  sha256: string;
  /** SHA-512 of everything before the signature, as signed. */
  signedDigest: Buffer;
  signature: Buffer;
  source: ByteSource;
}

const notPackage = () => new UserError('package_invalid', 'This file is not an SME Ledger sync package.', '该文件不是台账同步包。');
export const damaged = (why: string) => new UserError('package_damaged', `The package is damaged or incomplete (${why}); ask for the file again.`, `同步包已损坏或不完整（${why}），请重新获取文件。`);
const tooNew = () => new UserError('package_too_new', 'This package was made by a newer version of SME Ledger: update the app.', '该同步包由更新版本的台账程序生成，请升级程序。');
const tooOld = () => new UserError('package_too_old', 'This package was made by an earlier test version of SME Ledger whose format is no longer read; export it again with the current version.', '该同步包由早期测试版本生成，格式已不再支持，请用当前版本重新导出。');

/** How much of the file the first pass holds at a time. */
const WINDOW = 1024 * 1024;

/**
 * The first pass over a file: reads it once, front to back, a window at a time, hashing every
 * window as it is loaded (SHA-512 of the signed part, SHA-256 of the whole), and hands out the
 * bytes at increasing positions. Memory stays at one window whatever the file holds.
 */
class OnePass {
  private window: Buffer = Buffer.alloc(0);
  private windowAt = 0;
  private loadedTo = 0;
  readonly signed = createHash('sha512');
  readonly whole = createHash('sha256');

  constructor(
    private readonly src: ByteSource,
    private readonly signedEnd: number,
  ) {}

  /** Loads (and hashes) windows until `to` is covered. */
  private advance(to: number): void {
    while (this.loadedTo < Math.min(to, this.src.size)) {
      const chunk = this.src.read(this.loadedTo, Math.min(WINDOW, this.src.size - this.loadedTo));
      if (chunk.length === 0) throw damaged('truncated');
      const signedPart = Math.max(0, Math.min(chunk.length, this.signedEnd - this.loadedTo));
      if (signedPart > 0) this.signed.update(chunk.subarray(0, signedPart));
      this.whole.update(chunk);
      this.window = chunk;
      this.windowAt = this.loadedTo;
      this.loadedTo += chunk.length;
    }
  }

  /** `n` bytes at `at` (never before the current window), at most a window and a bit. */
  bytes(at: number, n: number): Buffer {
    if (at + n > this.src.size) throw damaged('truncated');
    this.advance(at + n);
    if (at >= this.windowAt) return this.window.subarray(at - this.windowAt, at - this.windowAt + n);
    // Straddles two windows: the few bytes before this one are read again.
    return Buffer.concat([this.src.read(at, this.windowAt - at), this.window.subarray(0, at + n - this.windowAt)]);
  }

  /** The big-endian u32 at `at`, read in place when the window holds it (no buffer per frame). */
  u32(at: number): number {
    const i = at - this.windowAt;
    if (i >= 0 && i + 4 <= this.window.length) return this.window.readUInt32BE(i);
    return this.bytes(at, 4).readUInt32BE(0);
  }

  /** Hashes the rest of the file. */
  finish(): void {
    this.advance(this.src.size);
  }
}

/**
 * Walks the frame chain once: every length is checked before it is trusted, the chain must end
 * with the end mark exactly before the signature, and a file cannot hold more frames than the
 * records its header declares (each frame carries at least one line; the last may be empty), so
 * a file of millions of tiny frames is refused as soon as it shows more. Nothing is kept per frame.
 */
function walkFrames(pass: OnePass, src: ByteSource, start: number, maxFrames: number): void {
  const end = src.size - SIGNATURE - 4;
  let at = start;
  let frames = 0;
  for (;;) {
    if (at > end) throw damaged('truncated');
    const length = pass.u32(at);
    if (length === 0) {
      if (at !== end) throw damaged('extra bytes');
      return;
    }
    if (length > MAX_FRAME) throw damaged('impossible frame size');
    if (++frames > maxFrames) throw damaged('more frames than records');
    at += 4 + length;
  }
}

/** Frames a package with these counts may hold: one line per record, the acknowledgements' line, an empty last frame. */
const framesAllowed = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0) + 2;

/**
 * First pass, no key needed: checks every length before trusting it, reads the header and hashes
 * the file (for the signature and the import ledger), reading it once. Memory stays at one window.
 */
export function openPackage(src: ByteSource): OpenedPackage {
  if (src.size < MAGIC.length || !src.read(0, MAGIC.length).equals(MAGIC)) {
    const head = src.read(0, Math.min(src.size, MAGIC.length));
    if (head.length === MAGIC.length && head.subarray(0, 7).equals(MAGIC.subarray(0, 7))) throw head[7]! < MAGIC[7]! ? tooOld() : tooNew();
    throw notPackage();
  }
  let at = MAGIC.length;
  if (src.size < at + 4) throw damaged('truncated');
  const headerLength = src.read(at, 4).readUInt32BE(0);
  at += 4;
  if (headerLength === 0 || headerLength > MAX_HEADER) throw damaged('impossible header size');
  if (src.size < at + headerLength + 4 + 4 + SIGNATURE) throw damaged('truncated');
  const headerBytes = Buffer.from(src.read(at, headerLength));
  at += headerLength;
  let raw: unknown;
  try {
    raw = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw damaged('unreadable header');
  }
  if (raw && typeof raw === 'object' && typeof (raw as { format?: unknown }).format === 'number' && (raw as { format: number }).format > FORMAT_VERSION) throw tooNew();
  const header = headerSchema.safeParse(raw);
  if (!header.success) throw damaged('unexpected header');
  if (header.data.kind === 'changes' && !header.data.encryption) throw new UserError('package_invalid', 'A change package must be encrypted.', '数据同步包必须加密。');
  const signedLength = src.size - SIGNATURE;
  const pass = new OnePass(src, signedLength);
  walkFrames(pass, src, at, framesAllowed(header.data.counts));
  pass.finish();
  const signature = Buffer.from(src.read(signedLength, SIGNATURE));
  return { header: header.data, headerBytes, sha256: pass.whole.digest('hex'), signedDigest: pass.signed.digest(), signature, source: src };
}

function hashRange(src: ByteSource, from: number, to: number, hashes: Hash[]): void {
  const step = 4 * 1024 * 1024;
  for (let at = from; at < to; at += step) {
    const chunk = src.read(at, Math.min(step, to - at));
    for (const h of hashes) h.update(chunk);
  }
}

export function verifyPackage(p: OpenedPackage, publicKey: Uint8Array): boolean {
  return verifyDigest(p.signature, p.signedDigest, publicKey);
}

/** The frame key of an encrypted package, from the recipient's X25519 secret. */
export function frameKeyFor(p: OpenedPackage, streamKey: (ephemeral: Uint8Array) => Uint8Array): FrameKey | null {
  const e = p.header.encryption;
  return e ? { key: streamKey(unb64(e.ephemeralKey)), prefix: unb64(e.noncePrefix) } : null;
}

/**
 * Second pass: the body's lines, one frame in memory at a time. The bytes are hashed again as
 * they are read and must match what the signature was checked against; otherwise the file
 * changed under us (a USB stick swapped mid-import) and the caller's transaction must not commit.
 */
export function* packageLines(p: OpenedPackage, key: FrameKey | null): Generator<PackageLine> {
  const src = p.source;
  const again = createHash('sha512');
  const start = MAGIC.length + 4 + p.headerBytes.length;
  hashRange(src, 0, start, [again]);
  const end = src.size - SIGNATURE - 4;
  let frames = 0;
  const maxFrames = framesAllowed(p.header.counts);
  // The chain is walked again as the frames are read (the file may have changed since the first
  // pass, which the digest below then reports); only the current frame is held.
  for (let at = start, i = 0; ; i++) {
    if (at > end) throw damaged('the file changed while it was read');
    const lengthBytes = src.read(at, 4);
    const length = lengthBytes.readUInt32BE(0);
    if (length === 0) break;
    if (length > MAX_FRAME || ++frames > maxFrames) throw damaged('the file changed while it was read');
    const body = src.read(at + 4, length);
    again.update(lengthBytes).update(body);
    at += 4 + length;
    const final = at <= end && src.read(at, 4).readUInt32BE(0) === 0;
    let plain: Buffer;
    try {
      plain = key ? openFrame(key.key, key.prefix, i, final, p.headerBytes, body) : body;
    } catch {
      throw new UserError('cannot_decrypt', 'The package cannot be decrypted with this headquarters key.', '无法用本机总部密钥解密该同步包。');
    }
    let text: string;
    try {
      text = gunzipSync(plain, { maxOutputLength: MAX_FRAME_PLAIN }).toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /larger than/i.test((e as Error).message)) throw damaged('frame larger than allowed');
      throw damaged('payload does not decompress');
    }
    if (text.length > 0 && !text.endsWith('\n')) throw damaged('frame ends mid-line');
    let from = 0;
    while (from < text.length) {
      const nl = text.indexOf('\n', from);
      const line = text.slice(from, nl);
      from = nl + 1;
      yield parseLine(line);
    }
  }
  again.update(src.read(src.size - SIGNATURE - 4, 4));
  if (!again.digest().equals(p.signedDigest)) throw damaged('the file changed while it was read');
}

function parseLine(line: string): PackageLine {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new UserError('package_damaged', 'The package content is unreadable.', '同步包内容无法读取。');
  }
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string') throw new UserError('package_invalid', 'The package content has an unexpected shape.', '同步包内容格式不符。');
  return [v[0], v[1]];
}
