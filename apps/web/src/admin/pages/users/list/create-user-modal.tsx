import { Button, Flex, Form, Input, Modal } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '@hongyun/shared';
import { useCreateUser } from '../../../../api/users';
import { MemberPicker } from '../../../components/member-picker';
import { useServerErrors } from '../../../components/server-error';
import { GrantFields } from './grant-fields';

interface CreateValues {
  username: string;
  displayName: string;
  phone?: string;
  memberId?: number;
  grants: { role?: Role; orgId?: number; departmentId?: number }[];
}

/** A new account with at least one grant; the initial password is handed back once. */
export function CreateUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: (username: string, password: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateUser();
  const errors = useServerErrors(form);

  const handleFinish = (v: CreateValues) => {
    errors.clear();
    const body = {
      username: v.username.trim().toLowerCase(),
      displayName: v.displayName.trim(),
      phone: v.phone?.trim() || undefined,
      memberId: v.memberId,
      grants: v.grants.flatMap((g) => (g.role && g.orgId ? [{ role: g.role, orgId: g.orgId, departmentId: g.role === 'department' ? g.departmentId : undefined }] : [])),
    };
    create.mutate(body, {
      onSuccess: (r) => {
        onClose();
        onCreated(body.username, r.initialPassword);
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open
      title={t('user.create.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={680}
      destroyOnHidden
    >
      {errors.alert}
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ grants: [{ role: 'orgAdmin' }] }} onFinish={handleFinish}>
        <Form.Item label={t('user.field.username')} name="username" extra={t('user.create.usernameHint')} rules={[{ required: true, message: t('common.required') }, { pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: t('user.create.usernamePattern') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('user.field.displayName')} name="displayName" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('user.field.phone')} name="phone" extra={t('user.create.phoneHint')}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('user.field.member')} name="memberId" extra={t('user.create.memberHint')}>
          <MemberPicker />
        </Form.Item>
        <Form.List name="grants">
          {(fields, { add, remove }) => (
            <Flex vertical>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="center">
                  <GrantFields prefix={[field.name]} listName="grants" index={i} />
                  {fields.length > 1 ? (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('user.grant.removeN', { n: i + 1 })} />
                  ) : null}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'orgAdmin' })}>{t('user.grant.add')}</Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
