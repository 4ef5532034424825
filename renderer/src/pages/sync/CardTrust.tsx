import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { CardPreview } from '../../../../api/sync-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useLabels } from '../../hooks/useLabels';
import { errorText } from '../../lib/errors';

/**
 * Trusting a key card: read it, show who it claims to be and its fingerprint in large digits,
 * and trust it only once the user confirms the digits match what was read out on the phone.
 */
export function CardTrust(props: { onTrusted: () => void; testId: string }) {
  const { t, language } = useI18n();
  const l = useLabels();
  const [card, setCard] = useState<{ text: string; preview: CardPreview } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function read(file: File) {
    setError(null);
    setConfirmed(false);
    try {
      const text = await file.text();
      setCard({ text, preview: await api['sync.readCard']({ text }) });
    } catch (e) {
      setCard(null);
      setError(errorText(e, language));
    }
  }

  async function trust() {
    if (!card) return;
    setBusy(true);
    try {
      await api['sync.trustCard']({ text: card.text, fingerprint: card.preview.fingerprint });
      // An earlier refusal (say, a file that was not a key card) must not outlive this success.
      setError(null);
      setCard(null);
      props.onTrusted();
    } catch (e) {
      setError(errorText(e, language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid={props.testId}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="card-error" />}
      {!card ? (
        <Upload accept=".smekey,.json" showUploadList={false} beforeUpload={(f) => { void read(f); return false; }}>
          <Button icon={<UploadOutlined />}>{t('sync.chooseCard')}</Button>
        </Upload>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t('settings.officeName')}>{card.preview.officeName}</Descriptions.Item>
            <Descriptions.Item label={t('settings.role')}>
              {t(card.preview.role === 'hq' ? 'role.hq' : 'role.office')} {card.preview.prefectureCode ? `· ${l.prefecture(card.preview.prefectureCode)}` : ''}
              {card.preview.rotation && <Typography.Text type="warning"> · {t('sync.rotatedCard')}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.fingerprint')}>
              <Typography.Text strong style={{ fontSize: 20, fontFamily: 'monospace', letterSpacing: 1 }} data-testid="card-fingerprint">{card.preview.fingerprint}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Alert type="warning" showIcon message={t('sync.phoneCheck')} />
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="card-confirm">{t('sync.fingerprintMatches')}</Checkbox>
          <Space>
            <Button type="primary" disabled={!confirmed} loading={busy} onClick={() => void trust()} data-testid="card-trust">{t('sync.trust')}</Button>
            <Button onClick={() => setCard(null)}>{t('form.cancel')}</Button>
          </Space>
        </Space>
      )}
    </div>
  );
}
