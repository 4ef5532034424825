import { Alert, Typography } from 'antd';
import type { SyncStatus } from '../../../../api/sync-contract';
import { useI18n } from '../../i18n/context';
import { formatDateTime } from '../../lib/dates';
import { colon } from '../../lib/text';

/**
 * Refusals that were not accidents (a package number reused with other content, a revoked or
 * replaced key, quotas from an office, an acknowledgement above this office's clock): said in
 * words at the top of 同步, newest first, until someone has looked.
 */
export function SecurityEvents({ events }: { events: SyncStatus['securityEvents'] }) {
  const { t, language } = useI18n();
  if (events.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="security-events"
      message={t('sync.securityTitle', { n: events.length })}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {events.slice(0, 5).map((e) => (
            <li key={e.id} data-testid="security-event">
              <Typography.Text type="secondary">{formatDateTime(e.receivedAt)}</Typography.Text>{' '}
              {e.office ?? ''}
              {e.sequence !== null && ` ${t('sync.sequenceNo', { n: e.sequence })}`}{colon(language)}{language === 'zh' ? e.reasonZh : e.reason}
            </li>
          ))}
        </ul>
      }
    />
  );
}
