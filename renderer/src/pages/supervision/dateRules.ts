import type { Rule } from 'antd/es/form';
import { useReference } from '../../hooks/useLabels';
import { useI18n } from '../../i18n/context';

/** HQ's dates are ahead of it (a deadline, a "by" date): never before today, as the API says too. */
export function useNotPast(): Rule {
  const { t } = useI18n();
  const today = useReference().today;
  return { validator: (_: unknown, v: unknown) => (typeof v === 'string' && v < today ? Promise.reject(new Error(t('supervision.notPast', { today }))) : Promise.resolve()) };
}
