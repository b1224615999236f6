import { App, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { surveyKeys, useCancelSurvey, type Survey } from '../../../api/surveys';
import { useServerErrors } from '../../components/server-error';

/** Cancelling a task needs a reason (e.g. the company never settled); it asks before it acts. */
export function CancelSurveyModal({ survey, onClose }: { survey: Survey; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelSurvey();
  const client = useQueryClient();
  // "Reload" after a stale version: fetch the task afresh and close, so the next try starts from it.
  const errors = useServerErrors(form, () => void client.invalidateQueries({ queryKey: surveyKeys.all }).then(onClose));

  const handleFinish = ({ reason }: { reason: string }) => {
    errors.clear();
    cancel.mutate({ id: survey.id, reason: reason.trim(), version: survey.version }, {
      onSuccess: () => {
        message.success(t('surveys.cancel.done'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open
      title={t('surveys.cancel.title', { name: survey.enterpriseName })}
      okText={t('surveys.cancel.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={cancel.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item
          label={t('surveys.field.cancelReason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('surveys.cancel.reasonRequired') }, { min: 2, message: t('surveys.cancel.reasonRequired') }, { max: 200 }]}
        >
          <Input.TextArea rows={3} showCount maxLength={200} placeholder={t('surveys.cancel.placeholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
