import { makePrivateDir } from '../../db/permissions';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { moveContract } from '../../api/move-contract';
import { appVersion, type AppContext } from '../context';
import { statusView } from '../views';
import { BACKUP_DIR } from '../../db/backup';
import { KEYS_FILE } from '../../db/sync/keystore';
import { exportInstallation } from '../../db/move/export';
import { checkMovedDatabase, readMovePackage } from '../../db/move/import';
import { FILE_EXTENSION } from '../../db/move/format';
import { marksCarried, placeCarriedMarks } from '../../db/move/carried';

type M = typeof moveContract;
type MoveHandlers = { [K in keyof M]: (ctx: AppContext, input: z.output<M[K]['input']>) => M[K]['output'] | Promise<M[K]['output']> };

const slug = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
/** Work files live in the data folder, so that the final rename never crosses file systems. */
function workFile(ctx: AppContext, what: string): string {
  // Work files a killed process left behind (older than a day: none of them is still being written).
  for (const f of fs.existsSync(ctx.dataDir) ? fs.readdirSync(ctx.dataDir) : []) {
    const p = path.join(ctx.dataDir, f);
    if (f.startsWith('.move-') && Date.now() - fs.statSync(p).mtimeMs > 24 * 3600 * 1000) fs.rmSync(p, { force: true });
  }
  return path.join(ctx.dataDir, `.move-${what}-${randomBytes(6).toString('hex')}`);
}

/** Writes this installation's migration package to `out` (the CLI passes a path, the API a work file). */
export async function exportMoveFile(ctx: AppContext, passphrase: string, out: string) {
  const db = ctx.requireDatabase();
  return exportInstallation(db, ctx.dataDir, ctx.keys.load(), {
    passphrase,
    appVersion,
    out,
    onProgress: (done, total) => ctx.progress({ operation: 'move.export', done, total }),
  });
}

/**
 * Replaces this installation (or sets up an empty data folder) with the one in a migration
 * package. The package is decrypted to a work file in the data folder and checked (integrity,
 * an SME Ledger database, the one the package names, migrated to this app's schema); then the
 * current keys are copied into backups/ and the database swapped by AppContext.restore, which
 * backs up the current database first; the keys are written, wrapped with this computer's key if
 * the desktop app has one, while the database is closed, and the sync marks that travel with it
 * are put beside them. Any failure before the swap changes nothing.
 */
export async function importMoveFile(ctx: AppContext, file: string, passphrase: string) {
  makePrivateDir(ctx.dataDir);
  const tmp = workFile(ctx, 'import.sqlite');
  try {
    const { manifest, keys } = await readMovePackage(file, passphrase, tmp, (done, total) => ctx.progress({ operation: 'move.import', done, total }));
    checkMovedDatabase(tmp, manifest, ctx.nativeBinding);
    const marks = marksCarried(manifest);
    const keysFile = path.join(ctx.dataDir, KEYS_FILE);
    if (fs.existsSync(keysFile)) {
      const dir = path.join(ctx.dataDir, BACKUP_DIR);
      makePrivateDir(dir);
      fs.copyFileSync(keysFile, path.join(dir, `keys-${new Date().toISOString().replace(/[:.]/g, '-')}-before-move-import.json`));
    }
    await ctx.restore(tmp, { reason: 'before-move-import', swapped: () => ctx.keys.save(keys) });
    // After the restore's own carry-over, which would take marks already in place for a restore's
    // and stamp every record anew: a move hands over the same database, nothing to resend.
    placeCarriedMarks(ctx.dataDir, manifest.installationId, marks);
    return manifest;
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  }
}

export const moveHandlers: MoveHandlers = {
  'move.export': async (ctx, { passphrase }) => {
    const out = workFile(ctx, `export${FILE_EXTENSION}`);
    try {
      const r = await exportMoveFile(ctx, passphrase, out);
      const date = r.manifest.createdAt.slice(0, 10).replace(/-/g, '');
      return { name: `${slug(r.manifest.officeName)}-迁移包-${date}${FILE_EXTENSION}`, base64: fs.readFileSync(out).toString('base64'), bytes: r.bytes, installationId: r.manifest.installationId };
    } finally {
      fs.rmSync(out, { force: true });
    }
  },
  'move.import': async (ctx, { file, passphrase }) => {
    makePrivateDir(ctx.dataDir);
    const received = workFile(ctx, `received${FILE_EXTENSION}`);
    try {
      fs.writeFileSync(received, Buffer.from(file.base64, 'base64'), { mode: 0o600 });
      await importMoveFile(ctx, received, passphrase);
    } finally {
      fs.rmSync(received, { force: true });
    }
    return statusView(ctx);
  },
};
