import type { Language } from '../../../api/contract';

/**
 * A status change writes a progress note in the ledger's own words, in Chinese
 * ("状态：待办 → 办理中。…", db/problems.ts), since the note travels to HQ as data. In English the
 * status part is shown in English; what the user wrote after it stays as written.
 */
export function statusNoteText(note: string, statuses: readonly { name: string; nameEn: string }[], language: Language): string {
  if (language === 'zh') return note;
  const names = statuses.map((s) => s.name).join('|');
  const m = new RegExp(`^状态：(${names}) → (${names})(?:。([\\s\\S]*))?$`).exec(note);
  if (!m) return note;
  const en = (zh: string) => statuses.find((s) => s.name === zh)!.nameEn;
  return `Status: ${en(m[1]!)} → ${en(m[2]!)}${m[3] ? `. ${m[3]}` : ''}`;
}
