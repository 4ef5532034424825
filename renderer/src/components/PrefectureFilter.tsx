import { Select } from 'antd';
import { useIsHq } from '../hooks/useIsHq';
import { useI18n } from '../i18n/context';
import { useLabels, useReference } from '../hooks/useLabels';
import type { ListColumn } from './fitColumns';

/**
 * HQ narrows a list (and its Excel export) to one prefecture; an office's lists are its own. With
 * `value` the choice is the caller's (a summary above the list can set it); without, the field's own.
 */
export function PrefectureFilter(props: { onChange: (code: string | undefined) => void; value?: string | null }) {
  const { onChange } = props;
  const { t, language } = useI18n();
  const ref = useReference();
  if (!useIsHq()) return null;
  return (
    <Select
      allowClear
      placeholder={t('enterprise.prefecture')}
      style={{ width: 130 }}
      {...('value' in props ? { value: props.value ?? undefined } : {})}
      options={ref.prefectures.map((p) => ({ value: p.code, label: language === 'zh' ? p.name : p.nameEn }))}
      onChange={(v: string | undefined) => onChange(v)}
      data-testid="filter-prefecture"
    />
  );
}

/** The prefecture column of HQ's lists (an office sees only its own). */
export function usePrefectureColumn<R extends { prefectureCode: string }>(): ListColumn<R>[] {
  const { t } = useI18n();
  const l = useLabels();
  const hq = useIsHq();
  return hq ? [{ title: t('enterprise.prefecture'), dataIndex: 'prefectureCode', width: 100, render: (_: unknown, r: R) => l.prefecture(r.prefectureCode) }] : [];
}
