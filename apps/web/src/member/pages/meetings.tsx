import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, MEETING_MODE_LABELS } from '@hongyun/shared';
import { useMyMeetings, type MeetingWhen, type MyMeetingSummary } from '../../api/my-meetings';
import { formatMeetingDay } from '../../shared/meeting-time';
import { useLabel } from '../../shared/labels';
import { MyPartBadges } from '../components/my-part';
import { Loading, Problem, Shell } from '../components/ui';
import { go, useQueryParams } from '../router';
import './meetings.css';

/** 我的会议: upcoming (soonest first) and past, with my reply and attendance. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const when: MeetingWhen = useQueryParams().get('when') === 'past' ? 'past' : 'upcoming';
  const list = useMyMeetings(when);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Shell title={t('mmeetings.list.title')}>
      <div className="mm-tabs" role="tablist" aria-label={t('mmeetings.list.title')}>
        {(['upcoming', 'past'] as const).map((w) => (
          <button key={w} type="button" role="tab" className="mm-tab" aria-selected={when === w}
            onClick={() => go('meetings', { replace: true, query: w === 'past' ? { when: 'past' } : undefined })}>
            {t(`mmeetings.list.${w}`)}
          </button>
        ))}
      </div>
      {list.isLoading ? <Loading /> : null}
      {list.isError ? <Problem error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <p className="m-empty">{t(when === 'past' ? 'mmeetings.list.emptyPast' : 'mmeetings.list.emptyUpcoming')}</p> : null}
      {items.length ? (
        <ul className="mm-list">
          {items.map((m) => <li key={m.id}><MeetingItem meeting={m} past={when === 'past'} /></li>)}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <button type="button" className="m-button m-button-secondary mm-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? t('common.loading') : t('mmeetings.list.more')}
        </button>
      ) : null}
    </Shell>
  );
}

function MeetingItem({ meeting: m, past }: { meeting: MyMeetingSummary; past: boolean }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const where = m.mode === 'online' ? label(MEETING_MODE_LABELS.online) : [m.venueName ?? m.place, m.mode === 'mixed' ? t('mmeetings.list.alsoOnline') : null].filter(Boolean).join(' · ');
  return (
    <button type="button" className={`mm-item${m.status === 'cancelled' ? ' mm-cancelled' : ''}`} onClick={() => go('meeting', { id: m.id })}>
      <span className="mm-item-title">{m.title}</span>
      <span className="mm-item-meta">{formatMeetingDay(m.startsAt, m.endsAt, i18n.language)}</span>
      <span className="mm-item-meta">{label(MEETING_KIND_LABELS[m.kind])} · {m.orgName}{where ? ` · ${where}` : ''}</span>
      <span className="mm-item-badges">
        <MyPartBadges mine={m.mine} past={past} cancelled={m.status === 'cancelled'} />
        {past && m.minutesConfirmed ? <span className="mm-badge mm-badge-blue">{t('mmeetings.list.minutesReady')}</span> : null}
      </span>
    </button>
  );
}
