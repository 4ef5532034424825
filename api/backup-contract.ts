import { z } from 'zod';
import { method } from './method';
import type { AppStatus } from './contract';

/** Backups of the local database: made automatically, listed, made on demand, restored. */
export interface BackupView {
  name: string;
  reason: string;
  createdAt: string;
  bytes: number;
}

const empty = z.object({}).strict();
const name = z.object({ name: z.string().regex(/^ledger-[A-Za-z0-9-]+\.sqlite$/, 'a backup file name') }).strict();

export const backupContract = {
  'backups.list': method<typeof empty, BackupView[]>(empty),
  'backups.create': method<typeof empty, BackupView>(empty),
  /** keptAside: where a database that could not be opened was moved (never deleted). */
  'backups.restore': method<typeof name, AppStatus & { keptAside: string | null }>(name),
} as const;
