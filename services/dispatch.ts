import { contract, isMethodName, type ApiResult } from '../api/contract';
import { splitZhEn } from '../api/bilingual';
import { isUserError } from '../db/errors';
import { storageFailure } from '../db/failures';
import type { AppContext } from './context';
import { handlers } from './handlers/app';

/**
 * The API's single entrance: checks the method name and the arguments against the contract,
 * runs the handler, and turns every outcome into a result envelope. User errors keep their
 * message; anything else becomes a generic internal error (logged, never leaked as a stack).
 */
export async function dispatch(ctx: AppContext, method: unknown, input: unknown): Promise<ApiResult<unknown>> {
  if (!isMethodName(method)) {
    return fail('unknown_method', `Unknown API method: ${String(method).slice(0, 80)}`, `未知的接口方法：${String(method).slice(0, 80)}`);
  }
  const parsed = contract[method].input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ key: i.path.join('.'), ...splitZhEn(i.message) }));
    const details = issues.map((i) => `${i.key || '(input)'}: ${i.en}`);
    const detailsZh = issues.map((i) => `${i.key || '（参数）'}：${i.zh}`);
    const fields: Record<string, { en: string; zh: string }> = {};
    for (const i of issues) {
      if (i.key && !fields[i.key]) fields[i.key] = { en: i.en, zh: `格式不正确：${i.zh}` };
    }
    return fail('invalid_input', `Invalid arguments for ${method}: ${details.join('; ')}`, `${method} 的参数无效：${detailsZh.join('；')}`, details, fields);
  }
  try {
    const handler = handlers[method] as (ctx: AppContext, input: unknown) => unknown;
    return { ok: true, value: await handler(ctx, parsed.data) };
  } catch (caught) {
    // A full disk, a read-only folder or a damaged file, found while working: a message saying
    // so and what to do. SQLite has rolled the transaction back, so nothing is half-written.
    const e = storageFailure(caught, { dataDir: ctx.dataDir, file: ctx.databaseFile }) ?? caught;
    // The open connection may hold damaged pages in its cache: the next call opens and checks
    // the file afresh, and the app status then offers the backups.
    if (isUserError(e) && e.code === 'db_corrupt') ctx.closeDatabase();
    if (isUserError(e)) return fail(e.code, e.message, e.messageZh, undefined, e.fields, e.data);
    console.error(`[sme-ledger] ${method} failed:`, e);
    return fail('internal', `Internal error in ${method}: ${(e as Error).message}`, `${method} 内部错误：${(e as Error).message}`);
  }
}

function fail(
  code: string,
  message: string,
  messageZh: string,
  details?: string[],
  fields?: Record<string, { en: string; zh: string }>,
  data?: Record<string, string>,
): ApiResult<never> {
  return {
    ok: false,
    error: { code, message, messageZh, ...(details ? { details } : {}), ...(fields ? { fields } : {}), ...(data ? { data } : {}) },
  };
}
