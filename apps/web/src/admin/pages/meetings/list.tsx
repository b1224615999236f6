import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, MEETING_KINDS, MEETING_MODE_LABELS, MEETING_STATUSES, type MeetingKind, type MeetingStatus } from '@hongyun/shared';
import { useMeetingList, type MeetingListQuery, type MeetingSummary } from '../../../api/meetings';
import { formatMeetingRange, isPast } from '../../../shared/meeting-time';
import { useLabel } from '../../../shared/labels';
import { useCan } from '../../access';
import { ErrorAlert } from '../../components/error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { MinutesStateTag, StatusTag } from './tags';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/** The filters live in the address, so a compliance drill-down can link here filtered. */
function useMeetingQuery() {
  const [params, setParams] = useSearchParams();
  const query: MeetingListQuery = {
    orgId: Number(params.get('orgId')) || undefined,
    kind: oneOf<MeetingKind>(MEETING_KINDS, params.get('kind')),
    status: oneOf<MeetingStatus>(MEETING_STATUSES, params.get('status')),
    from: DATE.test(params.get('from') ?? '') ? params.get('from') ?? undefined : undefined,
    to: DATE.test(params.get('to') ?? '') ? params.get('to') ?? undefined : undefined,
    q: params.get('q') || undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
  const update = (patch: Partial<MeetingListQuery>) => {
    const next = { ...query, page: 1, ...patch };
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === 20)) search.set(k, String(v));
    setParams(search, { replace: true });
  };
  return { query, update };
}

/** 三会一课: the meetings of the caller's organisations, newest first, with replies and minutes. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const can = useCan();
  const navigate = useNavigate();
  const { query, update } = useMeetingQuery();
  const list = useMeetingList(query);
  const [search, setSearch] = useState(query.q ?? '');

  // Planning starts from the organisation and kind being looked at.
  const preset = new URLSearchParams();
  if (query.orgId) preset.set('orgId', String(query.orgId));
  if (query.kind) preset.set('kind', query.kind);
  const planPath = `/meetings/new${preset.size ? `?${preset.toString()}` : ''}`;

  const columns: TableColumnsType<MeetingSummary> = [
    { key: 'time', title: t('meetings.field.time'), width: 190, render: (_, m) => formatMeetingRange(m.startsAt, m.endsAt) },
    {
      key: 'title', title: t('meetings.field.title'), ellipsis: true,
      render: (_, m) => (
        <Space size={4} wrap>
          <Link to={`/meetings/${m.id}`}>{m.title}</Link>
          <StatusTag status={m.status} />
        </Space>
      ),
    },
    { key: 'kind', title: t('meetings.field.kind'), width: 130, render: (_, m) => <Tag color="red">{label(MEETING_KIND_LABELS[m.kind])}</Tag> },
    { key: 'org', title: t('meetings.field.org'), width: 200, ellipsis: true, render: (_, m) => m.orgName },
    {
      key: 'place', title: t('meetings.field.place'), width: 180, ellipsis: true,
      render: (_, m) => m.mode === 'online' ? label(MEETING_MODE_LABELS.online) : (m.venueName ?? m.place ?? '—'),
    },
    {
      key: 'replies', title: t('meetings.field.replies'), width: 150,
      render: (_, m) => (
        <Flex vertical>
          <span>{t('meetings.list.repliesText', { attending: m.counts.attending, invited: m.counts.invited })}</span>
          {m.counts.leaveRequested > 0 ? <Typography.Text type="warning">{t('meetings.list.leavePending', { n: m.counts.leaveRequested })}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      key: 'present', title: t('meetings.field.present'), width: 110,
      render: (_, m) => (m.status === 'cancelled' || !isPast(m.startsAt) ? '—' : t('meetings.list.presentText', { present: m.counts.present, invited: m.counts.invited })),
    },
    { key: 'minutes', title: t('meetings.field.minutes'), width: 150, render: (_, m) => <MinutesStateTag state={m.minutesState} overdue={m.minutesOverdue} dueOn={m.minutesDueOn} cancelled={m.status === 'cancelled'} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('meetings.list.title')}
        extra={can('meeting.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(planPath)}>{t('meetings.list.plan')}</Button> : null}
      >
        <Typography.Text type="secondary">{t('meetings.list.subtitle')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label={t('meetings.filter.search')}
            placeholder={t('meetings.filter.search')}
            allowClear
            style={{ width: 220 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <OrgTreeSelect aria-label={t('meetings.field.org')} placeholder={t('meetings.filter.org')} value={query.orgId} onChange={(orgId) => update({ orgId })} style={{ width: 240 }} />
          <Select
            aria-label={t('meetings.field.kind')}
            placeholder={t('meetings.filter.kind')}
            allowClear
            style={{ width: 150 }}
            value={query.kind}
            onChange={(kind) => update({ kind })}
            options={MEETING_KINDS.map((k) => ({ value: k, label: label(MEETING_KIND_LABELS[k]) }))}
          />
          <DatePicker.RangePicker
            aria-label={t('meetings.filter.dates')}
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            allowEmpty={[true, true]}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          />
          <Select
            aria-label={t('meetings.field.status')}
            placeholder={t('meetings.filter.status')}
            allowClear
            style={{ width: 120 }}
            value={query.status}
            onChange={(status) => update({ status })}
            options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
          />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<MeetingSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1250 }}
          locale={{ emptyText: query.q || query.kind || query.from || query.to || query.status ? t('meetings.list.emptyFiltered') : t('meetings.list.empty') }}
          onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          pagination={{ current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
    </>
  );
}
