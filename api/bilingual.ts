/**
 * A contract's refusal written once in both languages: zod carries one string per issue, so the
 * Chinese and the English travel together, split by a character no user input can hold (control
 * characters are refused in all text, db/validation/text.ts), and the dispatcher
 * (services/dispatch.ts) shows each language its own half.
 */
const SEPARATOR = '\u001f';

export const zhEn = (zh: string, en: string): string => `${zh}${SEPARATOR}${en}`;

/** A zod issue's message in both languages; a message written in English only stays as it is in both. */
export function splitZhEn(message: string): { zh: string; en: string } {
  const at = message.indexOf(SEPARATOR);
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 1) };
}
