import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Visit, VisitRow } from '../../../../api/entities';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { usePagedList } from '../../hooks/usePagedList';
import { useTableHeight } from '../../hooks/useTableHeight';
import { ExcelToolbar } from '../../components/ExcelToolbar';
import { HistoryDrawer, HistoryPanel } from '../../components/HistoryPanel';
import { errorText } from '../../lib/errors';
import { useOwn } from '../../hooks/useOwn';
import { fromDayjs } from '../../lib/dates';
import { VisitForm } from './VisitForm';

export function VisitsPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useReference();
  const l = useLabels();
  const { revision, changed, openEnterprise } = useUi();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<{ kind?: string; from?: string; to?: string; deleted?: boolean }>({});
  const [editing, setEditing] = useState<Visit | 'new' | null>(null);
  const [history, setHistory] = useState<VisitRow | null>(null);
  const height = useTableHeight(330);
  const own = useOwn();
  const query = useMemo(() => ({ ...filters, q: q.trim() || undefined }), [filters, q]);
  const list = usePagedList((offset, limit) => api['visits.list']({ ...query, offset, limit }), JSON.stringify([query, revision]));

  async function open(id: string) {
    try {
      setEditing(await api['visits.get']({ id }));
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  async function remove(id: string) {
    try {
      await api['visits.delete']({ id });
      void message.success(t('common.deletedUndo'));
      changed();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  return (
    <Card data-testid="page-visits">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('visit.searchPlaceholder')} style={{ width: 240 }} onSearch={setQ} onChange={(e) => e.target.value === '' && setQ('')} />
        <Select allowClear placeholder={t('visit.kind')} style={{ width: 180 }} options={ref.catalogues.visitKinds.map((k) => ({ value: k.id, label: language === 'zh' ? k.name : k.nameEn }))} onChange={(v) => setFilters((f) => ({ ...f, kind: v }))} />
        <DatePicker.RangePicker onChange={(r) => setFilters((f) => ({ ...f, from: fromDayjs(r?.[0]) ?? undefined, to: fromDayjs(r?.[1]) ?? undefined }))} />
        <Space size={4}>
          <Switch size="small" onChange={(v) => setFilters((f) => ({ ...f, deleted: v || undefined }))} />
          <Typography.Text type="secondary">{t('common.showDeleted')}</Typography.Text>
        </Space>
      </Space>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="visit-new">{t('visit.new')}</Button>
          <ExcelToolbar kind="visits" filters={query} onImported={changed} />
        </Space>
        <Typography.Text type="secondary">{t('common.total', { n: list.total.toLocaleString() })}</Typography.Text>
      </Space>
      {list.error !== null && <Alert type="error" showIcon message={errorText(list.error, language)} />}
      <Table<VisitRow>
        virtual
        size="small"
        rowKey="id"
        loading={list.loading && list.rows.length === 0}
        dataSource={list.rows}
        pagination={false}
        scroll={{ x: 1100, y: height }}
        onScroll={list.onScroll}
        locale={{ emptyText: t('empty.visits') }}
        columns={[
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
              <Space size={0}>
                {!r.deleted && own(r.origin) && <Button type="link" size="small" onClick={() => void open(r.id)}>{t('common.edit')}</Button>}
                <Button type="link" size="small" onClick={() => setHistory(r)}>{t('history.title')}</Button>
                {!r.deleted && own(r.origin) && (
                  <Popconfirm title={t('visit.deleteConfirm')} onConfirm={() => void remove(r.id)}>
                    <Button type="link" size="small" danger>{t('common.delete')}</Button>
                  </Popconfirm>
                )}
              </Space>
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
