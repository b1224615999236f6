import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { VENUE_KINDS, VENUE_KIND_LABELS, type VenueKind } from '@hongyun/shared';
import { errorText } from '../../../shared/errors';
import { orDash } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { useCan } from '../../access';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useSetVenueClosed, useVenues, type Venue } from './api';
import { hoursSummary } from './hours';
import { VenueFormModal } from './venue-form';

const PAGE_SIZE = 20;

/** 阵地: the city's shared venues (党群服务中心, 党群驿站, 红创空间) to book for meetings; managers register and edit them. */
export function VenuesPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const can = useCan();
  const { message, modal } = App.useApp();
  const [kind, setKind] = useState<VenueKind | undefined>();
  const [q, setQ] = useState('');
  const [includeClosed, setIncludeClosed] = useState(false);
  const [page, setPage] = useState(1);
  const venues = useVenues({ kind, q: q || undefined, includeClosed: includeClosed ? 'true' : undefined, page, pageSize: PAGE_SIZE });
  const setClosed = useSetVenueClosed();
  const [editing, setEditing] = useState<Venue | 'new' | null>(null);
  const hours = (v: Venue) => hoursSummary(v.openingHours, (d) => t(`venues.weekday.${d}`), (a, b) => t('venues.dayRange', { from: a, to: b })) || t('venues.byArrangement');

  const confirmClose = (v: Venue) =>
    modal.confirm({
      title: t('venues.closeConfirm', { name: v.name }),
      content: v.upcomingBookings > 0 ? t('venues.closeWithBookings', { n: v.upcomingBookings }) : t('venues.closeText'),
      okText: t('venues.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => setClosed.mutateAsync({ id: v.id, version: v.version, closed: true }).then(() => message.success(t('venues.closed')), (e: unknown) => message.error(errorText(t, e))),
    });
  const reopen = (v: Venue) =>
    setClosed.mutate({ id: v.id, version: v.version, closed: false }, { onSuccess: () => message.success(t('venues.reopened')), onError: (e) => message.error(errorText(t, e)) });

  const columns: TableColumnsType<Venue> = [
    {
      key: 'name', title: t('venues.field.name'), width: 240,
      render: (_, v) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/venues/${v.id}`}>{v.name}</Link>
          <Space size={4}><Tag>{label(VENUE_KIND_LABELS[v.kind])}</Tag>{v.closedAt ? <Tag color="default">{t('venues.closedTag')}</Tag> : null}</Space>
        </Space>
      ),
    },
    { key: 'owner', title: t('venues.field.owner'), width: 160, render: (_, v) => v.orgName },
    { key: 'address', title: t('venues.field.address'), render: (_, v) => v.address },
    { key: 'capacity', title: t('venues.field.capacity'), width: 90, render: (_, v) => t('venues.people', { n: v.capacity }) },
    { key: 'hours', title: t('venues.field.hours'), width: 220, render: (_, v) => <Typography.Text style={{ fontSize: 13 }}>{hours(v)}</Typography.Text> },
    { key: 'contact', title: t('venues.field.contact'), width: 150, render: (_, v) => <>{orDash(v.contactName)}<div style={{ fontSize: 12, color: '#888' }}>{v.contactPhone}</div></> },
    { key: 'upcoming', title: t('venues.field.upcoming'), width: 90, render: (_, v) => v.upcomingBookings },
    {
      key: 'actions', title: t('common.actions'), width: 170, fixed: 'right',
      render: (_, v) => (
        <Space size={0}>
          <Link to={`/venues/${v.id}`}><Button type="link" size="small">{t('venues.calendar')}</Button></Link>
          {v.abilities.edit ? <Button type="link" size="small" onClick={() => setEditing(v)}>{t('common.edit')}</Button> : null}
          {v.abilities.edit && !v.closedAt ? <Button type="link" size="small" danger onClick={() => confirmClose(v)}>{t('venues.close')}</Button> : null}
          {v.abilities.edit && v.closedAt ? <Button type="link" size="small" onClick={() => reopen(v)}>{t('venues.reopen')}</Button> : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('venues.pageTitle')} extra={can('venue.manage') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('venues.create')}</Button> : null}>
        <Typography.Text type="secondary">{t('venues.hint')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('venues.searchPlaceholder')} aria-label={t('venues.searchPlaceholder')} style={{ width: 260 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
          <Select allowClear placeholder={t('venues.field.kind')} aria-label={t('venues.field.kind')} style={{ width: 160 }} value={kind}
            onChange={(v) => { setKind(v); setPage(1); }} options={VENUE_KINDS.map((k) => ({ value: k, label: label(VENUE_KIND_LABELS[k]) }))} />
          <Checkbox checked={includeClosed} onChange={(e) => { setIncludeClosed(e.target.checked); setPage(1); }}>{t('venues.includeClosed')}</Checkbox>
        </Flex>
        {venues.isError ? <ErrorAlert error={venues.error} onRetry={() => void venues.refetch()} /> : null}
        <Table<Venue>
          rowKey="id" size="middle" columns={columns} dataSource={venues.data?.items ?? []} loading={venues.isFetching} scroll={{ x: 1300 }}
          locale={{ emptyText: q || kind ? t('venues.emptyFiltered') : t('venues.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: venues.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      {editing ? <VenueFormModal venue={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
