import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_LABELS, LEAVE_STATUS_LABELS, MEETING_REPLY_LABELS, type Attendance, type LeaveStatus, type MeetingReply, type MeetingStatus } from '@hongyun/shared';
import { useLabel } from '../../../shared/labels';

export function StatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return status === 'cancelled' ? <Tag>{t('meetings.status.cancelled')}</Tag> : null;
}

/** The minutes' state; overdue ones say so (a reminder for the recorder, not a ranking). */
export function MinutesStateTag({ state, overdue, dueOn, cancelled }: { state: 'none' | 'recorded' | 'confirmed'; overdue: boolean; dueOn: string; cancelled: boolean }) {
  const { t } = useTranslation();
  if (cancelled) return <span>—</span>;
  if (state === 'confirmed') return <Tag color="green">{t('meetings.minutesState.confirmed')}</Tag>;
  const tag = <Tag color={overdue ? 'orange' : state === 'recorded' ? 'blue' : 'default'}>{t(`meetings.minutesState.${state}`)}</Tag>;
  return (
    <Tooltip title={overdue ? t('meetings.minutesState.overdueHint', { date: dueOn }) : t('meetings.minutesState.dueHint', { date: dueOn })}>
      <span>{tag}{overdue ? <Tag color="orange">{t('meetings.minutesState.overdue')}</Tag> : null}</span>
    </Tooltip>
  );
}

export function ReplyTag({ reply }: { reply: MeetingReply }) {
  const label = useLabel();
  const color = reply === 'attend' ? 'green' : reply === 'leave' ? 'gold' : 'default';
  return <Tag color={color}>{label(MEETING_REPLY_LABELS[reply])}</Tag>;
}

export function LeaveTag({ status }: { status: LeaveStatus }) {
  const label = useLabel();
  const color = status === 'approved' ? 'green' : status === 'rejected' ? 'red' : 'orange';
  return <Tag color={color}>{label(LEAVE_STATUS_LABELS[status])}</Tag>;
}

export function AttendanceTag({ attendance }: { attendance: Attendance }) {
  const label = useLabel();
  const color = attendance === 'present' ? 'green' : attendance === 'online' ? 'cyan' : attendance === 'absent' ? 'red' : attendance === 'excused' ? 'gold' : 'default';
  return <Tag color={color}>{label(ATTENDANCE_LABELS[attendance])}</Tag>;
}
