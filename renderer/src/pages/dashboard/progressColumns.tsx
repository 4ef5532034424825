import { Progress, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Language } from '../../../../api/contract';
import type { IndicatorValueView } from '../../../../api/progress-contract';
import type { Translate } from '../../i18n';
import { STATUS_COLOR } from './status';
import { firstSentence, formatTarget, noteText, percentText, unjudged, valueText } from './format';
import type { IndicatorRow } from './rows';

/**
 * Column widths of the progress table, per language. A target never wraps (its cell is one
 * nowrap line); the widths leave room for the widest, "Region ≥ 900 ×100 million yuan" (228 px)
 * and the widest Chinese one (126 px), so the table's automatic layout need not squeeze the
 * indicator column for it. The indicator column takes what is left. Checked by
 * tests/e2e/dashboard-widths.spec.ts at 1366×768 and 1920×1080 in both languages.
 */
const WIDTHS: Record<Language, { item: number; title: number; target: number; value: number; percent: number }> = {
  zh: { item: 60, title: 240, target: 150, value: 200, percent: 180 },
  en: { item: 60, title: 200, target: 244, value: 190, percent: 170 },
};

export function progressColumns(t: Translate, language: Language, onDrill: (ind: IndicatorValueView) => void): TableColumnsType<IndicatorRow> {
  const w = WIDTHS[language];
  const name = (x: { name: string; nameEn: string }) => (language === 'zh' ? x.name : x.nameEn);
  return [
    { title: t('dashboard.col.item'), width: w.item, onCell: (r) => ({ rowSpan: r.span }), render: (_: unknown, r) => <Tag>{r.item.no}</Tag> },
    {
      title: t('dashboard.col.title'),
      width: w.title,
      onCell: (r) => ({ rowSpan: r.span }),
      render: (_: unknown, r) => <Typography.Text style={{ fontSize: 13 }}>{language === 'zh' ? firstSentence(r.item.text) : r.item.titleEn}</Typography.Text>,
    },
    { title: t('progress.indicator'), render: (_: unknown, r) => name(r.ind) },
    { title: t('progress.target'), width: w.target, render: (_: unknown, r) => <TargetCell t={t} ind={r.ind} language={language} /> },
    {
      title: t('progress.value'),
      width: w.value,
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => onDrill(r.ind)} data-testid={`value-${r.ind.id}`}>
            {valueText(t, r.ind, language)}
          </Typography.Link>
          {r.ind.note && r.ind.region !== 'each_prefecture' && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`note-${r.ind.id}`}>{noteText(r.ind, language)}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('progress.percent'), width: w.percent, render: (_: unknown, r) => <PercentCell t={t} ind={r.ind} language={language} /> },
  ];
}

/** The target on one line: the region's (全区) when this scope has no quota of it, and the quota tag. */
function TargetCell(props: { t: Translate; ind: IndicatorValueView; language: Language }) {
  const { t, ind, language } = props;
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid={`target-${ind.id}`}>
      {ind.status === 'no_quota' && <Typography.Text type="secondary">{t('progress.regionTarget')} </Typography.Text>}
      {formatTarget(t, ind.target, ind.unit, language)}
      {ind.quota && <Tag color="purple" style={{ marginInlineStart: 4 }}>{t('quota.tag')}</Tag>}
    </span>
  );
}

function PercentCell(props: { t: Translate; ind: IndicatorValueView; language: Language }) {
  const { t, ind, language } = props;
  if (ind.percent === null) {
    return <Typography.Text type={ind.status === 'over' ? 'warning' : 'secondary'} data-testid={`status-${ind.id}`}>{unjudged(t, ind.status)}</Typography.Text>;
  }
  return <Progress percent={Math.min(100, ind.percent)} format={() => percentText(ind.percent!, language)} strokeColor={STATUS_COLOR[ind.status]} size="small" />;
}
