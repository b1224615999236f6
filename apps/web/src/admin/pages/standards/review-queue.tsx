import { useState } from 'react';
import { Button, Flex, Input, Rate, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_STATUS_LABELS, ASSESSMENT_STATUSES, type AssessmentStatus } from '@hongyun/shared';
import { useAssessments, type AssessmentSummary } from '../../../api/standards';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { ErrorAlert } from '../../components/error-alert';
import { STATUS_COLORS } from './assessment-form';
import { currentYear, recentYears } from './kinds';
import { ReviewDrawer } from './review-drawer';

/** 审核: assessments of the organisations below the reviewer, waiting ones first. */
export function ReviewQueue() {
  const { t } = useTranslation();
  const label = useLabel();
  const [status, setStatus] = useState<AssessmentStatus | undefined>('submitted');
  const [year, setYear] = useState<number | undefined>(currentYear());
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useAssessments({ status, year, q, ...page });
  const [open, setOpen] = useState<number | null>(null);

  const columns: TableColumnsType<AssessmentSummary> = [
    { key: 'org', title: t('standards.field.org'), render: (_, a) => a.orgName },
    { key: 'year', title: t('standards.year'), width: 90, render: (_, a) => a.year },
    { key: 'status', title: t('standards.field.status'), width: 110, render: (_, a) => <Tag color={STATUS_COLORS[a.status]}>{label(ASSESSMENT_STATUS_LABELS[a.status])}</Tag> },
    { key: 'claimed', title: t('standards.field.claimed'), width: 100, align: 'right', render: (_, a) => `${a.claimedCount} / 6` },
    { key: 'stars', title: t('standards.field.stars'), width: 170, render: (_, a) => (a.status === 'accepted' ? <Rate disabled count={6} value={a.stars ?? 0} style={{ fontSize: 14 }} /> : '—') },
    { key: 'submitted', title: t('standards.field.submittedAt'), width: 160, render: (_, a) => formatDateTime(a.submittedAt) },
    { key: 'actions', title: t('common.actions'), width: 100, render: (_, a) => <Button type="link" size="small" onClick={() => setOpen(a.id)}>{a.status === 'submitted' ? t('standards.review.open') : t('standards.review.view')}</Button> },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap>
        <Input.Search aria-label={t('standards.filter.search')} placeholder={t('standards.filter.search')} allowClear style={{ width: 240 }} onSearch={(v) => { setQ(v.trim() || undefined); setPage((p) => ({ ...p, page: 1 })); }} />
        <Select aria-label={t('standards.field.status')} placeholder={t('standards.filter.status')} allowClear style={{ width: 140 }} value={status}
          onChange={(v) => { setStatus(v); setPage((p) => ({ ...p, page: 1 })); }} options={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: label(ASSESSMENT_STATUS_LABELS[s]) }))} />
        <Select aria-label={t('standards.year')} allowClear placeholder={t('standards.filter.anyYear')} style={{ width: 120 }} value={year}
          onChange={(v) => { setYear(v); setPage((p) => ({ ...p, page: 1 })); }} options={recentYears().map((y) => ({ value: y, label: t('standards.yearLabel', { year: y }) }))} />
      </Flex>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<AssessmentSummary>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching}
        locale={{ emptyText: status === 'submitted' ? t('standards.review.emptyQueue') : t('common.noData') }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
      />
      {open ? <ReviewDrawer assessmentId={open} onClose={() => setOpen(null)} /> : null}
    </Flex>
  );
}
