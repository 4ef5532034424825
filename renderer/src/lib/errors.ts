import type { FormInstance } from 'antd';
import { ApiCallError, type Language } from '../../../api/contract';

/** The message of an API error in the current language. */
export function errorText(e: unknown, language: Language): string {
  if (e instanceof ApiCallError) return language === 'zh' ? e.messageZh : e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Puts the API's field errors on the form's fields, so the user sees each one where it belongs.
 * Returns the messages that belong to no field of the form (to show above it).
 */
export function applyFieldErrors(form: FormInstance, e: unknown, language: Language): string[] {
  if (!(e instanceof ApiCallError) || Object.keys(e.fields).length === 0) return [errorText(e, language)];
  const known = new Set(Object.keys(flatten(form.getFieldsValue(true))));
  const unplaced: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [path, m] of Object.entries(e.fields)) {
    const text = language === 'zh' ? m.zh : m.en;
    // enterpriseIds.3 belongs to the list field itself (its elements are not fields of the form,
    // and an error set on one is never shown); metrics.participants.x to its metric's field.
    const parts = path.split('.');
    const listIndex = parts.findIndex((p) => /^\d+$/.test(p));
    const named = listIndex === -1 ? parts : parts.slice(0, listIndex);
    let target: string[] | null = null;
    for (let n = named.length; n > 0 && !target; n--) if (known.has(named.slice(0, n).join('.'))) target = named.slice(0, n);
    if (target) fields.push({ name: target, errors: [text] });
    else unplaced.push(text);
  }
  form.setFields(fields);
  return unplaced;
}

function flatten(o: unknown, prefix = '', out: Record<string, true> = {}): Record<string, true> {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) {
      const key = prefix ? `${prefix}.${k}` : k;
      out[key] = true;
      flatten(v, key, out);
    }
  } else if (Array.isArray(o)) {
    o.forEach((v, i) => {
      const key = `${prefix}.${i}`;
      out[key] = true;
      flatten(v, key, out);
    });
  }
  return out;
}
