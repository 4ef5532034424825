import { Space, Tag } from 'antd';
import type { SyncStatus } from '../../../../api/sync-contract';
import { useI18n } from '../../i18n/context';

type Office = SyncStatus['offices'][number];

/** When an office's last package came, and a flag if it has been silent (decided by the API). */
export function LastReceived({ office }: { office: Office }) {
  const { t, language } = useI18n();
  if (!office.lastReceivedAt) return <Tag color="orange">{t('sync.never')}</Tag>;
  return (
    <Space>
      {new Date(office.lastReceivedAt).toLocaleDateString(language === 'zh' ? 'zh-CN' : 'en-GB')}
      {office.silent && <Tag color="orange">{t('sync.stale', { n: office.daysSinceLastPackage ?? 0 })}</Tag>}
    </Space>
  );
}
