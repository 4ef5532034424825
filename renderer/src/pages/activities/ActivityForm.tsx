import { useEffect } from 'react';
import { App, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import type { Activity, ActivityInput } from '../../../../api/entities';
import { api } from '../../api';
import { useApp } from '../../state/app';
import { useI18n } from '../../i18n/context';
import { useReference } from '../../hooks/useLabels';
import { FormDrawer } from '../../components/FormDrawer';
import { useHqNotice } from '../../hooks/useHqNotice';
import { DateInput, useDateRules } from '../../components/DateInput';
import { EnterpriseSelect } from '../../components/EnterpriseSelect';
import { withUnit } from '../../lib/units';
import { useChecklistOptions } from '../../hooks/useChecklistOptions';

type Values = Omit<ActivityInput, 'metrics'> & { metrics: Record<string, number | null | undefined> };

/**
 * An activity under a checklist item. The item decides the kinds on offer; the kind decides the
 * metrics asked for (participants, loans, scenarios…), as the checklist data defines them.
 */
export function ActivityForm(props: { open: boolean; record: Activity | null; onClose: () => void; onSaved: (a: Activity) => void }) {
  const { t, language } = useI18n();
  const hqNotice = useHqNotice();
  const { message } = App.useApp();
  const ref = useReference();
  const inst = useApp((s) => s.status!.installation!);
  const [form] = Form.useForm<Values>();
  const dateRules = useDateRules();
  const itemNo = Form.useWatch('itemNo', form);
  const kindId = Form.useWatch('kind', form);
  const checklist = ref.checklist!;
  const { name, itemOptions } = useChecklistOptions();
  const item = checklist.items.find((i) => i.no === itemNo);
  const kinds = item ? checklist.activityKinds.filter((k) => item.activityKinds.includes(k.id)) : [];
  const kind = checklist.activityKinds.find((k) => k.id === kindId);
  const counties = ref.prefectures.find((p) => p.code === inst.prefectureCode)?.counties ?? [];

  useEffect(() => {
    if (!props.open) return;
    const r = props.record;
    form.setFieldsValue({
      itemNo: r?.itemNo,
      kind: r?.kind,
      title: r?.title ?? '',
      date: r?.date ?? ref.today,
      countyCode: r?.countyCode ?? undefined,
      place: r?.place ?? '',
      organiser: r?.organiser ?? inst.officeName,
      mode: r?.mode ?? 'offline',
      metrics: r?.metrics ?? {},
      departments: r?.departments ?? [],
      enterpriseIds: r?.enterpriseIds ?? [],
      notes: r?.notes ?? '',
    });
  }, [props.open, props.record]); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit(v: Values) {
    const metrics = Object.fromEntries(Object.entries(v.metrics ?? {}).filter(([k, x]) => x !== null && x !== undefined && kind?.metrics.includes(k))) as Record<string, number>;
    const saved = await api['activities.save']({ ...v, id: props.record?.id, expectedVersion: props.record?.version, metrics, countyCode: v.countyCode ?? null });
    void message.success(saved.created ? t('activity.created') : t('common.saved'));
    props.onSaved(saved.record);
  }

  return (
    <FormDrawer<Values>
      notice={hqNotice}
      open={props.open}
      title={props.record ? t('activity.edit') : t('activity.new')}
      form={form}
      width={780}
      onClose={props.onClose}
      onSubmit={submit}
      testId="activity-form"
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="itemNo" label={t('activity.item')} rules={[{ required: true, message: t('activity.itemRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={itemOptions}
              onChange={() => form.setFieldValue('kind', undefined)}
              data-testid="activity-item"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label={t('activity.kind')} rules={[{ required: true, message: t('activity.kindRequired') }]}>
            <Select disabled={!item} options={kinds.map((k) => ({ value: k.id, label: name(k) }))} data-testid="activity-kind" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label={t('activity.title')} rules={[{ required: true, whitespace: true, message: t('activity.titleRequired') }]}>
        <Input maxLength={200} data-testid="activity-title" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={7}>
          <Form.Item name="date" label={t('activity.date')} rules={[{ required: true, message: t('activity.dateRequired') }, dateRules.notFuture]}>
            <DateInput data-testid="activity-date" allowClear={false} checklistYear={checklist.year} />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="countyCode" label={t('enterprise.county')}>
            <Select allowClear options={counties.map((c) => ({ value: c.code, label: name(c) }))} />
          </Form.Item>
        </Col>
        {/* The three 形式 buttons on one line (they wrapped). */}
        <Col span={10}>
          <Form.Item name="mode" label={t('activity.mode')}>
            <Radio.Group optionType="button" style={{ whiteSpace: 'nowrap' }} options={ref.catalogues.activityModes.map((m) => ({ value: m.id, label: name(m) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="place" label={t('activity.place')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="organiser" label={t('activity.organiser')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      {kind && kind.metrics.length > 0 && (
        <>
          <Typography.Title level={5}>{t('activity.metrics')}</Typography.Title>
          <Row gutter={16}>
            {kind.metrics.map((m) => {
              const def = checklist.metrics.find((x) => x.id === m)!;
              return (
                <Col span={8} key={m}>
                  {/* Checked by rules, not clamped by the input: -5 or 2.5 typed is refused with a reason, never silently changed. */}
                  <Form.Item
                    name={['metrics', m]}
                    label={withUnit(name(def), def.unit, language)}
                    rules={[
                      { type: 'number', min: 0, message: t('activity.negative') },
                      ...(def.type === 'integer' ? [{ validator: (_: unknown, v: unknown) => (v === null || v === undefined || Number.isInteger(v) ? Promise.resolve() : Promise.reject(new Error(t('activity.wholeNumber')))) }] : []),
                    ]}
                  >
                    <InputNumber style={{ width: '100%' }} data-testid={`metric-${m}`} />
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </>
      )}
      <Form.Item name="enterpriseIds" label={t('activity.enterprises')} tooltip={t('activity.enterprisesHint')}>
        <EnterpriseSelect multiple known={props.record?.enterprises} data-testid="activity-enterprises" />
      </Form.Item>
      <Form.Item name="departments" label={t('activity.departments')}>
        <Select
          mode="multiple"
          allowClear
          options={(item ? item.departments : checklist.departments).map((d) => ({ value: d.id, label: name(d) }))}
        />
      </Form.Item>
      <Form.Item name="notes" label={t('common.notes')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}
