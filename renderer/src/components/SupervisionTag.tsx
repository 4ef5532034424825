import { Tag, Tooltip } from 'antd';
import type { SupervisionState } from '../../../api/supervision-contract';
import { useI18n } from '../i18n/context';
import { useIsHq } from '../hooks/useIsHq';

/**
 * HQ's 督办 on a problem wherever the problem appears: the mark, HQ's deadline (red once past it),
 * and at HQ whether the office has answered since HQ's last note. Nothing once lifted.
 */
export function SupervisionTag({ s, answered = true }: { s: SupervisionState | null; answered?: boolean }) {
  const { t } = useI18n();
  const hq = useIsHq();
  if (!s?.active) return null;
  return (
    <span data-testid="supervision-tag" style={{ whiteSpace: 'nowrap' }}>
      <Tooltip title={s.lastNote}>
        <Tag color="volcano">{t('supervision.tag')}</Tag>
      </Tooltip>
      {s.hqDeadline && (
        <Tag color={s.overdue ? 'red' : 'default'} data-testid="supervision-deadline">
          {t('supervision.deadlineShort', { date: s.hqDeadline })}
        </Tag>
      )}
      {hq && answered && s.answered && (
        <Tooltip title={t('supervision.answeredHint')}>
          <Tag color="green" data-testid="supervision-answered">{t('supervision.answered')}</Tag>
        </Tooltip>
      )}
    </span>
  );
}
