import { Card, Descriptions, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, MEETING_MODE_LABELS } from '@hongyun/shared';
import type { MeetingDetail } from '../../../api/meetings';
import { formatDate, orDash } from '../../../shared/format';
import { formatMeetingRange } from '../../../shared/meeting-time';
import { useLabel } from '../../../shared/labels';
import { MinutesStateTag } from './tags';

/** What, when, where and who of a meeting. */
export function MeetingSummaryCard({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const place = m.venue ? `${m.venue.name}（${m.venue.address}）` : m.place;

  return (
    <Card>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('meetings.field.org')}>{m.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.kind')}>{label(MEETING_KIND_LABELS[m.kind])}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.time')}>{formatMeetingRange(m.startsAt, m.endsAt)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.mode')}>{label(MEETING_MODE_LABELS[m.mode])}</Descriptions.Item>
        {m.mode !== 'online' ? <Descriptions.Item label={t('meetings.field.place')}>{orDash(place)}</Descriptions.Item> : null}
        {m.mode !== 'offline' ? (
          <Descriptions.Item label={t('meetings.field.onlineLink')}>
            {m.onlineLink ? <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{m.onlineLink}</Typography.Text> : '—'}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('meetings.field.host')}>{orDash(m.host?.name)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.recorder')}>{orDash(m.recorder?.name)}</Descriptions.Item>
        {m.lecturer ? <Descriptions.Item label={t('meetings.field.lecturer')}>{m.lecturer.name}{m.lecturer.memberId === null ? t('meetings.detail.external') : ''}</Descriptions.Item> : null}
        {m.partyGroup ? <Descriptions.Item label={t('meetings.field.partyGroup')}>{m.partyGroup.name}</Descriptions.Item> : null}
        <Descriptions.Item label={t('meetings.field.minutesDue')}>
          <Flex gap={8} align="center">
            {formatDate(m.minutesDueOn)}
            <MinutesStateTag state={m.minutesState} overdue={m.minutesOverdue} dueOn={m.minutesDueOn} cancelled={m.status === 'cancelled'} />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.createdBy')}>{orDash(m.createdByName)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.topics')} span={2}>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {m.topics.map((topic, i) => <li key={i}>{topic}</li>)}
          </ol>
        </Descriptions.Item>
        {m.guests.length ? (
          <Descriptions.Item label={t('meetings.field.guests')} span={2}>
            {m.guests.map((g) => (g.note ? `${g.name}（${g.note}）` : g.name)).join('、')}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Flex gap={40} wrap style={{ marginTop: 16 }}>
        <Statistic title={t('meetings.count.invited')} value={m.counts.invited} />
        <Statistic title={t('meetings.count.attending')} value={m.counts.attending} />
        <Statistic title={t('meetings.count.leaveRequested')} value={m.counts.leaveRequested} />
        <Statistic title={t('meetings.count.present')} value={m.counts.present} />
        {m.mode !== 'offline' ? <Statistic title={t('meetings.count.online')} value={m.counts.online} /> : null}
      </Flex>
    </Card>
  );
}
