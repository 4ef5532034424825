import { z } from 'zod';
import { MARKS_FILE, raiseMarks, readMarks, type SyncMarks } from '../sync/marks';
import { notAMoveFile, type MoveManifest } from './format';

/**
 * What a migration package carries besides the database and the keys: sync-marks.json, the high
 * water marks of what has left this installation (db/sync/marks.ts). After a restore over a
 * damaged database they are the only record of the package numbers and versions already sent
 * (HQ: of its reference numbers, after any restore), so a new laptop without them would number
 * its next package as one HQ already has, and HQ would refuse it as a different file.
 */
export function filesToCarry(dataDir: string, installationId: string): MoveManifest['files'] {
  return { [MARKS_FILE]: Buffer.from(JSON.stringify(readMarks(dataDir, installationId)), 'utf8').toString('base64') };
}

const carriedMarks = z
  .object({
    installationId: z.string(),
    clock: z.number().int().min(0),
    exportSequence: z.number().int().min(0),
    referenceSequence: z.number().int().min(0),
    restoreEpoch: z.number().int().min(0),
  })
  .strict();

/**
 * The marks a package carries, checked before anything is replaced; none for a package written
 * before they travelled. Marks of another installation than the package's are a damaged package.
 */
export function marksCarried(manifest: Pick<MoveManifest, 'installationId' | 'files'>): Omit<SyncMarks, 'installationId'> | null {
  const raw = manifest.files[MARKS_FILE];
  if (raw === undefined) return null;
  let parsed: ReturnType<typeof carriedMarks.safeParse>;
  try {
    parsed = carriedMarks.safeParse(JSON.parse(Buffer.from(raw, 'base64').toString('utf8')));
  } catch {
    throw notAMoveFile(`unreadable ${MARKS_FILE}`);
  }
  if (!parsed.success || parsed.data.installationId !== manifest.installationId) throw notAMoveFile(`unknown ${MARKS_FILE}`);
  const { installationId: _id, ...marks } = parsed.data;
  return marks;
}

/** Places carried marks beside the keys of the moved installation: raised, never lowered. */
export function placeCarriedMarks(dataDir: string, installationId: string, marks: Omit<SyncMarks, 'installationId'> | null): void {
  if (marks) raiseMarks(dataDir, installationId, marks);
}
