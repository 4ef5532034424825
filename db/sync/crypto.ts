import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';

/**
 * The cryptography of sync, in one place. Ed25519 and X25519 come from @noble/curves (audited,
 * pure JS, the same in Node and in Electron, whose BoringSSL lacks reliable X25519 key objects);
 * AES-256-GCM, HKDF and SHA-256 from node:crypto, which BoringSSL has.
 */
export const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
export const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

export interface SigningPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function newSigningPair(): SigningPair {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function newEncryptionPair(): SigningPair {
  const secretKey = x25519.utils.randomSecretKey();
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

export function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed25519.sign(message, secretKey);
}

export function verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return signature.length === 64 && publicKey.length === 32 && ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

/**
 * A fingerprint two people can compare over the phone: 20 digits in five groups, from SHA-256 of
 * the public key (66 bits; a forged key matching it would take 2^66 tries).
 */
export function fingerprint(publicKey: Uint8Array): string {
  const h = sha256(publicKey);
  let n = 0n;
  for (const byte of h.subarray(0, 9)) n = (n << 8n) | BigInt(byte);
  const digits = (n % 10n ** 20n).toString().padStart(20, '0');
  return digits.match(/.{4}/g)!.join(' ');
}

const INFO = Buffer.from('sme-ledger sync v1');

function keyFor(shared: Uint8Array, ephemeral: Uint8Array, recipient: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

/** Encrypts to a recipient's X25519 key with a fresh key per message; `aad` is authenticated too. */
export function sealTo(recipient: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, ephemeralSecret = x25519.utils.randomSecretKey(), nonce = randomBytes(12)) {
  const ephemeral = x25519.getPublicKey(ephemeralSecret);
  const key = keyFor(x25519.getSharedSecret(ephemeralSecret, recipient), ephemeral, recipient);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { ephemeral, nonce: new Uint8Array(nonce), ciphertext };
}

/** The reverse of sealTo; throws when anything was altered. */
export function openFrom(secretKey: Uint8Array, ephemeral: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array): Buffer {
  const recipient = x25519.getPublicKey(secretKey);
  const key = keyFor(x25519.getSharedSecret(secretKey, ephemeral), ephemeral, recipient);
  if (ciphertext.length < 16) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
}

/** JSON with sorted keys, so that the same content always gives the same bytes. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}
