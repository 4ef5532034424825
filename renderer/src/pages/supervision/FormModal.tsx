import { useEffect, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useI18n } from '../../i18n/context';
import { useFormSave } from '../../components/useFormSave';
import { useGuardedClose } from '../../hooks/useGuardedClose';

/**
 * A short form in a modal (督办, 追加意见, 解除, 催报): asks before dropping what was typed, keeps
 * it on a failed save and marks each field the API complained about, the rest above the fields.
 */
export function FormModal<T>(props: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  okText: string;
  /** A step back from something (解除督办): the focus starts on Cancel, so Enter keeps things as they are. */
  danger?: boolean;
  initialValues?: Partial<T>;
  onClose: () => void;
  onSubmit: (values: T) => Promise<void>;
  notice?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const guardedClose = useGuardedClose();
  const { saving, problems, setProblems, save } = useFormSave(props.form, props.onSubmit);

  useEffect(() => {
    if (!props.open) return;
    setProblems([]);
    props.form.resetFields();
    if (props.initialValues) props.form.setFieldsValue(props.initialValues as never);
  }, [props.open]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Modal
      open={props.open}
      title={props.title}
      width={560}
      okText={props.okText}
      cancelText={t('form.cancel')}
      confirmLoading={saving}
      okButtonProps={{ danger: props.danger, ...({ 'data-testid': `${props.testId}-ok` } as Record<string, string>) }}
      cancelButtonProps={{ autoFocus: props.danger, ...({ 'data-testid': `${props.testId}-cancel` } as Record<string, string>) }}
      onOk={() => void save()}
      onCancel={(e) => guardedClose(e, props.form.isFieldsTouched(), props.onClose)}
      maskClosable={false}
      destroyOnHidden
    >
      <div data-testid={props.testId}>
        {props.notice && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={props.notice} />}
        {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={problems.join(' ')} data-testid={`${props.testId}-error`} />}
        <Form form={props.form} layout="vertical" requiredMark>
          {props.children}
        </Form>
      </div>
    </Modal>
  );
}
