import { Alert, Typography } from 'antd';
import type { Problem } from '../../../../api/entities';
import { useI18n } from '../../i18n/context';
import { useIsHq } from '../../hooks/useIsHq';
import { colon } from '../../lib/text';

/** At the top of a problem under 督办: HQ's deadline (past it in red) and HQ's latest note. */
export function SupervisionBanner({ p }: { p: Problem }) {
  const { t, language } = useI18n();
  const hq = useIsHq();
  const s = p.supervision;
  if (!s) return null;
  if (!s.active) return <Typography.Paragraph type="secondary" data-testid="supervision-lifted">{t('supervision.tagLifted')}</Typography.Paragraph>;
  const head = [t('supervision.title'), s.hqDeadline ? t('supervision.deadlineSet', { date: s.hqDeadline }) : null].filter(Boolean).join(' · ');
  return (
    <Alert
      type={s.overdue ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="supervision-banner"
      message={
        <span>
          <Typography.Text strong>{head}</Typography.Text>
          {s.overdue && <Typography.Text type="danger"> · {t('supervision.overdue')}</Typography.Text>}
          {hq && <Typography.Text type={s.answered ? 'success' : 'secondary'}> · {s.answered ? t('supervision.answered') : t('supervision.waiting')}</Typography.Text>}
        </span>
      }
      description={
        <span>
          {t('supervision.lastNote')}
          {colon(language)}
          {s.lastNote}
        </span>
      }
    />
  );
}
