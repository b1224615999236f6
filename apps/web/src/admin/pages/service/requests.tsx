import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, Rate, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, REQUEST_STATUSES, REQUEST_STATUS_LABELS, type RequestCategory, type RequestStatus } from '@hongyun/shared';
import { useOrgTree } from '../../../api/orgs';
import { useDepartments, useRequests, type RequestItem, type RequestQuery } from '../../../api/service';
import { formatDate, formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { useCan } from '../../access';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { CarrierFilterTag } from '../../components/carrier-filter-tag';
import { RaiseRequestModal } from './raise-request-modal';
import { RequestDrawer } from './request-drawer';
import { CategoryTag, RequestStatusTag } from './request-status';

const PAGE_SIZE = 20;
const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined => (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
const flag = (v: string | null): 'true' | undefined => (v === 'true' ? 'true' : undefined);

/**
 * The filters live in the address (the API's own vocabulary), so a dashboard figure's
 * drill-down — e.g. `?open=true&townOrgId=3` — lands here showing exactly the requests it counts.
 */
function useRequestQuery() {
  const [params, setParams] = useSearchParams();
  const query: RequestQuery = {
    status: oneOf<RequestStatus>(REQUEST_STATUSES, params.get('status')),
    open: flag(params.get('open')),
    overdue: flag(params.get('overdue')),
    departmentId: Number(params.get('departmentId')) || undefined,
    townOrgId: Number(params.get('townOrgId')) || undefined,
    carrierId: Number(params.get('carrierId')) || undefined,
    category: oneOf<RequestCategory>(REQUEST_CATEGORIES, params.get('category')),
    q: params.get('q') || undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || PAGE_SIZE,
  };
  /** Changes filters (back to page 1 unless the patch names a page); defaults stay out of the address. */
  const update = (patch: Partial<RequestQuery>) => {
    const next = { ...query, page: 1, ...patch };
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === PAGE_SIZE)) search.set(k, String(v));
    setParams(search, { replace: true });
  };
  return { query, update };
}

/** 企业诉求: requests in scope (a department: its own), overdue first, each opened in a drawer. */
export function RequestsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const can = useCan();
  const { query, update } = useRequestQuery();
  const [search, setSearch] = useState(query.q ?? '');
  const [open, setOpen] = useState<number | null>(null);
  const [raising, setRaising] = useState(false);
  const departments = useDepartments();
  const requests = useRequests(query);
  // A department account reads no organisations: it filters by its own requests only.
  const tree = useOrgTree(false, can('org.read'));
  const towns = useMemo(() => (tree.data?.nodes ?? []).filter((n) => n.isTown).map((n) => ({ value: n.id, label: n.name })), [tree.data]);

  const columns: TableColumnsType<RequestItem> = [
    { key: 'title', title: t('service.request.title'), render: (_, r) => <Typography.Link onClick={() => setOpen(r.id)}>{r.title}</Typography.Link> },
    { key: 'enterprise', title: t('service.field.enterprise'), width: 220, render: (_, r) => <>{r.enterpriseName}<div style={{ fontSize: 12, color: '#888' }}>{r.townName}</div></> },
    { key: 'category', title: t('service.request.category'), width: 100, render: (_, r) => <CategoryTag category={r.category} /> },
    { key: 'department', title: t('service.request.department'), width: 150, render: (_, r) => r.departmentName },
    { key: 'status', title: t('service.request.status'), width: 150, render: (_, r) => <RequestStatusTag status={r.status} overdue={r.overdue} /> },
    { key: 'due', title: t('service.request.dueOn'), width: 110, render: (_, r) => <Typography.Text type={r.overdue ? 'danger' : undefined}>{formatDate(r.dueOn)}</Typography.Text> },
    { key: 'satisfaction', title: t('service.request.satisfaction'), width: 140, render: (_, r) => (r.satisfaction ? <Rate disabled value={r.satisfaction} style={{ fontSize: 12 }} /> : '—') },
    { key: 'created', title: t('service.request.createdAt'), width: 150, render: (_, r) => formatDateTime(r.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('service.request.pageTitle')}
        extra={can('request.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>{t('service.request.raise')}</Button> : null}
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }} align="center">
          <Input.Search allowClear style={{ width: 220 }} placeholder={t('service.request.search')} aria-label={t('service.request.search')}
            value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => update({ q: v.trim() || undefined })} />
          <Select allowClear style={{ width: 130 }} placeholder={t('service.request.status')} value={query.status} onChange={(v) => update({ status: v })}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: label(REQUEST_STATUS_LABELS[s]) }))} />
          <Select allowClear style={{ width: 180 }} placeholder={t('service.request.department')} value={query.departmentId} onChange={(v) => update({ departmentId: v })}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          {/* Shown when there is a choice, or when a drill-down narrowed to a town (so it can be cleared). */}
          {towns.length > 1 || query.townOrgId ? (
            <Select allowClear style={{ width: 180 }} placeholder={t('service.request.town')} aria-label={t('service.request.town')} value={query.townOrgId} onChange={(v) => update({ townOrgId: v })}
              options={towns} />
          ) : null}
          <Select allowClear style={{ width: 130 }} placeholder={t('service.request.category')} value={query.category} onChange={(v) => update({ category: v })}
            options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: label(REQUEST_CATEGORY_LABELS[c]) }))} />
          <Checkbox checked={query.open === 'true'} onChange={(e) => update({ open: e.target.checked ? 'true' : undefined })}>{t('service.request.onlyOpen')}</Checkbox>
          <Checkbox checked={query.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>{t('service.request.onlyOverdue')}</Checkbox>
          {query.carrierId ? <CarrierFilterTag carrierId={query.carrierId} townOrgId={query.townOrgId} text={(name) => t('service.request.carrier', { name })} onClose={() => update({ carrierId: undefined })} /> : null}
        </Flex>
        {requests.isError ? <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} /> : null}
        <Table<RequestItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={requests.data?.items ?? []}
          loading={requests.isFetching}
          scroll={{ x: 1200 }}
          locale={{ emptyText: t('service.request.empty') }}
          pagination={{ current: query.page, pageSize: query.pageSize, total: requests.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => update({ page: p, pageSize: s }) }}
        />
      </Card>
      <RequestDrawer id={open} onClose={() => setOpen(null)} />
      {raising ? <RaiseRequestModal preset={{}} onClose={() => setRaising(false)} /> : null}
    </>
  );
}
