import { Checkbox, Col, Form, InputNumber, Row, Typography, type FormInstance } from 'antd';
import { useI18n } from '../../../i18n/context';
import { useYearRule } from './yearRule';

/** The statuses the checklist counts (规上, 高新…), each ticked with the year it was reached. */
export function StatusFields(props: { form: FormInstance; statuses: { id: string; name: string; nameEn: string }[] }) {
  const { t, language } = useI18n();
  const yearRule = useYearRule();
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
              <Col flex="110px">
                <Form.Item noStyle shouldUpdate>
                  {() => (
                    <Form.Item
                      name={['statusYears', s.id]}
                      style={{ marginBottom: 8 }}
                      dependencies={[['statusOn', s.id]]}
                      // The year decides which checklist year counts the enterprise: never guessed.
                      rules={[
                        ({ getFieldValue }) => ({ validator: (_: unknown, v: unknown) => (!getFieldValue(['statusOn', s.id]) || v ? Promise.resolve() : Promise.reject(new Error(t('enterprise.statusYearRequired')))) }),
                        yearRule,
                      ]}
                    >
                      <InputNumber placeholder={t('enterprise.year')} disabled={!props.form.getFieldValue(['statusOn', s.id])} style={{ width: 100 }} />
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
