import { useEffect, useState } from 'react';
import { Alert, Drawer, Table, Typography } from 'antd';
import type { IndicatorValueView, RecordsView } from '../../../../api/progress-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useLabels } from '../../hooks/useLabels';
import { errorText } from '../../lib/errors';
import { useUi } from '../../state/ui';
import { formatFigure, formatNumber } from '../../lib/units';
import { listSeparator } from '../../lib/text';

/** The records a figure counts: activities, enterprises, visits or reported figures. */
export function IndicatorRecords(props: { indicator: IndicatorValueView | null; year: number; prefectureCode: string | null; onClose: () => void }) {
  const { t, language } = useI18n();
  const l = useLabels();
  const openEnterprise = useUi((s) => s.openEnterprise);
  const [data, setData] = useState<RecordsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ind = props.indicator;

  useEffect(() => {
    if (!ind) return;
    setData(null);
    setError(null);
    api['progress.records']({ year: props.year, prefectureCode: props.prefectureCode, indicatorId: ind.id }).then(setData, (e: unknown) => setError(errorText(e, language)));
  }, [ind, props.year, props.prefectureCode, language]);

  // Every figure of an activity with its name and unit, as the activity list shows it.
  const metricsText = (json: string) =>
    Object.entries(JSON.parse(json) as Record<string, number>)
      .map(([k, n]) => {
        const def = l.metric(k);
        return `${def ? (language === 'zh' ? def.name : def.nameEn) : k} ${formatFigure(n, def?.unit, language)}`;
      })
      .join(listSeparator(language));

  const columns =
    data?.kind === 'activities'
      ? [
          { title: t('activity.date'), dataIndex: 'date', width: 110 },
          { title: t('activity.kind'), dataIndex: 'kind', render: (v: string) => l.activityKind(v) },
          { title: t('activity.title'), dataIndex: 'title' },
          { title: t('enterprise.prefecture'), dataIndex: 'prefecture_code', render: (v: string) => l.prefecture(v) },
          { title: t('activity.metrics'), dataIndex: 'metrics', render: (v: string) => metricsText(v) },
        ]
      : data?.kind === 'enterprises'
        ? [
            { title: t('enterprise.name'), dataIndex: 'name', render: (v: string, r: Record<string, unknown>) => <Typography.Link onClick={() => openEnterprise(r.id as string)}>{v}</Typography.Link> },
            { title: t('enterprise.uscc'), dataIndex: 'uscc' },
            { title: t('enterprise.prefecture'), dataIndex: 'prefecture_code', render: (v: string) => l.prefecture(v) },
            { title: t('enterprise.specialised'), dataIndex: 'specialised', render: (v: string) => (v === 'none' ? '' : l.specialised(v)) },
          ]
        : data?.kind === 'visits'
          ? [
              { title: t('visit.date'), dataIndex: 'date', width: 110 },
              { title: t('visit.kind'), dataIndex: 'kind', render: (v: string) => l.visitKind(v) },
              { title: t('visit.enterprise'), dataIndex: 'enterprise_name', render: (v: string, r: Record<string, unknown>) => <Typography.Link onClick={() => openEnterprise(r.enterprise_id as string)}>{v}</Typography.Link> },
              { title: t('enterprise.prefecture'), dataIndex: 'prefecture_code', render: (v: string) => l.prefecture(v) },
              { title: t('visit.visitors'), dataIndex: 'visitors' },
            ]
          : [
              { title: t('figure.asOf'), dataIndex: 'as_of', width: 110 },
              { title: t('figure.value'), dataIndex: 'value', render: (v: number) => formatNumber(v, language) },
              { title: t('enterprise.prefecture'), dataIndex: 'prefecture_code', render: (v: string) => (v ? l.prefecture(v) : t('settings.region')) },
              { title: t('figure.source'), dataIndex: 'source' },
            ];

  return (
    <Drawer open={ind !== null} size={880} onClose={props.onClose} title={ind ? `${ind.item}. ${language === 'zh' ? ind.name : ind.nameEn}` : ''}>
      {error && <Alert type="error" showIcon message={error} />}
      {ind?.parts && (
        <Alert style={{ marginBottom: 12 }} type="info" message={t('progress.parts', { n: ind.parts.numerator, d: ind.parts.denominator })} />
      )}
      {data && data.kind === 'none' && <Alert type="info" message={t('progress.noRecords')} />}
      {data && data.kind !== 'none' && (
        <>
          <Typography.Paragraph type="secondary">
            {t('progress.recordsCount', { n: data.total })}
            {data.unregistered ? ` ${t('progress.unregisteredToo', { n: data.unregistered })}` : ''}
          </Typography.Paragraph>
          <Table size="small" rowKey={(r) => String(r.id)} dataSource={data.rows} columns={columns as never} pagination={{ pageSize: 20 }} data-testid="indicator-records" />
        </>
      )}
    </Drawer>
  );
}
