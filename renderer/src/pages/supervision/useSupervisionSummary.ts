import { useEffect, useState } from 'react';
import type { SupervisionSummary } from '../../../../api/supervision-contract';
import { api } from '../../api';
import { useUi } from '../../state/ui';

/** HQ's 督办 counts per prefecture, fetched again whenever anything is saved or imported. */
export function useSupervisionSummary(enabled: boolean): SupervisionSummary | null {
  const revision = useUi((s) => s.revision);
  const [summary, setSummary] = useState<SupervisionSummary | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    api['supervision.summary']({}).then((s) => current && setSummary(s), () => current && setSummary(null));
    return () => {
      current = false;
    };
  }, [enabled, revision]);
  return summary;
}
