import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateEnterprise } from '../../api/orgs';
import { OrgTreeSelect } from './org-tree-select';
import { useServerErrors } from './server-error';

interface EnterpriseValues {
  uscc: string;
  name: string;
  townOrgId: number;
}

/** Registers an enterprise (USCC checked by the server) and hands back its id and label. */
export function EnterpriseModal({ onClose, onCreated }: { onClose: () => void; onCreated: (e: { id: number; name: string; uscc: string }) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterpriseValues>();
  const create = useCreateEnterprise();
  const errors = useServerErrors(form);

  const handleFinish = (values: EnterpriseValues) => {
    errors.clear();
    const body = { uscc: values.uscc.trim().toUpperCase(), name: values.name.trim(), townOrgId: values.townOrgId };
    create.mutate(body, {
      onSuccess: ({ id }) => {
        message.success(t('enterprise.created'));
        onCreated({ id, name: body.name, uscc: body.uscc });
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open
      title={t('enterprise.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form<EnterpriseValues> form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('enterprise.uscc')} name="uscc" rules={[{ required: true, whitespace: true, message: t('common.required') }, { len: 18, message: t('enterprise.usccLength') }]}>
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item label={t('enterprise.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 120 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('enterprise.town')} name="townOrgId" rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect disabled={(n) => !n.isTown} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
