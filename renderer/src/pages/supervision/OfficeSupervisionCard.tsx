import { useEffect, useState } from 'react';
import { Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { ProblemRow } from '../../../../api/entities';
import type { SupervisionItem } from '../../../../api/supervision-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useUi } from '../../state/ui';
import { formatDate } from '../../lib/dates';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';

/**
 * An office's dashboard: what HQ asked of it. Reminders (催报) until done (a package reminder is
 * done once HQ has the package, which the office learns with HQ's next reference package), and
 * its problems under 督办 with HQ's deadline. Nothing is shown when HQ asked for nothing.
 */
export function OfficeSupervisionCard() {
  const { t } = useI18n();
  const { revision, go, openProblem } = useUi();
  const [reminders, setReminders] = useState<SupervisionItem[]>([]);
  const [problems, setProblems] = useState<ProblemRow[]>([]);

  useEffect(() => {
    let current = true;
    api['supervision.list']({ kind: 'remind', open: true }).then((x) => current && setReminders(x), () => current && setReminders([]));
    api['problems.list']({ supervision: 'active', limit: 100, offset: 0 }).then((x) => current && setProblems(x.rows), () => current && setProblems([]));
    return () => {
      current = false;
    };
  }, [revision]);

  if (reminders.length === 0 && problems.length === 0) return null;
  return (
    <Card title={<span><BellOutlined /> {t('supervision.officeCard')}</span>} size="small" style={{ marginBottom: 16 }} data-testid="office-supervision">
      {reminders.length > 0 && (
        <>
          <Typography.Text strong>{t('supervision.officeReminders', { n: reminders.length })}</Typography.Text>
          <List
            size="small"
            dataSource={reminders}
            data-testid="office-reminders"
            style={{ marginBottom: problems.length ? 12 : 0 }}
            renderItem={(r) => (
              <List.Item
                data-testid="office-reminder"
                actions={r.about === 'package' ? [<Button key="go" size="small" onClick={() => go('sync')}>{t('supervision.goExport')}</Button>] : []}
              >
                <Space size={8} wrap={false} style={{ minWidth: 0 }}>
                  <Tag color={r.overdue ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
                    {r.overdue ? `${t('supervision.reminderOverdue')} ${r.deadline ?? ''}` : t('supervision.reminderBy', { date: r.deadline ?? '' })}
                  </Tag>
                  <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{r.about === 'report' ? t('supervision.remindKind.report') : t('supervision.remindKind.package')}</Typography.Text>
                  <Typography.Text>{r.note}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t('supervision.fromHq')} · {formatDate(r.createdAt)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      {problems.length > 0 && (
        <>
          <Typography.Text strong>{t('supervision.officeProblems', { n: problems.length })}</Typography.Text>
          <Table<ProblemRow>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }}
            dataSource={problems}
            data-testid="office-supervised"
            onRow={(p) => ({ onClick: () => openProblem(p.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('visit.enterprise'), dataIndex: 'enterpriseName', width: 200, ellipsis: true },
              { title: t('problem.description'), dataIndex: 'description', ellipsis: true },
              { title: t('supervision.lastNote'), key: 'note', ellipsis: true, render: (_: unknown, p) => p.supervision?.lastNote },
              { title: t('supervision.deadline'), key: 'sv', width: 130, render: (_: unknown, p) => <HqDeadline s={p.supervision} /> },
              { title: t('problem.status'), dataIndex: 'status', width: 150, render: (v: ProblemRow['status'], p) => <span style={{ whiteSpace: 'nowrap' }}><ProblemStatusTag status={v} overdue={p.overdue} /></span> },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** HQ's deadline in the office's list of problems under 督办 (all of them are): red once past. */
function HqDeadline({ s }: { s: ProblemRow['supervision'] }) {
  if (!s?.hqDeadline) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text type={s.overdue ? 'danger' : undefined} strong={s.overdue} data-testid="supervision-deadline">
      {s.hqDeadline}
    </Typography.Text>
  );
}
