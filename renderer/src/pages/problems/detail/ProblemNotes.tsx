import { Alert, App, Button, Form, Input, Timeline, Typography, type FormInstance } from 'antd';
import type { Problem } from '../../../../../api/entities';
import { api } from '../../../api';
import { useI18n } from '../../../i18n/context';
import { useReference } from '../../../hooks/useLabels';
import { useIsHq } from '../../../hooks/useIsHq';
import { errorText } from '../../../lib/errors';
import { DateInput, useDateRules } from '../../../components/DateInput';

export type NoteValues = { note: string; date: string };

/** Dated progress notes, and the line to add one (its form is the drawer's, which asks before dropping it). */
export function ProblemNotes(props: { p: Problem; form: FormInstance<NoteValues>; onSaved: (p: Problem) => void }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useReference();
  // HQ's notes stay in HQ's ledger: reference packages carry targets and acknowledgements only.
  const hq = useIsHq();
  const { p, form } = props;
  const dateRules = useDateRules();

  async function addNote() {
    const v = await form.validateFields();
    try {
      props.onSaved(await api['problems.addNote']({ problemId: p.id, date: v.date, note: v.note }));
      form.resetFields();
      form.setFieldValue('date', ref.today);
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  return (
    <>
      <Timeline items={p.notes.map((n) => ({ children: <div><Typography.Text type="secondary">{n.date}</Typography.Text> {n.note}</div> }))} />
      {!p.deleted && hq && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('problem.hqNoteStaysHere')} data-testid="hq-note-hint" />}
      {!p.deleted && (
        <Form form={form} layout="inline" initialValues={{ date: ref.today }} onFinish={() => void addNote()}>
          <Form.Item name="date" rules={[{ required: true }, dateRules.notFuture]} style={{ width: 150 }}><DateInput allowClear={false} /></Form.Item>
          <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('problem.noteRequired') }]} style={{ flex: 1 }}>
            <Input placeholder={t('problem.notePlaceholder')} maxLength={2000} data-testid="problem-note" />
          </Form.Item>
          <Button htmlType="submit" data-testid="problem-add-note">{t('problem.addNote')}</Button>
        </Form>
      )}
    </>
  );
}
