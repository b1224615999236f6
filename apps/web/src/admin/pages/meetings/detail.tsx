import { useState } from 'react';
import { Alert, Button, Card, Flex, Tabs, Tag } from 'antd';
import { EditOutlined, QrcodeOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, MEETING_MODE_LABELS } from '@hongyun/shared';
import { useMeeting, type MeetingDetail } from '../../../api/meetings';
import { useLabel } from '../../../shared/labels';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/page-state';
import { AttachmentsPanel } from './attachments';
import { AttendeesPanel } from './attendees';
import { CancelMeetingModal } from './cancel-modal';
import { MinutesPanel } from './minutes';
import { MeetingSummaryCard } from './summary';
import { ThreadPanel } from './thread';
import { VotesPanel } from './votes';

const TABS = ['attendees', 'minutes', 'votes', 'thread', 'files'] as const;
type TabKey = (typeof TABS)[number];

/** One meeting: summary, replies and attendance, minutes, votes (党员大会), the thread and optional files. */
export function MeetingDetailPage() {
  const params = useParams();
  const meeting = useMeeting(Number(params.meetingId));
  return <QueryState query={meeting}>{meeting.data ? <MeetingView meeting={meeting.data} /> : null}</QueryState>;
}

function MeetingView({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const [cancelling, setCancelling] = useState(false);
  const requested = search.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(requested ?? '') ? (requested as TabKey) : 'attendees';
  const pendingLeave = m.counts.leaveRequested;

  const items = [
    { key: 'attendees', label: pendingLeave ? t('meetings.tab.attendeesPending', { n: pendingLeave }) : t('meetings.tab.attendees'), children: <AttendeesPanel meeting={m} /> },
    { key: 'minutes', label: t('meetings.tab.minutes'), children: <MinutesPanel meeting={m} /> },
    ...(m.kind === 'generalMeeting' ? [{ key: 'votes', label: t('meetings.tab.votes'), children: <VotesPanel meeting={m} /> }] : []),
    { key: 'thread', label: t('meetings.tab.thread'), children: <ThreadPanel meeting={m} /> },
    { key: 'files', label: t('meetings.tab.files'), children: <AttachmentsPanel meeting={m} /> },
  ];

  return (
    <>
      <PageHeader
        title={m.title}
        extra={
          <>
            {m.abilities.canShowSignInCode && m.mode !== 'online' ? (
              <Button icon={<QrcodeOutlined />} href={`/meetings/${m.id}/screen`} target="_blank">{t('meetings.detail.screen')}</Button>
            ) : null}
            {m.abilities.canEdit ? <Button icon={<EditOutlined />} onClick={() => navigate(`/meetings/${m.id}/edit`)}>{t('common.edit')}</Button> : null}
            {m.abilities.canCancel ? <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>{t('meetings.cancel.button')}</Button> : null}
          </>
        }
      >
        <Flex gap={4} wrap style={{ marginTop: 4 }}>
          <Tag color="red">{label(MEETING_KIND_LABELS[m.kind])}</Tag>
          <Tag>{label(MEETING_MODE_LABELS[m.mode])}</Tag>
          {m.status === 'cancelled' ? <Tag>{t('meetings.status.cancelled')}</Tag> : null}
        </Flex>
      </PageHeader>
      <Flex vertical gap={16}>
        {m.status === 'cancelled' ? <Alert type="warning" showIcon title={t('meetings.detail.cancelled')} description={m.cancelledReason} /> : null}
        <MeetingSummaryCard meeting={m} />
        <Card>
          <Tabs
            activeKey={items.some((i) => i.key === tab) ? tab : 'attendees'}
            onChange={(key) => setSearch(key === 'attendees' ? {} : { tab: key }, { replace: true })}
            items={items}
          />
        </Card>
      </Flex>
      {cancelling ? <CancelMeetingModal meeting={m} onClose={() => setCancelling(false)} /> : null}
    </>
  );
}
