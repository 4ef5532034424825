import { useEffect } from 'react';
import { App, Form, Input, Modal } from 'antd';
import type { Problem } from '../../../../../api/entities';
import { api } from '../../../api';
import { useI18n } from '../../../i18n/context';
import { useLabels, useReference } from '../../../hooks/useLabels';
import { useGuardedClose } from '../../../hooks/useGuardedClose';
import { errorText } from '../../../lib/errors';
import { DateInput, useDateRules } from '../../../components/DateInput';
import type { Move } from './moves';

type Values = { resolution?: string; note?: string; date: string };

/** Moving a problem to another status, dated; closing it needs the outcome or the reason. */
export function ProblemMoveModal(props: { p: Problem; move: Move | null; onClose: () => void; onSaved: (p: Problem) => void }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useReference();
  const l = useLabels();
  const guardedClose = useGuardedClose();
  const [form] = Form.useForm<Values>();
  const dateRules = useDateRules();
  const { move } = props;

  useEffect(() => {
    if (move) form.setFieldsValue({ date: ref.today });
  }, [move]); // eslint-disable-line react-hooks/exhaustive-deps

  async function save() {
    const v = await form.validateFields();
    try {
      props.onSaved(await api['problems.setStatus']({ id: props.p.id, expectedVersion: props.p.version, status: move!.status, resolution: v.resolution ?? null, note: v.note ?? null, date: v.date }));
      form.resetFields();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  return (
    <Modal
      open={move !== null}
      title={move ? t('problem.moveTo', { status: l.status(move.status) }) : ''}
      onCancel={(e) => guardedClose(e, form.isFieldsTouched(['resolution', 'note']), () => { form.resetFields(); props.onClose(); })}
      onOk={() => void save()}
      okButtonProps={{ 'data-testid': 'problem-move-confirm' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="date" label={t('problem.moveDate')} rules={[{ required: true }, dateRules.notFuture]}><DateInput allowClear={false} /></Form.Item>
        {move?.needsText && (
          <Form.Item
            name="resolution"
            label={move.status === 'unresolvable' ? t('problem.reason') : t('problem.resolution')}
            rules={[{ required: true, whitespace: true, message: move.status === 'unresolvable' ? t('problem.reasonRequired') : t('problem.resolutionRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="problem-resolution" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('problem.noteOptional')}><Input maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
