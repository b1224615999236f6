import { Button, Flex, Layout, Popover, Space, Tag, Typography, theme } from 'antd';
import { LogoutOutlined, KeyOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '@hongyun/shared';
import { useLogout, useMe } from '../../api/auth';
import { useLabel } from '../../shared/labels';
import { LanguageSwitch } from './language-switch';
import { TodoBell } from './todo-bell';

/** The account's name and grants (role @ organisation), language, password and logout. */
export function HeaderBar() {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const grants = me.data?.grants ?? [];

  const handleLogout = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  const grantList = (
    <Space orientation="vertical" size={4} style={{ maxWidth: 360 }}>
      {grants.length === 0 ? <Typography.Text type="secondary">{t('header.noGrants')}</Typography.Text> : null}
      {grants.map((g) => (
        <div key={g.id}>
          <Tag color="red">{label(ROLE_LABELS[g.role])}</Tag>
          <Typography.Text>{g.orgName}</Typography.Text>
        </div>
      ))}
    </Space>
  );
  const first = grants[0];

  return (
    <Layout.Header
      style={{ background: token.colorBgContainer, padding: '0 24px', borderBottom: `1px solid ${token.colorBorderSecondary}`, height: 56, lineHeight: '56px' }}
    >
      <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={16}>
        <Typography.Text type="secondary" ellipsis style={{ minWidth: 0 }}>{t('app.fullName')}</Typography.Text>
        <Flex align="center" gap={12}>
          <TodoBell />
          <LanguageSwitch />
          <Popover title={t('header.grants')} content={grantList} trigger="click" placement="bottomRight">
            <Button type="text" icon={<UserOutlined />} data-testid="header-account">
              <Space size={6}>
                <Typography.Text strong>{me.data?.user.displayName}</Typography.Text>
                {first ? (
                  <Typography.Text type="secondary" className="hy-hide-narrow">
                    {label(ROLE_LABELS[first.role])} · {first.orgName}
                    {grants.length > 1 ? ` +${grants.length - 1}` : ''}
                  </Typography.Text>
                ) : null}
              </Space>
            </Button>
          </Popover>
          <Button type="text" icon={<KeyOutlined />} onClick={() => navigate('/password')}>
            <span className="hy-hide-narrow">{t('header.changePassword')}</span>
          </Button>
          <Button type="text" icon={<LogoutOutlined />} onClick={handleLogout} loading={logout.isPending}>
            {t('header.logout')}
          </Button>
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
