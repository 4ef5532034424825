import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useI18n } from '../i18n/context';
import { applyFieldErrors } from '../lib/errors';

/**
 * Saving a form: its own checks first, then `submit`; on a failure everything typed stays and
 * each field the API complained about is marked, the rest returned as `problems` to show above.
 */
export function useFormSave<T>(form: FormInstance<T>, submit: (values: T) => Promise<void>) {
  const { language } = useI18n();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  async function save(): Promise<boolean> {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return false;
    }
    setSaving(true);
    setProblems([]);
    try {
      await submit(values);
      return true;
    } catch (e) {
      setProblems(applyFieldErrors(form, e, language));
      return false;
    } finally {
      setSaving(false);
    }
  }

  return { saving, problems, setProblems, save };
}
