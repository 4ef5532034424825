import { Card, DatePicker, Select, Space, Tag, Typography } from 'antd';
import type { Visit, VisitRow } from '../../../../api/entities';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { ShowDeleted, VirtualList, type ListColumn } from '../../components/VirtualList';
import { PrefectureFilter, usePrefectureColumn } from '../../components/PrefectureFilter';
import { SearchBox } from '../../components/SearchBox';
import { fromDayjs } from '../../lib/dates';
import { useLedgerList } from '../ledger/useLedgerList';
import { LedgerHistory, LedgerToolbar, useActionsColumn } from '../ledger/LedgerParts';
import { VisitForm } from './VisitForm';

interface Filters {
  prefectureCode?: string;
  kind?: string;
  from?: string;
  to?: string;
  deleted?: boolean;
}

export function VisitsPage() {
  const { t, language } = useI18n();
  const prefectureColumn = usePrefectureColumn<VisitRow>();
  const ref = useReference();
  const l = useLabels();
  const openEnterprise = useUi((s) => s.openEnterprise);
  const ledger = useLedgerList<VisitRow, Visit, Filters>({
    fetch: (query) => api['visits.list'](query),
    get: (id) => api['visits.get']({ id }),
    remove: (id) => api['visits.delete']({ id }),
  });
  const { set } = ledger;
  const actions = useActionsColumn<VisitRow>(t('visit.deleteConfirm'), { open: (id) => void ledger.open(id), history: ledger.setHistory, remove: (id) => void ledger.remove(id) });

  const columns: ListColumn<VisitRow>[] = [
    ...prefectureColumn,
    { title: t('visit.date'), dataIndex: 'date', width: 100 },
    {
      title: t('visit.enterprise'),
      dataIndex: 'enterpriseName',
      width: 220,
      flex: true,
      render: (v: string, r) => (
        <Typography.Link onClick={() => openEnterprise(r.enterpriseId)} data-testid="visit-row">
          {r.deleted ? <Typography.Text delete>{v}</Typography.Text> : v}
        </Typography.Link>
      ),
    },
    { title: t('visit.kind'), dataIndex: 'kind', width: 130, fold: 2, ellipsis: true, render: (v: string) => l.visitKind(v) },
    { title: t('visit.visitors'), dataIndex: 'visitors', width: 120, fold: 3, ellipsis: true },
    { title: t('visit.summary'), dataIndex: 'summary', width: 220, fold: 1, ellipsis: true },
    { title: t('nav.problems'), dataIndex: 'problemCount', width: 95, render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : '') },
    actions,
  ];

  return (
    <Card data-testid="page-visits">
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox placeholder={t('visit.searchPlaceholder')} onSearch={ledger.setQ} data-testid="visit-search" />
        <Select allowClear placeholder={t('visit.kind')} style={{ width: 180 }} options={ref.catalogues.visitKinds.map((k) => ({ value: k.id, label: language === 'zh' ? k.name : k.nameEn }))} onChange={(v) => set({ kind: v })} />
        <DatePicker.RangePicker onChange={(r) => set({ from: fromDayjs(r?.[0]) ?? undefined, to: fromDayjs(r?.[1]) ?? undefined })} />
        <PrefectureFilter onChange={(prefectureCode) => set({ prefectureCode })} />
        <ShowDeleted onChange={(deleted) => set({ deleted })} />
      </Space>
      <VirtualList<VisitRow>
        list={ledger.list}
        emptyText={t('empty.visits')}
        actions={<LedgerToolbar kind="visits" label={t('visit.new')} testId="visit-new" filters={ledger.query} onNew={() => ledger.setEditing('new')} onImported={ledger.changed} />}
        columns={columns}
      />
      <VisitForm open={ledger.editing !== null} record={ledger.editing === 'new' ? null : ledger.editing} onClose={() => ledger.setEditing(null)} onSaved={ledger.saved} />
      <LedgerHistory table="visits" row={ledger.history} title={(r) => `${r.enterpriseName} ${r.date}`} onClose={() => ledger.setHistory(null)} onRestored={ledger.changed} />
    </Card>
  );
}
