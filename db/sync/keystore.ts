import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../errors';
import { b64, newEncryptionPair, newSigningPair, unb64, type SigningPair } from './crypto';

export const KEYS_FILE = 'keys.json';

/** This installation's private keys: never in the database, never in a package. */
export interface OwnKeys {
  signing: SigningPair;
  /** Headquarters only: what offices encrypt their packages to. */
  encryption: SigningPair | null;
  /** Signing keys this installation used before rotating, newest last. */
  retired: { publicKey: Uint8Array; until: string }[];
}

const pairJson = z.object({ secretKey: z.string(), publicKey: z.string() }).strict();
const fileJson = z
  .object({
    format: z.literal(1),
    signing: pairJson,
    encryption: pairJson.nullable(),
    retired: z.array(z.object({ publicKey: z.string(), until: z.string() }).strict()),
  })
  .strict();
const wrappedJson = z.object({ format: z.literal(1), wrapped: z.literal(true), nonce: z.string(), data: z.string() }).strict();

/**
 * Keeps the private keys in keys.json beside the database, readable by the user only. In Electron
 * the file is additionally encrypted with a key that the OS keystore (safeStorage) protects: the
 * main process hands that wrapping key to the data worker; elsewhere `wrapKey` is absent.
 */
export class KeyStore {
  private readonly file: string;
  constructor(
    readonly dataDir: string,
    private readonly wrapKey?: Buffer,
  ) {
    this.file = path.join(dataDir, KEYS_FILE);
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  create(withEncryption: boolean): OwnKeys {
    const keys: OwnKeys = { signing: newSigningPair(), encryption: withEncryption ? newEncryptionPair() : null, retired: [] };
    this.save(keys);
    return keys;
  }

  load(): OwnKeys {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (e) {
      throw new UserError('keys_missing', `This installation's keys cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}). Restore them from a backup.`, '无法读取本机密钥，请从备份恢复。');
    }
    const wrapped = wrappedJson.safeParse(raw);
    if (wrapped.success) {
      if (!this.wrapKey) throw new UserError('keys_locked', 'The keys are protected by the desktop app’s keystore; open them in the desktop app.', '密钥受桌面程序的系统密钥库保护，请在桌面程序中使用。');
      const d = createDecipheriv('aes-256-gcm', this.wrapKey, Buffer.from(wrapped.data.nonce, 'base64'));
      const data = Buffer.from(wrapped.data.data, 'base64');
      d.setAuthTag(data.subarray(data.length - 16));
      raw = JSON.parse(Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8'));
    }
    const f = fileJson.parse(raw);
    const pair = (p: z.infer<typeof pairJson>) => ({ secretKey: unb64(p.secretKey), publicKey: unb64(p.publicKey) });
    return { signing: pair(f.signing), encryption: f.encryption ? pair(f.encryption) : null, retired: f.retired.map((r) => ({ publicKey: unb64(r.publicKey), until: r.until })) };
  }

  save(keys: OwnKeys): void {
    const pair = (p: SigningPair) => ({ secretKey: b64(p.secretKey), publicKey: b64(p.publicKey) });
    let json = JSON.stringify({ format: 1, signing: pair(keys.signing), encryption: keys.encryption ? pair(keys.encryption) : null, retired: keys.retired.map((r) => ({ publicKey: b64(r.publicKey), until: r.until })) });
    if (this.wrapKey) {
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', this.wrapKey, nonce);
      const data = Buffer.concat([c.update(json, 'utf8'), c.final(), c.getAuthTag()]);
      json = JSON.stringify({ format: 1, wrapped: true, nonce: nonce.toString('base64'), data: data.toString('base64') });
    }
    // Written beside and renamed over, so a crash never leaves half a key file.
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, json, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    fs.chmodSync(this.file, 0o600);
  }
}
