import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { PackageHeader, PackageLine } from '../../db/sync/format';
import { b64, canonical, newNoncePrefix, sealFrame, signDigest, streamKeyTo } from '../../db/sync/crypto';

/**
 * Writes a .smesync file from docs/sync-format.md, not through the export code: any header, any
 * lines (as values, as raw text, or as frames of raw text), signed by any Ed25519 key, encrypted
 * to any X25519 key or left in the clear. Attacks with real keys are built with it.
 */
export interface ForgeOptions {
  header: Omit<PackageHeader, 'encryption' | 'counts'> & { counts?: Record<string, number> };
  content: PackageLine[] | string | { frames: Buffer[] };
  signingKey: Uint8Array;
  /** HQ's X25519 public key for a change package; null for a reference package (frames in the clear). */
  encryptTo: Uint8Array | null;
  /** Rearranges the sealed frames (drop, reorder) after sealing and before signing. */
  arrange?: (sealed: Buffer[]) => Buffer[];
}

const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

export function forgePackage(o: ForgeOptions): Buffer {
  const counts: Record<string, number> = {};
  if (Array.isArray(o.content)) for (const [t] of o.content) counts[t] = (counts[t] ?? 0) + 1;
  const texts = Array.isArray(o.content) ? [Buffer.from(o.content.map((l) => `${JSON.stringify(l)}\n`).join(''))] : typeof o.content === 'string' ? [Buffer.from(o.content)] : o.content.frames;
  const stream = o.encryptTo ? streamKeyTo(o.encryptTo) : null;
  const prefix = newNoncePrefix();
  const header: PackageHeader = {
    ...o.header,
    counts: o.header.counts ?? counts,
    encryption: stream ? { alg: 'x25519-hkdf-sha256-aes-256-gcm-stream', ephemeralKey: b64(stream.ephemeral), noncePrefix: prefix.toString('base64') } : null,
  };
  const headerBytes = Buffer.from(canonical(header));
  const parts: Buffer[] = [Buffer.from('SMESYNC\x02', 'latin1'), u32(headerBytes.length), headerBytes];
  const framed = texts.map((t, i) => {
    const plain = gzipSync(t);
    return stream ? sealFrame(stream.key, prefix, i, i === texts.length - 1, headerBytes, plain) : plain;
  });
  for (const frame of (o.arrange ?? ((x) => x))(framed)) parts.push(u32(frame.length), frame);
  parts.push(u32(0));
  const signed = Buffer.concat(parts);
  return Buffer.concat([signed, Buffer.from(signDigest(createHash('sha512').update(signed).digest(), o.signingKey))]);
}
