import { useEffect } from 'react';
import { App, Button } from 'antd';
import { onApiFailure } from '../api';
import { useApp } from '../state/app';
import { useI18n } from '../i18n/context';

/**
 * While the app runs, a call that finds the database damaged leaves the screen (and any form) as
 * it is and offers the way out, rather than replacing what the user is typing into.
 */
export function DamageWatcher() {
  const { t } = useI18n();
  const { notification } = App.useApp();
  const load = useApp((s) => s.load);
  useEffect(
    () =>
      onApiFailure((code) => {
        // Only while the app is working on a sound database; loading shows the recovery screen itself.
        if (!useApp.getState().status?.setUp) return;
        if (code === 'worker_failed') {
          // The desktop app's data service stopped and was restarted: say so, and check the database again.
          notification.warning({ key: 'worker-failed', title: t('recovery.workerFailed'), description: t('recovery.workerFailedText'), duration: 0 });
          void load();
          return;
        }
        if (code !== 'db_corrupt') return;
        notification.error({
          key: 'db-damaged',
          title: t('recovery.title.db_corrupt'),
          description: t('recovery.banner'),
          duration: 0,
          actions: (
            <Button type="primary" danger onClick={() => { notification.destroy('db-damaged'); void load(); }} data-testid="recovery-go">
              {t('recovery.bannerAction')}
            </Button>
          ),
        });
      }),
    [notification, load, t],
  );
  return null;
}
