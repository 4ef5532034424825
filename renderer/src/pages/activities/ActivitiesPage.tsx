import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Activity, ActivityRow } from '../../../../api/entities';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { usePagedList } from '../../hooks/usePagedList';
import { ExcelToolbar } from '../../components/ExcelToolbar';
import { ShowDeleted, VirtualList } from '../../components/VirtualList';
import { PrefectureFilter, usePrefectureColumn } from '../../components/PrefectureFilter';
import { RowActions } from '../../components/RowActions';
import { HistoryDrawer, HistoryPanel } from '../../components/HistoryPanel';
import { useOwn } from '../../hooks/useOwn';
import { useRecordActions } from '../../hooks/useRecordActions';
import { fromDayjs } from '../../lib/dates';
import { ActivityForm } from './ActivityForm';

interface Filters {
  prefectureCode?: string;
  itemNo?: number;
  kind?: string;
  from?: string;
  to?: string;
  deleted?: boolean;
}

export function ActivitiesPage() {
  const { t, language } = useI18n();
  const prefectureColumn = usePrefectureColumn<ActivityRow>();
  const ref = useReference();
  const l = useLabels();
  const { revision, changed } = useUi();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const [history, setHistory] = useState<ActivityRow | null>(null);
  const own = useOwn();
  const query = useMemo(() => ({ ...filters, q: q.trim() || undefined }), [filters, q]);
  const list = usePagedList((offset, limit) => api['activities.list']({ ...query, offset, limit }), JSON.stringify([query, revision]));
  const checklist = ref.checklist!;
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));

  const { open, remove } = useRecordActions((id) => api['activities.get']({ id }), (id) => api['activities.delete']({ id }), setEditing);

  return (
    <Card data-testid="page-activities">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear maxLength={100} placeholder={t('activity.searchPlaceholder')} style={{ width: 240 }} onSearch={setQ} onChange={(e) => e.target.value === '' && setQ('')} />
        <Select allowClear placeholder={t('activity.item')} style={{ width: 130 }} options={checklist.items.map((i) => ({ value: i.no, label: l.itemShort(i.no) }))} onChange={(v) => set({ itemNo: v, kind: undefined })} />
        <Select
          allowClear
          placeholder={t('activity.kind')}
          style={{ width: 220 }}
          value={filters.kind}
          options={checklist.activityKinds.filter((k) => !filters.itemNo || k.items.includes(filters.itemNo)).map((k) => ({ value: k.id, label: language === 'zh' ? k.name : k.nameEn }))}
          onChange={(v) => set({ kind: v })}
        />
        <DatePicker.RangePicker onChange={(r) => set({ from: fromDayjs(r?.[0]) ?? undefined, to: fromDayjs(r?.[1]) ?? undefined })} />
        <PrefectureFilter onChange={(prefectureCode) => set({ prefectureCode })} />
        <ShowDeleted onChange={(deleted) => set({ deleted })} />
      </Space>
      <VirtualList<ActivityRow>
        list={list}
        width={1200}
        emptyText={t('empty.activities')}
        actions={
          <>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="activity-new">{t('activity.new')}</Button>
          <ExcelToolbar kind="activities" filters={query} onImported={changed} />
          </>
        }
        columns={[
          ...prefectureColumn,
          { title: t('activity.date'), dataIndex: 'date', width: 110 },
          { title: t('activity.item'), dataIndex: 'itemNo', width: 80, render: (v: number) => <Tag>{l.itemShort(v)}</Tag> },
          { title: t('activity.kind'), dataIndex: 'kind', width: 200, render: (v: string) => l.activityKind(v) },
          { title: t('activity.title'), dataIndex: 'title', width: 280, render: (v: string, r) => <span data-testid="activity-row">{r.deleted ? <Typography.Text delete>{v}</Typography.Text> : v}</span> },
          { title: t('enterprise.county'), dataIndex: 'countyCode', width: 100, render: (v: string | null) => l.county(v) },
          {
            title: t('activity.keyFigures'),
            width: 220,
            render: (_: unknown, r) =>
              Object.entries(r.metrics)
                .slice(0, 3)
                .map(([k, v]) => `${l.metric(k) ? (language === 'zh' ? l.metric(k)!.name : l.metric(k)!.nameEn) : k} ${v}`)
                .join('；'),
          },
          { title: t('activity.enterpriseCount'), dataIndex: 'enterpriseCount', width: 90 },
          {
            title: '',
            width: 170,
            fixed: 'right',
            render: (_: unknown, r) => (
              <RowActions deleted={r.deleted} own={own(r.origin)} deleteConfirm={t('activity.deleteConfirm')} onEdit={() => void open(r.id)} onHistory={() => setHistory(r)} onDelete={() => void remove(r.id)} />
            ),
          },
        ]}
      />
      <ActivityForm
        open={editing !== null}
        record={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          changed();
        }}
      />
      {history && (
        <HistoryDrawer title={history.title} onClose={() => setHistory(null)}>
          <HistoryPanel table="activities" id={history.id} deleted={history.deleted} onRestored={() => { setHistory(null); changed(); }} />
        </HistoryDrawer>
      )}
    </Card>
  );
}

