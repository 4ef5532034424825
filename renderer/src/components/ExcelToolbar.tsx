import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import type { ExcelKindName } from '../../../api/ledger-contract';
import { api } from '../api';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { downloadBase64 } from '../lib/download';
import { ExcelImport } from './ExcelImport';

/** Template, import and export of one ledger; the export takes the list's current filters. */
export function ExcelToolbar(props: { kind: ExcelKindName; filters: Record<string, unknown>; onImported: () => void }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [importing, setImporting] = useState(false);

  async function get(which: 'template' | 'export') {
    try {
      const out = which === 'template' ? await api['excel.template']({ kind: props.kind }) : await api['excel.export']({ kind: props.kind, filters: clean(props.filters) });
      downloadBase64(out.name, out.base64);
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="excel-import-open">{t('excel.import')}</Button>
      <Dropdown
        menu={{
          items: [
            { key: 'export', icon: <DownloadOutlined />, label: <span data-testid="excel-export">{t('excel.export')}</span>, onClick: () => void get('export') },
            { key: 'template', icon: <FileExcelOutlined />, label: <span data-testid="excel-template">{t('excel.template')}</span>, onClick: () => void get('template') },
          ],
        }}
      >
        <Button icon={<FileExcelOutlined />} data-testid="excel-menu">Excel</Button>
      </Dropdown>
      <ExcelImport kind={props.kind} open={importing} onClose={() => setImporting(false)} onImported={props.onImported} />
    </>
  );
}

function clean(filters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '' && v !== null));
}
