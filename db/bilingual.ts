import { UserError } from './errors';

/**
 * One line for a person at a terminal: Chinese first, English beside it (the operators of the
 * offices read Chinese; the English helps whoever supports them). `en` prints English only.
 */
export function bilingualLine(zh: string, en: string, lang: 'zh' | 'en' | 'both' = 'both'): string {
  if (lang === 'en') return en;
  if (lang === 'zh' || zh === en) return zh;
  return `${zh} · ${en}`;
}

/** A UserError as such a line. */
export function userErrorLine(e: UserError, lang: 'zh' | 'en' | 'both' = 'both'): string {
  return bilingualLine(e.messageZh, e.message, lang);
}
