import { useState } from 'react';
import { Alert, App, Button, Card, Col, Divider, Form, Input, Popconfirm, Progress, Row, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useApp } from '../state/app';
import { useUi } from '../state/ui';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { downloadBase64, fileToBase64 } from '../lib/download';

const MIN_LENGTH = 10;

/**
 * A rough strength of a passphrase: characters × the variety they are drawn from, less for
 * repeats. 0 weak (or too short), 1 fair, 2 strong. A hint to the user, not a rule.
 */
export function passphraseStrength(p: string): 0 | 1 | 2 {
  const chars = [...p];
  if (chars.length < MIN_LENGTH) return 0;
  let pool = 0;
  if (/[a-z]/.test(p)) pool += 26;
  if (/[A-Z]/.test(p)) pool += 26;
  if (/[0-9]/.test(p)) pool += 10;
  if (/[^\p{L}\p{N}]/u.test(p)) pool += 33;
  if (/[^\p{ASCII}]/u.test(p)) pool += 500;
  const distinct = new Set(chars).size;
  const bits = Math.min(chars.length, distinct * 2) * Math.log2(Math.max(pool, 10));
  return bits >= 90 ? 2 : bits >= 55 ? 1 : 0;
}

function StrengthHint({ value }: { value: string }) {
  const { t } = useI18n();
  const s = passphraseStrength(value);
  const label = [t('move.strength.weak'), t('move.strength.fair'), t('move.strength.strong')][s];
  const color = ['#ff4d4f', '#faad14', '#52c41a'][s];
  return (
    <div data-testid="move-strength" data-strength={s}>
      <Space size={8}>
        <Typography.Text type="secondary">{t('move.strength')}</Typography.Text>
        <Progress percent={value ? [30, 65, 100][s] : 0} steps={3} size={[32, 6]} strokeColor={color} showInfo={false} />
        {value && <Typography.Text style={{ color }}>{label}</Typography.Text>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>{t('move.strength.hint')}</Typography.Paragraph>
    </div>
  );
}

/** Imports a migration package: at first start (setup) or over the current installation (settings). */
export function MoveImport({ mode }: { mode: 'setup' | 'replace' }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const load = useApp((s) => s.load);
  const changed = useUi((s) => s.changed);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    if (!file) return setError(t('move.fileRequired'));
    if (!passphrase) return setError(t('move.passphrase.required'));
    setBusy(true);
    setError(null);
    try {
      const status = await api['move.import']({ file: { name: file.name, base64: await fileToBase64(file) }, passphrase });
      setPassphrase('');
      if (mode === 'replace') {
        void message.success(t('move.imported', { office: status.installation?.officeName ?? '' }));
        changed();
      }
      await load();
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  const submit = (
    <Button type="primary" danger={mode === 'replace'} icon={<SwapOutlined />} loading={busy} block={mode === 'setup'} size={mode === 'setup' ? 'large' : 'middle'}
      onClick={mode === 'setup' ? () => void run() : undefined} data-testid="move-import-submit">
      {mode === 'setup' ? t('move.setup.submit') : t('move.import')}
    </Button>
  );
  return (
    <Form layout="vertical" data-testid="move-import" disabled={busy}>
      <Form.Item label={t('move.file')} required>
        <Upload
          accept=".smemove"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setError(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'move', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />} data-testid="move-choose-file">{t('move.chooseFile')}</Button>
        </Upload>
      </Form.Item>
      <Form.Item label={t('move.passphrase')} required>
        <Input.Password value={passphrase} onChange={(e) => setPassphrase(e.target.value)} onPressEnter={mode === 'setup' ? () => void run() : undefined} autoComplete="off" data-testid="move-import-passphrase" />
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="move-error" />}
      {busy && <Typography.Paragraph type="secondary">{t('move.working')}</Typography.Paragraph>}
      {mode === 'setup' ? submit : (
        <Popconfirm title={t('move.importConfirm')} onConfirm={() => void run()} okButtonProps={{ danger: true }}>
          {submit}
        </Popconfirm>
      )}
    </Form>
  );
}

/** Settings: export this installation to a new computer, or replace it by one from an old computer. */
export function MoveCard() {
  const { t, language } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ passphrase: string; again: string }>();
  const passphrase = Form.useWatch('passphrase', form) ?? '';
  const [busy, setBusy] = useState(false);

  async function exportPackage({ passphrase }: { passphrase: string }) {
    setBusy(true);
    try {
      const f = await api['move.export']({ passphrase });
      downloadBase64(f.name, f.base64, 'application/octet-stream');
      form.resetFields();
      void message.success(t('move.exported'), 6);
    } catch (e) {
      void message.error(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  // The package holds the private keys and every record: the operator says yes here, in the page,
  // before anything leaves the installation (a call that did not come from this click never asks).
  function confirmExport(values: { passphrase: string }) {
    modal.confirm({
      title: t('move.exportConfirmTitle'),
      content: t('move.exportConfirmText'),
      okText: t('move.exportConfirmOk'),
      cancelText: t('form.cancel'),
      autoFocusButton: 'cancel',
      okButtonProps: { ...({ 'data-testid': 'move-export-confirm' } as Record<string, string>) },
      onOk: () => exportPackage(values),
    });
  }

  return (
    <Card title={t('move.title')} data-testid="move-card">
      <Typography.Paragraph type="secondary">{t('move.hint')}</Typography.Paragraph>
      <Row gutter={32}>
        <Col span={12}>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>{t('move.exportTitle')}</Divider>
          <Form form={form} layout="vertical" onFinish={(v) => confirmExport(v)} disabled={busy}>
            <Form.Item name="passphrase" label={t('move.passphrase')} rules={[
              { required: true, message: t('move.passphrase.required') },
              { validator: (_r, v: string | undefined) => (!v || [...v].length >= MIN_LENGTH ? Promise.resolve() : Promise.reject(new Error(t('move.passphrase.short')))) },
            ]}>
              <Input.Password placeholder={t('move.passphrase.placeholder')} autoComplete="new-password" data-testid="move-passphrase" />
            </Form.Item>
            <Form.Item name="again" label={t('move.passphraseAgain')} dependencies={['passphrase']} rules={[
              { required: true, message: t('move.passphrase.required') },
              ({ getFieldValue }) => ({ validator: (_r, v: string | undefined) => (!v || v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error(t('move.passphrase.mismatch')))) }),
            ]}>
              <Input.Password autoComplete="new-password" data-testid="move-passphrase-again" />
            </Form.Item>
            <Form.Item><StrengthHint value={passphrase} /></Form.Item>
            <Button type="primary" htmlType="submit" icon={<DownloadOutlined />} loading={busy} data-testid="move-export">{t('move.export')}</Button>
          </Form>
        </Col>
        <Col span={12}>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>{t('move.importTitle')}</Divider>
          <Typography.Paragraph type="secondary">{t('move.importHint')}</Typography.Paragraph>
          <MoveImport mode="replace" />
        </Col>
      </Row>
    </Card>
  );
}
