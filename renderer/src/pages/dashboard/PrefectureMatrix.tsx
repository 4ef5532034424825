import { Card, Table, Typography } from 'antd';
import type { Language } from '../../../../api/contract';
import type { IndicatorValueView, MatrixView } from '../../../../api/progress-contract';
import { useI18n } from '../../i18n/context';
import { formatNumber } from '../../lib/units';
import { noteText, percentText } from './format';
import { heat } from './status';

/** HQ's indicators × prefectures, each cell the figure and its percentage as the table rounds it. */
export function PrefectureMatrix(props: { matrix: MatrixView }) {
  const { t, language } = useI18n();
  const { matrix } = props;
  const name = (x: { name: string; nameEn: string }) => (language === 'zh' ? x.name : x.nameEn);
  const at = (code: string, r: IndicatorValueView) => matrix.byPrefecture[code]!.find((x) => x.id === r.id)!;
  return (
    <Card title={t('progress.matrix')} size="small" style={{ marginBottom: 16 }}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        // As wide as its columns: at 1366×768 all seven prefectures fit (a fixed 1200 hid 阿里地区).
        scroll={{ x: 240 + 90 * (matrix.prefectures.length + 1) }}
        dataSource={matrix.region}
        data-testid="matrix-table"
        columns={[
          { title: t('progress.indicator'), fixed: 'left', width: 240, render: (_: unknown, r: IndicatorValueView) => `${r.item}. ${name(r)}` },
          { title: t('settings.region'), width: 90, render: (_: unknown, r: IndicatorValueView) => <MatrixCell v={r} language={language} /> },
          ...matrix.prefectures.map((p) => ({
            title: name(p),
            width: 90,
            onCell: (r: IndicatorValueView) => ({ style: { background: heat(at(p.code, r).percent) } }),
            render: (_: unknown, r: IndicatorValueView) => <MatrixCell v={at(p.code, r)} language={language} />,
          })),
        ]}
      />
    </Card>
  );
}

function MatrixCell({ v, language }: { v: IndicatorValueView; language: Language }) {
  if (v.value === null) return <Typography.Text type="secondary" title={noteText(v, language)}>—</Typography.Text>;
  return (
    <span data-testid={`matrix-cell-${v.id}`}>
      {formatNumber(v.value, language)}
      {v.percent !== null && <Typography.Text type="secondary" style={{ fontSize: 11 }}> {percentText(v.percent, language)}</Typography.Text>}
    </span>
  );
}
