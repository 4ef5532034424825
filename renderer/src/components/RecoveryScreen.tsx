import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Popconfirm, Result, Space, Table, Typography } from 'antd';
import type { AppStatus } from '../../../api/contract';
import type { BackupView } from '../../../api/backup-contract';
import { api } from '../api';
import { useApp } from '../state/app';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import type { MessageKey } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { formatDateTime } from '../lib/dates';
import { MoveImport } from '../pages/MoveCard';

const TITLES: Record<string, MessageKey> = {
  db_corrupt: 'recovery.title.db_corrupt',
  db_newer: 'recovery.title.db_newer',
  db_unreadable: 'recovery.title.db_unreadable',
  data_readonly: 'recovery.title.data_readonly',
  disk_full: 'recovery.title.disk_full',
  keys_unavailable: 'recovery.title.keys_unavailable',
};

/**
 * Shown instead of the app when its database cannot be used (damaged, from a newer app,
 * unreadable, a read-only folder, a full disk): what happened, the backups in the data folder
 * with a button to restore one, the folder's path, and a check again once the cause is fixed.
 */
export function RecoveryScreen({ status }: { status: AppStatus }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const load = useApp((s) => s.load);
  const [busy, setBusy] = useState<string | null>(null);
  const failure = status.databaseError!;
  const backups = status.backups ?? [];
  const bridge = window.smeLedger;

  async function restore(b: BackupView) {
    setBusy(b.name);
    try {
      const result = await api['backups.restore']({ name: b.name });
      void message.success(result.keptAside ? t('recovery.restored', { file: result.keptAside }) : t('recovery.restoredPlain'), 8);
      await load();
    } catch (e) {
      void message.error(errorText(e, language), 8);
      await load();
    } finally {
      setBusy(null);
    }
  }

  const keys = failure.code === 'keys_unavailable';
  // The keys' message carries its own way out, in words; the others get the general one.
  const how = keys ? null : failure.code === 'db_newer' ? t('recovery.howNewer') : failure.restorable ? t('recovery.howRestore') : t('recovery.howFix');
  return (
    <div className="sme-center" data-testid="recovery-screen">
      <div style={{ width: 'min(960px, 100%)' }}>
        <div style={{ textAlign: 'right', marginBottom: 8 }}><LanguageSwitch /></div>
        <Card>
          <Result
            status={failure.restorable ? 'error' : 'warning'}
            style={{ padding: '8px 0 0' }}
            title={<span data-testid="recovery-title">{TITLES[failure.code] ? t(TITLES[failure.code]!) : t('error.title')}</span>}
            subTitle={
              <div style={{ textAlign: 'left' }}>
                <Typography.Paragraph data-testid="recovery-message">{language === 'zh' ? failure.messageZh : failure.message}</Typography.Paragraph>
                {how && <Typography.Paragraph type="secondary">{how}</Typography.Paragraph>}
              </div>
            }
            extra={
              <Space wrap>
                <Button onClick={() => void load()} data-testid="recovery-retry">{t('recovery.retry')}</Button>
                {bridge?.openDataFolder && <Button onClick={() => void bridge.openDataFolder!()} data-testid="recovery-open-folder">{t('recovery.openFolder')}</Button>}
              </Space>
            }
          />
          <Typography.Paragraph style={{ margin: '24px 0 16px' }}>
            {t('recovery.dataDir')}<Typography.Text code copyable data-testid="recovery-data-dir">{status.dataDir}</Typography.Text>
          </Typography.Paragraph>
          {keys && (
            <div data-testid="recovery-move-import">
              <Typography.Title level={5}>{t('recovery.keysMoveImport')}</Typography.Title>
              <MoveImport mode="replace" />
            </div>
          )}
          {failure.restorable && (
            <>
              <Typography.Title level={5}>{t('recovery.backups')}</Typography.Title>
              {backups.length === 0 ? (
                <Alert type="warning" showIcon title={t('recovery.noBackups')} data-testid="recovery-no-backups" />
              ) : (
                <Table
                  size="small"
                  rowKey="name"
                  data-testid="recovery-backups"
                  pagination={false}
                  dataSource={backups}
                  columns={[
                    { title: t('backup.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
                    { title: t('backup.reason'), dataIndex: 'reason', render: (v: string) => (v.startsWith('before-migration') ? t('backup.reason.before-migration') : (t(`backup.reason.${v}` as MessageKey) ?? v)) },
                    { title: t('backup.size'), dataIndex: 'bytes', render: (v: number) => `${Math.max(1, Math.round(v / 1024)).toLocaleString()} KB` },
                    {
                      title: '',
                      align: 'right',
                      render: (_: unknown, b: BackupView, index: number) => (
                        <Popconfirm title={t('recovery.restoreConfirm')} onConfirm={() => void restore(b)} okButtonProps={{ 'data-testid': 'recovery-restore-confirm' } as Record<string, string>}>
                          <Button size="small" type={index === 0 ? 'primary' : 'default'} loading={busy === b.name} disabled={busy !== null && busy !== b.name} data-testid="recovery-restore">
                            {t('recovery.restore')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]}
                />
              )}
            </>
          )}
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 12 }}
            items={[{ key: 'd', label: t('recovery.details'), children: <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{failure.code} · {status.databaseFile} · {failure.message}</Typography.Text> }]}
          />
        </Card>
      </div>
    </div>
  );
}
