import { Card, Empty, Typography } from 'antd';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';

/** A page whose content a later part of the app fills: says what will be here, never a blank. */
export function EmptyPage({ page, role }: { page: 'sync'; role: 'office' | 'hq' }) {
  const { t } = useI18n();
  const description = `empty.sync.${role}` as MessageKey;
  return (
    <Card data-testid={`page-${page}`}>
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <div style={{ maxWidth: 520, margin: '0 auto' }}>
            <Typography.Title level={5}>{t(`empty.${page}.title` as MessageKey)}</Typography.Title>
            <Typography.Paragraph>{t(description)}</Typography.Paragraph>
            <Typography.Text type="secondary">{t('empty.comingSoon')}</Typography.Text>
          </div>
        }
      />
    </Card>
  );
}
