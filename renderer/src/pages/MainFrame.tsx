import { useState, type ReactNode } from 'react';
import { Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AlertOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FundOutlined,
  SettingOutlined,
  ShopOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useApp } from '../state/app';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import { useUi, type PageKey } from '../state/ui';
import { DashboardPage } from './DashboardPage';
import { OnceOpened } from '../components/lazy';
import {
  ActivitiesPage,
  EnterpriseDetail,
  EnterprisesPage,
  FiguresPage,
  ProblemDetail,
  ProblemsPage,
  SettingsPage,
  SyncPage,
  VisitsPage,
} from './lazyPages';

export type { PageKey };

const PAGES: Record<PageKey, () => ReactNode> = {
  dashboard: () => <DashboardPage />,
  enterprises: () => <EnterprisesPage />,
  activities: () => <ActivitiesPage />,
  visits: () => <VisitsPage />,
  problems: () => <ProblemsPage />,
  figures: () => <FiguresPage />,
  sync: () => <SyncPage />,
  settings: () => <SettingsPage />,
};

const NAV: { key: PageKey; icon: ReactNode }[] = [
  { key: 'dashboard', icon: <DashboardOutlined /> },
  { key: 'enterprises', icon: <ShopOutlined /> },
  { key: 'activities', icon: <CalendarOutlined /> },
  { key: 'visits', icon: <TeamOutlined /> },
  { key: 'problems', icon: <AlertOutlined /> },
  { key: 'figures', icon: <FundOutlined /> },
  { key: 'sync', icon: <SwapOutlined /> },
  { key: 'settings', icon: <SettingOutlined /> },
];

/** The navigation frame every page of a set-up installation lives in. */
export function MainFrame() {
  const { t, language } = useI18n();
  const status = useApp((s) => s.status)!;
  const inst = status.installation!;
  const page = useUi((s) => s.page);
  const setPage = useUi((s) => s.go);
  const enterpriseOpen = useUi((s) => s.enterpriseId !== null);
  const problemOpen = useUi((s) => s.problemId !== null);
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100%' }}>
      {/* The menu stays in view on a long page (it scrolled away, leaving an empty dark column). */}
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={200} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto', alignSelf: 'flex-start' }} data-testid="sider">
        <div className="sme-brand" title={t('appName')}>{collapsed ? '台账' : t('appNameShort')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[page]}
          onClick={({ key }) => setPage(key as PageKey)}
          items={NAV.map((n) => ({ key: n.key, icon: n.icon, label: <span data-testid={`nav-${n.key}`}>{t(`nav.${n.key}` as MessageKey)}</span> }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">{t(`nav.${page}` as MessageKey)}</Typography.Title>
          <Space data-testid="identity-badge">
            <Tag color={inst.role === 'hq' ? 'red' : 'blue'}>{t(inst.role === 'hq' ? 'role.hq' : 'role.office')}</Tag>
            <Typography.Text strong>{inst.officeName}</Typography.Text>
            {inst.prefectureName && <Typography.Text type="secondary">{language === 'zh' ? inst.prefectureName : inst.prefectureNameEn}</Typography.Text>}
            <Typography.Text type="secondary">· {inst.operatorName}</Typography.Text>
          </Space>
        </Layout.Header>
        <Layout.Content>
          <div className="sme-page">{PAGES[page]()}</div>
          <OnceOpened open={enterpriseOpen}>
            <EnterpriseDetail />
          </OnceOpened>
          <OnceOpened open={problemOpen}>
            <ProblemDetail />
          </OnceOpened>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
