import { Button, Result } from 'antd';
import type { LoadError } from '../state/app';
import { useI18n } from '../i18n/context';

/** Shown instead of a blank window when the data cannot be loaded (e.g. a database from a newer app). */
export function ErrorScreen({ error, onRetry }: { error: LoadError; onRetry: () => void }) {
  const { t, language } = useI18n();
  return (
    <div className="sme-center">
      <Result
        status="error"
        title={t('error.title')}
        subTitle={
          <div data-testid="error-message">
            <div>{language === 'zh' ? error.messageZh : error.message}</div>
            {error.code === 'unreachable' && <div>{t('error.unreachable')}</div>}
          </div>
        }
        extra={<Button type="primary" onClick={onRetry}>{t('common.retry')}</Button>}
      />
    </div>
  );
}
