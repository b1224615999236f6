import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useChangePassword, useLogout, useMe } from '../../../../api/auth';
import { isApiError } from '../../../../api/client';
import { errorText } from '../../../../shared/errors';
import { applyFieldErrors } from '../../../components/form-errors';
import { AuthCard } from '../auth-card';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Change the own password; forced after login while the initial password is in use. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const change = useChangePassword();
  const logout = useLogout();
  const [form] = Form.useForm<PasswordValues>();

  if (me.isError && isApiError(me.error) && me.error.statusCode === 401) return <Navigate to="/login" replace />;
  const forced = me.data?.user.mustChangePassword ?? false;

  const handleFinish = ({ currentPassword, newPassword }: PasswordValues) => {
    change.mutate({ currentPassword, newPassword }, {
      onSuccess: () => {
        message.success(t('auth.password.done'));
        navigate('/', { replace: true });
      },
      onError: (error) => applyFieldErrors(form, error),
    });
  };

  const handleLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  const unmatched = change.isError && !(isApiError(change.error) && change.error.details?.issues?.length);

  return (
    <AuthCard title={t('auth.password.title')}>
      {forced ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('auth.password.forced')} /> : null}
      {unmatched ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={errorText(t, change.error)} /> : null}
      <Form<PasswordValues> form={form} layout="vertical" onFinish={handleFinish} requiredMark={false} disabled={change.isPending}>
        <Form.Item label={t('auth.password.current')} name="currentPassword" rules={[{ required: true, message: t('auth.password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('auth.password.new')}
          name="newPassword"
          extra={t('auth.password.rule')}
          rules={[{ required: true, message: t('auth.password.newRequired') }, { min: 10, message: t('auth.password.tooShort') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('auth.password.confirm')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('auth.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Flex gap={8} vertical>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>{t('auth.password.submit')}</Button>
          {forced ? (
            <Button block onClick={handleLogout}>{t('header.logout')}</Button>
          ) : (
            <Button block onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          )}
        </Flex>
      </Form>
    </AuthCard>
  );
}
