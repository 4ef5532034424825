import { useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { missingText, type ImportOutcome } from '../../../../api/sync-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { useLabels } from '../../hooks/useLabels';
import { errorText } from '../../lib/errors';
import { fileToBase64 } from '../../lib/download';
import { colon, inParens, listSeparator } from '../../lib/text';
import { ReferenceSummary } from './ReferenceSummary';

const STATUS_COLOR: Record<string, string> = { preview: 'blue', imported: 'green', 'already-imported': 'default', rejected: 'red' };

function sum(o: ImportOutcome, key: 'created' | 'updated' | 'unchanged' | 'deleted' | 'conflicts' | 'rejected') {
  return Object.values(o.counts).reduce((a, c) => a + (c ? c[key] : 0), 0);
}

/** Several package files at once: verified and previewed per file, then imported on confirmation. */
export function PackageImport(props: { onImported: () => void; confirmFirst: boolean }) {
  const { t, language } = useI18n();
  const l = useLabels();
  const [files, setFiles] = useState<{ name: string; base64: string }[]>([]);
  const [results, setResults] = useState<ImportOutcome[] | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add(list: File[]) {
    setError(null);
    setDone(false);
    setBusy(true);
    try {
      const chosen = await Promise.all(list.map(async (f) => ({ name: f.name, base64: await fileToBase64(f) })));
      setFiles(chosen);
      const r = props.confirmFirst ? await api['sync.preview']({ files: chosen }) : await api['sync.import']({ files: chosen });
      setResults(r);
      // A refusal is in the ledger (and perhaps a security event) already: show it at once.
      if (props.confirmFirst && r.some((o) => o.status === 'rejected')) props.onImported();
      if (!props.confirmFirst) {
        setDone(true);
        props.onImported();
      }
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    setBusy(true);
    try {
      // Only what the preview found importable: refused files already have their ledger line.
      const chosen = files.filter((_f, i) => results?.[i]?.status === 'preview');
      const imported = await api['sync.import']({ files: chosen });
      setResults((results ?? []).map((r) => (r.status === 'preview' ? imported.shift() ?? r : r)));
      setDone(true);
      props.onImported();
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  const importable = (results ?? []).filter((r) => r.status === 'preview').length;
  return (
    <div data-testid="package-import">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Upload.Dragger
        accept=".smesync"
        multiple
        showUploadList={false}
        disabled={busy}
        beforeUpload={(_f, list) => {
          if (_f === list[0]) void add(list);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p>{busy ? t('common.loading') : t('sync.dropPackages')}</p>
      </Upload.Dragger>
      {results && (
        <>
          <Table<ImportOutcome>
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(r) => `${r.fileName}-${r.fileSha256}`}
            pagination={false}
            dataSource={results}
            data-testid="package-results"
            columns={[
              { title: t('sync.file'), dataIndex: 'fileName', ellipsis: true },
              { title: t('sync.office'), render: (_: unknown, r) => (r.office ? `${r.office}${r.prefectureCode ? inParens(l.prefecture(r.prefectureCode), language) : ''}` : '') },
              { title: t('sync.sequence'), dataIndex: 'sequence', width: 70 },
              { title: t('sync.status'), dataIndex: 'status', width: 110, render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`sync.status.${s}` as MessageKey)}</Tag> },
              {
                title: t('sync.summary'),
                render: (_: unknown, r) =>
                  r.status === 'rejected' || r.status === 'already-imported' ? (
                    <Typography.Text type={r.status === 'rejected' ? 'danger' : 'secondary'}>{language === 'zh' ? r.reasonZh : r.reason}</Typography.Text>
                  ) : r.kind === 'reference' ? (
                    <ReferenceSummary outcome={r} />
                  ) : (
                    <Space size={4} wrap>
                      <Tag color="green">{t(r.status === 'imported' ? 'excel.createdDone' : 'excel.created')} {sum(r, 'created')}</Tag>
                      <Tag color="blue">{t(r.status === 'imported' ? 'excel.updatedDone' : 'excel.updated')} {sum(r, 'updated')}</Tag>
                      <Tag>{t('excel.unchanged')} {sum(r, 'unchanged')}</Tag>
                      <Tag color="orange">{t('sync.deleted')} {sum(r, 'deleted')}</Tag>
                      {sum(r, 'conflicts') > 0 && <Tag color="red">{t('sync.conflicts')} {sum(r, 'conflicts')}</Tag>}
                      {r.missing.length > 0 && <Tag color="gold">{t('sync.missing', { list: missingText(r.missing) })}</Tag>}
                      {r.reason && <Typography.Text type="warning" data-testid="import-warning">{language === 'zh' ? r.reasonZh : r.reason}</Typography.Text>}
                    </Space>
                  ),
              },
            ]}
          />
          {results.some((r) => r.conflicts.length > 0) && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              message={t('sync.conflictTitle')}
              description={results.flatMap((r) => r.conflicts).map((c) => `${c.uscc}${colon(language)}${c.here} ⇄ ${c.there}`).join(listSeparator(language))}
            />
          )}
          {props.confirmFirst && !done && (
            <Button type="primary" style={{ marginTop: 12 }} disabled={importable === 0} loading={busy} onClick={() => void confirm()} data-testid="package-confirm">
              {t('sync.confirmImport', { n: importable })}
            </Button>
          )}
          {done && <Alert style={{ marginTop: 12 }} type="success" showIcon message={t('sync.importDone')} data-testid="package-done" />}
        </>
      )}
    </div>
  );
}
