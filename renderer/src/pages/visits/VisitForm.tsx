import { useEffect } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Typography, AutoComplete } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Visit, VisitInput } from '../../../../api/entities';
import { api } from '../../api';
import { useApp } from '../../state/app';
import { useI18n } from '../../i18n/context';
import { useReference } from '../../hooks/useLabels';
import { FormDrawer } from '../../components/FormDrawer';
import { useHqNotice } from '../../hooks/useHqNotice';
import { DateInput, useDateRules } from '../../components/DateInput';
import { EnterpriseSelect } from '../../components/EnterpriseSelect';
import { useChecklistOptions } from '../../hooks/useChecklistOptions';

type Values = VisitInput;

/** A visit to an enterprise with any number of problems raised during it, saved together. */
export function VisitForm(props: { open: boolean; record: Visit | null; onClose: () => void; onSaved: (v: Visit) => void }) {
  const { t } = useI18n();
  const hqNotice = useHqNotice();
  const { message } = App.useApp();
  const ref = useReference();
  const inst = useApp((s) => s.status!.installation!);
  const [form] = Form.useForm<Values>();
  const dateRules = useDateRules();
  const checklist = ref.checklist!;
  const { name, itemOptions, unitOptions } = useChecklistOptions();

  useEffect(() => {
    if (!props.open) return;
    const r = props.record;
    form.setFieldsValue({
      enterpriseId: r?.enterpriseId,
      date: r?.date ?? ref.today,
      kind: r?.kind ?? 'service_officer',
      visitors: r?.visitors ?? inst.operatorName,
      itemNo: r?.itemNo ?? 21,
      summary: r?.summary ?? '',
      problems: [],
    });
  }, [props.open, props.record]); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit(v: Values) {
    const saved = await api['visits.save']({ ...v, id: props.record?.id, expectedVersion: props.record?.version, problems: v.problems ?? [] });
    void message.success(saved.created ? t('visit.created', { n: saved.record.problems.length }) : t('common.saved'));
    props.onSaved(saved.record);
  }

  return (
    <FormDrawer<Values> notice={hqNotice} open={props.open} title={props.record ? t('visit.edit') : t('visit.new')} form={form} width={820} onClose={props.onClose} onSubmit={submit} testId="visit-form">
      <Form.Item name="enterpriseId" label={t('visit.enterprise')} rules={[{ required: true, message: t('visit.enterpriseRequired') }]}>
        <EnterpriseSelect known={props.record ? [{ id: props.record.enterpriseId, name: props.record.enterpriseName }] : []} data-testid="visit-enterprise" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="date" label={t('visit.date')} rules={[{ required: true, message: t('activity.dateRequired') }, dateRules.notFuture]}>
            <DateInput allowClear={false} checklistYear={checklist.year} data-testid="visit-date" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="kind" label={t('visit.kind')} rules={[{ required: true }]}>
            <Select options={ref.catalogues.visitKinds.map((k) => ({ value: k.id, label: name(k) }))} data-testid="visit-kind" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="itemNo" label={t('activity.item')}>
            <Select allowClear options={itemOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="visitors" label={t('visit.visitors')} rules={[{ required: true, whitespace: true, message: t('visit.visitorsRequired') }]}>
        <Input maxLength={200} data-testid="visit-visitors" />
      </Form.Item>
      <Form.Item name="summary" label={t('visit.summary')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      {props.record && props.record.problems.length > 0 && (
        <Typography.Paragraph type="secondary">{t('visit.existingProblems', { n: props.record.problems.length })}</Typography.Paragraph>
      )}
      <Typography.Title level={5}>{props.record ? t('visit.addProblems') : t('visit.problems')}</Typography.Title>
      <Form.List name="problems">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('visit.problemN', { n: i + 1 })}
                extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />}
                data-testid="visit-problem"
              >
                <Row gutter={12}>
                  <Col span={8}>
                    <Form.Item name={[f.name, 'category']} label={t('problem.category')} rules={[{ required: true, message: t('problem.categoryRequired') }]}>
                      <Select options={ref.catalogues.problemCategories.map((c) => ({ value: c.id, label: name(c) }))} data-testid={`problem-category-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={[f.name, 'itemNo']} label={t('activity.item')}>
                      <Select allowClear options={itemOptions} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={[f.name, 'deadline']} label={t('problem.deadline')}>
                      <DateInput data-testid={`problem-deadline-${i}`} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name={[f.name, 'description']} label={t('problem.description')} rules={[{ required: true, whitespace: true, message: t('problem.descriptionRequired') }]}>
                  <Input.TextArea rows={2} maxLength={2000} data-testid={`problem-description-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'responsibleUnit']} label={t('problem.unit')} rules={[{ required: true, whitespace: true, message: t('problem.unitRequired') }]} tooltip={t('problem.unitHint')}>
                  <AutoComplete options={unitOptions} filterOption={(input, o) => String(o?.value ?? '').includes(input)} data-testid={`problem-unit-${i}`} />
                </Form.Item>
              </Card>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ category: undefined, description: '', itemNo: 21, responsibleUnit: '', deadline: null })} data-testid="visit-add-problem">
              {t('visit.addProblem')}
            </Button>
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}
