import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, KeyOutlined, SendOutlined } from '@ant-design/icons';
import { missingText, type MissingRange, type SyncStatus } from '../../../../api/sync-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { useLabels } from '../../hooks/useLabels';
import { errorText } from '../../lib/errors';
import { downloadBase64 } from '../../lib/download';
import { useUi } from '../../state/ui';
import { formatDateTime } from '../../lib/dates';
import { colon } from '../../lib/text';
import { CardTrust } from './CardTrust';
import { PackageImport } from './PackageImport';
import { LastReceived } from './LastReceived';
import { SecurityEvents } from './SecurityEvents';
import { RemindModal } from '../supervision/RemindModal';

/** 同步: keys and trust, and files in and out — an office's view and headquarters' view. */
export function SyncPage() {
  const { t, language } = useI18n();
  const { message, modal } = App.useApp();
  const { revision, changed } = useUi();
  const [s, setS] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [remind, setRemind] = useState<string | null>(null);

  const load = useCallback(() => {
    api['sync.status']({}).then(setS, (e: unknown) => setError(errorText(e, language)));
  }, [language]);
  useEffect(load, [load, revision]);

  async function download(get: () => Promise<{ name: string; base64: string }>, done?: string) {
    try {
      const f = await get();
      downloadBase64(f.name, f.base64, 'application/octet-stream');
      if (done) void message.success(done);
      load();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!s) return null;

  const keysCard = (
    <Card title={<Space><KeyOutlined />{t('sync.ownKey')}</Space>}>
      <Typography.Paragraph>{t('sync.fingerprint')}{colon(language)}<Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 16 }} data-testid="own-fingerprint">{s.fingerprint}</Typography.Text></Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t(s.role === 'hq' ? 'sync.ownKeyHintHq' : 'sync.ownKeyHintOffice')}</Typography.Paragraph>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={() => void download(() => api['sync.keyCard']({}))} data-testid="export-card">{t('sync.exportCard')}</Button>
        {s.role === 'office' && (
          <Popconfirm title={t('sync.rotateConfirm')} onConfirm={() => void download(() => api['sync.rotate']({}), t('sync.rotated'))}>
            <Button>{t('sync.rotate')}</Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );

  if (s.role === 'office') {
    return (
      <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="page-sync">
        <SecurityEvents events={s.securityEvents} />
        <Row gutter={16}>
          <Col span={12}>{keysCard}</Col>
          <Col span={12}>
            <Card title={t('sync.hqKey')}>
              {s.hq ? (
                <Typography.Paragraph data-testid="hq-trusted">
                  {t('sync.hqTrusted', { name: s.hq.officeName })}<br />
                  {t('sync.fingerprint')}{colon(language)}<Typography.Text style={{ fontFamily: 'monospace' }}>{s.hq.fingerprint}</Typography.Text>
                </Typography.Paragraph>
              ) : (
                <>
                  <Alert type="info" showIcon message={t('sync.needHq')} style={{ marginBottom: 12 }} />
                  <CardTrust onTrusted={() => { void message.success(t('sync.trusted')); load(); }} testId="trust-hq" />
                </>
              )}
            </Card>
          </Col>
        </Row>
        <Card title={<Space><SendOutlined />{t('sync.exportTitle')}</Space>}>
          <ExportBox status={s} onExported={load} />
        </Card>
        <Card title={t('sync.referenceTitle')}>
          <Typography.Paragraph type="secondary">{t('sync.referenceHint')}</Typography.Paragraph>
          <PackageImport confirmFirst={false} onImported={() => { load(); changed(); }} />
        </Card>
      </Space>
    );
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="page-sync">
      <SecurityEvents events={s.securityEvents} />
      <Row gutter={16}>
        <Col span={12}>{keysCard}</Col>
        <Col span={12}>
          <Card title={t('sync.enrolTitle')}>
            <Typography.Paragraph type="secondary">{t('sync.enrolHint')}</Typography.Paragraph>
            <CardTrust onTrusted={() => { void message.success(t('sync.enrolled')); load(); }} testId="enrol-office" />
          </Card>
        </Col>
      </Row>
      <Card title={t('sync.importTitle')} extra={<Button icon={<SendOutlined />} onClick={() => void download(() => api['sync.publish']({}), t('sync.published'))} data-testid="publish">{t('sync.publish')}</Button>}>
        <PackageImport confirmFirst onImported={() => { load(); changed(); }} />
      </Card>
      <Card title={t('sync.officesTitle')}>
        <Table
          size="small"
          rowKey="installationId"
          pagination={false}
          dataSource={s.offices}
          locale={{ emptyText: t('sync.noOffices') }}
          data-testid="offices-table"
          columns={[
            { title: t('sync.office'), render: (_: unknown, o: SyncStatus['offices'][number]) => <Space>{o.officeName}{o.revoked && <Tag color="red">{t('sync.revoked')}</Tag>}</Space> },
            { title: t('settings.prefecture'), dataIndex: 'prefectureCode', render: (c: string) => <PrefectureName code={c} /> },
            { title: t('sync.fingerprint'), dataIndex: 'fingerprint', render: (f: string) => <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{f}</Typography.Text> },
            { title: t('sync.lastPackage'), dataIndex: 'lastSequence', render: (v: number | null) => v ?? '—' },
            { title: t('sync.lastReceived'), render: (_: unknown, o: SyncStatus['offices'][number]) => <LastReceived office={o} /> },
            { title: t('sync.missingTitle'), dataIndex: 'missing', render: (m: MissingRange[]) => (m.length ? <Tag color="gold">{missingText(m)}</Tag> : '') },
            {
              title: '',
              render: (_: unknown, o: SyncStatus['offices'][number]) =>
                !o.revoked && (
                  <Space size={4}>
                  {o.prefectureCode && <Button size="small" onClick={() => setRemind(o.prefectureCode)} data-testid={`remind-${o.prefectureCode}`}>{t('supervision.remind')}</Button>}
                  <Button
                    size="small"
                    danger
                    onClick={() =>
                      modal.confirm({
                        title: t('sync.revokeTitle', { name: o.officeName }),
                        content: t('sync.revokeText'),
                        okButtonProps: { danger: true },
                        onOk: async () => {
                          await api['sync.revoke']({ installationId: o.installationId });
                          load();
                        },
                      })
                    }
                  >
                    {t('sync.revoke')}
                  </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <RemindModal prefectureCode={remind} onClose={() => setRemind(null)} />
      <Card title={t('sync.ledgerTitle')}>
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10 }}
          dataSource={s.ledger}
          data-testid="ledger-table"
          columns={[
            { title: t('sync.receivedAt'), dataIndex: 'receivedAt', width: 170, render: (v: string) => formatDateTime(v) },
            { title: t('sync.file'), dataIndex: 'fileName', ellipsis: true },
            { title: t('sync.office'), dataIndex: 'office' },
            { title: t('sync.sequence'), dataIndex: 'sequence', width: 70 },
            { title: t('sync.status'), dataIndex: 'status', width: 110, render: (v: string) => <Tag color={v === 'imported' ? 'green' : v === 'rejected' ? 'red' : 'default'}>{t(`sync.status.${v}` as MessageKey)}</Tag> },
            { title: t('excel.reason'), ellipsis: true, render: (_: unknown, r: SyncStatus['ledger'][number]) => (language === 'zh' ? r.reasonZh : r.reason) },
          ]}
        />
      </Card>
    </Space>
  );
}

function PrefectureName({ code }: { code: string | null }) {
  const l = useLabels();
  return <>{l.prefecture(code)}</>;
}

function ExportBox({ status, onExported }: { status: SyncStatus; onExported: () => void }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    try {
      const f = await api['sync.export']({ full });
      downloadBase64(f.name, f.base64, 'application/octet-stream');
      void message.success(t('sync.exported', { n: f.sequence }));
      onExported();
    } catch (e) {
      void message.error(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={8}><Statistic title={t('sync.pending')} value={status.pendingChanges} data-testid="pending-changes" /></Col>
        <Col span={8}><Statistic title={t('sync.acked')} value={status.acknowledgedVersion} /></Col>
        <Col span={8}><Statistic title={t('sync.exportsMade')} value={status.exports.length} /></Col>
      </Row>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<DownloadOutlined />} disabled={!status.hq} loading={busy} onClick={() => void run()} data-testid="export-package">{t('sync.export')}</Button>
        <Checkbox checked={full} onChange={(e) => setFull(e.target.checked)}>{t('sync.full')}</Checkbox>
      </Space>
      <Typography.Paragraph type="secondary">{t('sync.exportHint')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="sequence"
        pagination={{ pageSize: 5 }}
        dataSource={status.exports}
        locale={{ emptyText: t('empty.sync.office') }}
        data-testid="export-history"
        columns={[
          { title: t('sync.sequence'), dataIndex: 'sequence', width: 70 },
          { title: t('sync.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('sync.records'), dataIndex: 'counts', render: (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0) },
          { title: '', dataIndex: 'full', render: (f: boolean) => (f ? <Tag>{t('sync.fullTag')}</Tag> : '') },
        ]}
      />
    </>
  );
}
