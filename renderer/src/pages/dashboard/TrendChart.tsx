import { Card } from 'antd';
import type { ProgressView } from '../../../../api/progress-contract';
import { useI18n } from '../../i18n/context';
import { Chart } from '../../components/Chart';

/** Activities and visits recorded month by month. */
export function TrendChart(props: { monthly: ProgressView['monthly'] }) {
  const { t } = useI18n();
  const { monthly } = props;
  return (
    <Card title={t('progress.trend')} size="small" style={{ marginBottom: 16 }}>
      <Chart
        testId="trend-chart"
        option={{
          tooltip: { trigger: 'axis' },
          // Placed explicitly: ECharts 6 puts the legend at the bottom, over the month labels.
          legend: { data: [t('nav.activities'), t('nav.visits')], top: 0, left: 'center' },
          grid: { left: 48, right: 16, top: 36, bottom: 28 },
          xAxis: { type: 'category', data: monthly.map((m) => m.month.slice(5)) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: t('nav.activities'), type: 'bar', data: monthly.map((m) => m.activities), itemStyle: { color: '#1f5fae' } },
            { name: t('nav.visits'), type: 'bar', data: monthly.map((m) => m.visits), itemStyle: { color: '#52c41a' } },
          ],
        }}
      />
    </Card>
  );
}
