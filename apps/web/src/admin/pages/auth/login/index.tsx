import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { authKeys, useLogin } from '../../../../api/auth';
import type { Me } from '../../../../api/types';
import { errorDetail, errorText } from '../../../../shared/errors';
import { AuthCard } from '../auth-card';

interface LoginValues {
  username: string;
  password: string;
}

/** Where to go after login: only a path of this app, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const login = useLogin();

  const handleFinish = (values: LoginValues) => {
    login.mutate(values, {
      onSuccess: () => {
        const me = client.getQueryData<Me>(authKeys.me);
        navigate(me?.user.mustChangePassword ? '/password' : safeNext(params.get('next')), { replace: true });
      },
    });
  };

  return (
    <AuthCard title={t('auth.login.title')}>
      <Form<LoginValues> layout="vertical" onFinish={handleFinish} requiredMark={false} disabled={login.isPending}>
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={errorText(t, login.error)}
            description={errorDetail(t, login.error)}
          />
        ) : null}
        <Form.Item label={t('auth.login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('auth.login.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
        </Form.Item>
        <Form.Item label={t('auth.login.password')} name="password" rules={[{ required: true, message: t('auth.login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {t('auth.login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('auth.login.memberHint')} <Typography.Link href="/m/">{t('auth.login.memberLink')}</Typography.Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
