import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/context';
import { useUi } from '../../state/ui';
import { useSupervisionSummary } from './useSupervisionSummary';
import { SupervisionMatrix } from './SupervisionMatrix';
import { RemindersDrawer } from './RemindersDrawer';
import { RemindModal } from './RemindModal';
import { useProblemFocus } from './focus';

/** HQ's dashboard: 督办 and 催报 per prefecture, beside the progress matrix; a number opens those problems. */
export function HqSupervisionCard() {
  const { t } = useI18n();
  const go = useUi((s) => s.go);
  const setFocus = useProblemFocus((s) => s.set);
  const summary = useSupervisionSummary(true);
  const [reminders, setReminders] = useState<{ code: string | null } | null>(null);
  const [remind, setRemind] = useState<string | null>(null);
  if (!summary) return null;
  return (
    <Card title={t('supervision.byPrefecture')} size="small" style={{ marginBottom: 16 }} extra={
        <Space>
          <Typography.Text type="secondary">{t('supervision.summaryHint')}</Typography.Text>
          <Button size="small" onClick={() => setReminders({ code: null })} data-testid="hq-reminders-open">{t('supervision.hqReminders')}</Button>
        </Space>
      } data-testid="dashboard-supervision">
      <SupervisionMatrix
        summary={summary}
        onPick={(code, supervision) => {
          setFocus({ prefectureCode: code ?? undefined, supervision });
          go('problems');
        }}
        onReminders={(code) => setReminders({ code })}
        onRemind={setRemind}
      />
      <RemindersDrawer open={reminders !== null} prefectureCode={reminders?.code ?? null} onClose={() => setReminders(null)} />
      <RemindModal prefectureCode={remind} onClose={() => setRemind(null)} />
    </Card>
  );
}
