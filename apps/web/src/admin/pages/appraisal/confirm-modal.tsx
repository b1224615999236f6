import { App, Alert, Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConfirmAppraisal, type Appraisal } from '../../../api/appraisal';
import { useMeetingList } from '../../../api/meetings';
import { formatDateTime } from '../../../shared/format';
import { useServerErrors } from '../../components/server-error';

/**
 * 党员大会审议: records the general meeting of the branch that confirmed the committee's
 * proposal; the proposed grades become final. Only meetings already held can be chosen.
 */
export function ConfirmAppraisalModal({ campaign: c, onClose }: { campaign: Appraisal; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ meetingId: number }>();
  const confirm = useConfirmAppraisal(c.id);
  const errors = useServerErrors(form);
  const meetings = useMeetingList({ orgId: c.orgId, kind: 'generalMeeting', status: 'planned', page: 1, pageSize: 50 });
  const now = Date.now();
  const held = (meetings.data?.items ?? []).filter((m) => new Date(m.startsAt).getTime() <= now);

  const handleFinish = ({ meetingId }: { meetingId: number }) => {
    errors.clear();
    confirm.mutate({ meetingId, version: c.version }, {
      onSuccess: () => {
        message.success(t('appraisal.confirm.done'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal open title={t('appraisal.confirm.title')} okText={t('appraisal.confirm.button')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={confirm.isPending} destroyOnHidden>
      {errors.alert}
      <Typography.Paragraph type="secondary">{t('appraisal.confirm.explain')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={handleFinish}>
        {meetings.isError ? (
          // Without the meeting list (no access to meetings here), the meeting's number still works.
          <Form.Item label={t('appraisal.confirm.meetingId')} name="meetingId" rules={[{ required: true, message: t('appraisal.confirm.meetingRequired') }]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item label={t('appraisal.confirm.meeting')} name="meetingId" rules={[{ required: true, message: t('appraisal.confirm.meetingRequired') }]}>
            <Select
              loading={meetings.isLoading}
              placeholder={t('appraisal.confirm.pickMeeting')}
              notFoundContent={meetings.isLoading ? t('common.loading') : t('appraisal.confirm.noMeeting')}
              options={held.map((m) => ({ value: m.id, label: `${formatDateTime(m.startsAt)} ${m.title}` }))}
            />
          </Form.Item>
        )}
      </Form>
      {!meetings.isLoading && !meetings.isError && held.length === 0 ? <Alert type="warning" showIcon title={t('appraisal.confirm.noMeetingHint')} /> : null}
    </Modal>
  );
}
