import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Segmented, Select, Space, Typography } from 'antd';
import { useApp, toLoadError } from '../state/app';
import { useI18n } from '../i18n/context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { MoveImport } from './MoveCard';

interface SetupForm {
  role: 'office' | 'hq';
  prefectureCode?: string;
  officeName: string;
  operatorName: string;
}

/** First run: which installation this is. Creates the local database on submit. */
export function SetupPage() {
  const { t, language } = useI18n();
  const { reference, status, setup } = useApp();
  const [form] = Form.useForm<SetupForm>();
  const role = Form.useWatch('role', form);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [mode, setMode] = useState<'new' | 'move'>('new');
  const prefectures = reference?.prefectures ?? [];

  async function submit(values: SetupForm) {
    setSaving(true);
    setFailure(null);
    try {
      await setup({
        role: values.role,
        prefectureCode: values.role === 'office' ? values.prefectureCode! : null,
        officeName: values.officeName,
        operatorName: values.operatorName,
      });
    } catch (e) {
      const err = toLoadError(e);
      setFailure(language === 'zh' ? err.messageZh : err.message);
      setSaving(false);
    }
  }

  function suggestOfficeName(code: string) {
    const p = prefectures.find((x) => x.code === code);
    if (p && !form.isFieldTouched('officeName')) {
      form.setFieldValue('officeName', language === 'zh' ? `${p.name}经济和信息化局` : `${p.nameEn} Bureau of Economy and IT`);
    }
  }

  // HQ gets its name filled in as an office does (it was left blank); a name typed is kept.
  function suggestForRole(next: SetupForm['role']) {
    if (form.isFieldTouched('officeName')) return;
    if (next === 'hq') form.setFieldValue('officeName', t('setup.hqOfficeName'));
    else {
      const code = form.getFieldValue('prefectureCode') as string | undefined;
      if (code) suggestOfficeName(code);
      else form.setFieldValue('officeName', '');
    }
  }

  return (
    <div className="sme-center">
      <Card style={{ width: 620 }} data-testid="setup-page">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <div>
            <Typography.Title level={3} style={{ marginTop: 0 }}>{t('appName')}</Typography.Title>
            <Typography.Title level={5} type="secondary" style={{ marginTop: 0 }}>{t('setup.title')}</Typography.Title>
          </div>
          <LanguageSwitch />
        </Space>
        <Segmented<'new' | 'move'> block value={mode} onChange={setMode} style={{ marginBottom: 16 }} data-testid="setup-mode"
          options={[{ value: 'new', label: t('move.setup.new') }, { value: 'move', label: <span data-testid="setup-mode-move">{t('move.setup.move')}</span> }]} />
        {mode === 'move' && <><Typography.Paragraph>{t('move.setup.intro')}</Typography.Paragraph><MoveImport mode="setup" /></>}
        <Typography.Paragraph hidden={mode === 'move'}>{t('setup.intro')}</Typography.Paragraph>
        <Form<SetupForm> hidden={mode === 'move'} form={form} layout="vertical" initialValues={{ role: 'office' }} onFinish={(v) => void submit(v)} requiredMark>
          <Form.Item name="role" label={t('setup.role')} rules={[{ required: true }]}>
            <Radio.Group style={{ width: '100%' }} onChange={(e) => suggestForRole(e.target.value as SetupForm['role'])}>
              <Space direction="vertical">
                <Radio value="office" data-testid="role-office">
                  <div>{t('setup.role.office')}</div>
                  <Typography.Text type="secondary">{t('setup.role.officeHint')}</Typography.Text>
                </Radio>
                <Radio value="hq" data-testid="role-hq">
                  <div>{t('setup.role.hq')}</div>
                  <Typography.Text type="secondary">{t('setup.role.hqHint')}</Typography.Text>
                </Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {role !== 'hq' && (
            <Form.Item name="prefectureCode" label={t('setup.prefecture')} rules={[{ required: true, message: t('setup.prefecture.required') }]}>
              <Select
                data-testid="prefecture-select"
                placeholder={t('setup.prefecture.placeholder')}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={suggestOfficeName}
                options={prefectures.map((p) => ({
                  value: p.code,
                  label: `${language === 'zh' ? p.name : p.nameEn} (${p.code})`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="officeName"
            label={t('setup.officeName')}
            rules={[
              { required: true, whitespace: true, message: t('setup.officeName.required') },
              { max: 100, message: t('setup.tooLong', { max: 100 }) },
            ]}
          >
            <Input placeholder={t('setup.officeName.placeholder')} data-testid="office-name" />
          </Form.Item>
          <Form.Item
            name="operatorName"
            label={t('setup.operatorName')}
            rules={[
              { required: true, whitespace: true, message: t('setup.operatorName.required') },
              { max: 50, message: t('setup.tooLong', { max: 50 }) },
            ]}
          >
            <Input placeholder={t('setup.operatorName.placeholder')} data-testid="operator-name" />
          </Form.Item>
          {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="setup-error" />}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('setup.dataDir')} <Typography.Text code>{status?.dataDir}</Typography.Text>
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={saving} block size="large" data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
