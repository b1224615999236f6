import { App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@hongyun/shared';
import { useAddGrant } from '../../../../api/users';
import type { UserItem } from '../../../../api/types';
import { useServerErrors } from '../../../components/server-error';
import { GrantFields } from './grant-fields';

export function AddGrantModal({ user, onClose }: { user: UserItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: Role; orgId: number; departmentId?: number }>();
  const add = useAddGrant();
  const errors = useServerErrors(form);

  const handleFinish = (v: { role: Role; orgId: number; departmentId?: number }) => {
    errors.clear();
    add.mutate({ userId: user.id, role: v.role, orgId: v.orgId, departmentId: v.role === 'department' ? v.departmentId : undefined }, {
      onSuccess: () => {
        message.success(t('user.grant.added'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open
      title={t('user.grant.addTitle', { name: user.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      width={600}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={handleFinish} initialValues={{ role: 'orgAdmin' }}>
        <GrantFields />
      </Form>
    </Modal>
  );
}
