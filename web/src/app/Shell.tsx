import { GlobalOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Select, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LOCALES, type Locale } from '../i18n/catalogue';
import { useAuth, useUser } from './auth';
import { useI18n } from './i18n';
import type { Portal } from './portal';

const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Select<Locale>
      aria-label={t('app.language')}
      data-testid="language"
      value={locale}
      onChange={setLocale}
      size="small"
      variant="borderless"
      suffixIcon={<GlobalOutlined />}
      options={LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
      style={{ width: 104 }}
    />
  );
}

function PortalMenu({ portal, onNavigate }: { portal: Portal; onNavigate?: () => void }) {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = portal.pages
    .filter((page) => page.menu && (!page.roles || page.roles.includes(user.role)))
    .map((page) => ({
      key: `/${portal.key}/${page.path}`,
      icon: page.menu?.icon,
      label: page.menu ? t(page.menu.label) : page.path,
    }));
  const selected = items
    .map((item) => item.key)
    .filter((key) => pathname === key || pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return (
    <Menu
      mode="inline"
      selectedKeys={selected}
      items={items}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
    />
  );
}

/** The frame of every signed-in page: the portal's menu, language, user and sign-out. */
export function Shell({ portal }: { portal: Portal }): ReactNode {
  const { t } = useI18n();
  const { signOut } = useAuth();
  const user = useUser();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 18 }}>
            {t('app.name')}
            <div style={{ fontSize: 12, fontWeight: 400, color: '#888' }}>{t(portal.title)}</div>
          </div>
          <PortalMenu portal={portal} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: narrow ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
            gap: 8,
          }}
        >
          <Space size="small">
            {narrow && (
              <Button
                aria-label={t('app.menu')}
                data-testid="open-menu"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
              />
            )}
            {narrow && <Typography.Text strong>{t(portal.title)}</Typography.Text>}
          </Space>
          <Space size={narrow ? 'small' : 'middle'}>
            <LanguageSelect />
            {!narrow && (
              <Typography.Text data-testid="current-user">
                {user.displayName} · {t(`role.${user.role}`)}
              </Typography.Text>
            )}
            <Button
              icon={<LogoutOutlined />}
              data-testid="sign-out"
              onClick={() => void signOut().then(() => navigate('/login'))}
            >
              {narrow ? null : t('app.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <Drawer
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        placement="left"
        size={260}
        title={t(portal.title)}
      >
        <PortalMenu portal={portal} onNavigate={() => setDrawerOpen(false)} />
      </Drawer>
    </Layout>
  );
}
