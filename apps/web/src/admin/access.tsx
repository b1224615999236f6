import type { ReactNode } from 'react';
import { Button, Flex, Result, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe, type Permission } from '../api/auth';
import { isApiError } from '../api/client';
import { ErrorAlert } from './components/error-alert';

/** `can('member.write')`: the menu and buttons follow the server's permission list. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => hasPermission(me.data, permission);
}

export function loginPath(location: { pathname: string; search: string }): string {
  const next = location.pathname + location.search;
  return next && next !== '/' && !next.startsWith('/login') ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}

/** Renders its children for a signed-in account that has changed its initial password. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.statusCode === 401) return <Navigate to={loginPath(location)} replace />;
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Flex>
    );
  }
  if (me.data?.user.mustChangePassword) return <Navigate to="/password" replace />;
  return <>{children}</>;
}

/** A page only for holders of `access`; others see why, not a broken page. */
export function RequirePermission({ access, children }: { access: Permission; children: ReactNode }) {
  const can = useCan();
  const { t } = useTranslation();
  if (!can(access)) return <Result status="403" title={t('errors.FORBIDDEN')} subTitle={t('common.noAccessHint')} />;
  return <>{children}</>;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      extra={<Button type="primary" href="/">{t('common.backHome')}</Button>}
    />
  );
}
