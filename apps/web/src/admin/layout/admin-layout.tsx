import { useState } from 'react';
import { Layout, Menu, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NAV } from '../routes';
import { useCan } from '../access';
import { HeaderBar } from './header-bar';

/** Longest menu path that starts the current location. */
function selectedKey(pathname: string): string | undefined {
  const items = NAV.flatMap((g) => g.items).filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
  return items.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}

/** Side menu from the account's permissions, header with the account, the page. */
export function AdminLayout() {
  const { t } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const items: MenuProps['items'] = NAV.map((group) => ({
    type: 'group' as const,
    key: group.groupKey,
    label: collapsed ? null : t(group.groupKey),
    children: group.items.filter((item) => can(item.access)).map((item) => ({
      key: item.key,
      icon: item.icon,
      label: <Link to={item.path}>{t(item.labelKey)}</Link>,
    })),
  })).filter((group) => group.children.length > 0);

  const key = selectedKey(location.pathname);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={212}
        theme="light"
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Link to="/" aria-label={t('app.name')} style={{ display: 'flex', alignItems: 'center', gap: 8, height: 56, padding: '0 20px' }}>
          <img src="/m/icon.svg" alt="" width={28} height={28} />
          {collapsed ? null : (
            <Typography.Text strong style={{ color: token.colorPrimary, fontSize: 16, whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Text>
          )}
        </Link>
        <nav aria-label={t('nav.label')}>
          <Menu mode="inline" items={items} selectedKeys={key ? [key] : []} style={{ borderInlineEnd: 0 }} />
        </nav>
      </Layout.Sider>
      <Layout>
        <HeaderBar />
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
