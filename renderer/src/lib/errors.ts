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
    const name = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    // enterpriseIds.3 and the like belong to the list field itself.
    const target = known.has(path) ? name : known.has(String(name[0])) ? [name[0]!] : name.length > 1 && known.has(name.slice(0, 2).join('.')) ? name.slice(0, 2) : null;
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
