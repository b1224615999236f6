import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDecideLeave, type Attendee } from '../../../api/meetings';
import { errorText } from '../../../shared/errors';

/** Approve (one confirmation) or reject (a dialog with an optional note, in red) one leave request. */
export function LeaveActions({ meetingId, attendee }: { meetingId: number; attendee: Attendee }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecideLeave(meetingId);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');

  const handleDecide = (decision: 'approved' | 'rejected') =>
    decide.mutateAsync({ memberId: attendee.memberId, decision, note: note.trim() || null })
      .then(() => {
        message.success(decision === 'approved' ? t('meetings.leave.approvedDone', { name: attendee.name }) : t('meetings.leave.rejectedDone', { name: attendee.name }));
        setRejecting(false);
        setNote('');
      })
      .catch((error: unknown) => { message.error(errorText(t, error)); });

  return (
    <Space size={4}>
      <Popconfirm
        title={t('meetings.leave.approveConfirm', { name: attendee.name })}
        okText={t('meetings.leave.approve')}
        cancelText={t('common.cancel')}
        onConfirm={() => handleDecide('approved')}
      >
        <Button type="link" size="small" loading={decide.isPending && decide.variables?.decision === 'approved'}>{t('meetings.leave.approve')}</Button>
      </Popconfirm>
      <Button type="link" size="small" danger onClick={() => setRejecting(true)}>{t('meetings.leave.reject')}</Button>
      <Modal
        open={rejecting}
        title={t('meetings.leave.rejectTitle', { name: attendee.name })}
        okText={t('meetings.leave.rejectConfirm')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={decide.isPending}
        onOk={() => void handleDecide('rejected')}
        onCancel={() => setRejecting(false)}
        destroyOnHidden
      >
        <p>{t('meetings.leave.reasonGiven', { reason: attendee.leaveReason ?? '—' })}</p>
        <p>{t('meetings.leave.rejectExplain')}</p>
        <Form layout="vertical">
          <Form.Item label={t('meetings.leave.note')}>
            <Input.TextArea rows={2} maxLength={200} showCount value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('meetings.leave.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
