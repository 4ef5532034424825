import { useIsHq } from './useIsHq';
import { useI18n } from '../i18n/context';

/**
 * At headquarters, what a record entered there is: counted in HQ's figures for the region and its
 * prefecture, but never sent to the office (packages go from offices to HQ only), so the office's
 * own dashboard does not show it.
 */
export function useHqNotice(): string | undefined {
  const { t } = useI18n();
  const hq = useIsHq();
  return hq ? t('form.hqRecordNotice') : undefined;
}
