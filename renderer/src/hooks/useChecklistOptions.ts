import { useI18n } from '../i18n/context';
import { useReference } from './useLabels';

/**
 * The choices the activity, visit and problem forms share: checklist items ("6. 每年组织开展…"),
 * responsible units (the checklist's departments, as names), and a name in the current language.
 */
export function useChecklistOptions() {
  const { language } = useI18n();
  const checklist = useReference().checklist;
  const name = (e: { name: string; nameEn: string }) => (language === 'zh' ? e.name : e.nameEn);
  return {
    name,
    itemOptions: (checklist?.items ?? []).map((i) => ({ value: i.no, label: `${i.no}. ${language === 'zh' ? i.text.slice(0, 22) : i.titleEn}` })),
    unitOptions: (checklist?.departments ?? []).map((d) => ({ value: name(d) })),
  };
}
