import { useEffect } from 'react';
import { AutoComplete, Col, Form, Input, Row, Select } from 'antd';
import type { Problem } from '../../../../../api/entities';
import { api } from '../../../api';
import { useI18n } from '../../../i18n/context';
import { useReference } from '../../../hooks/useLabels';
import { FormDrawer } from '../../../components/FormDrawer';
import { DateInput } from '../../../components/DateInput';
import { useChecklistOptions } from '../../../hooks/useChecklistOptions';

type Values = { category: Problem['category']; description: string; itemNo: number | null; responsibleUnit: string; deadline: string | null };

/** Correcting what a problem is (category, description, item, unit, deadline). */
export function ProblemEditDrawer(props: { p: Problem; open: boolean; onClose: () => void; onSaved: (p: Problem) => void }) {
  const { t } = useI18n();
  const ref = useReference();
  const [form] = Form.useForm<Values>();
  const { name, itemOptions, unitOptions } = useChecklistOptions();
  const { p } = props;

  useEffect(() => {
    if (props.open) form.setFieldsValue({ category: p.category, description: p.description, itemNo: p.itemNo, responsibleUnit: p.responsibleUnit, deadline: p.deadline });
  }, [props.open]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <FormDrawer<Values>
      open={props.open}
      title={t('problem.edit')}
      form={form}
      width={600}
      onClose={props.onClose}
      onSubmit={async (v) => {
        const saved = await api['problems.save']({ ...v, id: p.id, expectedVersion: p.version });
        props.onSaved(saved.record);
      }}
      testId="problem-edit-form"
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="category" label={t('problem.category')} rules={[{ required: true }]}>
            <Select options={ref.catalogues.problemCategories.map((c) => ({ value: c.id, label: name(c) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="deadline" label={t('problem.deadline')}><DateInput /></Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('problem.description')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      <Form.Item name="itemNo" label={t('activity.item')}>
        <Select allowClear options={itemOptions} />
      </Form.Item>
      <Form.Item name="responsibleUnit" label={t('problem.unit')} rules={[{ required: true, whitespace: true }]}>
        <AutoComplete options={unitOptions} />
      </Form.Item>
    </FormDrawer>
  );
}
