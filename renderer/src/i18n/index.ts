import type { Language } from '../../../api/contract';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type { MessageKey };
const catalogues: Record<Language, Record<MessageKey, string>> = { zh, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const messages = catalogues[language];
  return (key, params) => {
    const text = messages[key];
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
  };
}

/** Picks the Chinese or English form of a bilingual field. */
export function pick(language: Language, zhValue: string, enValue: string): string {
  return language === 'en' ? enValue : zhValue;
}
