import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Figure, FigureInput } from '../../../../api/entities';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { errorText } from '../../lib/errors';
import { FormDrawer } from '../../components/FormDrawer';
import { DateInput, useDateRules } from '../../components/DateInput';
import { MilestonesCard } from './MilestonesCard';
import { formatFigure, withUnit } from '../../lib/units';

/** 上报数据: figures from banks and statistics offices, each dated and sourced. */
export function FiguresPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useReference();
  const l = useLabels();
  const { revision, changed } = useUi();
  const checklist = ref.checklist!;
  const [rows, setRows] = useState<Figure[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Figure | 'new' | null>(null);
  const [form] = Form.useForm<FigureInput>();
  const dateRules = useDateRules();
  const figureId = Form.useWatch('figureId', form);
  const name = (e: { name: string; nameEn: string }) => (language === 'zh' ? e.name : e.nameEn);

  useEffect(() => {
    api['figures.list']({ year: checklist.year }).then(setRows, (e: unknown) => setError(errorText(e, language)));
  }, [revision, checklist.year, language]);

  useEffect(() => {
    if (editing === null) return;
    const r = editing === 'new' ? null : editing;
    form.setFieldsValue({ figureId: r?.figureId, checklistYear: checklist.year, asOf: r?.asOf ?? ref.today, value: r?.value, source: r?.source ?? '', notes: r?.notes ?? '' });
  }, [editing]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const def = l.figure(figureId ?? '');
    if (def && editing === 'new' && !form.isFieldTouched('source')) form.setFieldValue('source', def.defaultSource);
  }, [figureId]); // eslint-disable-line react-hooks/exhaustive-deps

  async function remove(id: string) {
    try {
      await api['figures.delete']({ id });
      changed();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  const unit = l.figure(figureId ?? '')?.unit;
  return (
    <>
    <Card data-testid="page-figures">
      <Typography.Paragraph type="secondary">{t('figure.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="figure-new">{t('figure.new')}</Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<Figure>
        size="small"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('figure.empty') }}
        columns={[
          { title: t('figure.figure'), dataIndex: 'figureId', render: (v: string) => { const f = l.figure(v); return f ? name(f) : v; } },
          { title: t('figure.value'), dataIndex: 'value', width: 140, render: (v: number, r) => formatFigure(v, l.figure(r.figureId)?.unit, language) },
          { title: t('figure.asOf'), dataIndex: 'asOf', width: 120 },
          { title: t('figure.source'), dataIndex: 'source', width: 200 },
          { title: t('common.notes'), dataIndex: 'notes', ellipsis: true },
          {
            title: '',
            width: 130,
            render: (_: unknown, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(r)}>{t('common.edit')}</Button>
                <Popconfirm title={t('figure.deleteConfirm')} onConfirm={() => void remove(r.id)}>
                  <Button type="link" size="small" danger>{t('common.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer<FigureInput>
        open={editing !== null}
        title={editing === 'new' ? t('figure.new') : t('figure.edit')}
        form={form}
        width={560}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          await api['figures.save']({ ...v, checklistYear: checklist.year, id: editing === 'new' ? undefined : editing?.id, expectedVersion: editing === 'new' ? undefined : editing?.version });
          setEditing(null);
          changed();
        }}
        testId="figure-form"
      >
        <Form.Item name="figureId" label={t('figure.figure')} rules={[{ required: true, message: t('figure.figureRequired') }]}>
          <Select options={checklist.reportedFigures.map((f) => ({ value: f.id, label: withUnit(name(f), f.unit, language) }))} data-testid="figure-select" />
        </Form.Item>
        <Form.Item name="value" label={withUnit(t('figure.value'), unit, language)} rules={[{ required: true, message: t('figure.valueRequired') }]}>
          <InputNumber style={{ width: '100%' }} data-testid="figure-value" />
        </Form.Item>
        <Form.Item name="asOf" label={t('figure.asOf')} rules={[{ required: true }, dateRules.notFuture]}><DateInput allowClear={false} checklistYear={checklist.year} /></Form.Item>
        <Form.Item name="source" label={t('figure.source')} rules={[{ required: true, whitespace: true, message: t('figure.sourceRequired') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="notes" label={t('common.notes')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      </FormDrawer>
    </Card>
    <MilestonesCard />
    </>
  );
}
