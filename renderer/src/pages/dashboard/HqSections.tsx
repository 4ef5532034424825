import { useEffect, useState } from 'react';
import { Card } from 'antd';
import type { MatrixView, ProgressView } from '../../../../api/progress-contract';
import type { SyncStatus } from '../../../../api/sync-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { usePainted } from '../../hooks/usePainted';
import { PrefectureMatrix } from './PrefectureMatrix';
import { OfficeFreshness } from './OfficeFreshness';
import { HqSupervisionCard } from '../supervision/HqSupervisionCard';

/**
 * HQ's sections below the figures: the prefecture matrix, 督办 per prefecture and the offices'
 * freshness. The matrix takes the host several times as long as the figures above it, so all
 * three are asked for once those figures are painted: the host's work on them does not slow the
 * first screen (two cores, shared), and their arrival re-renders only this part of the page.
 */
export function HqSections(props: { progress: ProgressView }) {
  const { t } = useI18n();
  const { progress } = props;
  const painted = usePainted(true);
  const [matrix, setMatrix] = useState<MatrixView | null>(null);
  const [matrixLoading, setMatrixLoading] = useState(true);
  const [sync, setSync] = useState<SyncStatus | null>(null);

  useEffect(() => {
    if (!painted) return;
    let current = true;
    setMatrixLoading(true);
    api['progress.matrix']({ year: progress.year })
      .then((m) => current && setMatrix(m), () => current && setMatrix(null))
      .finally(() => current && setMatrixLoading(false));
    api['sync.status']({}).then((x) => current && setSync(x), () => current && setSync(null));
    return () => {
      current = false;
    };
  }, [painted, progress]);

  return (
    <>
      {!matrix && matrixLoading && <Card title={t('progress.matrix')} size="small" style={{ marginBottom: 16 }} loading data-testid="matrix-loading" />}
      {matrix && <PrefectureMatrix matrix={matrix} />}
      {painted && <HqSupervisionCard />}
      {sync && <OfficeFreshness sync={sync} />}
    </>
  );
}
