import { useTranslation } from 'react-i18next';
import { ATTENDANCE_LABELS, LEAVE_STATUS_LABELS, MEETING_REPLY_LABELS } from '@hongyun/shared';
import type { MyPart } from '../../api/my-meetings';
import { useLabel } from '../../shared/labels';

const ATTENDANCE_COLOR = { present: 'green', online: 'blue', excused: 'gold', absent: 'red', unknown: '' } as const;

/** My reply, leave and attendance as small badges. Before the meeting: the reply; after: what was recorded. */
export function MyPartBadges({ mine, past, cancelled }: { mine: MyPart; past: boolean; cancelled: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  if (cancelled) return <span className="mm-badge">{t('mmeetings.status.cancelled')}</span>;
  const badges: { key: string; text: string; color: string }[] = [];
  if (past) {
    if (mine.attendance !== 'unknown') badges.push({ key: 'attendance', text: label(ATTENDANCE_LABELS[mine.attendance]), color: ATTENDANCE_COLOR[mine.attendance] });
    else badges.push({ key: 'attendance', text: t('mmeetings.mine.notRecorded'), color: '' });
  } else if (mine.reply === 'pending') {
    badges.push({ key: 'reply', text: t('mmeetings.mine.replyNeeded'), color: 'red' });
  } else if (mine.reply === 'attend') {
    badges.push({ key: 'reply', text: label(MEETING_REPLY_LABELS.attend), color: 'green' });
  }
  if (mine.reply === 'leave' && mine.leaveStatus) {
    const color = mine.leaveStatus === 'approved' ? 'green' : mine.leaveStatus === 'rejected' ? 'red' : 'gold';
    badges.push({ key: 'leave', text: `${label(MEETING_REPLY_LABELS.leave)} · ${label(LEAVE_STATUS_LABELS[mine.leaveStatus])}`, color });
  }
  return (
    <>
      {badges.map((b) => <span key={b.key} className={`mm-badge${b.color ? ` mm-badge-${b.color}` : ''}`}>{b.text}</span>)}
    </>
  );
}
