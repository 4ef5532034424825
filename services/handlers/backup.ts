import type { z } from 'zod';
import type { backupContract } from '../../api/backup-contract';
import type { AppContext } from '../context';
import { listBackups, type BackupInfo } from '../../db/backup';
import { statusView } from '../views';

type B = typeof backupContract;
type BackupHandlers = { [M in keyof B]: (ctx: AppContext, input: z.output<B[M]['input']>) => B[M]['output'] | Promise<B[M]['output']> };

const view = ({ name, reason, createdAt, bytes }: BackupInfo) => ({ name, reason, createdAt, bytes });

export const backupHandlers: BackupHandlers = {
  'backups.list': (ctx) => {
    // A database that cannot be opened still has its backups, which are the way out.
    if (!ctx.databaseFailure()) ctx.requireDatabase();
    return listBackups(ctx.dataDir).map(view);
  },
  'backups.create': async (ctx) => view(await ctx.backup('manual')),
  'backups.restore': async (ctx, { name }) => {
    const { keptAside } = await ctx.restore(name);
    return { ...statusView(ctx), keptAside };
  },
};
