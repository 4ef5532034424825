import { useEffect } from 'react';
import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Enterprise } from '../../../../api/entities';
import { api } from '../../api';
import { useApp } from '../../state/app';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useReference } from '../../hooks/useLabels';
import { FormDrawer } from '../../components/FormDrawer';
import { useHqNotice } from '../../hooks/useHqNotice';
import { ApiCallError } from '../../../../api/contract';
import { toInput, toValues, type EnterpriseValues } from './form/values';
import { UsccField } from './form/UsccField';
import { StatusFields } from './form/StatusFields';
import { useYearRule } from './form/yearRule';
import { DateInput } from '../../components/DateInput';

type Values = EnterpriseValues;

/** Register or edit an enterprise. The credit code is checked by the API as soon as it is typed. */
export function EnterpriseForm(props: { open: boolean; record: Enterprise | null; onClose: () => void; onSaved: (e: Enterprise) => void }) {
  const { t, language } = useI18n();
  const hqNotice = useHqNotice();
  const { message, modal } = App.useApp();
  const ref = useReference();
  const inst = useApp((s) => s.status!.installation!);
  const openEnterprise = useUi((s) => s.openEnterprise);
  const yearRule = useYearRule();
  const [form] = Form.useForm<Values>();
  const noUscc = Form.useWatch('noUscc', form);
  const specialised = Form.useWatch('specialised', form);
  const prefectureCode = Form.useWatch('prefectureCode', form) ?? inst.prefectureCode;
  const statuses = (ref.checklist?.enterpriseStatuses ?? []).filter((s) => s.id !== 'listing');
  const statusIds = statuses.map((s) => s.id);
  const counties = ref.prefectures.find((p) => p.code === prefectureCode)?.counties ?? [];
  const name = (e: { name: string; nameEn: string }) => (language === 'zh' ? e.name : e.nameEn);

  useEffect(() => {
    if (props.open) form.setFieldsValue(toValues(props.record, statusIds, inst.prefectureCode));
  }, [props.open, props.record]); // eslint-disable-line react-hooks/exhaustive-deps

  function showExisting(id: string) {
    props.onClose();
    openEnterprise(id);
  }

  async function submit(v: Values) {
    try {
      const saved = await api['enterprises.save'](toInput(v, statusIds, props.record));
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
          // Opening the registered one drops what was typed here: Enter keeps editing.
          autoFocusButton: 'cancel',
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
      <UsccField recordId={props.record?.id} noUscc={Boolean(noUscc)} onOpenExisting={showExisting} />
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
          <Form.Item name="specialisedYear" label={t('enterprise.specialisedYear')} rules={[{ required: specialised !== 'none' && specialised !== undefined, message: t('enterprise.specialisedYearRequired') }, yearRule]}>
            <InputNumber disabled={specialised === 'none'} style={{ width: '100%' }} />
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
      <StatusFields form={form} statuses={statuses} />
      <Form.Item name="notes" label={t('common.notes')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}
