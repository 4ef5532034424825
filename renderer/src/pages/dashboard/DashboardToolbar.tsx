import { App, Button, Select, Space, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ProgressView } from '../../../../api/progress-contract';
import { api } from '../../api';
import { useApp } from '../../state/app';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../lib/errors';
import { downloadBase64 } from '../../lib/download';

interface Props {
  year: number;
  onYear: (year: number) => void;
  prefecture: string | null;
  onPrefecture: (code: string | null) => void;
  progress: ProgressView;
}

/** Year and (at HQ) scope, the date the figures hold on, the Excel report and printing; the printed page's heading. */
export function DashboardToolbar(props: Props) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useApp((s) => s.reference!);
  const inst = useApp((s) => s.status!.installation!);
  const { year, prefecture, progress } = props;
  const hq = inst.role === 'hq';
  const name = (x: { name: string; nameEn: string }) => (language === 'zh' ? x.name : x.nameEn);
  const asOf = t('progress.asOf', { date: progress.asOf, pct: Math.round(progress.elapsed * 100) });

  async function report() {
    try {
      const f = await api['report.excel']({ year, prefectureCode: prefecture });
      downloadBase64(f.name, f.base64);
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap className="no-print">
          <Select value={year} style={{ width: 120 }} options={ref.checklistYears.map((y) => ({ value: y, label: t('progress.year', { year: y }) }))} onChange={props.onYear} />
          {hq && (
            <Select
              value={prefecture ?? ''}
              style={{ width: 160 }}
              options={[{ value: '', label: t('settings.region') }, ...ref.prefectures.map((p) => ({ value: p.code, label: name(p) }))]}
              onChange={(v: string) => props.onPrefecture(v || null)}
              data-testid="dashboard-scope"
            />
          )}
          <Typography.Text type="secondary">{asOf}</Typography.Text>
        </Space>
        <Space className="no-print">
          <Button icon={<FileExcelOutlined />} onClick={() => void report()} data-testid="report-excel">{t('progress.report')}</Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('progress.print')}</Button>
        </Space>
      </Space>
      <div className="print-only">
        <Typography.Title level={4}>{t('dashboard.checklist', { year })} · {prefecture ? ref.prefectures.find((p) => p.code === prefecture)?.name : hq ? t('settings.region') : inst.prefectureName}</Typography.Title>
        <Typography.Paragraph type="secondary">{asOf} · {inst.officeName}</Typography.Paragraph>
      </div>
    </>
  );
}
