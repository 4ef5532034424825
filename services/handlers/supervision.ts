import type { z } from 'zod';
import type { supervisionContract } from '../../api/supervision-contract';
import type { AppContext } from '../context';
import { requireInstallation } from '../../db/installation';
import { addSupervision, closeReminder, liftSupervision, listSupervision, remindOffice, supervisionSummary } from '../../db/supervision';

type S = typeof supervisionContract;
type SupervisionHandlers = { [K in keyof S]: (ctx: AppContext, input: z.output<S[K]['input']>) => S[K]['output'] | Promise<S[K]['output']> };

function db(ctx: AppContext) {
  const d = ctx.requireDatabase();
  requireInstallation(d);
  return d;
}

export const supervisionHandlers: SupervisionHandlers = {
  'supervision.add': (ctx, input) => addSupervision(db(ctx), input),
  'supervision.lift': (ctx, input) => liftSupervision(db(ctx), input),
  'supervision.remind': (ctx, input) => remindOffice(db(ctx), input),
  'supervision.closeReminder': (ctx, { id }) => closeReminder(db(ctx), id),
  'supervision.list': (ctx, q) => listSupervision(db(ctx), q),
  'supervision.summary': (ctx) => supervisionSummary(db(ctx)),
};
