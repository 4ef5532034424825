import { Card, Table, Tag } from 'antd';
import type { ProgressView } from '../../../../api/progress-contract';
import { useI18n } from '../../i18n/context';

/** Open and overdue problems by responsible unit (HQ). */
export function ProblemsByUnit(props: { rows: ProgressView['problemsByUnit'] }) {
  const { t } = useI18n();
  return (
    <Card title={t('progress.problemsByUnit')} size="small" style={{ marginBottom: 16 }}>
      <Table size="small" rowKey="unit" pagination={{ pageSize: 6, size: 'small' }} dataSource={props.rows} locale={{ emptyText: t('empty.problems') }}
        columns={[
          { title: t('problem.unit'), dataIndex: 'unit' },
          { title: t('progress.open'), dataIndex: 'open', width: 80 },
          { title: t('problem.overdue'), dataIndex: 'overdue', width: 80, render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
        ]} />
    </Card>
  );
}
