import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import { sql } from '../statements';
import type { PackageHeader } from './format';
import type { TrustedInstallation } from './trust';

/**
 * Who may deliver what (docs/sync-format.md, "Authority"): a valid signature is necessary, not
 * sufficient. The checks below run after the signature and before any record is read.
 */

/** Bounds no real installation reaches: 100 packages a day for 270 years; a million saves a day for 3,000 years. */
export const MAX_SEQUENCE = 10_000_000;
export const MAX_VERSION = 2 ** 40;
/** How far past the last package received a new one may jump. */
export const MAX_SEQUENCE_JUMP = 10_000;
export const MAX_VERSION_JUMP = 100_000_000;

/** Refusals that are not accidents: shown as security events on 同步. */
export const SECURITY_CODES = ['signer_revoked', 'key_superseded', 'sequence_reused', 'numbers_implausible', 'not_authorised', 'ack_ahead', 'part_altered', 'part_not_ours'] as const;

const refuse = (code: (typeof SECURITY_CODES)[number], en: string, zh: string) => new UserError(code, en, zh);

/** Ranges in order, numbers within bounds, no jump far past what this signer sent before. */
export function checkNumbers(db: Database, h: PackageHeader): void {
  const { fromVersion, toVersion } = h.range;
  if (fromVersion > toVersion) throw refuse('numbers_implausible', `The package's range runs backwards (${fromVersion} → ${toVersion}).`, `同步包的版本范围颠倒（${fromVersion} → ${toVersion}）。`);
  if (h.sequence > MAX_SEQUENCE || toVersion > MAX_VERSION) {
    throw refuse('numbers_implausible', `Package number ${h.sequence} or version ${toVersion} is beyond what any installation reaches.`, `同步包编号 ${h.sequence} 或版本 ${toVersion} 超出任何安装可能达到的范围。`);
  }
  const last = sql(db, "SELECT coalesce(max(sequence), 0) AS s, coalesce(max(to_version), 0) AS v FROM sync_imports WHERE origin = ? AND kind = ? AND status = 'imported'").get(h.origin.installationId, h.kind) as { s: number; v: number };
  if (h.sequence > last.s + MAX_SEQUENCE_JUMP) {
    throw refuse('numbers_implausible', `Package number ${h.sequence} jumps far past the last one received (${last.s}).`, `同步包编号 ${h.sequence} 远超上次收到的编号（${last.s}）。`);
  }
  if (toVersion > last.v + MAX_VERSION_JUMP) {
    throw refuse('numbers_implausible', `Version ${toVersion} jumps far past the last one received (${last.v}).`, `版本 ${toVersion} 远超上次收到的版本（${last.v}）。`);
  }
}

/**
 * A revoked signer delivers nothing new; a rotated-away key only the packages its rotation card
 * named; one package number is one file.
 */
export function checkAuthority(db: Database, h: PackageHeader, sha256: string, signer: TrustedInstallation): void {
  if (signer.revokedAt !== null) {
    throw refuse('signer_revoked', `The key of ${signer.officeName} was revoked; nothing new from it is accepted.`, `${signer.officeName}的密钥已被吊销，不再接受其任何新的同步包。`);
  }
  const current = signer.keys.at(-1)!;
  if (h.sequence < current.validFromSequence) {
    const named = sql(db, 'SELECT file_sha256 FROM trusted_key_packages WHERE installation_id = ? AND sequence = ?').get(signer.installationId, h.sequence) as { file_sha256: string } | undefined;
    if (named?.file_sha256 !== sha256) {
      throw refuse('key_superseded', `Package ${h.sequence} is signed by a key ${signer.officeName} replaced, and is not one of the packages its new key card named.`, `第 ${h.sequence} 号同步包由${signer.officeName}已更换的旧密钥签署，且不在新密钥卡列明的同步包之中。`);
    }
  }
  const held = sql(db, "SELECT file_sha256 FROM sync_imports WHERE origin = ? AND kind = ? AND status = 'imported' AND sequence = ? LIMIT 1").get(h.origin.installationId, h.kind, h.sequence) as { file_sha256: string } | undefined;
  if (held && held.file_sha256 !== sha256) {
    throw refuse('sequence_reused', `Package number ${h.sequence} of ${signer.officeName} was already imported with other content; this file is refused.`, `${signer.officeName}的第 ${h.sequence} 号同步包此前已导入，内容与本文件不同：本文件被拒收。`);
  }
}
