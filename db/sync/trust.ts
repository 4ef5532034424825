import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { UserError } from '../errors';
import { nowIso } from '../clock';
import { requireInstallation, type Installation } from '../installation';
import { sql } from '../statements';
import { b64, canonical, fingerprint, sign, unb64, verify } from './crypto';
import type { KeyStore } from './keystore';
import { nextExportSequence } from './marks';

/**
 * Key cards carry an installation's identity and public keys, self-signed. An office's card is
 * enrolled at HQ once its fingerprint is confirmed by phone; HQ's card is trusted by each office.
 * A rotated key's card is also signed by the key it replaces.
 */
export const CARD_TYPE = 'sme-ledger-key-card';

const b64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a 32-byte key');
const cardBody = z
  .object({
    type: z.literal(CARD_TYPE),
    version: z.literal(1),
    installationId: z.string().uuid(),
    role: z.enum(['office', 'hq']),
    prefectureCode: z.string().regex(/^54\d{4}$/).nullable(),
    officeName: z.string().min(1).max(100),
    signingKey: b64Key,
    encryptionKey: b64Key.nullable(),
    createdAt: z.string().max(40),
    /** Set on a rotated key: the first package sequence it signs, and the old key's endorsement. */
    rotation: z
      .object({
        previousKey: b64Key,
        validFromSequence: z.number().int().min(0),
        endorsement: z.string().max(100),
        /** The packages the previous key signed that HQ may not have received yet: all it may still deliver. */
        packages: z.array(z.object({ sequence: z.number().int().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict()).max(1000).optional(),
      })
      .strict()
      .nullable(),
  })
  .strict();
const cardFile = z.object({ card: cardBody, signature: z.string().max(100) }).strict();
export type KeyCard = z.infer<typeof cardBody>;

function cardBodyFor(inst: Installation, signingKey: Uint8Array, encryptionKey: Uint8Array | null, rotation: KeyCard['rotation']): KeyCard {
  return {
    type: CARD_TYPE,
    version: 1,
    installationId: inst.id,
    role: inst.role,
    prefectureCode: inst.prefectureCode,
    officeName: inst.officeName,
    signingKey: b64(signingKey),
    encryptionKey: encryptionKey ? b64(encryptionKey) : null,
    createdAt: nowIso(),
    rotation,
  };
}

export function makeCard(inst: Installation, keys: ReturnType<KeyStore['load']>, rotation: KeyCard['rotation'] = null): string {
  const card = cardBodyFor(inst, keys.signing.publicKey, keys.encryption?.publicKey ?? null, rotation);
  const signature = b64(sign(Buffer.from(canonical(card)), keys.signing.secretKey));
  return JSON.stringify({ card, signature }, null, 2);
}

export interface CardInfo {
  card: KeyCard;
  fingerprint: string;
}

/** Reads a card file and checks its self-signature; says what is wrong in one sentence. */
export function readCard(text: string): CardInfo {
  let parsed: z.infer<typeof cardFile>;
  try {
    parsed = cardFile.parse(JSON.parse(text));
  } catch {
    throw new UserError('card_invalid', 'This file is not an SME Ledger key card.', '该文件不是台账密钥卡。');
  }
  const { card, signature } = parsed;
  if (!verify(unb64(signature), Buffer.from(canonical(card)), unb64(card.signingKey))) {
    throw new UserError('card_bad_signature', 'The key card’s signature does not match its contents: it was altered.', '密钥卡的签名与内容不符：文件已被改动。');
  }
  if ((card.role === 'office') !== (card.prefectureCode !== null) || (card.role === 'hq') !== (card.encryptionKey !== null)) {
    throw new UserError('card_invalid', 'This key card is inconsistent.', '密钥卡内容不一致。');
  }
  if (card.rotation) {
    const body = { ...card, rotation: { ...card.rotation, endorsement: '' } };
    if (!verify(unb64(card.rotation.endorsement), Buffer.from(canonical(body)), unb64(card.rotation.previousKey))) {
      throw new UserError('card_bad_rotation', 'The new key is not endorsed by the key it replaces.', '新密钥未经原密钥签署认可。');
    }
  }
  return { card, fingerprint: fingerprint(unb64(card.signingKey)) };
}

export interface TrustedInstallation {
  installationId: string;
  role: 'office' | 'hq';
  prefectureCode: string | null;
  officeName: string;
  encryptionKey: string | null;
  enrolledAt: string;
  revokedAt: string | null;
  revokedAfterSequence: number | null;
  keys: { signingKey: string; fingerprint: string; validFromSequence: number }[];
}

export function listTrusted(db: Database): TrustedInstallation[] {
  const rows = sql(db, 'SELECT * FROM trusted_installations ORDER BY prefecture_code, office_name').all() as Record<string, unknown>[];
  return rows.map((r) => ({
    installationId: r.installation_id as string,
    role: r.role as 'office' | 'hq',
    prefectureCode: r.prefecture_code as string | null,
    officeName: r.office_name as string,
    encryptionKey: r.encryption_key as string | null,
    enrolledAt: r.enrolled_at as string,
    revokedAt: r.revoked_at as string | null,
    revokedAfterSequence: r.revoked_after_sequence as number | null,
    keys: (sql(db, 'SELECT signing_key, fingerprint, valid_from_sequence FROM trusted_keys WHERE installation_id = ? ORDER BY valid_from_sequence').all(r.installation_id) as Record<string, unknown>[]).map((k) => ({
      signingKey: k.signing_key as string,
      fingerprint: k.fingerprint as string,
      validFromSequence: k.valid_from_sequence as number,
    })),
  }));
}

export function getTrusted(db: Database, installationId: string): TrustedInstallation | null {
  return listTrusted(db).find((t) => t.installationId === installationId) ?? null;
}

function insertKey(db: Database, installationId: string, card: KeyCard, validFrom: number) {
  sql(db, 'INSERT OR IGNORE INTO trusted_keys (installation_id, signing_key, fingerprint, valid_from_sequence, added_at) VALUES (?, ?, ?, ?, ?)').run(
    installationId,
    card.signingKey,
    fingerprint(unb64(card.signingKey)),
    validFrom,
    nowIso(),
  );
}

/**
 * HQ enrols an office's card (first card, or a rotation endorsed by a key HQ already trusts);
 * an office trusts HQ's card. `confirmedFingerprint` must be what the user read out.
 */
export function trustCard(db: Database, text: string, confirmedFingerprint: string): TrustedInstallation {
  const me = requireInstallation(db);
  const { card, fingerprint: fp } = readCard(text);
  if (confirmedFingerprint.replace(/\s/g, '') !== fp.replace(/\s/g, '')) {
    throw new UserError('fingerprint_mismatch', 'The fingerprint you confirmed is not the card’s: do not trust this card.', '您确认的指纹与密钥卡不符：请勿信任该密钥卡。');
  }
  if (card.installationId === me.id) throw new UserError('card_own', 'This is this installation’s own key card.', '这是本机自己的密钥卡。');
  if (me.role === 'hq' && card.role !== 'office') throw new UserError('card_wrong_role', 'Headquarters enrols office key cards only.', '自治区总部只能登记地市办公室的密钥卡。');
  if (me.role === 'office' && card.role !== 'hq') throw new UserError('card_wrong_role', 'An office trusts the headquarters key card only.', '地市办公室只能信任自治区总部的密钥卡。');
  return db.transaction(() => {
    const existing = getTrusted(db, card.installationId);
    if (existing) {
      if (existing.keys.some((k) => k.signingKey === card.signingKey)) return existing;
      if (!card.rotation || !existing.keys.some((k) => k.signingKey === card.rotation!.previousKey)) {
        throw new UserError('card_conflict', 'A different key is already trusted for this installation; a new key must be endorsed by the old one (key rotation).', '该安装已登记了另一个密钥；更换密钥须由原密钥签署认可。');
      }
      if (existing.revokedAt) throw new UserError('card_revoked', 'This installation’s key was revoked; it cannot rotate.', '该安装的密钥已被吊销，不能更换。');
      insertKey(db, card.installationId, card, card.rotation.validFromSequence);
      const named = sql(db, 'INSERT OR REPLACE INTO trusted_key_packages (installation_id, signing_key, sequence, file_sha256) VALUES (?, ?, ?, ?)');
      for (const p of card.rotation.packages ?? []) if (p.sequence < card.rotation.validFromSequence) named.run(card.installationId, card.rotation.previousKey, p.sequence, p.sha256);
      sql(db, 'UPDATE trusted_installations SET office_name = ?, encryption_key = ? WHERE installation_id = ?').run(card.officeName, card.encryptionKey, card.installationId);
    } else {
      if (me.role === 'office' && listTrusted(db).length > 0) {
        // One HQ per office; a new HQ key arrives as a rotation of the old one.
        throw new UserError('card_conflict', 'This office already trusts a headquarters key.', '本机已信任自治区总部的密钥。');
      }
      sql(db, 'INSERT INTO trusted_installations (installation_id, role, prefecture_code, office_name, encryption_key, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        card.installationId,
        card.role,
        card.prefectureCode,
        card.officeName,
        card.encryptionKey,
        nowIso(),
      );
      insertKey(db, card.installationId, card, card.rotation?.validFromSequence ?? 0);
    }
    return getTrusted(db, card.installationId)!;
  })();
}

/** HQ stops trusting an office: packages numbered after the last one received are refused. */
export function revoke(db: Database, installationId: string): TrustedInstallation {
  const t = getTrusted(db, installationId);
  if (!t) throw new UserError('not_found', 'No enrolled installation with that id.', '没有登记该安装。');
  const last = (sql(db, "SELECT max(sequence) AS s FROM sync_imports WHERE origin = ? AND status = 'imported'").get(installationId) as { s: number | null }).s ?? 0;
  sql(db, 'UPDATE trusted_installations SET revoked_at = ?, revoked_after_sequence = ? WHERE installation_id = ?').run(nowIso(), last, installationId);
  return getTrusted(db, installationId)!;
}

/** The key that signs a package with this sequence, or why there is none. */
export function keyForSequence(t: TrustedInstallation, sequence: number): Uint8Array {
  if (t.revokedAfterSequence !== null && sequence > t.revokedAfterSequence) {
    throw new UserError('signer_revoked', `The key of ${t.officeName} was revoked; this package was signed after that.`, `${t.officeName}的密钥已被吊销，该同步包签署于吊销之后。`);
  }
  const key = [...t.keys].reverse().find((k) => k.validFromSequence <= sequence);
  if (!key) throw new UserError('signer_unknown', 'No trusted key covers this package.', '没有适用于该同步包的可信密钥。');
  return unb64(key.signingKey);
}

/** An office replaces its signing key; the new card is endorsed by the old key. */
export function rotateKey(db: Database, store: KeyStore, newPair: { secretKey: Uint8Array; publicKey: Uint8Array }): string {
  const inst = requireInstallation(db);
  const keys = store.load();
  const nextSequence = nextExportSequence(db, store.dataDir);
  const rotated = { ...keys, signing: newPair, retired: [...keys.retired, { publicKey: keys.signing.publicKey, until: nowIso() }] };
  // The old key may still deliver what it signed and HQ has not acknowledged; nothing else.
  const acked = Number((sql(db, "SELECT value FROM settings WHERE key = 'sync.ackedVersion'").get() as { value: string } | undefined)?.value ?? 0);
  const packages = (sql(db, 'SELECT sequence, file_sha256 AS sha256 FROM sync_exports WHERE to_version > ? ORDER BY sequence DESC LIMIT 1000').all(acked) as { sequence: number; sha256: string }[]).reverse();
  const draft = cardBodyFor(inst, newPair.publicKey, keys.encryption?.publicKey ?? null, { previousKey: b64(keys.signing.publicKey), validFromSequence: nextSequence, endorsement: '', packages });
  const endorsement = b64(sign(Buffer.from(canonical(draft)), keys.signing.secretKey));
  const card = { ...draft, rotation: { ...draft.rotation!, endorsement } };
  const signature = b64(sign(Buffer.from(canonical(card)), newPair.secretKey));
  store.save(rotated);
  return JSON.stringify({ card, signature }, null, 2);
}
