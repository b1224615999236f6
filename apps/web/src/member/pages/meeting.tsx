import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, MEETING_MODE_LABELS } from '@hongyun/shared';
import { useAddMyMeetingPost, useJoinOnline, useMyMeeting, useMyMeetingPosts, type MyMeeting } from '../../api/my-meetings';
import { errorText } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { formatMeetingDay, isPast } from '../../shared/meeting-time';
import { useLabel } from '../../shared/labels';
import { MeetingMinutes } from '../components/meeting-minutes';
import { MeetingReply, MyPartSection } from '../components/meeting-reply';
import { PostThread } from '../components/post-thread';
import { Fields, Loading, Problem, Section, Shell } from '../components/ui';
import { useScreenParam } from '../router';
import './meetings.css';

/** One of my meetings: when and where, my reply, joining online, sign-in explained, the minutes and the thread. */
export function MeetingPage() {
  const { t } = useTranslation();
  const id = useScreenParam() ?? 0;
  const meeting = useMyMeeting(id);
  const m = meeting.data;

  return (
    <Shell title={m?.title ?? t('mmeetings.detail.title')}>
      {meeting.isLoading ? <Loading /> : null}
      {meeting.isError ? <Problem error={meeting.error} onRetry={() => void meeting.refetch()} /> : null}
      {m ? <MeetingBody meeting={m} /> : null}
    </Shell>
  );
}

function MeetingBody({ meeting: m }: { meeting: MyMeeting }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const cancelled = m.status === 'cancelled';
  const place = m.venue ? `${m.venue.name}（${m.venue.address}）` : m.place;

  return (
    <>
      {cancelled ? <div className="m-notice" role="note">{t('mmeetings.detail.cancelled', { reason: m.cancelledReason ?? '—' })}</div> : null}
      <Section title={label(MEETING_KIND_LABELS[m.kind])}>
        <Fields
          rows={[
            { key: 'time', label: t('mmeetings.field.time'), value: formatMeetingDay(m.startsAt, m.endsAt, i18n.language) },
            { key: 'mode', label: t('mmeetings.field.mode'), value: label(MEETING_MODE_LABELS[m.mode]) },
            ...(m.mode !== 'online' ? [{ key: 'place', label: t('mmeetings.field.place'), value: place }] : []),
            { key: 'org', label: t('mmeetings.field.org'), value: m.orgName },
            { key: 'host', label: t('mmeetings.field.host'), value: m.host?.name },
            { key: 'recorder', label: t('mmeetings.field.recorder'), value: m.recorder?.name },
            ...(m.lecturer ? [{ key: 'lecturer', label: t('mmeetings.field.lecturer'), value: m.lecturer.name }] : []),
            ...(m.partyGroup ? [{ key: 'group', label: t('mmeetings.field.partyGroup'), value: m.partyGroup.name }] : []),
          ]}
        />
        <h3 className="m-label">{t('mmeetings.field.topics')}</h3>
        <ol className="mm-topics">{m.topics.map((topic, i) => <li key={i}>{topic}</li>)}</ol>
      </Section>
      {!cancelled ? (m.abilities.canReply ? <MeetingReply meeting={m} /> : <MyPartSection meeting={m} />) : null}
      {/* In the room already (signed in or marked present): joining online makes no sense. */}
      {!cancelled && m.mode !== 'offline' && m.mine.attendance !== 'present' && !isPast(m.endsAt) ? <JoinOnline meeting={m} /> : null}
      {!cancelled && m.mode !== 'online' && !isPast(m.endsAt) ? <SignInNote meeting={m} /> : null}
      <MeetingMinutes meeting={m} />
      <MeetingThread meeting={m} />
    </>
  );
}

/** 网络e支部: joining online records me as taking part online and shows where to join. */
function JoinOnline({ meeting: m }: { meeting: MyMeeting }) {
  const { t } = useTranslation();
  const join = useJoinOnline(m.id);
  const joined = m.mine.attendance === 'online';
  const link = join.data?.onlineLink ?? (joined ? m.onlineLink : null);
  const isUrl = !!link && /^https?:\/\//i.test(link);

  return (
    <Section title={t('mmeetings.online.title')}>
      {joined || join.isSuccess ? <p className="mm-done">{t('mmeetings.online.joined')}</p> : <p className="m-muted">{t('mmeetings.online.explain')}</p>}
      {join.isError ? <div className="m-error" role="alert"><p>{errorText(t, join.error)}</p></div> : null}
      {link ? (
        <p className="mm-pre">{isUrl ? <a href={link} target="_blank" rel="noreferrer">{t('mmeetings.online.open')}</a> : t('mmeetings.online.number', { link })}</p>
      ) : null}
      {m.abilities.canJoinOnline && !joined && !join.isSuccess ? (
        <button type="button" className="m-button mm-more" onClick={() => join.mutate(undefined)} disabled={join.isPending}>{t('mmeetings.online.join')}</button>
      ) : null}
      {!m.abilities.canJoinOnline && !joined ? <p className="mm-sub">{t('mmeetings.online.window')}</p> : null}
    </Section>
  );
}

/** Sign-in by scanning is explained, and optional: the secretary can record attendance instead. */
function SignInNote({ meeting: m }: { meeting: MyMeeting }) {
  const { t } = useTranslation();
  const present = m.mine.attendance === 'present';
  return (
    <Section title={t('mmeetings.signIn.title')}>
      {present ? (
        <p className="mm-done">{m.mine.signedInAt ? t('mmeetings.signIn.doneAt', { at: formatDateTime(m.mine.signedInAt) }) : t('mmeetings.signIn.recorded')}</p>
      ) : (
        <p>{t('mmeetings.signIn.how')}</p>
      )}
      <p className="mm-sub">{t('mmeetings.signIn.optional')}</p>
    </Section>
  );
}

function MeetingThread({ meeting: m }: { meeting: MyMeeting }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<number | undefined>(undefined);
  const posts = useMyMeetingPosts(m.id, page);
  const send = useAddMyMeetingPost(m.id);
  return (
    <Section title={t('mmeetings.thread.meetingTitle')}>
      <PostThread posts={posts} send={send} canPost={m.abilities.canPost} onPage={setPage} emptyText={t('mmeetings.thread.meetingEmpty')} sticky={false} />
    </Section>
  );
}
