import type { z } from 'zod';

/**
 * A check of the checklist schema in words, Chinese and English. The schema's own checks carry
 * both languages where they are written (a custom issue's `params.zh`, see db/reference/schema.ts);
 * zod's built-in checks (a missing field, a wrong type, an empty list…) are said here, once.
 */
export interface IssueText {
  en: string;
  zh: string;
}

const TYPE_ZH: Record<string, string> = { string: '文字', number: '数字', boolean: '“是”或“否”', array: '列表', object: '对象' };

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let cur = raw;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

function tooSmall(i: Extract<z.core.$ZodIssue, { code: 'too_small' }>): string {
  const min = Number(i.minimum);
  if (i.origin === 'string') return '不能为空';
  if (i.origin === 'array') return `至少需要 ${min} 项`;
  return i.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
}

function tooBig(i: Extract<z.core.$ZodIssue, { code: 'too_big' }>): string {
  const max = Number(i.maximum);
  if (i.origin === 'string') return `不能超过 ${max} 个字`;
  if (i.origin === 'array') return `最多 ${max} 项`;
  return i.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
}

function chinese(i: z.core.$ZodIssue, raw: unknown): string {
  switch (i.code) {
    case 'custom':
      return typeof i.params?.zh === 'string' ? i.params.zh : '内容不符合要求';
    case 'invalid_type':
      if (valueAt(raw, i.path) === undefined) return '缺少此项';
      return `应为${TYPE_ZH[i.expected] ?? i.expected}`;
    case 'too_small':
      return tooSmall(i);
    case 'too_big':
      return tooBig(i);
    case 'invalid_value':
      return `应为 ${i.values.map(String).join('、')} 之一`;
    case 'invalid_union':
      // A discriminated union: the kind is one this version does not know.
      if ('options' in i && Array.isArray(i.options)) return `未知的类型“${String(valueAt(raw, i.path))}”，应为 ${i.options.map(String).join('、')} 之一`;
      return '内容不符合任何一种已知的写法';
    case 'unrecognized_keys':
      return `不认识的字段：${i.keys.join('、')}`;
    case 'invalid_format':
      return '格式不正确';
    default:
      return '内容不符合要求';
  }
}

/** One issue of checking `raw` against the checklist schema, in both languages. */
export function issueText(i: z.core.$ZodIssue, raw: unknown): IssueText {
  return { en: i.message, zh: chinese(i, raw) };
}
