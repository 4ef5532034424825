import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ProblemRow, ProblemStatus } from '../../../../api/entities';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { usePagedList } from '../../hooks/usePagedList';
import { ExcelToolbar } from '../../components/ExcelToolbar';
import { ShowDeleted, VirtualList, type ListColumn } from '../../components/VirtualList';
import { SearchBox } from '../../components/SearchBox';
import { PrefectureFilter, usePrefectureColumn } from '../../components/PrefectureFilter';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { SupervisionTag } from '../../components/SupervisionTag';
import { useIsHq } from '../../hooks/useIsHq';
import { ProblemsSupervision } from '../supervision/ProblemsSupervision';
import { useProblemFocus } from '../supervision/focus';
import type { SupervisionFilter } from '../supervision/SupervisionMatrix';

interface Filters {
  prefectureCode?: string;
  status?: ProblemStatus | 'unresolved';
  responsibleUnit?: string;
  itemNo?: number;
  category?: string;
  overdue?: boolean;
  supervision?: SupervisionFilter;
  deleted?: boolean;
}

/** 企业困难问题清单: every problem raised, by status, unit, item; overdue ones first and in red. */
export function ProblemsPage() {
  const { t, language } = useI18n();
  const prefectureColumn = usePrefectureColumn<ProblemRow>();
  const ref = useReference();
  const l = useLabels();
  const { revision, changed, openProblem, openEnterprise } = useUi();
  const [q, setQ] = useState('');
  const hq = useIsHq();
  // Opened from the dashboard's 督办 matrix: those problems, whatever their status.
  const [filters, setFilters] = useState<Filters>(() => {
    const focus = useProblemFocus.getState().focus;
    return focus ? { ...focus } : { status: 'unresolved' };
  });
  // Taken once: the next visit to the list starts from its usual filters.
  useEffect(() => useProblemFocus.getState().set(null), []);
  const [units, setUnits] = useState<string[]>([]);
  const query = useMemo(() => ({ ...filters, q: q.trim() || undefined }), [filters, q]);
  const list = usePagedList((offset, limit) => api['problems.list']({ ...(query as object), offset, limit }), JSON.stringify([query, revision]));
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));
  // A count in the 督办 summary counts problems of every status: the list shows the same ones.
  const pick = (prefectureCode: string | null, supervision: SupervisionFilter) => set({ prefectureCode: prefectureCode ?? undefined, supervision, status: undefined });

  useEffect(() => {
    api['problems.units']({}).then(setUnits, () => setUnits([]));
  }, [revision]);

  const columns: ListColumn<ProblemRow>[] = [
    ...prefectureColumn,
    {
      title: t('visit.enterprise'),
      dataIndex: 'enterpriseName',
      width: 190,
      ellipsis: true,
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
    { title: t('problem.category'), dataIndex: 'category', width: 90, fold: 2, render: (v: string) => l.category(v) },
    { title: t('problem.description'), dataIndex: 'description', width: 200, flex: true, ellipsis: true, render: (v: string) => <span data-testid="problem-row">{v}</span> },
    { title: t('problem.status'), dataIndex: 'status', width: 150, render: (v: ProblemStatus, r) => <ProblemStatusTag status={v} overdue={r.overdue} /> },
    { title: t('supervision.tag'), key: 'supervision', width: hq ? 190 : 140, render: (_: unknown, r) => <SupervisionTag s={r.supervision} /> },
    { title: t('problem.deadline'), dataIndex: 'deadline', width: 115, render: (v: string | null, r) => (r.overdue ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v) },
    { title: t('problem.unit'), dataIndex: 'responsibleUnit', width: 150, fold: 3, ellipsis: true },
    { title: t('activity.item'), dataIndex: 'itemNo', width: 95, fold: 1, render: (v: number | null) => (v ? <Tag>{l.itemShort(v)}</Tag> : '') },
    // The row opens the problem too; the button says so, and is there for the keyboard.
    { title: '', key: 'actions', width: 80, fixed: 'right', render: (_: unknown, r) => <Button type="link" size="small" onClick={(e) => { e.stopPropagation(); openProblem(r.id); }} data-testid="problem-open">{t('problem.open')}</Button> },
  ];

  return (
    <Card data-testid="page-problems">
      {hq && <ProblemsSupervision onPick={pick} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox placeholder={t('problem.searchPlaceholder')} onSearch={setQ} data-testid="problem-search" />
        <Select
          allowClear
          placeholder={t('problem.status')}
          style={{ width: 220 }}
          value={filters.status}
          options={[{ value: 'unresolved', label: t('problem.unresolved') }, ...ref.catalogues.problemStatuses.map((s) => ({ value: s.id, label: language === 'zh' ? s.name : s.nameEn }))]}
          onChange={(v) => set({ status: v })}
          data-testid="problem-status-filter"
        />
        <Select allowClear showSearch placeholder={t('problem.unit')} style={{ width: 200 }} options={units.map((u) => ({ value: u, label: u }))} onChange={(v) => set({ responsibleUnit: v })} />
        <Select allowClear placeholder={t('activity.item')} style={{ width: 150 }} options={(ref.checklist?.items ?? []).map((i) => ({ value: i.no, label: l.itemShort(i.no) }))} onChange={(v) => set({ itemNo: v })} />
        <Select allowClear placeholder={t('problem.category')} style={{ width: 110 }} options={ref.catalogues.problemCategories.map((c) => ({ value: c.id, label: language === 'zh' ? c.name : c.nameEn }))} onChange={(v) => set({ category: v })} />
        <Space size={4}>
          <Switch size="small" onChange={(v) => set({ overdue: v || undefined })} data-testid="filter-overdue" />
          <Typography.Text type="danger">{t('problem.overdueOnly')}</Typography.Text>
        </Space>
        <Select
          allowClear
          placeholder={t('supervision.filter')}
          style={{ width: 150 }}
          value={filters.supervision}
          options={(['active', 'overdue', 'answered', 'waiting'] as const).map((v) => ({ value: v, label: t(`supervision.filter.${v}`) }))}
          onChange={(v?: SupervisionFilter) => set({ supervision: v })}
          data-testid="filter-supervision"
        />
        <PrefectureFilter value={filters.prefectureCode ?? null} onChange={(prefectureCode) => set({ prefectureCode })} />
        <ShowDeleted onChange={(deleted) => set({ deleted })} />
      </Space>
      <VirtualList<ProblemRow>
        list={list}
        emptyText={t('empty.problems')}
        actions={
          <>
          <Typography.Text type="secondary">{t('problem.addHint')}</Typography.Text>
          <ExcelToolbar kind="problems" filters={query} onImported={changed} />
          </>
        }
        onRow={(r) => ({ onClick: () => openProblem(r.id), style: { cursor: 'pointer', background: r.overdue ? '#fff1f0' : undefined } })}
        columns={columns}
      />
    </Card>
  );
}
