import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ActivityRow, Enterprise, ProblemRow, VisitRow } from '../../../../api/entities';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useLabels } from '../../hooks/useLabels';
import { errorText } from '../../lib/errors';
import { HistoryPanel } from '../../components/HistoryPanel';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { SupervisionTag } from '../../components/SupervisionTag';
import { EnterpriseForm } from './EnterpriseForm';
import { useOwn } from '../../hooks/useOwn';
import { colon, inParens } from '../../lib/text';

/** One enterprise: its data, its activities, visits and problems, and its change history. */
export function EnterpriseDetail() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const l = useLabels();
  const { enterpriseId, openEnterprise, openProblem, revision, changed } = useUi();
  const [record, setRecord] = useState<Enterprise | null>(null);
  const [related, setRelated] = useState<{ activities: ActivityRow[]; visits: VisitRow[]; problems: ProblemRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const own = useOwn();

  useEffect(() => {
    if (!enterpriseId) return;
    setError(null);
    Promise.all([
      api['enterprises.get']({ id: enterpriseId }),
      api['activities.list']({ enterpriseId, limit: 200 }),
      api['visits.list']({ enterpriseId, limit: 200 }),
      api['problems.list']({ enterpriseId, limit: 200 }),
    ]).then(
      ([e, a, v, p]) => {
        setRecord(e);
        setRelated({ activities: a.rows, visits: v.rows, problems: p.rows });
      },
      (e: unknown) => setError(errorText(e, language)),
    );
  }, [enterpriseId, revision, language]);

  async function remove() {
    try {
      await api['enterprises.delete']({ id: record!.id });
      void message.success(t('common.deletedUndo'));
      changed();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  const e = record && record.id === enterpriseId ? record : null;
  return (
    <Drawer
      open={enterpriseId !== null}
      size={900}
      onClose={() => openEnterprise(null)}
      title={e ? <Space>{e.name}{e.deleted && <Tag color="red">{t('common.deleted')}</Tag>}</Space> : t('common.loading')}
      extra={
        e && !e.deleted && own(e.origin) ? (
          <Space>
            <Button type="primary" onClick={() => setEditing(true)} data-testid="enterprise-edit">{t('common.edit')}</Button>
            <Popconfirm title={t('enterprise.deleteConfirm')} onConfirm={() => void remove()} okText={t('common.delete')} cancelText={t('form.cancel')}>
              <Button danger>{t('common.delete')}</Button>
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      {e && related && (
        <div data-testid="enterprise-detail">
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: "nowrap" } }}>
            <Descriptions.Item label={t('enterprise.uscc')}>{e.uscc ? <Typography.Text code copyable>{e.uscc}</Typography.Text> : `${t('enterprise.noUsccShort')}${colon(language)}${e.noUsccReason ?? ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.county')}>{`${l.prefecture(e.prefectureCode)} ${l.county(e.countyCode)}`}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.address')} span={2}>{e.address}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.industry')}>{l.industry(e.industry)}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.size')}>{l.size(e.size)}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.specialised')}>{e.specialised === 'none' ? l.specialised('none') : `${l.specialised(e.specialised)}${inParens(String(e.specialisedYear), language)}`}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.listing')}>{l.listing(e.listing)}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.contactPerson')}>{e.contactPerson}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.contactPhone')}>{e.contactPhone}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.serviceOfficer')}>{e.serviceOfficer ?? <Typography.Text type="warning">{t('enterprise.noOfficer')}</Typography.Text>}</Descriptions.Item>
            <Descriptions.Item label={t('enterprise.statuses')}>
              {Object.entries(e.statuses).map(([s, y]) => <Tag key={s}>{`${l.enterpriseStatus(s)} ${y}`}</Tag>)}
            </Descriptions.Item>
            {e.notes && <Descriptions.Item label={t('common.notes')} span={2}>{e.notes}</Descriptions.Item>}
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'activities',
                label: `${t('nav.activities')} (${related.activities.length})`,
                children: (
                  <Table<ActivityRow> size="small" rowKey="id" pagination={{ pageSize: 10 }} dataSource={related.activities}
                    columns={[
                      { title: t('activity.date'), dataIndex: 'date', width: 110 },
                      { title: t('activity.item'), dataIndex: 'itemNo', width: 80, render: (v: number) => l.itemShort(v) },
                      { title: t('activity.kind'), dataIndex: 'kind', width: 180, render: (v: string) => l.activityKind(v) },
                      { title: t('activity.title'), dataIndex: 'title' },
                    ]} />
                ),
              },
              {
                key: 'visits',
                label: `${t('nav.visits')} (${related.visits.length})`,
                children: (
                  <Table<VisitRow> size="small" rowKey="id" pagination={{ pageSize: 10 }} dataSource={related.visits}
                    columns={[
                      { title: t('visit.date'), dataIndex: 'date', width: 110 },
                      { title: t('visit.kind'), dataIndex: 'kind', width: 160, render: (v: string) => l.visitKind(v) },
                      { title: t('visit.visitors'), dataIndex: 'visitors', width: 140 },
                      { title: t('visit.summary'), dataIndex: 'summary', ellipsis: true },
                    ]} />
                ),
              },
              {
                key: 'problems',
                label: `${t('nav.problems')} (${related.problems.length})`,
                children: (
                  <Table<ProblemRow> size="small" rowKey="id" pagination={{ pageSize: 10 }} dataSource={related.problems}
                    onRow={(p) => ({ onClick: () => openProblem(p.id), style: { cursor: 'pointer' } })}
                    columns={[
                      { title: t('problem.category'), dataIndex: 'category', width: 90, render: (v: string) => l.category(v) },
                      { title: t('problem.description'), dataIndex: 'description', ellipsis: true },
                      { title: t('problem.deadline'), dataIndex: 'deadline', width: 110 },
                      { title: t('problem.status'), dataIndex: 'status', width: 150, render: (v: ProblemRow['status'], p) => <ProblemStatusTag status={v} overdue={p.overdue} /> },
                      { title: t('supervision.tag'), key: 'supervision', width: 190, render: (_: unknown, p) => <SupervisionTag s={p.supervision} /> },
                    ]} />
                ),
              },
              {
                key: 'history',
                label: t('history.title'),
                children: <HistoryPanel table="enterprises" id={e.id} deleted={e.deleted} onRestored={changed} />,
              },
            ]}
          />
        </div>
      )}
      <EnterpriseForm
        open={editing}
        record={e}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          changed();
        }}
      />
    </Drawer>
  );
}
