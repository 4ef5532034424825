import { ApiCallError } from '../api/contract';
import { bilingualLine } from '../db/bilingual';
import { UserError } from '../db/errors';
import { describeSystemError } from '../db/file-errors';

/**
 * What the CLI prints for people: Chinese first with the English beside it, or English alone with
 * `--lang en` (or SME_LEDGER_LANG=en). Machine output (--json) is unaffected.
 */
let language: 'both' | 'en' = process.env.SME_LEDGER_LANG === 'en' ? 'en' : 'both';

export function setOutputLanguage(lang: string | undefined): void {
  if (lang === 'en') language = 'en';
  else if (lang === 'zh') language = 'both';
}

/** One message in the output language(s). */
export function say(zh: string, en: string): string {
  return bilingualLine(zh, en, language);
}

/** Prints a line for a person on stdout. */
export function print(zh: string, en: string): void {
  console.log(say(zh, en));
}

/**
 * Takes `--lang X` / `--lang=X` out of the arguments (the output language). `init` also keeps it:
 * there it sets the installation's language too.
 */
export function takeLanguage(argv: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang' && i + 1 < argv.length) {
      setOutputLanguage(argv[i + 1]);
      if (argv[0] === 'init') rest.push(a, argv[i + 1]!);
      i++;
    } else if (a.startsWith('--lang=')) {
      setOutputLanguage(a.slice('--lang='.length));
      if (argv[0] === 'init') rest.push(a);
    } else rest.push(a);
  }
  return rest;
}

/**
 * The one line a failed command prints, or null for a bug (printed as an internal error). A raw
 * system error (ENOENT…) is said in words with its path, never as Node's message.
 */
export function failureLine(e: unknown): string | null {
  if (e instanceof UserError || e instanceof ApiCallError) return say(e.messageZh, e.message);
  const err = e as NodeJS.ErrnoException | null;
  if (err && typeof err.code === 'string' && typeof err.syscall === 'string') {
    const [zh, en] = describeSystemError(err.code);
    const where = err.path ? `：${err.path}` : '';
    return say(`${zh}${where}（${err.code}）`, `${en}${err.path ? `: ${err.path}` : ''} (${err.code})`);
  }
  return null;
}
