import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { EnterpriseListFilters, EnterpriseRow } from '../../../../api/entities';
import { api } from '../../api';
import { useApp } from '../../state/app';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { usePagedList } from '../../hooks/usePagedList';
import { ExcelToolbar } from '../../components/ExcelToolbar';
import { ShowDeleted, VirtualList, type ListColumn } from '../../components/VirtualList';
import { PrefectureFilter, usePrefectureColumn } from '../../components/PrefectureFilter';
import { SearchBox } from '../../components/SearchBox';
import { formatDate } from '../../lib/dates';
import { EnterpriseForm } from './EnterpriseForm';

/** The register: search (two characters are enough), filters, a virtual list of any length. */
export function EnterprisesPage() {
  const { t, language } = useI18n();
  const prefectureColumn = usePrefectureColumn<EnterpriseRow>();
  const ref = useReference();
  const l = useLabels();
  const inst = useApp((s) => s.status!.installation!);
  const { revision, changed, openEnterprise } = useUi();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<EnterpriseListFilters>({ sort: 'name', order: 'asc' });
  const [officers, setOfficers] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const query = useMemo(() => ({ ...filters, q: q.trim() || undefined }), [filters, q]);
  const list = usePagedList((offset, limit) => api['enterprises.list']({ ...query, offset, limit }), JSON.stringify([query, revision]));

  useEffect(() => {
    api['enterprises.officers']({}).then(setOfficers, () => setOfficers([]));
  }, [revision]);

  // An office's own counties; at HQ, those of the prefecture chosen, or all of them.
  const prefecture = inst.prefectureCode ?? filters.prefectureCode;
  const counties = prefecture ? (ref.prefectures.find((p) => p.code === prefecture)?.counties ?? []) : ref.prefectures.flatMap((p) => p.counties);
  const name = (e: { name: string; nameEn: string }) => (language === 'zh' ? e.name : e.nameEn);
  const set = (patch: Partial<EnterpriseListFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const columns: ListColumn<EnterpriseRow>[] = [
    ...prefectureColumn,
    { title: t('enterprise.name'), dataIndex: 'name', key: 'name', sorter: true, width: 220, flex: true, render: (v: string, r) => <span data-testid="enterprise-row">{r.deleted ? <Typography.Text delete>{v}</Typography.Text> : v}</span> },
    { title: t('enterprise.uscc'), dataIndex: 'uscc', key: 'uscc', sorter: true, width: 185, render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : <Tag>{t('enterprise.noUsccShort')}</Tag>) },
    { title: t('enterprise.county'), dataIndex: 'countyCode', key: 'county', sorter: true, width: 100, fold: 3, render: (v: string | null) => l.county(v) },
    { title: t('enterprise.industry'), dataIndex: 'industry', width: 160, fold: 2, ellipsis: true, render: (v: string | null) => l.industry(v) },
    { title: t('enterprise.specialised'), dataIndex: 'specialised', width: 145, render: (v: string) => (v === 'none' ? '' : <Tag color={v === 'national' ? 'gold' : 'cyan'}>{l.specialised(v)}</Tag>) },
    { title: t('enterprise.serviceOfficer'), dataIndex: 'serviceOfficer', width: 100, fold: 1, ellipsis: true },
    {
      title: t('enterprise.openProblems'),
      dataIndex: 'openProblems',
      width: 120,
      render: (v: number, r) => (v ? <Space size={2}><Tag color="orange">{v}</Tag>{r.overdueProblems > 0 && <Tag color="red">{t('problem.overdueN', { n: r.overdueProblems })}</Tag>}</Space> : ''),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', sorter: true, width: 110, render: (v: string) => formatDate(v) },
  ];

  return (
    <Card data-testid="page-enterprises" styles={{ body: { paddingBottom: 8 } }}>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox placeholder={t('enterprise.searchPlaceholder')} width={280} onSearch={setQ} data-testid="enterprise-search" />
        <PrefectureFilter onChange={(prefectureCode) => set({ prefectureCode, countyCode: undefined })} />
        <Select allowClear placeholder={t('enterprise.county')} style={{ width: 140 }} showSearch={{ optionFilterProp: 'label' }} options={counties.map((c) => ({ value: c.code, label: name(c) }))} value={filters.countyCode} onChange={(v) => set({ countyCode: v })} />
        <Select allowClear placeholder={t('enterprise.industry')} style={{ width: 180 }} showSearch={{ optionFilterProp: 'label' }} options={ref.catalogues.industries.map((i) => ({ value: i.code, label: `${i.code} ${name(i)}` }))} onChange={(v) => set({ industry: v })} />
        <Select
          allowClear
          placeholder={t('enterprise.specialised')}
          style={{ width: 170 }}
          options={[{ value: 'certified', label: t('enterprise.anySpecialised') }, ...ref.catalogues.specialised.map((s) => ({ value: s.id, label: name(s) }))]}
          onChange={(v) => set({ specialised: v })}
        />
        <Select
          allowClear
          placeholder={t('enterprise.serviceOfficer')}
          style={{ width: 150 }}
          showSearch
          options={[{ value: '\u0000none', label: t('enterprise.noOfficer') }, ...officers.map((o) => ({ value: o, label: o }))]}
          onChange={(v?: string) => set(v === '\u0000none' ? { serviceOfficer: undefined, withoutServiceOfficer: true } : { serviceOfficer: v, withoutServiceOfficer: undefined })}
        />
        <Space size={4}>
          <Switch size="small" onChange={(v) => set({ hasOpenProblems: v || undefined })} data-testid="filter-open-problems" />
          <Typography.Text>{t('enterprise.hasOpenProblems')}</Typography.Text>
        </Space>
        <ShowDeleted onChange={(deleted) => set({ deleted })} />
      </Space>
      <VirtualList<EnterpriseRow>
        list={list}
        emptyText={q || Object.keys(filters).length > 2 ? t('common.noMatch') : t('empty.enterprises')}
        actions={
          <>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="enterprise-new">{t('enterprise.new')}</Button>
          <ExcelToolbar kind="enterprises" filters={query} onImported={changed} />
          </>
        }
        onRow={(r) => ({ onClick: () => openEnterprise(r.id), style: { cursor: 'pointer' } })}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          set({ sort: (s?.order ? (s.field as EnterpriseListFilters['sort']) : 'name') ?? 'name', order: s?.order === 'descend' ? 'desc' : 'asc' });
        }}
        totalTestId="enterprise-total"
        columns={columns}
      />
      <EnterpriseForm
        open={creating}
        record={null}
        onClose={() => setCreating(false)}
        onSaved={(e) => {
          setCreating(false);
          changed();
          openEnterprise(e.id);
        }}
      />
    </Card>
  );
}
