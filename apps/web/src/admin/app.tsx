import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Flex, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError, setAuthProblemHandlers } from '../api/client';
import { loginPath, NotFoundPage, RequireAuth } from './access';
import { AdminLayout } from './layout/admin-layout';
import { DashboardScreenPage, LedgerPrintPage, pageRoutes, SignInScreenPage } from './routes';

const LoginPage = lazy(() => import('./pages/auth/login').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('./pages/auth/change-password').then((m) => ({ default: m.ChangePasswordPage })));

function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Flex justify="center" style={{ padding: 96 }}><Spin /></Flex>}>{children}</Suspense>;
}

const router = createBrowserRouter([
  { path: '/login', element: <Standalone><LoginPage /></Standalone> },
  { path: '/password', element: <Standalone><ChangePasswordPage /></Standalone> },
  { path: '/dashboard/screen', element: <RequireAuth><DashboardScreenPage /></RequireAuth> },
  { path: '/meetings/:meetingId/screen', element: <RequireAuth><SignInScreenPage /></RequireAuth> },
  { path: '/print/ledger/:orgId/:year', element: <RequireAuth><LedgerPrintPage /></RequireAuth> },
  { path: '/', element: <RequireAuth><AdminLayout /></RequireAuth>, children: pageRoutes },
  { path: '*', element: <NotFoundPage /> },
]);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Client errors will not get better by asking again; network blips might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.statusCode >= 400 && error.statusCode < 500),
    },
  },
});

setAuthProblemHandlers({
  onUnauthenticated: () => {
    const { pathname, search } = window.location;
    if (pathname === '/login') return;
    queryClient.clear();
    void router.navigate(loginPath({ pathname, search }), { replace: true });
  },
  onPasswordChangeRequired: () => {
    if (window.location.pathname !== '/password') void router.navigate('/password', { replace: true });
  },
});

// China-red primary; the rest is antd's default, which the field's users know. Buttons keep
// their text as written (no space inserted into two-character labels such as 登录), so a
// button's accessible name is exactly its label.
const THEME = { token: { colorPrimary: '#c41d1d', colorLink: '#c41d1d', borderRadius: 6 } };

/** Providers: server state, antd theme and locale (following the UI language), router. */
export function AdminApp() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(en ? 'en' : 'zh-cn');
    document.title = i18n.t('app.documentTitle');
  }, [en, i18n]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={en ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
