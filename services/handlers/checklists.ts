import type { z } from 'zod';
import type { checklistContract } from '../../api/checklist-contract';
import type { AppContext } from '../context';
import { listChecklists } from '../../db/checklists';
import { exportChecklistFile, importChecklistFile } from '../../db/checklist-book/transfer';

type C = typeof checklistContract;
type ChecklistHandlers = { [K in keyof C]: (ctx: AppContext, input: z.output<C[K]['input']>) => C[K]['output'] | Promise<C[K]['output']> };

export const checklistHandlers: ChecklistHandlers = {
  'checklists.list': (ctx) => listChecklists(ctx.requireDatabase()),
  'checklists.export': async (ctx, { year, format }) => {
    const f = await exportChecklistFile(ctx.requireDatabase(), year, format);
    return { name: f.name, base64: f.buffer.toString('base64') };
  },
  'checklists.import': async (ctx, { name, base64, dryRun }) => {
    if (!dryRun) await ctx.backup('before-checklist-import');
    return importChecklistFile(ctx.requireDatabase(), Buffer.from(base64, 'base64'), name, dryRun);
  },
};
