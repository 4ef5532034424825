import { z } from 'zod';
import { method } from './method';
import type { FileOut } from './ledger-contract';

/** Signed, encrypted sync: keys and trust, export (offices), import and publish (HQ). */

export type TableCounts = { created: number; updated: number; unchanged: number; deleted: number; conflicts: number; rejected: number };

/** Package numbers not received, from–to inclusive. */
export interface MissingRange {
  from: number;
  to: number;
}

/** "2、5–9": missing numbers as read on 同步 and by the CLI. */
export function missingText(ranges: MissingRange[], separator = '、'): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`)).join(separator);
}

export interface ImportOutcome {
  status: 'imported' | 'already-imported' | 'rejected' | 'preview';
  fileName: string;
  fileSha256: string;
  kind: 'changes' | 'reference' | null;
  office: string | null;
  installationId: string | null;
  prefectureCode: string | null;
  sequence: number | null;
  counts: Partial<Record<string, TableCounts>>;
  conflicts: { uscc: string; here: string; there: string }[];
  missing: MissingRange[];
  reason: string | null;
  reasonZh: string | null;
  /** A reference package's content, so its result says what it brought (quotas are in counts.targets). */
  reference?: { acknowledgedVersion: number | null; checklists: number; supervision?: number };
}

export interface CardPreview {
  installationId: string;
  role: 'office' | 'hq';
  prefectureCode: string | null;
  officeName: string;
  fingerprint: string;
  rotation: boolean;
}

export interface SyncStatus {
  role: 'office' | 'hq';
  fingerprint: string;
  hq: { installationId: string; officeName: string; fingerprint: string } | null;
  acknowledgedVersion: number;
  pendingChanges: number;
  exports: { sequence: number; fromVersion: number; toVersion: number; full: boolean; createdAt: string; counts: Record<string, number> }[];
  offices: {
    installationId: string;
    prefectureCode: string | null;
    officeName: string;
    fingerprint: string;
    revoked: boolean;
    lastSequence: number | null;
    lastReceivedAt: string | null;
    /** Whole days from the last package received to today; null if none came yet. */
    daysSinceLastPackage: number | null;
    /** Nothing received yet, or nothing for more than 30 days. */
    silent: boolean;
    acknowledgedVersion: number;
    missing: MissingRange[];
  }[];
  /** Refusals that were not accidents, newest first: a reused package number, a revoked or replaced key, forged authority, an acknowledgement above this office's clock. */
  securityEvents: { id: number; receivedAt: string; office: string | null; sequence: number | null; code: string | null; reason: string | null; reasonZh: string | null }[];
  ledger: {
    id: number;
    fileName: string | null;
    kind: string | null;
    office: string | null;
    prefectureCode: string | null;
    sequence: number | null;
    receivedAt: string;
    status: string;
    reason: string | null;
    reasonZh: string | null;
  }[];
}

const b64 = z.string().max(700_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const files = z.object({ files: z.array(z.object({ name: z.string().min(1).max(255), base64: b64 }).strict()).min(1).max(50) }).strict();
const cardText = z.string().min(2).max(20_000);
const empty = z.object({}).strict();

export const syncContract = {
  'sync.status': method<typeof empty, SyncStatus>(empty),
  'sync.keyCard': method<typeof empty, FileOut>(empty),
  'sync.readCard': method<z.ZodObject<{ text: typeof cardText }>, CardPreview>(z.object({ text: cardText }).strict()),
  'sync.trustCard': method<z.ZodObject<{ text: typeof cardText; fingerprint: z.ZodString }>, CardPreview>(
    z.object({ text: cardText, fingerprint: z.string().min(4).max(40) }).strict(),
  ),
  'sync.revoke': method<z.ZodObject<{ installationId: z.ZodString }>, { ok: true }>(z.object({ installationId: z.string().uuid() }).strict()),
  'sync.rotate': method<typeof empty, FileOut>(empty),
  'sync.export': method<z.ZodObject<{ full: z.ZodBoolean }>, FileOut & { sequence: number; counts: Record<string, number> }>(z.object({ full: z.boolean() }).strict()),
  'sync.preview': method<typeof files, ImportOutcome[]>(files),
  'sync.import': method<typeof files, ImportOutcome[]>(files),
  'sync.publish': method<typeof empty, FileOut>(empty),
} as const;
