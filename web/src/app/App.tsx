import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AuthProvider, useAuth } from './auth';
import { ErrorBoundary } from './ErrorBoundary';
import { I18nProvider, useI18n } from './i18n';
import { LoginPage } from './Login';
import type { Portal } from './portal';
import { portalOf, portals } from './portals';
import { Shell } from './Shell';

function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('state.notFound')}
      extra={<Button onClick={() => void navigate('/')}>{t('state.backHome')}</Button>}
    />
  );
}

function Home() {
  const { user } = useAuth();
  if (user === undefined) return <Spin style={{ display: 'block', marginTop: 96 }} />;
  if (!user) return <Navigate to="/login" replace />;
  const portal = portalOf(user.role);
  return <Navigate to={`/${portal.key}/${portal.home}`} replace />;
}

/** A portal's pages for its roles only; anyone else signs in or is told they may not. */
function PortalGate({ portal, children }: { portal: Portal; children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (user === undefined) return <Spin style={{ display: 'block', marginTop: 96 }} />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!portal.roles.includes(user.role)) {
    return <Result status="403" title={t('state.forbidden')} extra={<NotFoundLink />} />;
  }
  return <>{children}</>;
}

function NotFoundLink() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return <Button onClick={() => void navigate('/')}>{t('state.backHome')}</Button>;
}

function Page({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <ErrorBoundary key={location.pathname} title={t('state.crashed')} retry={t('state.retry')}>
      {children}
    </ErrorBoundary>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route
        path="/login"
        element={
          <Page>
            <LoginPage />
          </Page>
        }
      />
      {portals.flatMap((portal) =>
        (portal.publicPages ?? []).map((page) => (
          <Route key={page.path} path={`/${page.path}`} element={<Page>{page.element}</Page>} />
        )),
      )}
      {portals.map((portal) => (
        <Route
          key={portal.key}
          path={`/${portal.key}`}
          element={
            <PortalGate portal={portal}>
              <Shell portal={portal} />
            </PortalGate>
          }
        >
          <Route index element={<Navigate to={`/${portal.key}/${portal.home}`} replace />} />
          {portal.pages.map((page) => (
            <Route key={page.path} path={page.path} element={<Page>{page.element}</Page>} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      ))}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function Localised({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#c8102e' } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </Localised>
    </I18nProvider>
  );
}
