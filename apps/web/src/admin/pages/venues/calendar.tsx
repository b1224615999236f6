import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addDays, todayInShanghai, VENUE_KIND_LABELS } from '@hongyun/shared';
import { formatDateTime, orDash } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { ErrorAlert } from '../../components/error-alert';
import { QueryState } from '../../components/page-state';
import { PageHeader } from '../../components/page-header';
import { useVenue, useVenueBookings, type Booking, type OpeningSlot } from './api';
import { hoursSummary, WEEKDAYS } from './hours';

/** The Monday of the week holding `date` ('YYYY-MM-DD'). */
function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** One venue's week: opening hours per day and who booked which slot (meeting, organisation, time). */
export function VenueCalendarPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const id = Number(useParams().venueId);
  const [params, setParams] = useSearchParams();
  const today = todayInShanghai();
  const week = mondayOf(isDate(params.get('week')) ? params.get('week')! : today);
  const to = addDays(week, 6);
  const venue = useVenue(id);
  const bookings = useVenueBookings(id, week, to);
  const go = (monday: string) => setParams(monday === mondayOf(today) ? {} : { week: monday }, { replace: true });
  const dayName = (d: number) => t(`venues.weekday.${d}`);

  const v = venue.data;
  return (
    <>
      <PageHeader title={v ? v.name : t('venues.calendarTitle')} extra={<Link to="/venues"><Button>{t('venues.backToList')}</Button></Link>}>
        {v ? (
          <Flex gap={8} wrap align="center">
            <Tag>{label(VENUE_KIND_LABELS[v.kind])}</Tag>
            {v.closedAt ? <Tag>{t('venues.closedTag')}</Tag> : null}
            <Typography.Text type="secondary">{v.orgName} · {v.address} · {t('venues.people', { n: v.capacity })} · {orDash(v.contactName)} {v.contactPhone ?? ''}</Typography.Text>
          </Flex>
        ) : null}
      </PageHeader>
      <QueryState query={venue}>
        <Card>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            <Flex gap={8} align="center">
              <Button icon={<LeftOutlined />} aria-label={t('venues.prevWeek')} onClick={() => go(addDays(week, -7))} />
              <Typography.Text strong>{t('venues.weekOf', { from: week, to })}</Typography.Text>
              <Button icon={<RightOutlined />} aria-label={t('venues.nextWeek')} onClick={() => go(addDays(week, 7))} />
              <Button onClick={() => go(mondayOf(today))}>{t('venues.thisWeek')}</Button>
            </Flex>
            <Typography.Text type="secondary">{t('venues.hoursLine', { hours: v ? hoursSummary(v.openingHours, dayName, (a, b) => t('venues.dayRange', { from: a, to: b })) || t('venues.byArrangement') : '' })}</Typography.Text>
          </Flex>
          {v?.closedAt ? <Typography.Paragraph type="warning">{t('venues.closedNotice', { at: formatDateTime(v.closedAt) })}</Typography.Paragraph> : null}
          {bookings.isError ? <ErrorAlert error={bookings.error} onRetry={() => void bookings.refetch()} /> : null}
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(130px, 1fr))', gap: 8, overflowX: 'auto' }}>
            {WEEKDAYS.map((d) => {
              const date = addDays(week, d - 1);
              const day = (bookings.data?.items ?? []).filter((b) => formatDateTime(b.startsAt).slice(0, 10) === date);
              return <DayColumn key={d} date={date} name={dayName(d)} today={date === today} slots={(v?.openingHours ?? []).filter((s) => s.weekday === d)} anyHours={(v?.openingHours.length ?? 0) > 0} bookings={day} />;
            })}
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('venues.calendarHint')}</Typography.Paragraph>
        </Card>
      </QueryState>
    </>
  );
}

function DayColumn({ date, name, today, slots, anyHours, bookings }: { date: string; name: string; today: boolean; slots: OpeningSlot[]; anyHours: boolean; bookings: Booking[] }) {
  const { t } = useTranslation();
  const closed = anyHours && slots.length === 0;
  return (
    <section aria-label={`${name} ${date}`} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, background: closed ? '#fafafa' : today ? '#fff7f7' : '#fff', minHeight: 160 }}>
      <Typography.Text strong>{name}</Typography.Text> <Typography.Text type="secondary">{date.slice(5)}</Typography.Text>
      <div style={{ fontSize: 12, color: '#888', margin: '4px 0 8px' }}>
        {closed ? t('venues.closedDay') : slots.length ? slots.map((s) => `${s.opens}—${s.closes}`).join('、') : t('venues.byArrangement')}
      </div>
      {bookings.length === 0 ? (closed ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('venues.free')} styles={{ image: { height: 28 } }} />) : null}
      <Flex vertical gap={6}>
        {bookings.map((b) => (
          <div key={`${b.startsAt}${b.title}`} style={{ borderLeft: '3px solid #c41d1d', padding: '2px 6px', background: '#fff1f0' }}>
            <div style={{ fontSize: 12 }}>{formatDateTime(b.startsAt).slice(11)}—{formatDateTime(b.endsAt).slice(11)}</div>
            <div style={{ fontSize: 13 }}>{b.meetingId ? <Link to={`/meetings/${b.meetingId}`}>{b.title}</Link> : b.title}</div>
            <div style={{ fontSize: 12, color: '#888' }}>{b.orgName}</div>
          </div>
        ))}
      </Flex>
    </section>
  );
}
