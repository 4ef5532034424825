import { useMemo } from 'react';
import { useApp } from '../state/app';
import { useI18n } from '../i18n/context';
import { labels } from '../lib/labels';

export function useReference() {
  return useApp((s) => s.reference)!;
}

export function useLabels() {
  const ref = useReference();
  const { language } = useI18n();
  return useMemo(() => labels(ref, language), [ref, language]);
}
