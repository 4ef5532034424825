import type { Language } from '../../../api/contract';

/** Punctuation follows the language: 指纹：…（…） in Chinese, "Fingerprint: … (…)" in English. */
export const colon = (language: Language): string => (language === 'zh' ? '：' : ': ');
export const inParens = (text: string, language: Language): string => (language === 'zh' ? `（${text}）` : ` (${text})`);
export const listSeparator = (language: Language): string => (language === 'zh' ? '；' : '; ');
