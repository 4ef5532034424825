import { useEffect, useMemo } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useApp } from './state/app';
import { I18nContext } from './i18n/context';
import { translator } from './i18n';
import { MainFrame } from './pages/MainFrame';
import { ErrorScreen } from './components/ErrorScreen';
import { DamageWatcher } from './components/DamageWatcher';
import { lazyNamed } from './components/lazy';

// Shown once per installation, or when the database cannot be used: not in the first chunk.
const SetupPage = lazyNamed(() => import('./pages/SetupPage'), 'SetupPage');
const RecoveryScreen = lazyNamed(() => import('./components/RecoveryScreen'), 'RecoveryScreen');

/**
 * A user who turned animations off in the system (prefers-reduced-motion) gets none from the
 * components either. A closing dialog then leaves at once, never lingering over the list while a
 * slow laptop finishes its animation.
 */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
const THEME = { token: { colorPrimary: '#1f5fae', borderRadius: 4, motion: !reducedMotion } };

export function App() {
  // The first load() starts in main.tsx, before this renders.
  const { status, error, language, load } = useApp();
  useEffect(() => {
    dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
  const t = useMemo(() => translator(language), [language]);
  useEffect(() => {
    document.title = t('appName');
  }, [t]);

  let body;
  if (error) body = <ErrorScreen error={error} onRetry={() => void load()} />;
  else if (!status) body = <div className="sme-center"><Spin size="large" tip={t('common.loading')}><div style={{ width: 120, height: 80 }} /></Spin></div>;
  else if (status.databaseError) body = <RecoveryScreen status={status} />;
  else if (!status.setUp) body = <SetupPage />;
  else body = <MainFrame />;

  return (
    <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp style={{ height: '100%' }}>
        <I18nContext.Provider value={{ t, language }}>
          <DamageWatcher />
          {body}
        </I18nContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
