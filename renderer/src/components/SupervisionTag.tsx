import { Tag, Tooltip } from 'antd';
import type { SupervisionState } from '../../../api/supervision-contract';
import { useI18n } from '../i18n/context';
import { useIsHq } from '../hooks/useIsHq';

/**
 * HQ's 督办 on a problem wherever the problem appears: one mark with HQ's deadline (red once past
 * it; HQ's latest note on hover), and at HQ whether the office has answered since HQ's last note.
 * Nothing once lifted. The tags wrap in a narrow column rather than run into the next one.
 */
export function SupervisionTag({ s }: { s: SupervisionState | null }) {
  const { t } = useI18n();
  const hq = useIsHq();
  if (!s?.active) return null;
  return (
    <span data-testid="supervision-tag">
      <Tooltip title={s.lastNote}>
        <Tag color={s.overdue ? 'red' : 'volcano'} data-testid={s.hqDeadline ? 'supervision-deadline' : undefined} style={{ marginBottom: 2 }}>
          {s.hqDeadline ? t('supervision.tagDue', { date: s.hqDeadline }) : t('supervision.tag')}
        </Tag>
      </Tooltip>
      {hq && s.answered && (
        <Tooltip title={t('supervision.answeredHint')}>
          <Tag color="green" data-testid="supervision-answered">{t('supervision.col.answered')}</Tag>
        </Tooltip>
      )}
    </span>
  );
}
