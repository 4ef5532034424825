import { useState } from 'react';
import { Collapse, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/context';
import { colon } from '../../lib/text';
import { useSupervisionSummary } from './useSupervisionSummary';
import { SupervisionMatrix, type SupervisionFilter } from './SupervisionMatrix';
import { RemindersDrawer } from './RemindersDrawer';

/**
 * Above HQ's problem list: the 督办 totals in one line, opening to the counts per prefecture
 * (open at once on a tall screen; on a laptop the list keeps its rows). A number narrows the list.
 */
export function ProblemsSupervision(props: { onPick: (prefectureCode: string | null, filter: SupervisionFilter) => void }) {
  const { t, language } = useI18n();
  const summary = useSupervisionSummary(true);
  const [reminders, setReminders] = useState<{ code: string | null } | null>(null);
  if (!summary) return null;
  const c = summary.total;
  const part = (label: string, n: number, danger = false) => (
    <span style={{ whiteSpace: 'nowrap' }}>
      {label}
      {colon(language)}
      <Typography.Text strong type={danger && n > 0 ? 'danger' : undefined}>{n}</Typography.Text>
    </span>
  );
  return (
    <>
      <Collapse
        size="small"
        style={{ marginBottom: 12 }}
        defaultActiveKey={window.innerHeight >= 900 ? ['sv'] : []}
        data-testid="problems-supervision"
        items={[
          {
            key: 'sv',
            label: (
              <Space size="middle" wrap>
                <Typography.Text strong>{t('supervision.byPrefecture')}</Typography.Text>
                {part(t('supervision.col.active'), c.supervised)}
                {part(t('supervision.col.overdue'), c.overdue, true)}
                {part(t('supervision.col.answered'), c.answered)}
                {part(t('supervision.col.reminders'), c.openReminders, c.overdueReminders > 0)}
              </Space>
            ),
            children: <SupervisionMatrix summary={summary} onPick={props.onPick} onReminders={(code) => setReminders({ code })} />,
          },
        ]}
      />
      <RemindersDrawer open={reminders !== null} prefectureCode={reminders?.code ?? null} onClose={() => setReminders(null)} />
    </>
  );
}
