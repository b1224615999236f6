import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, Rate, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, REQUEST_STATUSES, REQUEST_STATUS_LABELS, type RequestCategory, type RequestStatus } from '@hongyun/shared';
import { useDepartments, useRequests, type RequestItem } from '../../../api/service';
import { formatDate, formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { useCan } from '../../access';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { RaiseRequestModal } from './raise-request-modal';
import { RequestDrawer } from './request-drawer';
import { CategoryTag, RequestStatusTag } from './request-status';

interface Filters {
  status?: RequestStatus;
  departmentId?: number;
  category?: RequestCategory;
  overdue?: boolean;
  q?: string;
}

/** 企业诉求: requests in scope (a department: its own), overdue first, each opened in a drawer. */
export function RequestsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<number | null>(null);
  const [raising, setRaising] = useState(false);
  const departments = useDepartments();
  const requests = useRequests({ ...filters, overdue: filters.overdue ? 'true' : undefined, ...page });
  const set = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, page: 1 }));
  };

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
          <Input.Search allowClear style={{ width: 220 }} placeholder={t('service.request.search')} aria-label={t('service.request.search')} onSearch={(v) => set({ q: v.trim() || undefined })} />
          <Select allowClear style={{ width: 130 }} placeholder={t('service.request.status')} value={filters.status} onChange={(v) => set({ status: v })}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: label(REQUEST_STATUS_LABELS[s]) }))} />
          <Select allowClear style={{ width: 180 }} placeholder={t('service.request.department')} value={filters.departmentId} onChange={(v) => set({ departmentId: v })}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          <Select allowClear style={{ width: 130 }} placeholder={t('service.request.category')} value={filters.category} onChange={(v) => set({ category: v })}
            options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: label(REQUEST_CATEGORY_LABELS[c]) }))} />
          <Checkbox checked={!!filters.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })}>{t('service.request.onlyOverdue')}</Checkbox>
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
          pagination={{ current: page.page, pageSize: page.pageSize, total: requests.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        />
      </Card>
      <RequestDrawer id={open} onClose={() => setOpen(null)} />
      {raising ? <RaiseRequestModal preset={{}} onClose={() => setRaising(false)} /> : null}
    </>
  );
}
