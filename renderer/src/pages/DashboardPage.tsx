import { Alert, Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ChecklistView, Language, TargetView } from '../../../api/contract';
import { useApp } from '../state/app';
import { useI18n } from '../i18n/context';
import type { Translate } from '../i18n';

type Item = ChecklistView['items'][number];

export function formatTarget(t: Translate, target: TargetView, unit: string): string {
  const n = (v: number | undefined) => (v ?? 0).toLocaleString();
  switch (target.kind) {
    case 'min':
      return `${t('target.min', { value: n(target.value) })} ${unit}`;
    case 'exact':
      return `${t('target.exact', { value: n(target.value) })} ${unit}`;
    case 'range':
      return `${t('target.range', { min: n(target.min), max: n(target.max) })} ${unit}`;
    case 'percentage':
      return t('target.percentage', { value: n(target.value) });
    case 'milestone':
      return t('target.milestone');
  }
}

/** Until progress tracking arrives, the dashboard shows the year's checklist and its targets. */
export function DashboardPage() {
  const { t, language } = useI18n();
  const checklist = useApp((s) => s.reference?.checklist ?? null);
  if (!checklist) return <Alert type="warning" showIcon message={t('dashboard.noChecklist')} />;
  const indicatorCount = checklist.items.reduce((a, i) => a + i.indicators.length, 0);
  const departmentCount = new Set(checklist.items.flatMap((i) => i.departments.map((d) => d.id))).size;

  return (
    <div data-testid="page-dashboard">
      <Alert type="info" showIcon message={t('dashboard.noProgress')} style={{ marginBottom: 16 }} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}><Card><Statistic title={t('dashboard.items')} value={checklist.items.length} /></Card></Col>
        <Col span={8}><Card><Statistic title={t('dashboard.indicators')} value={indicatorCount} /></Card></Col>
        <Col span={8}><Card><Statistic title={t('dashboard.departments')} value={departmentCount} /></Card></Col>
      </Row>
      <Card title={t('dashboard.checklist', { year: checklist.year })}>
        <Table<Item>
          rowKey="no"
          size="small"
          pagination={false}
          dataSource={checklist.items}
          columns={columns(t, language, checklist)}
          expandable={{ expandedRowRender: (item) => <Typography.Paragraph style={{ margin: 0 }}>{item.text}</Typography.Paragraph> }}
        />
      </Card>
    </div>
  );
}

function columns(t: Translate, language: Language, checklist: ChecklistView) {
  const sectionTitle = (no: number) => {
    const s = checklist.sections.find((x) => x.no === no);
    return s ? (language === 'zh' ? s.title : s.titleEn) : '';
  };
  return [
    { title: t('dashboard.col.item'), dataIndex: 'no', width: 70, render: (no: number) => <Tag>{no}</Tag> },
    {
      title: t('dashboard.col.title'),
      render: (_: unknown, item: Item) => (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{sectionTitle(item.section)}</Typography.Text>
          <div>{language === 'zh' ? firstSentence(item.text) : item.titleEn}</div>
        </div>
      ),
    },
    {
      title: t('dashboard.col.indicators'),
      width: '38%',
      render: (_: unknown, item: Item) =>
        item.indicators.length === 0 ? (
          <Typography.Text type="secondary">{t('dashboard.noIndicator')}</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {item.indicators.map((i) => (
              <li key={i.id}>
                {language === 'zh' ? i.name : i.nameEn}: <Typography.Text strong>{formatTarget(t, i.target, i.unit)}</Typography.Text>
              </li>
            ))}
          </ul>
        ),
    },
    {
      title: t('dashboard.col.departments'),
      width: '22%',
      render: (_: unknown, item: Item) => item.departments.map((d) => (language === 'zh' ? d.name : d.nameEn)).join(language === 'zh' ? '、' : '; '),
    },
  ];
}

function firstSentence(text: string): string {
  const end = text.indexOf('。');
  return end > 0 && end < 80 ? text.slice(0, end + 1) : `${text.slice(0, 60)}…`;
}
