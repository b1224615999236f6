import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAbolishOrg } from '../../../../api/orgs';
import type { OrgDetail } from '../../../../api/types';
import { DateInput, today } from '../../../components/date-input';
import { useServerErrors } from '../../../components/server-error';

interface AbolishValues {
  abolishedOn: string;
  reason: string;
}

/** 撤销: a confirmation with the date and the reason; the organisation stays in history. */
export function AbolishModal({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AbolishValues>();
  const abolish = useAbolishOrg(org.id);
  const errors = useServerErrors(form);

  const handleFinish = (values: AbolishValues) => {
    errors.clear();
    abolish.mutate({ abolishedOn: values.abolishedOn, reason: values.reason.trim() }, {
      onSuccess: () => {
        message.success(t('org.abolishDialog.done', { name: org.name }));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open
      title={t('org.abolishDialog.title', { name: org.name })}
      okText={t('org.abolishDialog.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={abolish.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('org.abolishDialog.warning')} />
      {errors.alert}
      <Form<AbolishValues> form={form} layout="vertical" initialValues={{ abolishedOn: today() }} onFinish={handleFinish}>
        <Form.Item label={t('org.field.abolishedOn')} name="abolishedOn" rules={[{ required: true, message: t('common.required') }]}>
          <DateInput notAfterToday allowClear={false} />
        </Form.Item>
        <Form.Item
          label={t('org.field.abolishedReason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { min: 2, message: t('org.abolishDialog.reasonShort') }, { max: 200 }]}
        >
          <Input.TextArea rows={3} showCount maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
