import { describe, expect, it } from 'vitest';
import type { FormInstance } from 'antd';
import { ApiCallError } from '../../api/contract';
import { applyFieldErrors } from '../../renderer/src/lib/errors';

// The API names the field of each error; the form must show every one of them somewhere. An
// error put on a list element (enterpriseIds.0) was set on no field of the form and never shown,
// so saving an activity linked to a deleted enterprise did nothing at all.

function formWith(values: Record<string, unknown>) {
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  const form = { getFieldsValue: () => values, setFields: (f: typeof set) => set.push(...f) } as unknown as FormInstance;
  return { form, set };
}
const error = (fields: Record<string, string>) =>
  new ApiCallError({ code: 'validation', message: 'invalid', messageZh: '无效', fields: Object.fromEntries(Object.entries(fields).map(([k, zh]) => [k, { en: zh, zh }])) });

describe('API field errors on a form', () => {
  it('puts an error on a list element on the list field, and a nested one on its nearest field', () => {
    const { form, set } = formWith({ title: '对接会', enterpriseIds: ['a', 'b'], metrics: { participants: 3 } });
    const unplaced = applyFieldErrors(form, error({ 'enterpriseIds.1': '该企业已从名录中删除，请先恢复', 'metrics.participants.x': '不能为负数', title: '必填', other: '别的问题' }), 'zh');
    expect(set).toEqual([
      { name: ['enterpriseIds'], errors: ['该企业已从名录中删除，请先恢复'] },
      { name: ['metrics', 'participants'], errors: ['不能为负数'] },
      { name: ['title'], errors: ['必填'] },
    ]);
    expect(unplaced).toEqual(['别的问题']);
  });

  it('returns the message itself when the error names no field', () => {
    const { form, set } = formWith({ title: 'x' });
    expect(applyFieldErrors(form, new ApiCallError({ code: 'x', message: 'Broken', messageZh: '出错了' }), 'zh')).toEqual(['出错了']);
    expect(set).toEqual([]);
  });
});
