import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Visit, VisitRow } from '../../../../api/entities';
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
import { VisitForm } from './VisitForm';

export function VisitsPage() {
  const { t, language } = useI18n();
  const prefectureColumn = usePrefectureColumn<VisitRow>();
  const ref = useReference();
  const l = useLabels();
  const { revision, changed, openEnterprise } = useUi();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<{ kind?: string; from?: string; to?: string; deleted?: boolean }>({});
  const [editing, setEditing] = useState<Visit | 'new' | null>(null);
  const [history, setHistory] = useState<VisitRow | null>(null);
  const own = useOwn();
  const query = useMemo(() => ({ ...filters, q: q.trim() || undefined }), [filters, q]);
  const list = usePagedList((offset, limit) => api['visits.list']({ ...query, offset, limit }), JSON.stringify([query, revision]));

  const { open, remove } = useRecordActions((id) => api['visits.get']({ id }), (id) => api['visits.delete']({ id }), setEditing);

  return (
    <Card data-testid="page-visits">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear maxLength={100} placeholder={t('visit.searchPlaceholder')} style={{ width: 240 }} onSearch={setQ} onChange={(e) => e.target.value === '' && setQ('')} />
        <Select allowClear placeholder={t('visit.kind')} style={{ width: 180 }} options={ref.catalogues.visitKinds.map((k) => ({ value: k.id, label: language === 'zh' ? k.name : k.nameEn }))} onChange={(v) => setFilters((f) => ({ ...f, kind: v }))} />
        <DatePicker.RangePicker onChange={(r) => setFilters((f) => ({ ...f, from: fromDayjs(r?.[0]) ?? undefined, to: fromDayjs(r?.[1]) ?? undefined }))} />
        <PrefectureFilter onChange={(prefectureCode) => setFilters((f) => ({ ...f, prefectureCode }))} />
        <ShowDeleted onChange={(deleted) => setFilters((f) => ({ ...f, deleted }))} />
      </Space>
      <VirtualList<VisitRow>
        list={list}
        width={1100}
        emptyText={t('empty.visits')}
        actions={
          <>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="visit-new">{t('visit.new')}</Button>
          <ExcelToolbar kind="visits" filters={query} onImported={changed} />
          </>
        }
        columns={[
          ...prefectureColumn,
          { title: t('visit.date'), dataIndex: 'date', width: 110 },
          {
            title: t('visit.enterprise'),
            dataIndex: 'enterpriseName',
            width: 280,
            render: (v: string, r) => (
              <Typography.Link onClick={() => openEnterprise(r.enterpriseId)} data-testid="visit-row">
                {r.deleted ? <Typography.Text delete>{v}</Typography.Text> : v}
              </Typography.Link>
            ),
          },
          { title: t('visit.kind'), dataIndex: 'kind', width: 150, render: (v: string) => l.visitKind(v) },
          { title: t('visit.visitors'), dataIndex: 'visitors', width: 140 },
          { title: t('visit.summary'), dataIndex: 'summary', ellipsis: true },
          { title: t('nav.problems'), dataIndex: 'problemCount', width: 80, render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : '') },
          {
            title: '',
            width: 170,
            fixed: 'right',
            render: (_: unknown, r) => (
              <RowActions deleted={r.deleted} own={own(r.origin)} deleteConfirm={t('visit.deleteConfirm')} onEdit={() => void open(r.id)} onHistory={() => setHistory(r)} onDelete={() => void remove(r.id)} />
            ),
          },
        ]}
      />
      <VisitForm
        open={editing !== null}
        record={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          changed();
        }}
      />
      {history && (
        <HistoryDrawer title={`${history.enterpriseName} ${history.date}`} onClose={() => setHistory(null)}>
          <HistoryPanel table="visits" id={history.id} deleted={history.deleted} onRestored={() => { setHistory(null); changed(); }} />
        </HistoryDrawer>
      )}
    </Card>
  );
}
