import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreatePartyGroup } from '../../../../api/orgs';
import { useServerErrors } from '../../../components/server-error';

export function PartyGroupModal({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreatePartyGroup(orgId);
  const errors = useServerErrors(form);

  const handleFinish = ({ name }: { name: string }) => {
    errors.clear();
    create.mutate(name.trim(), {
      onSuccess: () => {
        message.success(t('org.partyGroups.created'));
        form.resetFields();
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open={open}
      title={t('org.action.addPartyGroup')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('org.partyGroups.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 50 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
