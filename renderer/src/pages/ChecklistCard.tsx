import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ChecklistImportView, ChecklistSummaryView } from '../../../api/checklist-contract';
import { api } from '../api';
import { useApp } from '../state/app';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { downloadBase64, fileToBase64 } from '../lib/download';
import { useIsHq } from '../hooks/useIsHq';
import { inParens } from '../lib/text';

/**
 * 设置 → 清单: the checklists installed here (year, revision), each exported as the workbook or
 * JSON; at HQ, a workbook or JSON file imported with its problems or a preview, then installed.
 */
export function ChecklistCard() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const hq = useIsHq();
  const reload = useApp((s) => s.load);
  const [list, setList] = useState<ChecklistSummaryView[]>([]);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [result, setResult] = useState<ChecklistImportView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = () => api['checklists.list']({}).then(setList, (e: unknown) => setError(errorText(e, language)));
  useEffect(() => void refresh(), []); // eslint-disable-line react-hooks/exhaustive-deps

  async function download(year: number, format: 'xlsx' | 'json') {
    try {
      const f = await api['checklists.export']({ year, format });
      downloadBase64(f.name, f.base64);
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  async function check(f: File) {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      const chosen = { name: f.name, base64: await fileToBase64(f) };
      setFile(chosen);
      setResult(await api['checklists.import']({ ...chosen, dryRun: true }));
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  async function install() {
    if (!file) return;
    setBusy(true);
    try {
      const r = await api['checklists.import']({ ...file, dryRun: false });
      setResult(r);
      if (r.installed) {
        void message.success(t('checklist.installed', { year: r.preview!.year, revision: r.preview!.to }));
        setFile(null);
        setResult(null);
        await refresh();
        await reload();
      }
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  const p = result?.preview ?? null;
  return (
    <Card title={t('checklist.title')} data-testid="checklist-card">
      <Typography.Paragraph type="secondary">{t(hq ? 'checklist.hintHq' : 'checklist.hintOffice')}</Typography.Paragraph>
      <Table<ChecklistSummaryView>
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={list}
        data-testid="checklist-list"
        columns={[
          { title: t('checklist.year'), dataIndex: 'year', width: 80 },
          { title: t('checklist.revision'), dataIndex: 'revision', width: 80, render: (v: number) => <Tag color="blue">{t('checklist.rev', { n: v })}</Tag> },
          { title: t('checklist.name'), render: (_: unknown, c) => `${language === 'zh' ? c.title : t('dashboard.checklist', { year: c.year })}${inParens(t('checklist.counts', { items: c.items, indicators: c.indicators }), language)}` },
          { title: t('checklist.installedAt'), width: 180, render: (_: unknown, c) => new Date(c.installedAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB') },
          {
            title: t('checklist.export'),
            width: 200,
            render: (_: unknown, c) => (
              <Space>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(c.year, 'xlsx')} data-testid={`checklist-xlsx-${c.year}`}>Excel</Button>
                <Button size="small" onClick={() => void download(c.year, 'json')}>JSON</Button>
              </Space>
            ),
          },
        ]}
      />
      {hq && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Upload accept=".xlsx,.json" multiple={false} showUploadList={false} disabled={busy} beforeUpload={(f) => { void check(f); return false; }}>
            <Button icon={<UploadOutlined />} loading={busy} data-testid="checklist-import">{t('checklist.import')}</Button>
          </Upload>
          {error && <Alert type="error" showIcon message={error} />}
          {result && result.problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="checklist-problems"
              message={t('checklist.problems', { n: result.problems.length, file: result.fileName })}
              description={<ul style={{ margin: 0, paddingLeft: 18, maxHeight: 240, overflow: 'auto' }}>{result.problems.map((x, i) => <li key={i}>{language === 'zh' ? x.messageZh : `${[x.sheet, x.row && `row ${x.row}`, x.field].filter(Boolean).join(', ')}: ${x.message}`}</li>)}</ul>}
            />
          )}
          {p && (
            <Card size="small" type="inner" title={t('checklist.preview', { file: result!.fileName })} data-testid="checklist-preview">
              <Descriptions size="small" column={1} bordered styles={{ label: { width: 140 } }}>
                <Descriptions.Item label={t('checklist.year')}>{p.year}</Descriptions.Item>
                <Descriptions.Item label={t('checklist.revision')}>{p.unchanged ? t('checklist.unchanged') : p.from === null ? t('checklist.newYear') : `${t('checklist.rev', { n: p.from })} → ${t('checklist.rev', { n: p.to })}`}</Descriptions.Item>
                <Descriptions.Item label={t('checklist.added')}>{p.from === null ? t('checklist.counts', { items: p.items, indicators: p.indicators }) : p.added.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('checklist.removed')}>{p.removed.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('checklist.changed')}>{p.changed.map((c) => `${c.id}（${c.fields.join('、')}）`).join('；') || '—'}</Descriptions.Item>
              </Descriptions>
              <Space style={{ marginTop: 8 }}>
                <Button type="primary" disabled={p.unchanged || busy} onClick={() => void install()} data-testid="checklist-install">{t('checklist.install')}</Button>
                <Button onClick={() => { setFile(null); setResult(null); }}>{t('form.cancel')}</Button>
                <Typography.Text type="secondary">{t('checklist.publishHint')}</Typography.Text>
              </Space>
            </Card>
          )}
        </Space>
      )}
    </Card>
  );
}
