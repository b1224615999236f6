import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCancelMeeting, type MeetingDetail } from '../../../api/meetings';
import { useServerErrors } from '../../components/server-error';

/** Cancelling needs a reason; invitees see it and their reply to-dos close. Asks before it acts. */
export function CancelMeetingModal({ meeting, onClose }: { meeting: MeetingDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelMeeting(meeting.id);
  const errors = useServerErrors(form, onClose);

  const handleFinish = ({ reason }: { reason: string }) => {
    errors.clear();
    cancel.mutate({ reason: reason.trim(), version: meeting.version }, {
      onSuccess: () => {
        message.success(t('meetings.cancel.done'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open
      title={t('meetings.cancel.title', { title: meeting.title })}
      okText={t('meetings.cancel.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('meetings.cancel.keep')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={cancel.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Typography.Paragraph type="secondary">{t('meetings.cancel.explain')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item
          label={t('meetings.cancel.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('meetings.cancel.reasonRequired') }, { min: 2, message: t('meetings.cancel.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} showCount maxLength={500} placeholder={t('meetings.cancel.placeholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
