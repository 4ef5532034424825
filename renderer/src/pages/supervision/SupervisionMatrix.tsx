import { Button, Table, Tooltip, Typography } from 'antd';
import type { SupervisionSummary, SupervisionSummaryRow } from '../../../../api/supervision-contract';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import { useLabels } from '../../hooks/useLabels';

export type SupervisionFilter = 'active' | 'overdue' | 'answered' | 'waiting';
type Counts = Omit<SupervisionSummaryRow, 'prefectureCode' | 'enrolled'>;
type Line = { key: string; label: MessageKey; count: (c: Counts) => number; filter?: SupervisionFilter; danger?: boolean };

const LINES: Line[] = [
  { key: 'supervised', label: 'supervision.col.active', count: (c) => c.supervised, filter: 'active' },
  { key: 'overdue', label: 'supervision.col.overdue', count: (c) => c.overdue, filter: 'overdue', danger: true },
  { key: 'answered', label: 'supervision.col.answered', count: (c) => c.answered, filter: 'answered' },
  { key: 'reminders', label: 'supervision.col.reminders', count: (c) => c.openReminders },
];

/**
 * HQ's 督办 per prefecture, laid out like the prefecture matrix (prefectures across): problems
 * under 督办, past HQ's deadline, answered since HQ's last note, reminders not done. A number
 * opens those problems (or the reminders); with `onRemind`, each prefecture has its 催报 button.
 */
export function SupervisionMatrix(props: {
  summary: SupervisionSummary;
  onPick: (prefectureCode: string | null, filter: SupervisionFilter) => void;
  onReminders: (prefectureCode: string | null) => void;
  onRemind?: (prefectureCode: string) => void;
}) {
  const { t } = useI18n();
  const l = useLabels();
  const { summary } = props;
  const cell = (line: Line, c: Counts, code: string | null) => {
    const n = line.count(c);
    const testId = `sv-${line.key}-${code ?? 'region'}`;
    if (!n) return <Typography.Text type="secondary" data-testid={testId}>0</Typography.Text>;
    const overdueReminders = line.key === 'reminders' && c.overdueReminders > 0;
    return (
      <Typography.Link
        type={line.danger || overdueReminders ? 'danger' : undefined}
        strong={line.danger || overdueReminders}
        onClick={() => (line.filter ? props.onPick(code, line.filter) : props.onReminders(code))}
        data-testid={testId}
      >
        {n}
      </Typography.Link>
    );
  };
  const rows: (Line | { key: 'remind' })[] = props.onRemind ? [...LINES, { key: 'remind' }] : LINES;
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid="supervision-matrix"
      scroll={{ x: 170 + 90 * (summary.rows.length + 1) }}
      columns={[
        {
          title: t('supervision.title'),
          fixed: 'left',
          width: 170,
          render: (_: unknown, line) => ('label' in line ? t(line.label) : ''),
        },
        {
          title: t('supervision.regionCol'),
          width: 90,
          render: (_: unknown, line) => ('label' in line ? cell(line, summary.total, null) : ''),
        },
        ...summary.rows.map((r) => ({
          title: l.prefecture(r.prefectureCode),
          width: 90,
          render: (_: unknown, line: Line | { key: 'remind' }) =>
            'label' in line ? (
              cell(line, r, r.prefectureCode)
            ) : r.enrolled ? (
              <Button size="small" onClick={() => props.onRemind!(r.prefectureCode)} data-testid={`sv-remind-${r.prefectureCode}`}>
                {t('supervision.remind')}
              </Button>
            ) : (
              <Tooltip title={t('supervision.notEnrolled')}>
                <Typography.Text type="secondary">—</Typography.Text>
              </Tooltip>
            ),
        })),
      ]}
    />
  );
}
