import { useEffect, useState } from 'react';
import { App, Checkbox, Col, Form, Input, InputNumber, Row, Select, Typography, Button } from 'antd';
import type { Enterprise, EnterpriseInput } from '../../../../api/entities';
import { api } from '../../api';
import { useApp } from '../../state/app';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useReference } from '../../hooks/useLabels';
import { FormDrawer } from '../../components/FormDrawer';
import { useHqNotice } from '../../hooks/useHqNotice';
import { ApiCallError } from '../../../../api/contract';
import { DateInput } from '../../components/DateInput';

/** A status's date field, shown greyed while its box is unticked. */
function DateInputWhen(props: { value?: string | null; onChange?: (v: string | null) => void; disabled: boolean; testId: string }) {
  return props.disabled ? <Input disabled style={{ width: 140 }} /> : <DateInput value={props.value} onChange={props.onChange} data-testid={props.testId} />;
}

type Values = Omit<EnterpriseInput, 'statuses'> & { noUscc: boolean; statusDates: Record<string, string | null | undefined>; statusOn: Record<string, boolean> };

/** Register or edit an enterprise. The credit code is checked by the API as soon as it is typed. */
export function EnterpriseForm(props: { open: boolean; record: Enterprise | null; onClose: () => void; onSaved: (e: Enterprise) => void }) {
  const { t, language } = useI18n();
  const hqNotice = useHqNotice();
  const { message, modal } = App.useApp();
  const ref = useReference();
  const inst = useApp((s) => s.status!.installation!);
  const openEnterprise = useUi((s) => s.openEnterprise);
  const [form] = Form.useForm<Values>();
  const noUscc = Form.useWatch('noUscc', form);
  const specialised = Form.useWatch('specialised', form);
  const prefectureCode = Form.useWatch('prefectureCode', form) ?? inst.prefectureCode;
  const [usccHint, setUsccHint] = useState<{ text: string; ok: boolean; existing?: { id: string; name: string } } | null>(null);
  const statuses = (ref.checklist?.enterpriseStatuses ?? []).filter((s) => s.id !== 'listing');
  const counties = ref.prefectures.find((p) => p.code === prefectureCode)?.counties ?? [];
  const name = (e: { name: string; nameEn: string }) => (language === 'zh' ? e.name : e.nameEn);

  useEffect(() => {
    if (!props.open) return;
    setUsccHint(null);
    const r = props.record;
    form.setFieldsValue({
      uscc: r?.uscc ?? '',
      noUscc: r ? r.uscc === null : false,
      noUsccReason: r?.noUsccReason ?? '',
      name: r?.name ?? '',
      prefectureCode: r?.prefectureCode ?? inst.prefectureCode ?? undefined,
      countyCode: r?.countyCode ?? undefined,
      address: r?.address ?? '',
      industry: r?.industry ?? undefined,
      size: r?.size ?? undefined,
      specialised: r?.specialised ?? 'none',
      specialisedYear: r?.specialisedYear ?? undefined,
      listing: r?.listing ?? 'none',
      contactPerson: r?.contactPerson ?? '',
      contactPhone: r?.contactPhone ?? '',
      serviceOfficer: r?.serviceOfficer ?? '',
      serviceOfficerSince: r?.serviceOfficerSince ?? null,
      notes: r?.notes ?? '',
      statusOn: Object.fromEntries(statuses.map((s) => [s.id, r?.statuses[s.id] !== undefined])),
      statusDates: Object.fromEntries(statuses.map((s) => [s.id, r?.statuses[s.id]])),
    });
  }, [props.open, props.record]); // eslint-disable-line react-hooks/exhaustive-deps

  async function checkUscc(value: string) {
    if (!value.trim()) return setUsccHint(null);
    const r = await api['enterprises.checkUscc']({ uscc: value, id: props.record?.id });
    if (!r.ok) setUsccHint({ text: language === 'zh' ? r.messageZh : r.message, ok: false });
    else if (r.existing) setUsccHint({ text: t('enterprise.usccTaken', { name: r.existing.name }), ok: false, existing: r.existing });
    else setUsccHint({ text: r.inTibet ? t('enterprise.usccOk') : t('enterprise.usccOkOutside'), ok: true });
  }

  function showExisting(id: string) {
    props.onClose();
    openEnterprise(id);
  }

  async function submit(v: Values) {
    const statusesOut: Record<string, string> = {};
    for (const s of statuses) {
      const d = v.statusDates?.[s.id];
      if (v.statusOn?.[s.id] && d) statusesOut[s.id] = d;
    }
    try {
      const saved = await api['enterprises.save']({
        id: props.record?.id,
        expectedVersion: props.record?.version,
        uscc: v.noUscc ? null : (v.uscc ?? ''),
        noUsccReason: v.noUscc ? v.noUsccReason : null,
        name: v.name,
        prefectureCode: v.prefectureCode ?? null,
        countyCode: v.countyCode ?? null,
        address: v.address,
        industry: v.industry ?? null,
        size: v.size ?? null,
        specialised: v.specialised,
        specialisedYear: v.specialisedYear ?? null,
        listing: v.listing,
        contactPerson: v.contactPerson,
        contactPhone: v.contactPhone,
        serviceOfficer: v.serviceOfficer,
        serviceOfficerSince: v.serviceOfficer ? (v.serviceOfficerSince ?? null) : null,
        statuses: statusesOut,
        notes: v.notes,
      });
      void message.success(saved.created ? t('enterprise.created') : t('common.saved'));
      props.onSaved(saved.record);
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'duplicate_uscc' && e.data.existingId) {
        const existingId = e.data.existingId;
        modal.confirm({
          title: t('enterprise.duplicateTitle'),
          content: language === 'zh' ? e.messageZh : e.message,
          okText: t('enterprise.openExisting'),
          cancelText: t('form.keepEditing'),
          okButtonProps: { 'data-testid': 'open-existing' } as Record<string, string>,
          onOk: () => {
            form.resetFields();
            showExisting(existingId);
          },
        });
      }
      throw e;
    }
  }

  return (
    <FormDrawer<Values>
      notice={hqNotice}
      open={props.open}
      title={props.record ? t('enterprise.edit', { name: props.record.name }) : t('enterprise.new')}
      form={form}
      width={760}
      onClose={props.onClose}
      onSubmit={submit}
      testId="enterprise-form"
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item
            name="uscc"
            label={t('enterprise.uscc')}
            validateStatus={usccHint && !noUscc ? (usccHint.ok ? 'success' : 'error') : undefined}
            help={
              usccHint && !noUscc ? (
                <span data-testid="uscc-hint">
                  {usccHint.text}{' '}
                  {usccHint.existing && (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => showExisting(usccHint.existing!.id)} data-testid="uscc-open-existing">
                      {t('enterprise.openExisting')}
                    </Button>
                  )}
                </span>
              ) : undefined
            }
          >
            <Input
              disabled={noUscc}
              maxLength={40}
              placeholder="91540102MA6T000000"
              style={{ fontFamily: 'monospace', textTransform: 'uppercase' }}
              onBlur={(e) => void checkUscc(e.target.value)}
              onChange={() => setUsccHint(null)}
              data-testid="uscc"
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="noUscc" valuePropName="checked" label=" ">
            <Checkbox data-testid="no-uscc">{t('enterprise.noUscc')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      {noUscc && (
        <Form.Item name="noUsccReason" label={t('enterprise.noUsccReason')} rules={[{ required: true, whitespace: true, message: t('enterprise.noUsccReasonRequired') }]}>
          <Input maxLength={200} placeholder={t('enterprise.noUsccReasonPlaceholder')} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('enterprise.name')} rules={[{ required: true, whitespace: true, message: t('enterprise.nameRequired') }, { max: 100 }]}>
        <Input maxLength={100} data-testid="enterprise-name" />
      </Form.Item>
      <Row gutter={16}>
        {inst.role === 'hq' && (
          <Col span={8}>
            <Form.Item name="prefectureCode" label={t('enterprise.prefecture')} rules={[{ required: true, message: t('setup.prefecture.required') }]}>
              <Select options={ref.prefectures.map((p) => ({ value: p.code, label: name(p) }))} onChange={() => form.setFieldValue('countyCode', undefined)} />
            </Form.Item>
          </Col>
        )}
        <Col span={8}>
          <Form.Item name="countyCode" label={t('enterprise.county')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={counties.map((c) => ({ value: c.code, label: name(c) }))} data-testid="county-select" />
          </Form.Item>
        </Col>
        <Col span={inst.role === 'hq' ? 8 : 16}>
          <Form.Item name="address" label={t('enterprise.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="industry" label={t('enterprise.industry')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={ref.catalogues.industries.map((i) => ({ value: i.code, label: `${i.code} ${name(i)}` }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="size" label={t('enterprise.size')}>
            <Select allowClear options={ref.catalogues.sizes.map((s) => ({ value: s.id, label: name(s) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="specialised" label={t('enterprise.specialised')}>
            <Select options={ref.catalogues.specialised.map((s) => ({ value: s.id, label: name(s) }))} data-testid="specialised-select" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="specialisedYear" label={t('enterprise.specialisedYear')} rules={[{ required: specialised !== 'none' && specialised !== undefined, message: t('enterprise.specialisedYearRequired') }]}>
            <InputNumber min={1990} max={Number(ref.today.slice(0, 4))} disabled={specialised === 'none'} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="listing" label={t('enterprise.listing')}>
            <Select options={ref.catalogues.listing.map((s) => ({ value: s.id, label: name(s) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="contactPerson" label={t('enterprise.contactPerson')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="contactPhone" label={t('enterprise.contactPhone')}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="serviceOfficer" label={t('enterprise.serviceOfficer')} tooltip={t('enterprise.serviceOfficerHint')}>
            <Input maxLength={50} data-testid="service-officer" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8} offset={16}>
          <Form.Item name="serviceOfficerSince" label={t('enterprise.serviceOfficerSince')} tooltip={t('enterprise.serviceOfficerSinceHint')}>
            <DateInput data-testid="service-officer-since" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('enterprise.statuses')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('enterprise.statusesHint')}</Typography.Paragraph>
      <Row gutter={[16, 0]}>
        {statuses.map((s) => (
          <Col span={12} key={s.id}>
            <Row gutter={8} align="middle">
              <Col flex="auto">
                <Form.Item name={['statusOn', s.id]} valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>{name(s)}</Checkbox>
                </Form.Item>
              </Col>
              <Col flex="150px">
                <Form.Item noStyle shouldUpdate>
                  {() => (
                    <Form.Item
                      name={['statusDates', s.id]}
                      style={{ marginBottom: 8 }}
                      dependencies={[['statusOn', s.id]]}
                      // The date decides which checklist year, and which "as of" day, counts the enterprise: never guessed.
                      rules={[({ getFieldValue }) => ({ validator: (_: unknown, v: unknown) => (!getFieldValue(['statusOn', s.id]) || v ? Promise.resolve() : Promise.reject(new Error(t('enterprise.statusYearRequired')))) })]}
                    >
                      <DateInputWhen disabled={!form.getFieldValue(['statusOn', s.id])} testId={`status-date-${s.id}`} />
                    </Form.Item>
                  )}
                </Form.Item>
              </Col>
            </Row>
          </Col>
        ))}
      </Row>
      <Form.Item name="notes" label={t('common.notes')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}
