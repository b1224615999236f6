import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_LABELS, ATTENDANCES, type Attendance } from '@hongyun/shared';
import { useMarkAttendance, type Attendee, type MeetingDetail } from '../../../api/meetings';
import { errorText } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { LeaveActions } from './leave-actions';
import { AttendanceTag, LeaveTag, ReplyTag } from './tags';

/**
 * Who is invited, what they replied, leave to decide, and attendance. The secretary may mark
 * attendance directly: it counts exactly like a QR sign-in (sign-in is never required).
 */
export function AttendeesPanel({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const mark = useMarkAttendance(m.id);
  const [draft, setDraft] = useState<Map<number, Attendance>>(new Map());
  const editable = m.abilities.canMarkAttendance;
  const changed = useMemo(() => m.attendees.filter((a) => draft.has(a.memberId) && draft.get(a.memberId) !== a.attendance), [m.attendees, draft]);
  const options = ATTENDANCES.filter((a) => a !== 'online' || m.mode !== 'offline').map((a) => ({ value: a, label: label(ATTENDANCE_LABELS[a]) }));

  const setOne = (memberId: number, attendance: Attendance) => setDraft((d) => new Map(d).set(memberId, attendance));
  const handleMarkUnrecorded = () => setDraft((d) => {
    const next = new Map(d);
    for (const a of m.attendees) {
      if ((next.get(a.memberId) ?? a.attendance) !== 'unknown') continue;
      next.set(a.memberId, a.leaveStatus === 'approved' ? 'excused' : 'present');
    }
    return next;
  });
  const handleSave = () => mark.mutate(changed.map((a) => ({ memberId: a.memberId, attendance: draft.get(a.memberId) ?? a.attendance })), {
    onSuccess: () => {
      message.success(t('meetings.attendance.saved', { n: changed.length }));
      setDraft(new Map());
    },
    onError: (error) => message.error(errorText(t, error)),
  });

  const columns: TableColumnsType<Attendee> = [
    {
      key: 'name', title: t('meetings.field.name'), width: 140,
      render: (_, a) => <Flex gap={4} align="center">{a.name}{a.category === 'probationary' ? <Tag>{t('meetings.attendance.probationary')}</Tag> : null}</Flex>,
    },
    {
      key: 'reply', title: t('meetings.field.reply'), width: 150,
      render: (_, a) => (
        <Flex vertical>
          <span><ReplyTag reply={a.reply} /></span>
          {a.repliedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(a.repliedAt)}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      key: 'leave', title: t('meetings.field.leave'), ellipsis: false,
      render: (_, a) => a.leaveStatus ? (
        <Flex vertical gap={2}>
          <Flex gap={4} align="center" wrap>
            <LeaveTag status={a.leaveStatus} />
            {a.leaveStatus === 'requested' && m.abilities.canDecideLeave ? <LeaveActions meetingId={m.id} attendee={a} /> : null}
          </Flex>
          <Typography.Text type="secondary">{a.leaveReason}</Typography.Text>
        </Flex>
      ) : '—',
    },
    {
      key: 'attendance', title: t('meetings.field.attendance'), width: 170,
      render: (_, a) => editable ? (
        <Select<Attendance>
          size="small"
          style={{ width: 140 }}
          aria-label={t('meetings.attendance.for', { name: a.name })}
          value={draft.get(a.memberId) ?? a.attendance}
          onChange={(v) => setOne(a.memberId, v)}
          options={options}
        />
      ) : <AttendanceTag attendance={a.attendance} />,
    },
    {
      key: 'signIn', title: t('meetings.field.signIn'), width: 170,
      render: (_, a) => a.signInMethod ? (
        <Flex vertical>
          <span>{t(`meetings.signInMethod.${a.signInMethod}`)}</span>
          {a.signedInAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(a.signedInAt)}</Typography.Text> : null}
        </Flex>
      ) : '—',
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('meetings.attendance.optional')} />
      {editable ? (
        <Flex gap={8} wrap align="center">
          <Button onClick={handleMarkUnrecorded}>{t('meetings.attendance.markUnrecorded')}</Button>
          <Button type="primary" disabled={changed.length === 0} loading={mark.isPending} onClick={handleSave}>{t('meetings.attendance.save', { n: changed.length })}</Button>
          {changed.length ? <Button type="link" onClick={() => setDraft(new Map())}>{t('meetings.attendance.discard')}</Button> : null}
        </Flex>
      ) : m.status === 'planned' && m.minutesState !== 'confirmed' && m.abilities.canEdit ? <Typography.Text type="secondary">{t('meetings.attendance.notYet')}</Typography.Text> : null}
      <Table<Attendee>
        rowKey="memberId"
        size="small"
        columns={columns}
        dataSource={m.attendees}
        pagination={m.attendees.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('meetings.attendance.empty') }}
      />
    </Flex>
  );
}
