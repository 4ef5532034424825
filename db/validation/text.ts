import type { FieldErrors } from '../errors';

/**
 * Characters no note may hold: C0 and C1 controls (line breaks and tabs excepted) and the
 * bidirectional embedding, override and isolate marks. A terminal obeys the controls (an ESC
 * sequence can clear the screen or rewrite what the CLI shows) and the bidi marks reorder what
 * a reader sees (U+202E shows “请尽快办理” for a note stored backwards), so a note holding them
 * could say to HQ or an office something other than what is stored.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The first unsafe character of `text`, as U+XXXX, or null. */
export function unsafeCharacter(text: string): string | null {
  const m = UNSAFE.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * The one rule for free text (notes, outcomes, HQ's 督办意见) whether it comes from a form, a
 * spreadsheet row or a sync package: no control or text-direction characters.
 */
export function checkPlainText(errors: FieldErrors, field: string, text: unknown, label: { en: string; zh: string }): void {
  if (typeof text !== 'string') return;
  const found = unsafeCharacter(text);
  if (found) {
    errors.add(field, `${label.en} contains a control or text-direction character (${found}); remove it.`, `${label.zh}含有控制字符或文字方向控制符（${found}），请删除后重试。`);
  }
}

/** For display of rows stored before the rule: each unsafe character shown as a visible U+XXXX. */
export function showUnsafe(text: string): string {
  return text.replace(new RegExp(UNSAFE.source, 'g'), (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
