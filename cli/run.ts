import { createApi, type Api } from '../api/contract';
import { AppContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { DATA_ENV } from '../services/data-dir';
import { UserError } from '../db/errors';
import { requireInstallation } from '../db/installation';

/** The CLI goes through the same dispatcher as the app, so it validates the same way. */
export function apiFor(dataDir: string | undefined): { api: Api; ctx: AppContext } {
  const dir = dataDir ?? process.env[DATA_ENV];
  if (!dir) throw new UserError('bad_arguments', `--data DIR is required (or set ${DATA_ENV})`, `缺少参数 --data DIR（或设置 ${DATA_ENV}）`);
  const ctx = new AppContext({ dataDir: dir, transport: 'browser' });
  return { ctx, api: createApi((method, input) => dispatch(ctx, method, input)) };
}

/** The set-up installation's database, for commands that work on data. */
export function openInstalled(dataDir: string | undefined) {
  const { ctx } = apiFor(dataDir);
  try {
    const db = ctx.requireDatabase();
    requireInstallation(db);
    return { db, close: () => ctx.close() };
  } catch (e) {
    ctx.close();
    throw e;
  }
}
