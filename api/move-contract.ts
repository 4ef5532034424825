import { z } from 'zod';
import { method } from './method';
import type { AppStatus } from './contract';
import type { FileOut } from './ledger-contract';

/**
 * Moving a whole installation to another computer: the migration package (迁移包, .smemove) holds
 * the database and the private keys, encrypted with a passphrase. The passphrase's minimum length
 * is checked by the handler, so that the refusal reads as a sentence rather than a schema error.
 */
export interface MoveExportOut extends FileOut {
  bytes: number;
  installationId: string;
}

const passphrase = z.string().min(1).max(1024);
const b64 = z.string().max(700_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const exportInput = z.object({ passphrase }).strict();
const importInput = z.object({ file: z.object({ name: z.string().min(1).max(255), base64: b64 }).strict(), passphrase }).strict();

export const moveContract = {
  'move.export': method<typeof exportInput, MoveExportOut>(exportInput),
  'move.import': method<typeof importInput, AppStatus>(importInput),
} as const;
