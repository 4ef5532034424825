import { Space, Tag, Typography } from 'antd';
import type { ImportOutcome } from '../../../../api/sync-contract';
import { useI18n } from '../../i18n/context';

/**
 * What a reference package from HQ brought (its acknowledgement, checklists, quotas, HQ's 督办 and 催报 for this office), so its
 * result never reads "0 new, 0 updated" as if nothing happened; and, beside it, anything inside
 * it that was refused (an acknowledgement above this office's clock) in words.
 */
export function ReferenceSummary({ outcome: r }: { outcome: ImportOutcome }) {
  const { t, language } = useI18n();
  const quotas = r.counts.targets;
  const ack = r.reference?.acknowledgedVersion ?? null;
  return (
    <Space size={4} wrap data-testid="reference-summary">
      {ack !== null ? <Tag color="green">{t('sync.refAck', { n: ack })}</Tag> : !r.reason && <Tag>{t('sync.refNoAck')}</Tag>}
      {r.reference && <Tag>{t('sync.refChecklists', { n: r.reference.checklists })}</Tag>}
      {r.reference?.supervision ? <Tag color="volcano" data-testid="reference-supervision">{t('supervision.refItems', { n: r.reference.supervision })}</Tag> : null}
      {quotas && <Tag>{t('sync.refQuotas', { created: quotas.created, updated: quotas.updated, unchanged: quotas.unchanged })}</Tag>}
      {r.reason && <Typography.Text type="warning" data-testid="import-warning">{language === 'zh' ? r.reasonZh : r.reason}</Typography.Text>}
    </Space>
  );
}
