import type { Database } from 'better-sqlite3';
import { sql } from '../statements';
import { listTrusted } from './trust';
import { SECURITY_CODES } from './authority';
import type { MissingRange, SyncStatus, TableCounts } from '../../api/sync-contract';

/**
 * The import ledger (`sync_imports`): one line per attempt, imported or not, and what HQ derives
 * from it: acknowledgements, missing packages, silent offices, security events.
 */

/** Version up to which HQ holds every change of an office: the chain of packages from version 0. */
export function acknowledgedVersion(db: Database, installationId: string): number {
  const ranges = sql(db, "SELECT from_version AS f, to_version AS t FROM sync_imports WHERE origin = ? AND status = 'imported' AND kind = 'changes' ORDER BY from_version").all(installationId) as { f: number; t: number }[];
  let acked = 0;
  for (const r of ranges) if (r.f <= acked) acked = Math.max(acked, r.t);
  return acked;
}

/**
 * Package numbers not received, as ranges (never one entry per number: a forged number in the
 * billions costs one row). A gap is not missing when HQ holds every version up to the end of the
 * package that follows it: the office's clock only grows, so whatever the absent numbers carried
 * lies at or below that package's end, and the acknowledgement already covers it.
 */
export function missingRanges(db: Database, installationId: string, including: { sequence: number; toVersion: number } | null = null): MissingRange[] {
  const ack = acknowledgedVersion(db, installationId);
  const extra = including ? 'UNION ALL SELECT ?, ?' : '';
  const params: unknown[] = [installationId, ...(including ? [including.sequence, including.toVersion] : []), ack];
  return sql(
    db,
    `WITH held AS (SELECT sequence AS s, max(to_version) AS v FROM sync_imports WHERE origin = ? AND kind = 'changes' AND status = 'imported' GROUP BY sequence ${extra}),
          ordered AS (SELECT s, v, lag(s, 1, 0) OVER (ORDER BY s) AS prev FROM held)
     SELECT prev + 1 AS "from", s - 1 AS "to" FROM ordered WHERE s - prev > 1 AND v > ? ORDER BY s LIMIT 100`,
  ).all(...params) as MissingRange[];
}

export interface LedgerEntry {
  id: number;
  fileSha256: string;
  fileName: string | null;
  kind: string | null;
  installationId: string | null;
  prefectureCode: string | null;
  office: string | null;
  sequence: number | null;
  receivedAt: string;
  status: string;
  code: string | null;
  reason: string | null;
  reasonZh: string | null;
  counts: Record<string, TableCounts>;
}

function entry(r: Record<string, unknown>): LedgerEntry {
  return {
    id: r.id as number,
    fileSha256: r.file_sha256 as string,
    fileName: r.file_name as string | null,
    kind: r.kind as string | null,
    installationId: r.origin as string | null,
    prefectureCode: r.prefecture_code as string | null,
    office: r.office_name as string | null,
    sequence: r.sequence as number | null,
    receivedAt: r.received_at as string,
    status: r.status as string,
    code: (r.code as string | null) ?? null,
    // Recorded as "中文 / English" (recordAttempt); each language gets its own half.
    ...splitReason(r.reason as string | null),
    counts: JSON.parse(r.counts as string) as Record<string, TableCounts>,
  };
}

export function importLedger(db: Database, limit = 500): LedgerEntry[] {
  return (sql(db, 'SELECT * FROM sync_imports ORDER BY id DESC LIMIT ?').all(limit) as Record<string, unknown>[]).map(entry);
}

/** Attempts that were not accidents (a reused number, a revoked or replaced key, forged authority, an acknowledgement above this office's clock). */
export function securityEvents(db: Database, limit = 50): LedgerEntry[] {
  return (sql(db, `SELECT * FROM sync_imports WHERE code IN (${SECURITY_CODES.map(() => '?').join(', ')}) ORDER BY id DESC LIMIT ?`).all(...SECURITY_CODES, limit) as Record<string, unknown>[]).map(entry);
}

function splitReason(text: string | null): { reason: string | null; reasonZh: string | null } {
  if (text === null) return { reason: null, reasonZh: null };
  const at = text.indexOf(' / ');
  return at < 0 ? { reason: text, reasonZh: text } : { reasonZh: text.slice(0, at), reason: text.slice(at + 3) };
}

export type OfficeSyncState = SyncStatus['offices'][number];

/** An office that has sent nothing for longer than this is flagged at HQ. */
export const SILENT_AFTER_DAYS = 30;

export function officeStates(db: Database): OfficeSyncState[] {
  return listTrusted(db)
    .filter((t) => t.role === 'office')
    .map((t) => {
      const last = sql(db, "SELECT max(sequence) AS s, max(received_at) AS at FROM sync_imports WHERE origin = ? AND status = 'imported'").get(t.installationId) as { s: number | null; at: string | null };
      return {
        installationId: t.installationId,
        prefectureCode: t.prefectureCode,
        officeName: t.officeName,
        fingerprint: t.keys.at(-1)!.fingerprint,
        revoked: t.revokedAt !== null,
        lastSequence: last.s,
        lastReceivedAt: last.at,
        // Counted to today, whatever year the dashboard shows: silence is about now.
        daysSinceLastPackage: last.at === null ? null : Math.max(0, Math.floor((Date.now() - Date.parse(last.at)) / 86_400_000)),
        silent: last.at === null || Date.now() - Date.parse(last.at) > SILENT_AFTER_DAYS * 86_400_000,
        acknowledgedVersion: acknowledgedVersion(db, t.installationId),
        missing: missingRanges(db, t.installationId),
      };
    });
}
