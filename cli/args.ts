import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../db/errors';

/** node:util parseArgs, with its errors turned into the CLI's one-line user errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    // Node's own wording names the option; the Chinese says what kind of mistake it is.
    throw new UserError('bad_arguments', (e as Error).message, `参数有误：${(e as Error).message}`);
  }
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') {
    throw new UserError('bad_arguments', `${flag} is required`, `缺少参数 ${flag}`);
  }
  return value;
}
