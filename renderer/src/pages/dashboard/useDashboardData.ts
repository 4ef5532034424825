import { useEffect, useState } from 'react';
import type { ProgressView } from '../../../../api/progress-contract';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../lib/errors';

export interface DashboardData {
  progress: ProgressView | null;
  error: string | null;
}

/** The dashboard's figures for a year and scope (HQ's sections below them load in HqSections). */
export function useDashboardData(year: number, prefecture: string | null): DashboardData {
  const { language } = useI18n();
  const revision = useUi((s) => s.revision);
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!year) return;
    let current = true;
    api['progress.get']({ year, prefectureCode: prefecture }).then(
      (p) => current && setProgress(p),
      (e: unknown) => current && setError(errorText(e, language)),
    );
    return () => {
      current = false;
    };
  }, [year, prefecture, revision, language]);

  return { progress, error };
}
