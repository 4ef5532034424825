import { useEffect, useState } from 'react';
import type { Problem } from '../../../../../api/entities';
import { api } from '../../../api';
import { useI18n } from '../../../i18n/context';
import { errorText } from '../../../lib/errors';
import { useUi } from '../../../state/ui';

/** The problem the drawer shows, fetched again whenever anything is saved. */
export function useProblem() {
  const { language } = useI18n();
  const { problemId, revision } = useUi();
  const [p, setP] = useState<Problem | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!problemId) return;
    setError(null);
    api['problems.get']({ id: problemId }).then(setP, (e: unknown) => setError(errorText(e, language)));
  }, [problemId, revision, language]);
  // A stale record of the previous problem is never shown under the new one's id.
  return { current: p && p.id === problemId ? p : null, setP, error };
}
