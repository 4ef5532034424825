import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { sql } from '../statements';
import { requireInstallation } from '../installation';

/**
 * High-water marks of what has left this installation: the version clock and the package numbers
 * as of the last package written, and (HQ) how many restores it has gone through. They live in a
 * small file beside keys.json, not in the database, so that restoring a backup (even over a
 * damaged database that cannot be read any more) never takes them back: numbers must not repeat
 * and versions already held elsewhere must not be handed out again.
 */
export const MARKS_FILE = 'sync-marks.json';

const marksSchema = z
  .object({
    installationId: z.string().max(40),
    /** The clock when the last package was written: every version sent is at most this. */
    clock: z.number().int().min(0),
    exportSequence: z.number().int().min(0),
    referenceSequence: z.number().int().min(0),
    /** HQ: restores so far; a reference package carrying a higher one may lower an office's acknowledgement. */
    restoreEpoch: z.number().int().min(0),
  })
  .strict();
export type SyncMarks = z.infer<typeof marksSchema>;

const none = (installationId: string): SyncMarks => ({ installationId, clock: 0, exportSequence: 0, referenceSequence: 0, restoreEpoch: 0 });

/** The marks of this installation (zeros if there are none yet, or they belong to another installation). */
export function readMarks(dir: string, installationId: string): SyncMarks {
  try {
    const parsed = marksSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, MARKS_FILE), 'utf8')));
    if (parsed.success && parsed.data.installationId === installationId) return parsed.data;
  } catch {
    // No file yet (or an unreadable one, which the next write replaces): nothing has left yet.
  }
  return none(installationId);
}

/** Raises the marks (never lowers them); written beside and renamed over, and flushed to disk. */
export function raiseMarks(dir: string, installationId: string, to: Partial<Omit<SyncMarks, 'installationId'>>): SyncMarks {
  const now = readMarks(dir, installationId);
  const next: SyncMarks = {
    installationId,
    clock: Math.max(now.clock, to.clock ?? 0),
    exportSequence: Math.max(now.exportSequence, to.exportSequence ?? 0),
    referenceSequence: Math.max(now.referenceSequence, to.referenceSequence ?? 0),
    restoreEpoch: Math.max(now.restoreEpoch, to.restoreEpoch ?? 0),
  };
  const file = path.join(dir, MARKS_FILE);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(next));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return next;
}

/** The next package number: past every number used, in this database or before a restore. */
export function nextExportSequence(db: Database, dir: string): number {
  const me = requireInstallation(db);
  const used = (sql(db, 'SELECT max(sequence) AS s FROM sync_exports').get() as { s: number | null }).s ?? 0;
  return Math.max(used, readMarks(dir, me.id).exportSequence) + 1;
}
