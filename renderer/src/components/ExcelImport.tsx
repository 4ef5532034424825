import { useState } from 'react';
import { Alert, Button, Modal, Result, Space, Statistic, Typography, Upload, Row, Col, Select } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ExcelKindName, ImportQuestion, ImportReport } from '../../../api/ledger-contract';
import { api } from '../api';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { downloadBase64, fileToBase64 } from '../lib/download';
import { ImportMapping } from './ImportMapping';
import { ImportDecisions, ProblemRows } from './ImportProblems';

type Step = { kind: 'choose' } | { kind: 'preview'; report: ImportReport } | { kind: 'done'; report: ImportReport };

/** What the user decided in the preview; sent with every preview and with the import. */
interface Choices {
  sheet?: string;
  mapping?: Record<string, string | null>;
  answers?: Record<string, Record<string, string>>;
  skipBadOptional?: boolean;
}

/**
 * Import from Excel: choose a file; the preview lists every column of the sheet with the field it
 * fills or as not imported (each can be changed), what was skipped, questions about values that
 * fit several choices, and what would be created, updated, left unchanged or rejected, with row,
 * column and every reason; confirm. Rejected rows can be downloaded with what to fix.
 */
export function ExcelImport(props: { kind: ExcelKindName; open: boolean; onClose: () => void; onImported: () => void }) {
  const { t, language } = useI18n();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [choices, setChoices] = useState<Choices>({});
  const [asked, setAsked] = useState<ImportQuestion[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function reset() {
    setFile(null);
    setStep({ kind: 'choose' });
    setChoices({});
    setAsked([]);
    setError(null);
  }

  async function preview(chosen: { name: string; base64: string }, next: Choices) {
    setError(null);
    setBusy(true);
    try {
      const report = await api['excel.preview']({ kind: props.kind, ...chosen, ...next });
      setChoices(next);
      // Answered questions stay in view, so an answer can be changed.
      setAsked((before) => [...before.filter((q) => !report.questions.some((n) => n.field === q.field && n.value === q.value)), ...report.questions]);
      setStep({ kind: 'preview', report });
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  async function choose(f: File) {
    const chosen = { name: f.name, base64: await fileToBase64(f) };
    setFile(chosen);
    setAsked([]);
    await preview(chosen, {});
  }

  async function confirm() {
    if (!file) return;
    setBusy(true);
    try {
      const report = await api['excel.import']({ kind: props.kind, ...file, ...choices });
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
      const out = await api['excel.rejected']({ kind: props.kind, ...file, ...choices });
      downloadBase64(out.name, out.base64);
    } catch (e) {
      setError(errorText(e, language));
    }
  }

  const report = step.kind === 'choose' ? null : step.report;
  const change = (next: Choices) => file && void preview(file, next);
  const close = () => {
    reset();
    props.onClose();
  };
  return (
    <Modal
      open={props.open}
      title={t('excel.importTitle')}
      width={1040}
      style={{ top: 24 }}
      onCancel={close}
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
          <Button onClick={close}>{t('common.close')}</Button>
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
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text>{t('excel.sheet', { file: file?.name ?? '', sheet: report.sheetName, rows: report.rows, header: report.headerRows.join('–') })}</Typography.Text>
              {step.kind === 'preview' && report.sheetNames.length > 1 && (
                <Select
                  size="small"
                  style={{ minWidth: 160 }}
                  value={report.sheetName}
                  disabled={busy}
                  options={report.sheetNames.map((s) => ({ value: s, label: `${t('excel.chooseSheet')}：${s}` }))}
                  onChange={(sheet: string) => change({ sheet })}
                  data-testid="import-sheet"
                />
              )}
            </Space>
            <Row gutter={16} style={{ marginBottom: 12 }} data-testid="import-summary">
              <Col span={5}><Statistic title={t(report.applied ? 'excel.createdDone' : 'excel.created')} value={report.created} valueStyle={{ color: '#389e0d' }} /></Col>
              <Col span={5}><Statistic title={t(report.applied ? 'excel.updatedDone' : 'excel.updated')} value={report.updated} valueStyle={{ color: '#1f5fae' }} /></Col>
              <Col span={4}><Statistic title={t('excel.unchanged')} value={report.unchanged} /></Col>
              <Col span={5}><Statistic title={t('excel.rejected')} value={report.rejected.length} valueStyle={{ color: report.rejected.length ? '#cf1322' : undefined }} /></Col>
              <Col span={5}><Statistic title={t('excel.warnings')} value={report.warnings.length} valueStyle={{ color: report.warnings.length ? '#d48806' : undefined }} /></Col>
            </Row>
            {step.kind === 'preview' && (
              <>
                {report.missing.length > 0 && (
                  <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid="import-missing"
                    message={t('excel.missing', { fields: report.missing.map((k) => report.fields.find((f) => f.key === k)?.[language === 'zh' ? 'header' : 'headerEn'] ?? k).join('、') })} />
                )}
                {report.remembered && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('excel.remembered')} />}
                <Typography.Text strong>{t('excel.mappingTitle')}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('excel.mappingHint')}</Typography.Paragraph>
                <ImportMapping
                  report={report}
                  disabled={busy}
                  onChange={(letter, field) => change({ ...choices, mapping: { ...choices.mapping, [letter]: field } })}
                />
                <ImportDecisions
                  report={{ ...report, questions: asked }}
                  answers={choices.answers ?? {}}
                  disabled={busy}
                  onAnswer={(field, value, id) => change({ ...choices, answers: { ...choices.answers, [field]: { ...choices.answers?.[field], [value]: id } } })}
                  onSkipBadOptional={(on) => change({ ...choices, skipBadOptional: on })}
                />
              </>
            )}
            {report.rejected.length > 0 && (
              <>
                <Space style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{t('excel.rejectedRows')}</Typography.Text>
                  <Button size="small" onClick={() => void downloadRejected()} data-testid="download-rejected">{t('excel.downloadRejected')}</Button>
                </Space>
                <ProblemRows rows={report.rejected} testId="rejected-table" />
              </>
            )}
            {report.warnings.length > 0 && (
              <>
                <Typography.Text strong>{t('excel.warningRows')}</Typography.Text>
                <ProblemRows rows={report.warnings} testId="warning-table" />
              </>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
