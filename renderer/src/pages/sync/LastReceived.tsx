import { Space, Tag } from 'antd';
import type { SyncStatus } from '../../../../api/sync-contract';
import { useI18n } from '../../i18n/context';
import { formatDate } from '../../lib/dates';

type Office = SyncStatus['offices'][number];

/** When an office's last package came, and a flag if it has been silent (decided by the API). */
export function LastReceived({ office }: { office: Office }) {
  const { t } = useI18n();
  if (!office.lastReceivedAt) return <Tag color="orange">{t('sync.never')}</Tag>;
  return (
    <Space>
      {formatDate(office.lastReceivedAt)}
      {office.silent && <Tag color="orange">{t('sync.stale', { n: office.daysSinceLastPackage ?? 0 })}</Tag>}
    </Space>
  );
}
