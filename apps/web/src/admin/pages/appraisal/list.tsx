import { useState } from 'react';
import { Badge, Button, Flex, Progress, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { APPRAISAL_STAGE_LABELS, APPRAISAL_STAGES, type AppraisalStage } from '@hongyun/shared';
import { useAppraisals, type AppraisalSummary } from '../../../api/appraisal';
import { formatDate } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { CreateAppraisalModal } from './create-modal';
import { currentYear, StageTag } from './grades';

/** 民主评议党员: the campaigns of the caller's organisations, newest year first, with progress. */
export function AppraisalsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | undefined>(currentYear());
  const [stage, setStage] = useState<AppraisalStage | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useAppraisals({ year, stage, ...page });
  const years = Array.from({ length: 5 }, (_, i) => currentYear() - i);

  const columns: TableColumnsType<AppraisalSummary> = [
    { key: 'org', title: t('appraisal.field.org'), render: (_, c) => c.orgName },
    { key: 'title', title: t('appraisal.field.title'), render: (_, c) => <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/appraisals/${c.id}`)}>{c.title}</Button> },
    { key: 'year', title: t('appraisal.field.year'), width: 80, render: (_, c) => c.year },
    { key: 'stage', title: t('appraisal.field.stage'), width: 170, render: (_, c) => <StageTag stage={c.stage} /> },
    {
      key: 'progress', title: t('appraisal.field.progress'), width: 200,
      render: (_, c) => (
        <Flex vertical gap={0}>
          <span>{t('appraisal.list.finished', { done: c.finishedCount, total: c.participantCount })}</span>
          <Progress percent={c.participantCount ? Math.round((c.finishedCount / c.participantCount) * 100) : 0} size="small" showInfo={false} />
        </Flex>
      ),
    },
    { key: 'due', title: t('appraisal.field.reviewDueOn'), width: 120, render: (_, c) => formatDate(c.reviewDueOn) },
    { key: 'appeals', title: t('appraisal.field.openAppeals'), width: 100, align: 'center', render: (_, c) => (c.openAppealCount ? <Badge count={c.openAppealCount} /> : '—') },
  ];

  return (
    <>
      <PageHeader title={t('appraisal.title')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('appraisal.create.button')}</Button>}>
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('appraisal.intro')}</span>
      </PageHeader>
      <Flex vertical gap={12}>
        <Flex gap={12} wrap>
          <Select aria-label={t('appraisal.field.year')} allowClear placeholder={t('appraisal.filter.anyYear')} style={{ width: 130 }} value={year}
            onChange={(v) => { setYear(v); setPage((p) => ({ ...p, page: 1 })); }} options={years.map((y) => ({ value: y, label: t('appraisal.yearLabel', { year: y }) }))} />
          <Select aria-label={t('appraisal.field.stage')} allowClear placeholder={t('appraisal.filter.anyStage')} style={{ width: 200 }} value={stage}
            onChange={(v) => { setStage(v); setPage((p) => ({ ...p, page: 1 })); }} options={APPRAISAL_STAGES.map((s) => ({ value: s, label: label(APPRAISAL_STAGE_LABELS[s]) }))} />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<AppraisalSummary>
          rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching}
          locale={{ emptyText: t('appraisal.list.empty') }}
          onRow={(c) => ({ onDoubleClick: () => navigate(`/appraisals/${c.id}`) })}
          onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
        />
      </Flex>
      {creating ? <CreateAppraisalModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/appraisals/${id}`)} /> : null}
    </>
  );
}
