import { App, Card, Descriptions, Form, Input, Button, Space, Typography } from 'antd';
import { useApp, toLoadError } from '../state/app';
import { useI18n } from '../i18n/context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { translator } from '../i18n';
import { QuotaEditor } from './QuotaEditor';
import { BackupsCard } from './BackupsCard';
import { MoveCard } from './MoveCard';
import { formatDateTime } from '../lib/dates';
import { ChecklistCard } from './ChecklistCard';

export function SettingsPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const status = useApp((s) => s.status)!;
  const setOperator = useApp((s) => s.setOperator);
  const inst = status.installation!;
  const [form] = Form.useForm<{ operatorName: string }>();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="page-settings">
      <Card title={t('settings.identity')}>
        <Descriptions column={1} bordered size="small" data-testid="identity">
          <Descriptions.Item label={t('settings.role')}>{t(inst.role === 'hq' ? 'role.hq' : 'role.office')}</Descriptions.Item>
          <Descriptions.Item label={t('settings.prefecture')}>
            {inst.prefectureCode ? `${language === 'zh' ? inst.prefectureName : inst.prefectureNameEn} (${inst.prefectureCode})` : t('settings.region')}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.officeName')}>{inst.officeName}</Descriptions.Item>
          <Descriptions.Item label={t('settings.operatorName')}>{inst.operatorName}</Descriptions.Item>
          <Descriptions.Item label={t('settings.installationId')}>
            <Typography.Text code copyable data-testid="installation-id">{inst.id}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.fingerprint')}>
            <Typography.Text style={{ fontFamily: 'monospace' }} data-testid="settings-fingerprint">{status.fingerprint ?? '—'}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.createdAt')}>{formatDateTime(inst.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('settings.appVersion')}>{status.appVersion}</Descriptions.Item>
          <Descriptions.Item label={t('settings.schemaVersion')}>{status.schemaVersion}</Descriptions.Item>
          <Descriptions.Item label={t('settings.dataDir')}><Typography.Text code copyable>{status.dataDir}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('settings.databaseFile')}><Typography.Text code>{status.databaseFile}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('settings.transport')}>{t(status.transport === 'electron' ? 'settings.transport.electron' : 'settings.transport.browser')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('settings.preferences')}>
        <Form layout="horizontal" labelCol={{ span: 4 }} form={form} initialValues={{ operatorName: inst.operatorName }}
          onFinish={(v) => {
            setOperator(v.operatorName).then(
              () => void message.success(t('settings.operatorSaved')),
              (e: unknown) => void message.error(language === 'zh' ? toLoadError(e).messageZh : toLoadError(e).message),
            );
          }}>
          <Form.Item label={t('common.language')}>
            <LanguageSwitch onChanged={(next) => void message.success(translator(next)('settings.languageSaved'))} />
          </Form.Item>
          <Form.Item label={t('settings.operatorName')}>
            <Space.Compact>
              <Form.Item name="operatorName" noStyle rules={[{ required: true, whitespace: true, message: t('setup.operatorName.required') }, { max: 50, message: t('setup.tooLong', { max: 50 }) }]}>
                <Input style={{ width: 240 }} data-testid="settings-operator" />
              </Form.Item>
              <Button htmlType="submit">{t('common.save')}</Button>
            </Space.Compact>
          </Form.Item>
        </Form>
      </Card>
      <ChecklistCard />
      <BackupsCard />
      <MoveCard />
      {inst.role === 'hq' && <QuotaEditor />}
    </Space>
  );
}
