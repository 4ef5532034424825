import { Tag } from 'antd';
import type { ProblemStatus } from '../../../api/entities';
import { useLabels } from '../hooks/useLabels';
import { useI18n } from '../i18n/context';

const COLORS: Record<ProblemStatus, string> = { open: 'orange', in_progress: 'blue', resolved: 'green', unresolvable: 'default' };

/** A problem's status; an overdue one says so in red wherever it appears. */
export function ProblemStatusTag({ status, overdue }: { status: ProblemStatus; overdue?: boolean }) {
  const l = useLabels();
  const { t } = useI18n();
  return (
    <>
      <Tag color={COLORS[status]}>{l.status(status)}</Tag>
      {overdue && <Tag color="red" data-testid="overdue-tag">{t('problem.overdue')}</Tag>}
    </>
  );
}
