import { Card, Table } from 'antd';
import type { IndicatorValueView } from '../../../../api/progress-contract';
import { useI18n } from '../../i18n/context';
import { progressColumns } from './progressColumns';
import type { IndicatorRow } from './rows';

/** The year's figures with a target, each against it; a figure opens the records behind it. */
export function ProgressTable(props: { year: number; rows: IndicatorRow[]; onDrill: (ind: IndicatorValueView) => void }) {
  const { t, language } = useI18n();
  return (
    <Card title={t('dashboard.checklist', { year: props.year })} style={{ marginBottom: 16 }} size="small">
      <Table<IndicatorRow> size="small" rowKey="key" pagination={false} dataSource={props.rows} data-testid="progress-table" columns={progressColumns(t, language, props.onDrill)} />
    </Card>
  );
}
