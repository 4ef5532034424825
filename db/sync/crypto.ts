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

function keyFor(shared: Uint8Array, ephemeral: Uint8Array, recipient: Uint8Array, info: Uint8Array = INFO): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), info, 32));
}

/**
 * A package body is encrypted in frames with one key per file (a fresh ephemeral X25519 key
 * agreed with the recipient's key). Each frame is AES-256-GCM with the nonce `prefix ‖ index` and
 * the additional data `header ‖ index ‖ final`, so frames cannot be reordered, dropped or cut
 * short without failing (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár).
 */
export function streamKeyTo(recipient: Uint8Array, ephemeralSecret = x25519.utils.randomSecretKey()) {
  const ephemeral = x25519.getPublicKey(ephemeralSecret);
  return { ephemeral, key: keyFor(x25519.getSharedSecret(ephemeralSecret, recipient), ephemeral, recipient) };
}

export function streamKeyFrom(secretKey: Uint8Array, ephemeral: Uint8Array): Buffer {
  return keyFor(x25519.getSharedSecret(secretKey, ephemeral), ephemeral, x25519.getPublicKey(secretKey));
}

export const NONCE_PREFIX_BYTES = 8;
export const newNoncePrefix = () => randomBytes(NONCE_PREFIX_BYTES);

function frameParams(prefix: Uint8Array, index: number, final: boolean, header: Uint8Array) {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index);
  tail[4] = final ? 1 : 0;
  return { nonce: Buffer.concat([prefix, tail.subarray(0, 4)]), aad: Buffer.concat([header, tail]) };
}

export function sealFrame(key: Uint8Array, prefix: Uint8Array, index: number, final: boolean, header: Uint8Array, plaintext: Uint8Array): Buffer {
  const { nonce, aad } = frameParams(prefix, index, final, header);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The reverse of sealFrame; throws when anything was altered. */
export function openFrame(key: Uint8Array, prefix: Uint8Array, index: number, final: boolean, header: Uint8Array, sealed: Uint8Array): Buffer {
  if (sealed.length < 16) throw new Error('frame too short');
  const { nonce, aad } = frameParams(prefix, index, final, header);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

/**
 * Packages are signed over a SHA-512 digest of their bytes (with a domain label), so that a file
 * of any size is signed and checked while streaming it rather than holding it in memory.
 */
const SIGNED_DIGEST = Buffer.from('sme-ledger package v2 sha512\0', 'latin1');

export function signDigest(digest: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return sign(Buffer.concat([SIGNED_DIGEST, digest]), secretKey);
}

export function verifyDigest(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean {
  return verify(signature, Buffer.concat([SIGNED_DIGEST, digest]), publicKey);
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

// Parts sealed to one office ------------------------------------------------------------------------

/**
 * An office's encryption key is the X25519 form of its Ed25519 signing key (RFC 7748's birational
 * map, as libsodium's crypto_sign_ed25519_pk_to_curve25519 and age's SSH recipients do), so every
 * key card already enrolled at HQ carries it: no office re-enrols, a rotated key brings its own,
 * and a revoked one is no longer sealed to. Using one key pair for Ed25519 signatures and an
 * X25519 KEM is proven jointly secure (Thormarker, "On using the same key pair for Ed25519 and an
 * X25519 based KEM", 2021); the HKDF label below keeps this use apart from the change packages'.
 */
export function officeEncryptionKey(signingPublicKey: Uint8Array): Uint8Array {
  return ed25519.utils.toMontgomery(signingPublicKey);
}

export function officeDecryptionKey(signingSecretKey: Uint8Array): Uint8Array {
  return ed25519.utils.toMontgomerySecret(signingSecretKey);
}

const PART_INFO = Buffer.from('sme-ledger supervision part v1');

export interface SealedPart {
  ephemeralKey: string;
  nonce: string;
  data: string;
}

/**
 * Seals `plaintext` to one recipient's X25519 key: a fresh ephemeral key, HKDF-SHA256 with its own
 * label, AES-256-GCM with `aad` (which names the package and the recipient, so that a part moved
 * to another recipient or another package does not open).
 */
export function sealPart(recipient: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): SealedPart {
  const ephemeralSecret = x25519.utils.randomSecretKey();
  const ephemeral = x25519.getPublicKey(ephemeralSecret);
  const key = keyFor(x25519.getSharedSecret(ephemeralSecret, recipient), ephemeral, recipient, PART_INFO);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { ephemeralKey: b64(ephemeral), nonce: nonce.toString('base64'), data: data.toString('base64') };
}

/** The reverse of sealPart; throws when the part was altered, moved, or sealed to another key. */
export function openPart(secretKey: Uint8Array, aad: Uint8Array, part: SealedPart): Buffer {
  const ephemeral = unb64(part.ephemeralKey);
  const sealed = Buffer.from(part.data, 'base64');
  if (sealed.length < 16) throw new Error('part too short');
  const key = keyFor(x25519.getSharedSecret(secretKey, ephemeral), ephemeral, x25519.getPublicKey(secretKey), PART_INFO);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(part.nonce, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}
