import { Alert, App, Button, Form, Input, Timeline, type FormInstance } from 'antd';
import type { Problem } from '../../../../../api/entities';
import { api } from '../../../api';
import { useI18n } from '../../../i18n/context';
import { useReference } from '../../../hooks/useLabels';
import { useOwn } from '../../../hooks/useOwn';
import { errorText } from '../../../lib/errors';
import { DateInput, useDateRules } from '../../../components/DateInput';
import { timelineItems } from '../../supervision/TimelineEntry';
import { statusNoteText } from '../../../lib/statusNote';

export type NoteValues = { note: string; date: string };

/**
 * Dated progress notes with HQ's 督办 notes among them (marked as from HQ, read-only), and the
 * line to add one (its form is the drawer's, which asks before dropping it). HQ writes on an
 * office's problem through 督办 only, so the line is the owner's.
 */
export function ProblemNotes(props: { p: Problem; form: FormInstance<NoteValues>; onSaved: (p: Problem) => void }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useReference();
  const own = useOwn();
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
      <Timeline items={timelineItems(p, t, (note) => statusNoteText(note, ref.catalogues.problemStatuses, language))} data-testid="problem-timeline" />
      {!p.deleted && own(p.origin) && p.supervision?.active && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('supervision.fromHqReadOnly')} data-testid="supervision-answer-hint" />}
      {!p.deleted && own(p.origin) && (
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
