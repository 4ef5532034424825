import { Checkbox, Col, Form, Input, Row, Typography, type FormInstance } from 'antd';
import { useI18n } from '../../../i18n/context';
import { DateInput } from '../../../components/DateInput';

/** A status's date field, shown greyed while its box is unticked. */
function DateInputWhen(props: { value?: string | null; onChange?: (v: string | null) => void; disabled: boolean; testId: string }) {
  return props.disabled ? <Input disabled style={{ width: 140 }} /> : <DateInput value={props.value} onChange={props.onChange} data-testid={props.testId} />;
}

/** The statuses the checklist counts (规上, 高新…), each ticked with the date it was reached (it decides which year and which "as of" day counts it). */
export function StatusFields(props: { form: FormInstance; statuses: { id: string; name: string; nameEn: string }[] }) {
  const { t, language } = useI18n();
  return (
    <>
      <Typography.Title level={5}>{t('enterprise.statuses')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('enterprise.statusesHint')}</Typography.Paragraph>
      <Row gutter={[16, 0]}>
        {props.statuses.map((s) => (
          <Col span={12} key={s.id}>
            <Row gutter={8} align="middle">
              <Col flex="auto">
                <Form.Item name={['statusOn', s.id]} valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>{language === 'zh' ? s.name : s.nameEn}</Checkbox>
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
                      rules={[
                        ({ getFieldValue }) => ({ validator: (_: unknown, v: unknown) => (!getFieldValue(['statusOn', s.id]) || v ? Promise.resolve() : Promise.reject(new Error(t('enterprise.statusYearRequired')))) }),
                      ]}
                    >
                      <DateInputWhen disabled={!props.form.getFieldValue(['statusOn', s.id])} testId={`status-date-${s.id}`} />
                    </Form.Item>
                  )}
                </Form.Item>
              </Col>
            </Row>
          </Col>
        ))}
      </Row>
    </>
  );
}
