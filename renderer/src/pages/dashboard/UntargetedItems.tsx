import { Collapse, Table, Tag, Typography } from 'antd';
import type { ProgressView } from '../../../../api/progress-contract';
import { useI18n } from '../../i18n/context';
import { firstSentence } from './format';
import type { Item } from './rows';

/**
 * Items without a numeric target and the text's qualitative commitments, folded below the figures:
 * they are followed through the work recorded under them, and were the whole first screen before.
 */
export function UntargetedItems(props: { items: Item[]; progress: ProgressView }) {
  const { t, language } = useI18n();
  const { items, progress } = props;
  if (items.length === 0 && progress.qualitative.length === 0) return null;
  const work = (no: number) => progress.items.find((w) => w.item === no);
  const panels = [];
  if (items.length > 0)
    panels.push({
      key: 'items',
      label: t('dashboard.untargeted', { n: items.length }),
      children: (
        <Table<Item>
          size="small"
          rowKey="no"
          pagination={false}
          dataSource={items}
          data-testid="untargeted-table"
          columns={[
            { title: t('dashboard.col.item'), width: 60, render: (_: unknown, r) => <Tag>{r.no}</Tag> },
            { title: t('dashboard.col.title'), render: (_: unknown, r) => <Typography.Text style={{ fontSize: 13 }}>{language === 'zh' ? firstSentence(r.text) : r.titleEn}</Typography.Text> },
            {
              title: t('progress.indicator'),
              width: '40%',
              render: (_: unknown, r) => {
                const w = work(r.no);
                return <Typography.Text type="secondary">{t('progress.work', { a: w?.activities ?? 0, v: w?.visits ?? 0, p: w?.openProblems ?? 0 })}</Typography.Text>;
              },
            },
          ]}
        />
      ),
    });
  if (progress.qualitative.length > 0)
    panels.push({
      key: 'qualitative',
      label: t('progress.qualitative'),
      children: (
        <div data-testid="qualitative">
          {progress.qualitative.map((q, i) => (
            <div key={i}>
              <Tag>{q.item}</Tag>
              <Typography.Text style={{ fontSize: 13 }}>{language === 'zh' ? q.text : q.textEn}</Typography.Text>
            </div>
          ))}
        </div>
      ),
    });
  return <Collapse size="small" style={{ marginBottom: 16 }} items={panels} data-testid="untargeted" />;
}
