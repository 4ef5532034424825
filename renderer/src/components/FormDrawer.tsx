import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Drawer, Form, Space, type FormInstance } from 'antd';
import { useI18n } from '../i18n/context';
import { useFormSave } from './useFormSave';
import { useGuardedClose } from '../hooks/useGuardedClose';

/**
 * A drawer holding a data-entry form. It asks before closing with unsaved changes, saves on
 * Ctrl+S, and on a failed save keeps everything typed and marks each field the API complained
 * about.
 */
export function FormDrawer<T>(props: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  width?: number;
  onClose: () => void;
  onSubmit: (values: T) => Promise<void>;
  children: ReactNode;
  testId?: string;
  extra?: ReactNode;
  /** A standing remark above the fields (what happens to the record once saved). */
  notice?: string;
}) {
  const { t } = useI18n();
  const guardedClose = useGuardedClose();
  const { saving, problems, setProblems, save: submit } = useFormSave(props.form, props.onSubmit);

  useEffect(() => {
    if (props.open) setProblems([]);
  }, [props.open]); // eslint-disable-line react-hooks/exhaustive-deps

  // The browser (or Electron) asks too, if the window is closed with the form dirty.
  useEffect(() => {
    if (!props.open) return;
    const guard = (e: BeforeUnloadEvent) => {
      if (props.form.isFieldsTouched()) e.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [props.open, props.form]);

  async function save() {
    if (await submit()) props.form.resetFields();
  }

  // Escape meant for a dropdown inside the form closes the dropdown only; a dirty form asks.
  function close(event?: unknown) {
    guardedClose(event, props.form.isFieldsTouched(), () => {
      props.form.resetFields();
      props.onClose();
    });
  }

  return (
    <Drawer
      open={props.open}
      title={props.title}
      size={props.width ?? 720}
      onClose={close}
      maskClosable={false}
      destroyOnHidden
      extra={props.extra}
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={() => close()}>{t('form.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="form-save">
            {t('form.save')}
          </Button>
        </Space>
      }
    >
      <div
        data-testid={props.testId}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault();
            void save();
          }
        }}
      >
        {props.notice && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={props.notice} data-testid="form-notice" />}
        {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={problems.join(' ')} data-testid="form-error" />}
        <Form form={props.form} layout="vertical" requiredMark onFinish={() => void save()} scrollToFirstError>
          {props.children}
        </Form>
      </div>
    </Drawer>
  );
}
