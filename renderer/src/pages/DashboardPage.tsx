import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ChecklistView, TargetView } from '../../../api/contract';
import type { IndicatorValueView, MatrixView, ProgressView } from '../../../api/progress-contract';
import { missingText, type MissingRange, type SyncStatus } from '../../../api/sync-contract';
import { api } from '../api';
import { useApp } from '../state/app';
import { useUi } from '../state/ui';
import { useI18n } from '../i18n/context';
import type { Translate } from '../i18n';
import { errorText } from '../lib/errors';
import { downloadBase64 } from '../lib/download';
import { Chart } from '../components/Chart';
import { IndicatorRecords } from './dashboard/IndicatorRecords';
import { heat, STATUS_COLOR } from './dashboard/status';
import { LastReceived } from './sync/LastReceived';

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
    case 'tracked':
      return t('target.tracked');
  }
}

type Row = { key: string; item: ChecklistView['items'][number]; ind: IndicatorValueView | null; first: boolean; span: number };

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

  const rows = useMemo<Row[]>(() => {
    if (!checklist || !progress) return [];
    return checklist.items.flatMap((item): Row[] => {
      const inds = progress.indicators.filter((i) => i.item === item.no);
      if (inds.length === 0) return [{ key: `${item.no}`, item, ind: null, first: true, span: 1 }];
      return inds.map((ind, i) => ({ key: ind.id, item, ind, first: i === 0, span: i === 0 ? inds.length : 0 }));
    });
  }, [checklist, progress]);

  if (!checklist) return <Alert type="warning" showIcon message={t('dashboard.noChecklist')} />;
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!progress) return null;

  const count = (s: IndicatorValueView['status']) => progress.indicators.filter((i) => i.status === s).length;
  const name = (x: { name: string; nameEn: string }) => (language === 'zh' ? x.name : x.nameEn);
  const work = (no: number) => progress.items.find((w) => w.item === no)!;

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
        <Table<Row>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
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
              render: (_: unknown, r) => {
                if (!r.ind) {
                  const w = work(r.item.no);
                  return <Typography.Text type="secondary">{t('progress.work', { a: w.activities, v: w.visits, p: w.openProblems })}</Typography.Text>;
                }
                return name(r.ind);
              },
            },
            {
              title: t('progress.target'),
              width: 130,
              render: (_: unknown, r) =>
                r.ind ? (
                  <Space size={4}>
                    {r.ind.status === 'no_quota' && <Typography.Text type="secondary">{t('progress.regionTarget')}</Typography.Text>}
                    {formatTarget(t, r.ind.target, r.ind.unit)}
                    {r.ind.quota && <Tag color="purple">{t('quota.tag')}</Tag>}
                  </Space>
                ) : '',
            },
            {
              title: t('progress.value'),
              width: 230,
              render: (_: unknown, r) =>
                r.ind ? (
                  <Space direction="vertical" size={0}>
                    <Typography.Link onClick={() => setDrill(r.ind)} data-testid={`value-${r.ind.id}`}>
                      {valueText(t, r.ind)}
                    </Typography.Link>
                    {r.ind.note && r.ind.region !== 'each_prefecture' && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`note-${r.ind.id}`}>{language === 'zh' ? r.ind.note.zh : r.ind.note.en}</Typography.Text>}
                  </Space>
                ) : null,
            },
            {
              title: t('progress.percent'),
              width: 200,
              render: (_: unknown, r) =>
                r.ind ? (
                  r.ind.percent === null ? (
                    <Typography.Text type={r.ind.status === 'over' ? 'warning' : 'secondary'} data-testid={`status-${r.ind.id}`}>{unjudged(t, r.ind.status)}</Typography.Text>
                  ) : (
                    <Progress percent={Math.min(100, r.ind.percent)} format={() => `${r.ind!.percent}%`} strokeColor={STATUS_COLOR[r.ind.status]} size="small" />
                  )
                ) : null,
            },
          ]}
        />
      </Card>
      {progress.qualitative.length > 0 && (
        <Card title={t('progress.qualitative')} size="small" style={{ marginBottom: 16 }} data-testid="qualitative">
          {progress.qualitative.map((q, i) => (
            <div key={i}>
              <Tag>{q.item}</Tag>
              <Typography.Text style={{ fontSize: 13 }}>{language === 'zh' ? q.text : q.textEn}</Typography.Text>
            </div>
          ))}
        </Card>
      )}
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
      {hq && matrix && (
        <Card title={t('progress.matrix')} size="small" style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 1200 }}
            dataSource={matrix.region}
            data-testid="matrix-table"
            columns={[
              { title: t('progress.indicator'), fixed: 'left', width: 240, render: (_: unknown, r: IndicatorValueView) => `${r.item}. ${name(r)}` },
              { title: t('settings.region'), width: 90, render: (_: unknown, r: IndicatorValueView) => cell(r) },
              ...matrix.prefectures.map((p) => ({
                title: name(p),
                width: 90,
                onCell: (r: IndicatorValueView) => ({ style: { background: heat(matrix.byPrefecture[p.code]!.find((x) => x.id === r.id)!.percent) } }),
                render: (_: unknown, r: IndicatorValueView) => cell(matrix.byPrefecture[p.code]!.find((x) => x.id === r.id)!),
              })),
            ]}
          />
        </Card>
      )}
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

/** A figure with its unit; a per-prefecture commitment at the region as "5/7 个地（市）". */
function valueText(t: Translate, v: IndicatorValueView): string {
  if (v.value === null) return '—';
  if (v.region === 'each_prefecture' && v.parts) return t('progress.prefecturesDone', { n: v.parts.numerator, d: v.parts.denominator });
  if (v.computation === 'milestone') return v.value ? t('target.milestone') : t('progress.notDone');
  return `${v.value.toLocaleString()} ${v.unit}`;
}

/** Why a figure has no percentage. */
function unjudged(t: Translate, status: IndicatorValueView['status']): string {
  switch (status) {
    case 'no_quota':
      return t('progress.noQuota');
    case 'over':
      return t('progress.over');
    case 'regional':
      return t('progress.regional');
    case 'tracked':
      return t('progress.tracked');
    default:
      return t('progress.noData');
  }
}

function cell(v: IndicatorValueView) {
  if (v.value === null) return <Typography.Text type="secondary" title={v.note?.zh ?? ''}>—</Typography.Text>;
  return (
    <span title={v.percent === null ? '' : `${v.percent}%`}>
      {v.value.toLocaleString()}
      {v.percent !== null && <Typography.Text type="secondary" style={{ fontSize: 11 }}> {Math.round(v.percent)}%</Typography.Text>}
    </span>
  );
}

function firstSentence(text: string): string {
  const end = text.indexOf('。');
  return end > 0 && end < 80 ? text.slice(0, end + 1) : `${text.slice(0, 60)}…`;
}
