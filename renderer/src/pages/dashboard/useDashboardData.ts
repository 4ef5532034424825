import { useEffect, useState } from 'react';
import type { MatrixView, ProgressView } from '../../../../api/progress-contract';
import type { SyncStatus } from '../../../../api/sync-contract';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../lib/errors';

export interface DashboardData {
  progress: ProgressView | null;
  matrix: MatrixView | null;
  matrixLoading: boolean;
  sync: SyncStatus | null;
  error: string | null;
}

/** The dashboard's figures for a year and scope; at HQ also the prefecture matrix and the offices' freshness. */
export function useDashboardData(year: number, prefecture: string | null, hq: boolean): DashboardData {
  const { language } = useI18n();
  const revision = useUi((s) => s.revision);
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [matrix, setMatrix] = useState<MatrixView | null>(null);
  const [matrixLoading, setMatrixLoading] = useState(false);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!year) return;
    let current = true;
    // The matrix is asked for once the figures above it are in: it takes HQ several times as long,
    // and the page is usable without it.
    api['progress.get']({ year, prefectureCode: prefecture }).then(
      (p) => {
        if (!current) return;
        setProgress(p);
        if (!hq) return;
        setMatrixLoading(true);
        api['progress.matrix']({ year })
          .then((m) => current && setMatrix(m), () => current && setMatrix(null))
          .finally(() => current && setMatrixLoading(false));
      },
      (e: unknown) => current && setError(errorText(e, language)),
    );
    if (hq) api['sync.status']({}).then((x) => current && setSync(x), () => current && setSync(null));
    return () => {
      current = false;
    };
  }, [year, prefecture, hq, revision, language]);

  return { progress, matrix, matrixLoading, sync, error };
}
