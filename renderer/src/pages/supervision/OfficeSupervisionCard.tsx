import { useEffect, useState } from 'react';
import { Button, Card, Col, List, Row, Table, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { ProblemRow } from '../../../../api/entities';
import type { SupervisionItem } from '../../../../api/supervision-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useUi } from '../../state/ui';
import { formatDate } from '../../lib/dates';
import { SupervisionTag } from '../../components/SupervisionTag';
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
  const both = reminders.length > 0 && problems.length > 0;
  return (
    <Card title={<span><BellOutlined /> {t('supervision.officeCard')}</span>} size="small" style={{ marginBottom: 16 }} data-testid="office-supervision">
      <Row gutter={16}>
        {reminders.length > 0 && (
          <Col span={both ? 9 : 24}>
            <Typography.Text strong>{t('supervision.officeReminders', { n: reminders.length })}</Typography.Text>
            <List
              size="small"
              dataSource={reminders}
              data-testid="office-reminders"
              renderItem={(r) => (
                <List.Item
                  data-testid="office-reminder"
                  actions={r.about === 'package' ? [<Button key="go" size="small" onClick={() => go('sync')}>{t('supervision.goExport')}</Button>] : []}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        <Tag color={r.overdue ? 'red' : 'gold'}>{r.overdue ? t('supervision.reminderOverdue') : t('supervision.reminderBy', { date: r.deadline ?? '' })}</Tag>
                        {r.about === 'report' ? t('supervision.remindKind.report') : t('supervision.remindKind.package')}
                      </span>
                    }
                    description={
                      <>
                        <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.88)' }}>{r.note}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('supervision.fromHq')} · {formatDate(r.createdAt)}
                          {r.overdue && r.deadline ? ` · ${t('supervision.reminderBy', { date: r.deadline })}` : ''}
                        </Typography.Text>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Col>
        )}
        {problems.length > 0 && (
          <Col span={both ? 15 : 24}>
            <Typography.Text strong>{t('supervision.officeProblems', { n: problems.length })}</Typography.Text>
            <Table<ProblemRow>
              size="small"
              rowKey="id"
              pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }}
              dataSource={problems}
              data-testid="office-supervised"
              onRow={(p) => ({ onClick: () => openProblem(p.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('visit.enterprise'), dataIndex: 'enterpriseName', width: 150, ellipsis: true },
                { title: t('problem.description'), dataIndex: 'description', ellipsis: true },
                { title: t('supervision.lastNote'), key: 'note', ellipsis: true, render: (_: unknown, p) => p.supervision?.lastNote },
                { title: t('supervision.tag'), key: 'sv', width: 190, render: (_: unknown, p) => <SupervisionTag s={p.supervision} /> },
                { title: t('problem.status'), dataIndex: 'status', width: 110, render: (v: ProblemRow['status'], p) => <ProblemStatusTag status={v} overdue={p.overdue} /> },
              ]}
            />
          </Col>
        )}
      </Row>
    </Card>
  );
}
