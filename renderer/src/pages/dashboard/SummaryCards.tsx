import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { IndicatorValueView, ProgressView } from '../../../../api/progress-contract';
import { useI18n } from '../../i18n/context';
import { STATUS_COLOR } from './status';

/** How many figures are met, on track, behind, without data. */
export function SummaryCards(props: { progress: ProgressView }) {
  const { t } = useI18n();
  const { progress } = props;
  const count = (s: IndicatorValueView['status']) => progress.indicators.filter((i) => i.status === s).length;
  const noQuota = count('no_quota');
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      <Col span={6}><Card size="small"><Statistic title={t('progress.met')} value={count('met')} valueStyle={{ color: STATUS_COLOR.met }} suffix={`/ ${progress.indicators.length}`} /></Card></Col>
      <Col span={6}><Card size="small"><Statistic title={t('progress.onTrack')} value={count('on_track')} valueStyle={{ color: STATUS_COLOR.on_track }} /></Card></Col>
      <Col span={6}><Card size="small"><Statistic title={t('progress.behind')} value={count('behind')} valueStyle={{ color: STATUS_COLOR.behind }} /></Card></Col>
      <Col span={6}>
        <Card size="small">
          <Statistic title={t('progress.noData')} value={count('no_data')} valueStyle={{ color: '#8c8c8c' }} suffix={noQuota ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('progress.noQuotaCount', { n: noQuota })}</Typography.Text> : undefined} />
        </Card>
      </Col>
    </Row>
  );
}
