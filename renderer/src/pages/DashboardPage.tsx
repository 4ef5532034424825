import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import type { IndicatorValueView, MatrixView, ProgressView } from '../../../api/progress-contract';
import { missingText, type MissingRange, type SyncStatus } from '../../../api/sync-contract';
import { api } from '../api';
import { useApp } from '../state/app';
import { useUi } from '../state/ui';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { downloadBase64 } from '../lib/download';
import { Chart } from '../components/Chart';
import { IndicatorRecords } from './dashboard/IndicatorRecords';
import { STATUS_COLOR } from './dashboard/status';
import { firstSentence, formatTarget, noteText, percentText, unjudged, valueText } from './dashboard/format';
import { dashboardRows, type IndicatorRow } from './dashboard/rows';
import { PrefectureMatrix } from './dashboard/PrefectureMatrix';
import { UntargetedItems } from './dashboard/UntargetedItems';
import { LastReceived } from './sync/LastReceived';
import { HqSupervisionCard } from './supervision/HqSupervisionCard';
import { OfficeSupervisionCard } from './supervision/OfficeSupervisionCard';

/** 工作台: how far each item is from its target, where, and the records behind every figure. */
export function DashboardPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useApp((s) => s.reference!);
  const inst = useApp((s) => s.status!.installation!);
  const revision = useUi((s) => s.revision);
  const checklist = ref.checklist;
  const [year, setYear] = useState(checklist?.year ?? 0);
  const [prefecture, setPrefecture] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [matrix, setMatrix] = useState<MatrixView | null>(null);
  const [matrixLoading, setMatrixLoading] = useState(false);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<IndicatorValueView | null>(null);
  const hq = inst.role === 'hq';

  useEffect(() => {
    if (!year) return;
    let current = true;
    // The matrix is asked for once the figures above it are in: it takes HQ several times as long,
    // and the page is usable without it.
    api['progress.get']({ year, prefectureCode: prefecture }).then(
      (p) => {
        if (!current) return;
        setProgress(p);
        if (!hq) return;
        setMatrixLoading(true);
        api['progress.matrix']({ year })
          .then((m) => current && setMatrix(m), () => current && setMatrix(null))
          .finally(() => current && setMatrixLoading(false));
      },
      (e: unknown) => current && setError(errorText(e, language)),
    );
    if (hq) api['sync.status']({}).then((x) => current && setSync(x), () => current && setSync(null));
    return () => {
      current = false;
    };
  }, [year, prefecture, hq, revision, language]);

  const rows = useMemo(() => (checklist && progress ? dashboardRows(checklist, progress) : null), [checklist, progress]);

  if (!checklist) return <Alert type="warning" showIcon message={t('dashboard.noChecklist')} />;
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!progress || !rows) return null;

  const count = (s: IndicatorValueView['status']) => progress.indicators.filter((i) => i.status === s).length;
  const name = (x: { name: string; nameEn: string }) => (language === 'zh' ? x.name : x.nameEn);

  async function report() {
    try {
      const f = await api['report.excel']({ year, prefectureCode: prefecture });
      downloadBase64(f.name, f.base64);
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  return (
    <div data-testid="page-dashboard" className="sme-dashboard">
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap className="no-print">
          <Select value={year} style={{ width: 120 }} options={ref.checklistYears.map((y) => ({ value: y, label: t('progress.year', { year: y }) }))} onChange={setYear} />
          {hq && (
            <Select
              value={prefecture ?? ''}
              style={{ width: 160 }}
              options={[{ value: '', label: t('settings.region') }, ...ref.prefectures.map((p) => ({ value: p.code, label: name(p) }))]}
              onChange={(v: string) => setPrefecture(v || null)}
              data-testid="dashboard-scope"
            />
          )}
          <Typography.Text type="secondary">{t('progress.asOf', { date: progress.asOf, pct: Math.round(progress.elapsed * 100) })}</Typography.Text>
        </Space>
        <Space className="no-print">
          <Button icon={<FileExcelOutlined />} onClick={() => void report()} data-testid="report-excel">{t('progress.report')}</Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('progress.print')}</Button>
        </Space>
      </Space>
      <div className="print-only">
        <Typography.Title level={4}>{t('dashboard.checklist', { year })} · {prefecture ? ref.prefectures.find((p) => p.code === prefecture)?.name : hq ? t('settings.region') : inst.prefectureName}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('progress.asOf', { date: progress.asOf, pct: Math.round(progress.elapsed * 100) })} · {inst.officeName}</Typography.Paragraph>
      </div>
      {!hq && <OfficeSupervisionCard />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}><Card size="small"><Statistic title={t('progress.met')} value={count('met')} valueStyle={{ color: STATUS_COLOR.met }} suffix={`/ ${progress.indicators.length}`} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('progress.onTrack')} value={count('on_track')} valueStyle={{ color: STATUS_COLOR.on_track }} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('progress.behind')} value={count('behind')} valueStyle={{ color: STATUS_COLOR.behind }} /></Card></Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('progress.noData')} value={count('no_data')} valueStyle={{ color: '#8c8c8c' }} suffix={count('no_quota') ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('progress.noQuotaCount', { n: count('no_quota') })}</Typography.Text> : undefined} />
          </Card>
        </Col>
      </Row>
      <Card title={t('dashboard.checklist', { year })} style={{ marginBottom: 16 }} size="small">
        <Table<IndicatorRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows.targeted}
          data-testid="progress-table"
          columns={[
            { title: t('dashboard.col.item'), width: 60, onCell: (r) => ({ rowSpan: r.span }), render: (_: unknown, r) => <Tag>{r.item.no}</Tag> },
            {
              title: t('dashboard.col.title'),
              width: 260,
              onCell: (r) => ({ rowSpan: r.span }),
              render: (_: unknown, r) => <Typography.Text style={{ fontSize: 13 }}>{language === 'zh' ? firstSentence(r.item.text) : r.item.titleEn}</Typography.Text>,
            },
            {
              title: t('progress.indicator'),
              render: (_: unknown, r) => name(r.ind),
            },
            {
              title: t('progress.target'),
              width: 150,
              render: (_: unknown, r) => (
                <Space size={4}>
                  {r.ind.status === 'no_quota' && <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('progress.regionTarget')}</Typography.Text>}
                  {formatTarget(t, r.ind.target, r.ind.unit, language)}
                  {r.ind.quota && <Tag color="purple">{t('quota.tag')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('progress.value'),
              width: 210,
              render: (_: unknown, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Link onClick={() => setDrill(r.ind)} data-testid={`value-${r.ind.id}`}>
                    {valueText(t, r.ind, language)}
                  </Typography.Link>
                  {r.ind.note && r.ind.region !== 'each_prefecture' && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`note-${r.ind.id}`}>{noteText(r.ind, language)}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('progress.percent'),
              width: 200,
              render: (_: unknown, r) =>
                r.ind.percent === null ? (
                  <Typography.Text type={r.ind.status === 'over' ? 'warning' : 'secondary'} data-testid={`status-${r.ind.id}`}>{unjudged(t, r.ind.status)}</Typography.Text>
                ) : (
                  <Progress percent={Math.min(100, r.ind.percent)} format={() => percentText(r.ind.percent!, language)} strokeColor={STATUS_COLOR[r.ind.status]} size="small" />
                ),
            },
          ]}
        />
      </Card>
      <UntargetedItems items={rows.untargeted} progress={progress} />
      <Row gutter={16}>
        <Col span={hq ? 12 : 24}>
          <Card title={t('progress.trend')} size="small" style={{ marginBottom: 16 }}>
            <Chart
              testId="trend-chart"
              option={{
                tooltip: { trigger: 'axis' },
                // Placed explicitly: ECharts 6 puts the legend at the bottom, over the month labels.
                legend: { data: [t('nav.activities'), t('nav.visits')], top: 0, left: 'center' },
                grid: { left: 48, right: 16, top: 36, bottom: 28 },
                xAxis: { type: 'category', data: progress.monthly.map((m) => m.month.slice(5)) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  { name: t('nav.activities'), type: 'bar', data: progress.monthly.map((m) => m.activities), itemStyle: { color: '#1f5fae' } },
                  { name: t('nav.visits'), type: 'bar', data: progress.monthly.map((m) => m.visits), itemStyle: { color: '#52c41a' } },
                ],
              }}
            />
          </Card>
        </Col>
        {hq && (
          <Col span={12}>
            <Card title={t('progress.problemsByUnit')} size="small" style={{ marginBottom: 16 }}>
              <Table size="small" rowKey="unit" pagination={{ pageSize: 6, size: 'small' }} dataSource={progress.problemsByUnit} locale={{ emptyText: t('empty.problems') }}
                columns={[
                  { title: t('problem.unit'), dataIndex: 'unit' },
                  { title: t('progress.open'), dataIndex: 'open', width: 80 },
                  { title: t('problem.overdue'), dataIndex: 'overdue', width: 80, render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
                ]} />
            </Card>
          </Col>
        )}
      </Row>
      {hq && !matrix && matrixLoading && <Card title={t('progress.matrix')} size="small" style={{ marginBottom: 16 }} loading data-testid="matrix-loading" />}
      {hq && matrix && <PrefectureMatrix matrix={matrix} />}
      {hq && <HqSupervisionCard />}
      {hq && sync && (
        <Card title={t('progress.freshness')} size="small">
          <Table size="small" rowKey="installationId" pagination={false} dataSource={sync.offices} locale={{ emptyText: t('sync.noOffices') }}
            columns={[
              { title: t('sync.office'), dataIndex: 'officeName' },
              { title: t('sync.lastPackage'), dataIndex: 'lastSequence', render: (v: number | null) => v ?? '—' },
              { title: t('sync.lastReceived'), render: (_: unknown, o: SyncStatus['offices'][number]) => <LastReceived office={o} /> },
              { title: t('sync.missingTitle'), dataIndex: 'missing', render: (m: MissingRange[]) => (m.length ? <Tag color="gold">{missingText(m)}</Tag> : '') },
            ]} />
        </Card>
      )}
      <IndicatorRecords indicator={drill} year={year} prefectureCode={prefecture} onClose={() => setDrill(null)} />
    </div>
  );
}

