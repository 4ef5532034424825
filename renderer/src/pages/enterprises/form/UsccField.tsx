import { useState } from 'react';
import { Button, Checkbox, Col, Form, Input, Row } from 'antd';
import { api } from '../../../api';
import { useI18n } from '../../../i18n/context';

type Hint = { text: string; ok: boolean; existing?: { id: string; name: string } };

/**
 * The credit code, checked by the API when the field is left (length, alphabet, check digits,
 * already registered); or "no code" with its reason. A registered code offers its enterprise.
 */
export function UsccField(props: { recordId?: string; noUscc: boolean; onOpenExisting: (id: string) => void }) {
  const { t, language } = useI18n();
  const [hint, setHint] = useState<Hint | null>(null);

  async function check(value: string) {
    if (!value.trim()) return setHint(null);
    const r = await api['enterprises.checkUscc']({ uscc: value, id: props.recordId });
    if (!r.ok) setHint({ text: language === 'zh' ? r.messageZh : r.message, ok: false });
    else if (r.existing) setHint({ text: t('enterprise.usccTaken', { name: r.existing.name }), ok: false, existing: r.existing });
    else setHint({ text: r.inTibet ? t('enterprise.usccOk') : t('enterprise.usccOkOutside'), ok: true });
  }

  const shown = hint && !props.noUscc ? hint : null;
  return (
    <>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item
            name="uscc"
            label={t('enterprise.uscc')}
            validateStatus={shown ? (shown.ok ? 'success' : 'error') : undefined}
            help={
              shown ? (
                <span data-testid="uscc-hint">
                  {shown.text}{' '}
                  {shown.existing && (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => props.onOpenExisting(shown.existing!.id)} data-testid="uscc-open-existing">
                      {t('enterprise.openExisting')}
                    </Button>
                  )}
                </span>
              ) : undefined
            }
          >
            <Input
              disabled={props.noUscc}
              maxLength={40}
              placeholder="91540102MA6T000000"
              style={{ fontFamily: 'monospace', textTransform: 'uppercase' }}
              onBlur={(e) => void check(e.target.value)}
              onChange={() => setHint(null)}
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
      {props.noUscc && (
        <Form.Item name="noUsccReason" label={t('enterprise.noUsccReason')} rules={[{ required: true, whitespace: true, message: t('enterprise.noUsccReasonRequired') }]}>
          <Input maxLength={200} placeholder={t('enterprise.noUsccReasonPlaceholder')} />
        </Form.Item>
      )}
    </>
  );
}
