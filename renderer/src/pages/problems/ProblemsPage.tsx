import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ProblemRow, ProblemStatus } from '../../../../api/entities';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { usePagedList } from '../../hooks/usePagedList';
import { useTableHeight } from '../../hooks/useTableHeight';
import { ExcelToolbar } from '../../components/ExcelToolbar';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { errorText } from '../../lib/errors';

interface Filters {
  status?: ProblemStatus | 'unresolved';
  responsibleUnit?: string;
  itemNo?: number;
  category?: string;
  overdue?: boolean;
  deleted?: boolean;
}

/** 企业困难问题清单: every problem raised, by status, unit, item; overdue ones first and in red. */
export function ProblemsPage() {
  const { t, language } = useI18n();
  const ref = useReference();
  const l = useLabels();
  const { revision, changed, openProblem, openEnterprise } = useUi();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Filters>({ status: 'unresolved' });
  const [units, setUnits] = useState<string[]>([]);
  const height = useTableHeight(330);
  const query = useMemo(() => ({ ...filters, q: q.trim() || undefined }), [filters, q]);
  const list = usePagedList((offset, limit) => api['problems.list']({ ...(query as object), offset, limit }), JSON.stringify([query, revision]));
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));

  useEffect(() => {
    api['problems.units']({}).then(setUnits, () => setUnits([]));
  }, [revision]);

  return (
    <Card data-testid="page-problems">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('problem.searchPlaceholder')} style={{ width: 240 }} onSearch={setQ} onChange={(e) => e.target.value === '' && setQ('')} />
        <Select
          allowClear
          placeholder={t('problem.status')}
          style={{ width: 140 }}
          value={filters.status}
          options={[{ value: 'unresolved', label: t('problem.unresolved') }, ...ref.catalogues.problemStatuses.map((s) => ({ value: s.id, label: language === 'zh' ? s.name : s.nameEn }))]}
          onChange={(v) => set({ status: v })}
          data-testid="problem-status-filter"
        />
        <Select allowClear showSearch placeholder={t('problem.unit')} style={{ width: 200 }} options={units.map((u) => ({ value: u, label: u }))} onChange={(v) => set({ responsibleUnit: v })} />
        <Select allowClear placeholder={t('activity.item')} style={{ width: 110 }} options={(ref.checklist?.items ?? []).map((i) => ({ value: i.no, label: l.itemShort(i.no) }))} onChange={(v) => set({ itemNo: v })} />
        <Select allowClear placeholder={t('problem.category')} style={{ width: 110 }} options={ref.catalogues.problemCategories.map((c) => ({ value: c.id, label: language === 'zh' ? c.name : c.nameEn }))} onChange={(v) => set({ category: v })} />
        <Space size={4}>
          <Switch size="small" onChange={(v) => set({ overdue: v || undefined })} data-testid="filter-overdue" />
          <Typography.Text type="danger">{t('problem.overdueOnly')}</Typography.Text>
        </Space>
        <Space size={4}>
          <Switch size="small" onChange={(v) => set({ deleted: v || undefined })} />
          <Typography.Text type="secondary">{t('common.showDeleted')}</Typography.Text>
        </Space>
      </Space>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Typography.Text type="secondary">{t('problem.addHint')}</Typography.Text>
          <ExcelToolbar kind="problems" filters={query} onImported={changed} />
        </Space>
        <Typography.Text type="secondary">{t('common.total', { n: list.total.toLocaleString() })}</Typography.Text>
      </Space>
      {list.error !== null && <Alert type="error" showIcon message={errorText(list.error, language)} />}
      <Table<ProblemRow>
        virtual
        size="small"
        rowKey="id"
        loading={list.loading && list.rows.length === 0}
        dataSource={list.rows}
        pagination={false}
        scroll={{ x: 1200, y: height }}
        onScroll={list.onScroll}
        onRow={(r) => ({ onClick: () => openProblem(r.id), style: { cursor: 'pointer', background: r.overdue ? '#fff1f0' : undefined } })}
        locale={{ emptyText: t('empty.problems') }}
        columns={[
          {
            title: t('visit.enterprise'),
            dataIndex: 'enterpriseName',
            width: 240,
            render: (v: string, r) => (
              <Typography.Link
                onClick={(e) => {
                  e.stopPropagation();
                  openEnterprise(r.enterpriseId);
                }}
              >
                {v}
              </Typography.Link>
            ),
          },
          { title: t('problem.category'), dataIndex: 'category', width: 80, render: (v: string) => l.category(v) },
          { title: t('problem.description'), dataIndex: 'description', width: 320, ellipsis: true, render: (v: string) => <span data-testid="problem-row">{v}</span> },
          { title: t('activity.item'), dataIndex: 'itemNo', width: 80, render: (v: number | null) => (v ? <Tag>{l.itemShort(v)}</Tag> : '') },
          { title: t('problem.unit'), dataIndex: 'responsibleUnit', width: 170, ellipsis: true },
          { title: t('problem.deadline'), dataIndex: 'deadline', width: 110, render: (v: string | null, r) => (r.overdue ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v) },
          { title: t('problem.status'), dataIndex: 'status', width: 150, render: (v: ProblemStatus, r) => <ProblemStatusTag status={v} overdue={r.overdue} /> },
        ]}
      />
    </Card>
  );
}
