import { Card, Table, Tag } from 'antd';
import { missingText, type MissingRange, type SyncStatus } from '../../../../api/sync-contract';
import { useI18n } from '../../i18n/context';
import { LastReceived } from '../sync/LastReceived';

/** When each office's last package arrived and which are missing (HQ): how current the figures are. */
export function OfficeFreshness(props: { sync: SyncStatus }) {
  const { t } = useI18n();
  return (
    <Card title={t('progress.freshness')} size="small">
      <Table size="small" rowKey="installationId" pagination={false} dataSource={props.sync.offices} locale={{ emptyText: t('sync.noOffices') }}
        columns={[
          { title: t('sync.office'), dataIndex: 'officeName' },
          { title: t('sync.lastPackage'), dataIndex: 'lastSequence', render: (v: number | null) => v ?? '—' },
          { title: t('sync.lastReceived'), render: (_: unknown, o: SyncStatus['offices'][number]) => <LastReceived office={o} /> },
          { title: t('sync.missingTitle'), dataIndex: 'missing', render: (m: MissingRange[]) => (m.length ? <Tag color="gold">{missingText(m)}</Tag> : '') },
        ]} />
    </Card>
  );
}
