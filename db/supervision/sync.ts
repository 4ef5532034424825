import type { Database } from 'better-sqlite3';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { UserError } from '../errors';
import { requireInstallation } from '../installation';
import { recordChange } from '../changelog';
import { sql } from '../statements';
import { getSetting, setSetting } from '../settings';
import { b64, canonical, officeDecryptionKey, officeEncryptionKey, openPart, sealPart, unb64 } from '../sync/crypto';
import type { OwnKeys } from '../sync/keystore';
import type { PackageHeader } from '../sync/format';
import { columnsOf, rowProblem, type Row } from '../sync/rows';
import { rowRefusal } from '../sync/validate-row';
import { listTrusted } from '../sync/trust';
import { emptyCounts, reject } from '../sync/apply-changes';
import type { TableCounts } from '../../api/sync-contract';

/**
 * Supervision items travel in HQ's reference package as one part per office, sealed to that
 * office alone (docs/sync-format.md, "Supervision"). The additional data names HQ, the package
 * number, the office and the key, so a part moved to another office, another package or another
 * key does not open. Inside is the full list of HQ's items addressed to the office (a few hundred
 * rows at most); the office applies them as any synced row: shape, origin, addressee, the form's
 * validation, then written only when newer than what it holds.
 */
const b64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
export const partSchema = z
  .object({
    to: z.string().uuid(),
    recipientKey: b64Key,
    ephemeralKey: b64Key,
    nonce: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
    data: z.string().max(16 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict();
export type SupervisionPart = z.infer<typeof partSchema>;

/** At most this many bytes of rows once a part is opened (a decompression bomb stops there). */
const MAX_PART_PLAIN = 32 * 1024 * 1024;

/** The smallest padded size of a part's plaintext; sizes above it go to the next power of two. */
const MIN_PADDED = 4096;

/**
 * A part's plaintext: the gzip of the rows, its length (4 bytes, big-endian) in front, padded with
 * zeros to 4 KiB or the next power of two. Every office can see the size of every other office's
 * part; padded, it tells at most the power of two, not how many items HQ holds for that office
 * (a few notes more or less stay in the same bucket).
 */
export function partPlaintext(rows: unknown[]): Buffer {
  const gz = gzipSync(Buffer.from(JSON.stringify(rows), 'utf8'));
  let size = MIN_PADDED;
  while (size < gz.length + 4) size *= 2;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(gz.length, 0);
  gz.copy(out, 4);
  return out;
}

/** The rows of an opened part's plaintext (throws when the length prefix does not fit). */
function rowsOfPlaintext(plain: Buffer): unknown {
  if (plain.length < 4) throw new Error('part too short');
  const length = plain.readUInt32BE(0);
  if (length > plain.length - 4) throw new Error('length prefix beyond the part');
  return JSON.parse(gunzipSync(plain.subarray(4, 4 + length), { maxOutputLength: MAX_PART_PLAIN }).toString('utf8'));
}

export function partAad(hqId: string, sequence: number, to: string, recipientKey: string): Buffer {
  return Buffer.from(canonical({ hq: hqId, recipientKey, sequence, to, type: 'sme-ledger supervision part' }));
}

/** HQ: one sealed part per enrolled, unrevoked office, to the key it now signs with. */
export function sealSupervisionParts(db: Database, sequence: number): SupervisionPart[] {
  const me = requireInstallation(db);
  const parts: SupervisionPart[] = [];
  for (const office of listTrusted(db)) {
    if (office.role !== 'office' || office.revokedAt) continue;
    // Sent even when empty: the part is the whole list, so an item HQ no longer holds goes.
    const rows = sql(db, 'SELECT * FROM supervision_items WHERE origin = ? AND office_id = ? ORDER BY version, id').all(me.id, office.installationId) as Row[];
    const recipientKey = b64(officeEncryptionKey(unb64(office.keys.at(-1)!.signingKey)));
    const sealed = sealPart(unb64(recipientKey), partAad(me.id, sequence, office.installationId, recipientKey), partPlaintext(rows));
    parts.push({ to: office.installationId, recipientKey, ...sealed });
  }
  return parts;
}

const refuse = (code: string, en: string, zh: string) => new UserError(code, en, zh);

type Note = { en: string; zh: string };

/**
 * Office: opens the part addressed to it and applies its rows. The part holds everything HQ
 * addressed to this office, so the newest reference package decides what the office holds (an
 * item HQ no longer has, after HQ restored a backup, goes too); an older package, arriving late,
 * is checked the same way but changes nothing. A part sealed to a key this office rotated away
 * from is set aside with the reason (HQ has not enrolled the new card yet); a part that does not
 * open, or is sealed to a key that is not this office's, refuses the package.
 */
export function applySupervisionParts(db: Database, h: PackageHeader, parts: SupervisionPart[], keys: OwnKeys): { counts: TableCounts; received: number; note: Note | null } {
  const counts = emptyCounts();
  const opened = openMine(db, h, parts, keys);
  if (!Array.isArray(opened)) return { counts, received: 0, note: opened };
  const newest = h.sequence > Number(getSetting(db, SEQUENCE_SETTING) ?? 0);
  const kept = new Set<string>();
  let setAside = 0;
  for (const r of opened) {
    if (applyItem(db, h, r, counts, newest)) kept.add((r as Row).id as string);
    else setAside++;
  }
  if (newest) {
    setSetting(db, SEQUENCE_SETTING, String(h.sequence));
    const gone = sql(db, 'SELECT id FROM supervision_items WHERE origin = ? AND id NOT IN (SELECT value FROM json_each(?))').all(h.origin.installationId, JSON.stringify([...kept])) as { id: string }[];
    for (const { id } of gone) sql(db, 'DELETE FROM supervision_items WHERE id = ?').run(id);
    counts.deleted += gone.length;
  }
  const note = setAside
    ? {
        en: `${setAside} supervision item(s) concern problems this office no longer holds (restored from an older backup?); they are not shown until the problem is here again.`,
        zh: `有 ${setAside} 条督办事项涉及本机已没有的问题（本机是否恢复过较早的备份？），在该问题重新出现前不予显示。`,
      }
    : null;
  return { counts, received: opened.length - setAside, note };
}

/** The reference package number whose supervision part this office holds now. */
const SEQUENCE_SETTING = 'sync.supervisionSequence';

/** The rows of the part addressed to this office ([] when there is none), or why they wait. */
function openMine(db: Database, h: PackageHeader, parts: SupervisionPart[], keys: OwnKeys): unknown[] | Note {
  const me = requireInstallation(db);
  const mine = parts.filter((p) => p.to === me.id);
  if (mine.length > 1) throw refuse('package_invalid', 'The reference package holds two supervision parts for this office.', '参考包中发给本机的督办内容有两份。');
  const part = mine[0];
  if (!part) return [];
  const current = b64(officeEncryptionKey(keys.signing.publicKey));
  if (part.recipientKey !== current) {
    if (keys.retired.some((r) => b64(officeEncryptionKey(r.publicKey)) === part.recipientKey)) {
      return {
        en: 'Headquarters sealed its supervision items to this office’s previous key: give headquarters the new key card; the items come with its next reference package.',
        zh: '总部的督办内容仍按本机更换前的旧密钥加密：请将本机新密钥卡交总部登记，督办内容将随总部下一个参考包送达。',
      };
    }
    throw refuse('part_not_ours', 'The supervision part addressed to this office is sealed to a key that is not this office’s (swapped?); nothing was imported.', '参考包中发给本机的督办内容并非用本机密钥加密（可能被调换），未导入任何数据。');
  }
  let plain: Buffer;
  try {
    plain = openPart(officeDecryptionKey(keys.signing.secretKey), partAad(h.origin.installationId, h.sequence, me.id, current), part);
  } catch {
    throw refuse('part_altered', 'The supervision part addressed to this office does not open: it was altered or swapped; nothing was imported.', '参考包中发给本机的督办内容无法解密：已被改动或调换，未导入任何数据。');
  }
  let rows: unknown;
  try {
    rows = rowsOfPlaintext(plain);
  } catch {
    throw refuse('package_invalid', 'The supervision part is unreadable.', '督办内容无法读取。');
  }
  if (!Array.isArray(rows) || rows.length > 100_000) throw refuse('package_invalid', 'The supervision part has an unexpected shape.', '督办内容格式不符。');
  return rows;
}

/**
 * One row of the office's part; false when it was set aside: an item about a problem this office
 * does not hold (after restoring an older backup, say). Refusing the package for it would stop
 * every later acknowledgement and checklist reaching the office, since HQ keeps sending it.
 */
function applyItem(db: Database, h: PackageHeader, value: unknown, counts: TableCounts, write: boolean): boolean {
  const t = 'supervision_items';
  const me = requireInstallation(db);
  const problem = rowProblem(db, t, value);
  if (problem) reject(t, problem.en, problem.zh, (value as Row | null)?.id);
  const r = value as Row;
  if (r.origin !== h.origin.installationId) reject(t, 'not written by the headquarters that signed the package', '不是签发本参考包的总部所写', r.id, 'not_authorised');
  if (r.office_id !== me.id || r.prefecture_code !== me.prefectureCode) reject(t, 'addressed to another office', '是发给其他地市的', r.id, 'not_authorised');
  if (r.kind !== 'remind' && typeof r.problem_id === 'string' && !sql(db, 'SELECT 1 FROM problems WHERE id = ?').get(r.problem_id)) return false;
  const refusal = rowRefusal(db, t, r, me.prefectureCode ?? '');
  if (refusal) reject(t, refusal.en, refusal.zh, r.id);
  const existing = sql(db, 'SELECT origin, version FROM supervision_items WHERE id = ?').get(r.id) as { origin: string; version: number } | undefined;
  if (existing && existing.origin !== r.origin) reject(t, 'its id is taken by another installation’s record', '其编号已被其他安装的记录占用', r.id);
  if (!write || (existing && (r.version as number) <= existing.version)) {
    counts.unchanged++;
    return true;
  }
  const cols = columnsOf(db, t).map((c) => c.name);
  const row = Object.fromEntries(cols.map((c) => [c, r[c] ?? null]));
  if (existing) sql(db, `UPDATE ${t} SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(row);
  else sql(db, `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  if (existing) counts.updated++;
  else counts.created++;
  recordChange(db, { table: t, rowId: r.id as string, op: 'import', version: r.version as number, operator: h.origin.officeName });
  return true;
}
