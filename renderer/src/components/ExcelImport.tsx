import { useState } from 'react';
import { Alert, Button, Modal, Result, Space, Statistic, Table, Typography, Upload, Row, Col } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ExcelKindName, ImportReport } from '../../../api/ledger-contract';
import { api } from '../api';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { downloadBase64, fileToBase64 } from '../lib/download';

type Step = { kind: 'choose' } | { kind: 'preview'; report: ImportReport } | { kind: 'done'; report: ImportReport };

/**
 * Import from Excel in three steps: choose a file, read the preview (what would be created,
 * updated, left unchanged or rejected, with row, column and reason), confirm. Rejected rows can
 * be downloaded with a column saying what to fix.
 */
export function ExcelImport(props: { kind: ExcelKindName; open: boolean; onClose: () => void; onImported: () => void }) {
  const { t, language } = useI18n();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function reset() {
    setFile(null);
    setStep({ kind: 'choose' });
    setError(null);
  }

  async function choose(f: File) {
    setError(null);
    setBusy(true);
    try {
      const chosen = { name: f.name, base64: await fileToBase64(f) };
      setFile(chosen);
      const report = await api['excel.preview']({ kind: props.kind, ...chosen });
      setStep({ kind: 'preview', report });
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (!file) return;
    setBusy(true);
    try {
      const report = await api['excel.import']({ kind: props.kind, ...file });
      setStep({ kind: 'done', report });
      props.onImported();
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  async function downloadRejected() {
    if (!file) return;
    try {
      const out = await api['excel.rejected']({ kind: props.kind, ...file });
      downloadBase64(out.name, out.base64);
    } catch (e) {
      setError(errorText(e, language));
    }
  }

  const report = step.kind === 'choose' ? null : step.report;
  return (
    <Modal
      open={props.open}
      title={t('excel.importTitle')}
      width={860}
      onCancel={() => {
        reset();
        props.onClose();
      }}
      destroyOnHidden
      footer={
        step.kind === 'preview' ? (
          <Space>
            <Button onClick={reset}>{t('excel.chooseOther')}</Button>
            <Button type="primary" loading={busy} disabled={report!.created + report!.updated === 0} onClick={() => void confirm()} data-testid="import-confirm">
              {t('excel.confirm', { n: report!.created + report!.updated })}
            </Button>
          </Space>
        ) : (
          <Button
            onClick={() => {
              reset();
              props.onClose();
            }}
          >
            {t('common.close')}
          </Button>
        )
      }
    >
      <div data-testid="excel-import">
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="import-error" />}
        {step.kind === 'choose' && (
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              void choose(f);
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{busy ? t('common.loading') : t('excel.drop')}</p>
            <Typography.Text type="secondary">{t('excel.dropHint')}</Typography.Text>
          </Upload.Dragger>
        )}
        {report && (
          <>
            {step.kind === 'done' && <Result status="success" title={t('excel.done')} style={{ padding: 8 }} />}
            <Typography.Paragraph>
              {t('excel.sheet', { file: file?.name ?? '', sheet: report.sheetName, rows: report.rows })}
            </Typography.Paragraph>
            <Row gutter={16} style={{ marginBottom: 16 }} data-testid="import-summary">
              <Col span={6}><Statistic title={t(report.applied ? 'excel.createdDone' : 'excel.created')} value={report.created} valueStyle={{ color: '#389e0d' }} /></Col>
              <Col span={6}><Statistic title={t(report.applied ? 'excel.updatedDone' : 'excel.updated')} value={report.updated} valueStyle={{ color: '#1f5fae' }} /></Col>
              <Col span={6}><Statistic title={t('excel.unchanged')} value={report.unchanged} /></Col>
              <Col span={6}><Statistic title={t('excel.rejected')} value={report.rejected.length} valueStyle={{ color: report.rejected.length ? '#cf1322' : undefined }} /></Col>
            </Row>
            {report.rejected.length > 0 && (
              <>
                <Space style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{t('excel.rejectedRows')}</Typography.Text>
                  <Button size="small" onClick={() => void downloadRejected()} data-testid="download-rejected">{t('excel.downloadRejected')}</Button>
                </Space>
                <Table
                  size="small"
                  rowKey={(r) => `${r.rowNumber}-${r.column}`}
                  pagination={{ pageSize: 8, size: 'small' }}
                  dataSource={report.rejected.flatMap((r) => r.reasons.map((x) => ({ rowNumber: r.rowNumber, column: x.column, reason: language === 'zh' ? x.messageZh : x.message })))}
                  columns={[
                    { title: t('excel.row'), dataIndex: 'rowNumber', width: 70 },
                    { title: t('excel.column'), dataIndex: 'column', width: 160 },
                    { title: t('excel.reason'), dataIndex: 'reason' },
                  ]}
                  data-testid="rejected-table"
                />
              </>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
