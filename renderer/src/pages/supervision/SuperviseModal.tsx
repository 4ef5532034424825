import { App, Form, Input, Typography } from 'antd';
import type { Problem } from '../../../../api/entities';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useLabels } from '../../hooks/useLabels';
import { DateInput } from '../../components/DateInput';
import { FormModal } from './FormModal';
import { useNotPast } from './dateRules';

export type SuperviseMode = 'mark' | 'note' | 'lift';
type Values = { note?: string; deadline?: string | null };

/**
 * HQ on an office's problem: 督办 with HQ's note and deadline, a further note (a new deadline
 * replaces the last, none keeps it), or lifting it. What is saved reaches that office alone with
 * HQ's next reference package.
 */
export function SuperviseModal(props: { p: Problem; mode: SuperviseMode | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const l = useLabels();
  const [form] = Form.useForm<Values>();
  const notPast = useNotPast();
  const { p, mode } = props;
  const lift = mode === 'lift';
  const title = mode === 'mark' ? t('supervision.markTitle') : mode === 'note' ? t('supervision.addNote') : t('supervision.liftTitle');
  const ok = mode === 'mark' ? t('supervision.mark') : mode === 'note' ? t('supervision.addNote') : t('supervision.lift');

  async function submit(v: Values) {
    if (lift) {
      await api['supervision.lift']({ problemId: p.id, note: v.note?.trim() || undefined });
      void message.success(t('supervision.lifted'));
    } else {
      await api['supervision.add']({ problemId: p.id, note: v.note!, deadline: v.deadline ?? null });
      void message.success(mode === 'mark' ? t('supervision.marked', { name: l.prefecture(p.prefectureCode) }) : t('supervision.noted'));
    }
    props.onSaved();
  }

  return (
    <FormModal<Values>
      open={mode !== null}
      title={title}
      form={form}
      okText={ok}
      danger={lift}
      onClose={props.onClose}
      onSubmit={submit}
      notice={lift ? t('supervision.liftText') : t('supervision.travels')}
      testId="supervise-form"
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
        {l.prefecture(p.prefectureCode)} · {p.enterpriseName} · {p.description}
      </Typography.Paragraph>
      <Form.Item
        name="note"
        label={lift ? t('supervision.liftNote') : t('supervision.opinion')}
        rules={lift ? [] : [{ required: true, whitespace: true, message: t('supervision.opinionRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} autoFocus={!lift} placeholder={lift ? undefined : mode === 'mark' ? t('supervision.opinionPlaceholder') : t('supervision.notePlaceholder')} data-testid="supervise-note" />
      </Form.Item>
      {!lift && (
        <Form.Item
          name="deadline"
          label={mode === 'mark' ? t('supervision.deadline') : t('supervision.newDeadline')}
          extra={mode === 'mark' ? t('supervision.deadlineHint') : p.supervision?.hqDeadline ? t('supervision.deadlineSet', { date: p.supervision.hqDeadline }) : undefined}
          rules={[notPast]}
          style={{ maxWidth: 320 }}
        >
          <DateInput data-testid="supervise-deadline" />
        </Form.Item>
      )}
    </FormModal>
  );
}
