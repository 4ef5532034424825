import { useEffect, useState } from 'react';
import { App, Button, Drawer, Table, Tag, Typography } from 'antd';
import type { SupervisionItem } from '../../../../api/supervision-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useLabels } from '../../hooks/useLabels';
import { useUi } from '../../state/ui';
import { errorText } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/dates';

/** HQ's reminders (催报), open ones first: what was asked, by when, and when it was done. */
export function RemindersDrawer(props: { open: boolean; prefectureCode: string | null; onClose: () => void }) {
  const { t, language } = useI18n();
  const { message, modal } = App.useApp();
  const l = useLabels();
  const { revision, changed } = useUi();
  const [items, setItems] = useState<SupervisionItem[] | null>(null);

  useEffect(() => {
    if (!props.open) return;
    api['supervision.list']({ kind: 'remind', prefectureCode: props.prefectureCode ?? undefined }).then(
      (x) => setItems([...x].sort((a, b) => Number(a.doneAt !== null) - Number(b.doneAt !== null))),
      (e: unknown) => void message.error(errorText(e, language)),
    );
  }, [props.open, props.prefectureCode, revision, language]); // eslint-disable-line react-hooks/exhaustive-deps

  const close = (r: SupervisionItem) =>
    modal.confirm({
      title: t('supervision.closeTitle'),
      content: r.note,
      okText: t('supervision.close'),
      cancelText: t('form.cancel'),
      autoFocusButton: 'cancel',
      onOk: async () => {
        try {
          await api['supervision.closeReminder']({ id: r.id });
          changed();
        } catch (e) {
          void message.error(errorText(e, language));
        }
      },
    });

  return (
    <Drawer open={props.open} size={900} onClose={props.onClose} title={`${t('supervision.hqReminders')} · ${props.prefectureCode ? l.prefecture(props.prefectureCode) : t('settings.region')}`}>
      <Typography.Paragraph type="secondary">{t('supervision.remindPackageHint')}</Typography.Paragraph>
      <Table<SupervisionItem>
        size="small"
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('supervision.remindersEmpty') }}
        data-testid="hq-reminders"
        columns={[
          { title: t('supervision.col.prefecture'), dataIndex: 'prefectureCode', width: 110, render: (c: string) => l.prefecture(c) },
          { title: t('supervision.remindKind'), dataIndex: 'about', width: 120, render: (a: string | null) => (a === 'report' ? t('supervision.remindKind.report') : t('supervision.remindKind.package')) },
          { title: t('supervision.remindNote'), dataIndex: 'note', ellipsis: true },
          { title: t('supervision.remindBy'), dataIndex: 'deadline', width: 110 },
          { title: t('supervision.sentOn'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
          {
            title: t('problem.status'),
            width: 190,
            render: (_: unknown, r) =>
              r.doneAt ? (
                <Tag color="green" data-testid="reminder-done">{t('supervision.reminderDoneAt', { date: formatDateTime(r.doneAt) })}</Tag>
              ) : r.about === 'report' ? (
                <span style={{ whiteSpace: 'nowrap' }}>
                  <Tag color={r.overdue ? 'red' : 'gold'}>{r.overdue ? t('supervision.reminderOverdue') : t('supervision.reminderOpen')}</Tag>
                  <Button size="small" type="link" onClick={() => close(r)} data-testid="reminder-close">{t('supervision.close')}</Button>
                </span>
              ) : (
                <Tag color={r.overdue ? 'red' : 'gold'} data-testid="reminder-open">{r.overdue ? t('supervision.reminderOverdue') : t('supervision.reminderOpen')}</Tag>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
