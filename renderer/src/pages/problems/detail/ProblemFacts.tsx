import { Alert, Descriptions, Typography } from 'antd';
import type { Problem } from '../../../../../api/entities';
import { useI18n } from '../../../i18n/context';
import { useLabels } from '../../../hooks/useLabels';
import { useUi } from '../../../state/ui';

/** What the problem is: enterprise, category, item, unit, deadline, and how it was closed. */
export function ProblemFacts({ p }: { p: Problem }) {
  const { t } = useI18n();
  const l = useLabels();
  const openEnterprise = useUi((s) => s.openEnterprise);
  return (
    <>
      {p.overdue && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('problem.overdueSince', { date: p.deadline ?? '' })} />}
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('visit.enterprise')} span={2}>
          <Typography.Link onClick={() => openEnterprise(p.enterpriseId)}>{p.enterpriseName}</Typography.Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('problem.category')}>{l.category(p.category)}</Descriptions.Item>
        <Descriptions.Item label={t('activity.item')}>{l.item(p.itemNo)}</Descriptions.Item>
        <Descriptions.Item label={t('problem.description')} span={2}>{p.description}</Descriptions.Item>
        <Descriptions.Item label={t('problem.unit')}>{p.responsibleUnit}</Descriptions.Item>
        <Descriptions.Item label={t('problem.deadline')}>{p.deadline}</Descriptions.Item>
        {p.resolution && <Descriptions.Item label={p.status === 'unresolvable' ? t('problem.reason') : t('problem.resolution')} span={2}>{p.resolution}</Descriptions.Item>}
        {p.closedOn && <Descriptions.Item label={t('problem.closedOn')}>{p.closedOn}</Descriptions.Item>}
      </Descriptions>
    </>
  );
}
