import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import type { HistoryEntry, RecordTable } from '../../../api/entities';
import { api } from '../api';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import { errorText } from '../lib/errors';
import { historyText } from '../lib/historyText';
import { useLabels } from '../hooks/useLabels';
import { formatDateTime } from '../lib/dates';
import { colon } from '../lib/text';

const OP_COLOR: Record<HistoryEntry['op'], string> = { create: 'green', update: 'blue', delete: 'red', restore: 'gold', import: 'purple' };

/** Who changed what and when, newest first; a deleted record can be restored from here. */
export function HistoryPanel(props: { table: RecordTable; id: string; deleted: boolean; onRestored: () => void }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const text = useMemo(() => historyText(props.table, t, labels), [props.table, t, labels]);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A refused restore is said beside the button; the history stays in view.
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    api['records.history']({ table: props.table, id: props.id }).then(setEntries, (e: unknown) => setError(errorText(e, language)));
  }, [props.table, props.id, props.deleted, language]);

  async function restore() {
    setRestoring(true);
    setRestoreError(null);
    try {
      await api['records.restore']({ table: props.table, id: props.id });
      props.onRestored();
    } catch (e) {
      setRestoreError(errorText(e, language));
    } finally {
      setRestoring(false);
    }
  }

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!entries) return null;
  if (entries.length === 0) return <Empty description={t('history.empty')} />;
  return (
    <div data-testid="history">
      {props.deleted && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('history.deleted')}
          description={restoreError ?? undefined}
          action={<Button size="small" loading={restoring} onClick={() => void restore()} data-testid="restore">{t('history.restore')}</Button>}
        />
      )}
      <Timeline
        items={[...entries].reverse().map((e) => ({
          color: OP_COLOR[e.op],
          children: (
            <div>
              <Tag color={OP_COLOR[e.op]}>{t(`history.op.${e.op}` as MessageKey)}</Tag>
              <Typography.Text type="secondary">
                {formatDateTime(e.at)} · {e.operator} · v{e.version}
              </Typography.Text>
              {e.op !== 'create' && e.op !== 'delete' && e.op !== 'restore' && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {Object.entries(e.changes).map(([field, c]) => (
                    <li key={field}>
                      {text.label(field)}{colon(language)}<Typography.Text delete type="secondary">{text.value(field, c.old)}</Typography.Text> → {text.value(field, c.new)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}

/** The history of a record from a list row, in a drawer of its own. */
export function HistoryDrawer(props: { title: string; onClose: () => void; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Drawer open size={560} title={`${t('history.title')} · ${props.title}`} onClose={props.onClose}>
      {props.children}
    </Drawer>
  );
}
