import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LEAVE_STATUS_LABELS } from '@hongyun/shared';
import { isApiError } from '../../api/client';
import { useReply, type MyMeeting } from '../../api/my-meetings';
import { errorText } from '../../shared/errors';
import { useLabel } from '../../shared/labels';
import { isPast } from '../../shared/meeting-time';
import { MyPartBadges } from './my-part';
import { Section } from './ui';

/** Attend, or ask for leave with a reason (the secretary decides). Changeable until the meeting starts. */
export function MeetingReply({ meeting: m }: { meeting: MyMeeting }) {
  const { t } = useTranslation();
  const label = useLabel();
  const reply = useReply(m.id);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const mine = m.mine;
  const reasonError = isApiError(reply.error) ? reply.error.details?.issues?.find((i) => i.path.endsWith('reason'))?.message : undefined;

  const handleAttend = () => reply.mutate({ reply: 'attend' }, { onSuccess: () => setAsking(false) });
  const handleLeave = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate({ reply: 'leave', reason: reason.trim() }, { onSuccess: () => { setAsking(false); setReason(''); } });
  };

  let state: string;
  if (mine.reply === 'attend') state = t('mmeetings.reply.attending');
  else if (mine.reply === 'leave') state = t('mmeetings.reply.onLeave', { status: mine.leaveStatus ? label(LEAVE_STATUS_LABELS[mine.leaveStatus]) : '' });
  else state = t('mmeetings.reply.pending');

  return (
    <Section title={t('mmeetings.reply.title')}>
      <p className={mine.reply === 'attend' ? 'mm-done' : mine.reply === 'pending' ? 'm-muted' : ''}>{state}</p>
      {mine.reply === 'leave' && mine.leaveReason ? <p className="mm-sub">{t('mmeetings.reply.reason', { reason: mine.leaveReason })}</p> : null}
      {mine.leaveStatus === 'rejected' ? <p className="mm-sub">{t('mmeetings.reply.rejectedHint')}</p> : null}
      {reply.isError && !reasonError ? <div className="m-error" role="alert"><p>{errorText(t, reply.error)}</p></div> : null}
      {asking ? (
        <form className="m-form" onSubmit={handleLeave} noValidate>
          <label className="m-label" htmlFor="mm-leave-reason">{t('mmeetings.reply.reasonLabel')}</label>
          <textarea
            id="mm-leave-reason"
            className={`mm-textarea${reasonError ? ' m-input-error' : ''}`}
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('mmeetings.reply.reasonPlaceholder')}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'mm-leave-reason-error' : undefined}
          />
          {reasonError ? <p id="mm-leave-reason-error" className="m-field-error">{reasonError}</p> : null}
          <div className="mm-actions">
            <button type="button" className="m-button m-button-secondary" onClick={() => setAsking(false)}>{t('common.cancel')}</button>
            <button type="submit" className="m-button" disabled={reply.isPending || !reason.trim()}>{t('mmeetings.reply.sendLeave')}</button>
          </div>
        </form>
      ) : (
        <div className="mm-actions">
          {mine.reply !== 'attend' ? <button type="button" className="m-button" onClick={handleAttend} disabled={reply.isPending}>{t('mmeetings.reply.attend')}</button> : null}
          {mine.reply !== 'leave' || mine.leaveStatus === 'rejected' ? (
            <button type="button" className="m-button m-button-secondary" onClick={() => setAsking(true)} disabled={reply.isPending}>{t('mmeetings.reply.leave')}</button>
          ) : null}
        </div>
      )}
    </Section>
  );
}

/** Once replies are closed (the meeting began): my reply, leave and attendance, read only. */
export function MyPartSection({ meeting: m }: { meeting: MyMeeting }) {
  const { t } = useTranslation();
  return (
    <Section title={t('mmeetings.reply.mine')}>
      <div className="mm-item-badges"><MyPartBadges mine={m.mine} past={isPast(m.startsAt)} cancelled={false} /></div>
      {m.mine.reply === 'leave' && m.mine.leaveReason ? <p className="mm-sub">{t('mmeetings.reply.reason', { reason: m.mine.leaveReason })}</p> : null}
    </Section>
  );
}
