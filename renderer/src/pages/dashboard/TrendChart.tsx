import { useMemo } from 'react';
import { Card } from 'antd';
import type { ProgressView } from '../../../../api/progress-contract';
import { useI18n } from '../../i18n/context';
import type { EChartsCoreOption } from 'echarts/core';
import { lazyNamed } from '../../components/lazy';

const HEIGHT = 260;
// ECharts is most of what the dashboard adds to the first chunk: it comes in its own, asked for as
// soon as this module runs, so it downloads and compiles while the host computes the figures.
const Chart = lazyNamed(() => import('../../components/Chart'), 'Chart', <div style={{ height: HEIGHT }} />);
void Chart.preload().catch(() => undefined);

/** Activities and visits recorded month by month. */
export function TrendChart(props: { monthly: ProgressView['monthly'] }) {
  const { t } = useI18n();
  const { monthly } = props;
  // The same option object while the figures are the same: the chart is drawn once, not again each
  // time a section below it (the matrix, the offices' freshness) arrives.
  const option = useMemo(
    (): EChartsCoreOption => ({
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
    }),
    [monthly, t],
  );
  return (
    <Card title={t('progress.trend')} size="small" style={{ marginBottom: 16 }}>
      <Chart testId="trend-chart" option={option} height={HEIGHT} />
    </Card>
  );
}
