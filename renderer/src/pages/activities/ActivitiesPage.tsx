import { Card, DatePicker, Select, Space, Tag, Typography } from 'antd';
import type { Activity, ActivityRow } from '../../../../api/entities';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { ShowDeleted, VirtualList, type ListColumn } from '../../components/VirtualList';
import { PrefectureFilter, usePrefectureColumn } from '../../components/PrefectureFilter';
import { SearchBox } from '../../components/SearchBox';
import { fromDayjs } from '../../lib/dates';
import { formatFigure } from '../../lib/units';
import { useLedgerList } from '../ledger/useLedgerList';
import { LedgerHistory, LedgerToolbar, useActionsColumn } from '../ledger/LedgerParts';
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
  const checklist = ref.checklist!;
  const ledger = useLedgerList<ActivityRow, Activity, Filters>({
    fetch: (query) => api['activities.list'](query),
    get: (id) => api['activities.get']({ id }),
    remove: (id) => api['activities.delete']({ id }),
  });
  const { filters, set } = ledger;
  const actions = useActionsColumn<ActivityRow>(t('activity.deleteConfirm'), { open: (id) => void ledger.open(id), history: ledger.setHistory, remove: (id) => void ledger.remove(id) });
  // Every figure of the activity, each with its name and unit: 签约金额 3,500.5 万元.
  const figures = (r: ActivityRow) =>
    Object.entries(r.metrics).map(([k, v]) => {
      const def = l.metric(k);
      return `${def ? (language === 'zh' ? def.name : def.nameEn) : k} ${formatFigure(v, def?.unit, language)}`;
    });

  const columns: ListColumn<ActivityRow>[] = [
    ...prefectureColumn,
    { title: t('activity.date'), dataIndex: 'date', width: 100 },
    { title: t('activity.item'), dataIndex: 'itemNo', width: 90, render: (v: number) => <Tag>{l.itemShort(v)}</Tag> },
    { title: t('activity.title'), dataIndex: 'title', width: 200, flex: true, render: (v: string, r) => <span data-testid="activity-row">{r.deleted ? <Typography.Text delete>{v}</Typography.Text> : v}</span> },
    { title: t('activity.kind'), dataIndex: 'kind', width: 160, fold: 2, ellipsis: true, render: (v: string) => l.activityKind(v) },
    { title: t('enterprise.county'), dataIndex: 'countyCode', width: 90, fold: 3, render: (v: string | null) => l.county(v) },
    {
      title: t('activity.keyFigures'),
      key: 'figures',
      width: 250,
      render: (_: unknown, r) => (
        <div data-testid="activity-figures" style={{ fontSize: 12, lineHeight: 1.5 }}>
          {figures(r).map((f) => <div key={f}>{f}</div>)}
        </div>
      ),
    },
    { title: t('activity.enterpriseCount'), dataIndex: 'enterpriseCount', width: 100, align: 'right', render: (v: number) => <span data-testid="activity-enterprise-count">{v ? v.toLocaleString() : ''}</span> },
    actions,
  ];

  return (
    <Card data-testid="page-activities">
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox placeholder={t('activity.searchPlaceholder')} onSearch={ledger.setQ} data-testid="activity-search" />
        <Select allowClear placeholder={t('activity.item')} style={{ width: 150 }} options={checklist.items.map((i) => ({ value: i.no, label: l.itemShort(i.no) }))} onChange={(v) => set({ itemNo: v, kind: undefined })} />
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
        list={ledger.list}
        emptyText={t('empty.activities')}
        actions={<LedgerToolbar kind="activities" label={t('activity.new')} testId="activity-new" filters={ledger.query} onNew={() => ledger.setEditing('new')} onImported={ledger.changed} />}
        columns={columns}
      />
      <ActivityForm open={ledger.editing !== null} record={ledger.editing === 'new' ? null : ledger.editing} onClose={() => ledger.setEditing(null)} onSaved={ledger.saved} />
      <LedgerHistory table="activities" row={ledger.history} title={(r) => r.title} onClose={() => ledger.setHistory(null)} onRestored={ledger.changed} />
    </Card>
  );
}
