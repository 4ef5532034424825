import { useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import type { BackupView } from '../../../api/backup-contract';
import { api } from '../api';
import { useApp } from '../state/app';
import { useUi } from '../state/ui';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import type { MessageKey } from '../i18n';
import { formatDateTime } from '../lib/dates';

/** Backups of this installation's database: made before imports and migrations, daily, or now. */
export function BackupsCard() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const load = useApp((s) => s.load);
  const changed = useUi((s) => s.changed);
  const [list, setList] = useState<BackupView[]>([]);
  const [busy, setBusy] = useState(false);

  const refresh = () => api['backups.list']({}).then(setList, () => setList([]));
  useEffect(() => {
    void refresh();
  }, []);

  async function run<T>(fn: () => Promise<T>, done: string) {
    setBusy(true);
    try {
      await fn();
      void message.success(done);
      await refresh();
    } catch (e) {
      void message.error(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('backup.title')} data-testid="backups" extra={<Button loading={busy} onClick={() => void run(() => api['backups.create']({}), t('backup.made'))} data-testid="backup-now">{t('backup.now')}</Button>}>
      <Typography.Paragraph type="secondary">{t('backup.hint')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="name"
        pagination={{ pageSize: 5 }}
        dataSource={list}
        columns={[
          { title: t('backup.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('backup.reason'), dataIndex: 'reason', render: (v: string) => (v.startsWith('before-migration') ? t('backup.reason.before-migration') : t(`backup.reason.${v}` as MessageKey) ?? v) },
          { title: t('backup.size'), dataIndex: 'bytes', render: (v: number) => `${(v / 1024).toFixed(0)} KB` },
          {
            title: '',
            render: (_: unknown, b: BackupView) => (
              <Popconfirm
                title={t('backup.restoreConfirm')}
                onConfirm={() =>
                  void run(async () => {
                    await api['backups.restore']({ name: b.name });
                    await load();
                    changed();
                  }, t('backup.restored'))
                }
              >
                <Space><Button size="small" danger>{t('backup.restore')}</Button></Space>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
