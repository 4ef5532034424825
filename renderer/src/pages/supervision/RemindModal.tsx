import { App, Form, Input, Radio } from 'antd';
import dayjs from 'dayjs';
import type { ReminderSubject } from '../../../../api/supervision-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { useUi } from '../../state/ui';
import { DateInput } from '../../components/DateInput';
import { FormModal } from './FormModal';
import { useNotPast } from './dateRules';

type Values = { about: ReminderSubject; note: string; by: string };

/** 催报: HQ asks one prefecture's office to send its package, or report something, by a date. */
export function RemindModal(props: { prefectureCode: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const l = useLabels();
  const today = useReference().today;
  const changed = useUi((s) => s.changed);
  const [form] = Form.useForm<Values>();
  const notPast = useNotPast();
  const name = l.prefecture(props.prefectureCode);
  const about = Form.useWatch('about', form);
  return (
    <FormModal<Values>
      open={props.prefectureCode !== null}
      title={t('supervision.remindTitle', { name })}
      form={form}
      okText={t('supervision.remind')}
      initialValues={{ about: 'package', by: dayjs(today).add(7, 'day').format('YYYY-MM-DD') }}
      onClose={props.onClose}
      notice={t('supervision.remindTravels')}
      testId="remind-form"
      onSubmit={async (v) => {
        await api['supervision.remind']({ prefectureCode: props.prefectureCode!, note: v.note, by: v.by, about: v.about });
        void message.success(t('supervision.reminded', { name }));
        changed();
        props.onClose();
      }}
    >
      <Form.Item name="about" label={t('supervision.remindKind')} extra={about === 'package' ? t('supervision.remindPackageHint') : undefined}>
        <Radio.Group
          options={[
            { value: 'package', label: t('supervision.remindKind.package') },
            { value: 'report', label: t('supervision.remindKind.report') },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label={t('supervision.remindNote')} rules={[{ required: true, whitespace: true, message: t('supervision.remindNoteRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('supervision.remindNotePlaceholder')} data-testid="remind-note" />
      </Form.Item>
      <Form.Item name="by" label={t('supervision.remindBy')} rules={[{ required: true, message: t('supervision.remindByRequired') }, notPast]} style={{ maxWidth: 220 }}>
        <DateInput allowClear={false} data-testid="remind-by" />
      </Form.Item>
    </FormModal>
  );
}
