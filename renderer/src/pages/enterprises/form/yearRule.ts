import type { Rule } from 'antd/es/form';
import { useI18n } from '../../../i18n/context';
import { useReference } from '../../../hooks/useLabels';

/**
 * A year typed is kept and refused with its reason if it is not one (1990 to this year); the
 * input's min/max used to change 2030 into this year without a word. The API says the same.
 */
export function useYearRule(): Rule {
  const { t } = useI18n();
  const thisYear = Number(useReference().today.slice(0, 4));
  return {
    validator: (_: unknown, v: unknown) =>
      v === null || v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= thisYear)
        ? Promise.resolve()
        : Promise.reject(new Error(t('enterprise.yearRange', { max: thisYear }))),
  };
}
