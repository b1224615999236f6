import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COVERAGE_MODE_LABELS, SURVEY_STATUS_LABELS, SURVEY_STATUSES, type SurveyStatus } from '@hongyun/shared';
import { useOrgTree } from '../../../api/orgs';
import { useSurveyList, type Survey, type SurveyListQuery } from '../../../api/surveys';
import { formatDate } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { CarrierFilterTag } from '../../components/carrier-filter-tag';
import { CancelSurveyModal } from './cancel-modal';
import { CompleteSurveyModal } from './complete-modal';
import { SurveyDueTag } from './survey-tags';

/** A day count the API accepts (1–366), or none: a mistyped address then lists unfiltered rather than failing. */
const withinDays = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 366 ? n : undefined;
};

/** The filters live in the address, so the dashboard's "surveys due" links land here filtered. */
function useSurveyQuery() {
  const [params, setParams] = useSearchParams();
  const query: SurveyListQuery = {
    status: (SURVEY_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as SurveyStatus) : undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    dueWithinDays: withinDays(params.get('dueWithinDays')),
    townOrgId: Number(params.get('townOrgId')) || undefined,
    carrierId: Number(params.get('carrierId')) || undefined,
    q: params.get('q') || undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
  const update = (patch: Partial<SurveyListQuery>) => {
    const next = { ...query, page: 1, ...patch };
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === 20)) search.set(k, String(v));
    setParams(search, { replace: true });
  };
  return { query, update };
}

type Dialog = { kind: 'complete' | 'cancel'; survey: Survey } | null;

/** 排查摸底: the town's survey tasks for newly settled companies, overdue ones flagged. */
export function SurveysPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { query, update } = useSurveyQuery();
  const list = useSurveyList(query);
  const tree = useOrgTree(false);
  const towns = useMemo(() => (tree.data?.nodes ?? []).filter((n) => n.isTown).map((n) => ({ value: n.id, label: n.name })), [tree.data]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useState(query.q ?? '');
  const counts = list.data?.counts;

  const columns: TableColumnsType<Survey> = [
    { key: 'enterprise', title: t('surveys.field.enterprise'), width: 260, render: (_, s) => <Link to={`/enterprises/${s.enterpriseId}`}>{s.enterpriseName}</Link> },
    { key: 'town', title: t('surveys.field.town'), width: 140, render: (_, s) => s.townName },
    { key: 'created', title: t('surveys.field.createdAt'), width: 120, render: (_, s) => formatDate(s.createdAt) },
    { key: 'due', title: t('surveys.field.dueOn'), width: 120, render: (_, s) => formatDate(s.dueOn) },
    { key: 'state', title: t('surveys.field.status'), width: 140, render: (_, s) => <SurveyDueTag survey={s} /> },
    {
      key: 'result', title: t('surveys.field.result'), ellipsis: true,
      render: (_, s) => s.status === 'done' && s.recommendedMode
        ? t('surveys.list.resultText', { members: s.membersFound, full: s.fullMembersFound, mode: label(COVERAGE_MODE_LABELS[s.recommendedMode]) })
        : s.status === 'cancelled' ? <Typography.Text type="secondary">{s.cancelReason}</Typography.Text> : '—',
    },
    {
      key: 'actions', title: t('common.actions'), width: 180, fixed: 'right',
      render: (_, s) => s.status === 'open' ? (
        <Space>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'complete', survey: s })}>{t('surveys.complete.button')}</Button>
          <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'cancel', survey: s })}>{t('surveys.cancel.button')}</Button>
        </Space>
      ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('surveys.list.title')}>
        <Typography.Text type="secondary">{t('surveys.list.subtitle')}</Typography.Text>
      </PageHeader>
      <Flex vertical gap={16}>
        <Card>
          <Flex gap={48} wrap>
            <Statistic title={t('surveys.count.open')} value={counts?.open ?? '—'} />
            <Statistic title={t('surveys.count.overdue')} value={counts?.overdue ?? '—'} styles={counts?.overdue ? { content: { color: '#cf1322' } } : undefined} />
            <Statistic title={t('surveys.count.done')} value={counts?.done ?? '—'} />
            <Statistic title={t('surveys.count.cancelled')} value={counts?.cancelled ?? '—'} />
          </Flex>
          {list.data?.overdueByTown.length ? (
            <Flex gap={4} wrap align="center" style={{ marginTop: 12 }}>
              <Typography.Text>{t('surveys.list.overdueByTown')}</Typography.Text>
              {list.data.overdueByTown.map((o) => (
                <Tag.CheckableTag key={o.townOrgId} checked={query.townOrgId === o.townOrgId && query.overdue === 'true'}
                  onChange={(on) => update(on ? { townOrgId: o.townOrgId, overdue: 'true' } : { townOrgId: undefined, overdue: undefined })}>
                  {t('surveys.list.townOverdue', { town: o.townName, n: o.n })}
                </Tag.CheckableTag>
              ))}
            </Flex>
          ) : null}
          {list.data ? <Typography.Text type="secondary">{t('surveys.list.asOf', { date: list.data.today })}</Typography.Text> : null}
        </Card>
        <Card>
          <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
            <Input.Search
              aria-label={t('surveys.filter.search')}
              placeholder={t('surveys.filter.search')}
              allowClear
              style={{ width: 260 }}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(q) => update({ q: q.trim() || undefined })}
            />
            <Select
              aria-label={t('surveys.field.status')}
              placeholder={t('surveys.filter.status')}
              allowClear
              style={{ width: 140 }}
              value={query.status}
              onChange={(status) => update({ status })}
              options={SURVEY_STATUSES.map((s) => ({ value: s, label: label(SURVEY_STATUS_LABELS[s]) }))}
            />
            {towns.length > 1 ? (
              <Select aria-label={t('surveys.field.town')} placeholder={t('surveys.filter.town')} allowClear style={{ width: 180 }} value={query.townOrgId} onChange={(townOrgId) => update({ townOrgId })} options={towns} />
            ) : null}
            <Checkbox checked={query.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>{t('surveys.filter.overdueOnly')}</Checkbox>
            {/* Set only by the dashboard's "due soon" drill-down; shown so the narrowing is visible and can be removed. */}
            {query.dueWithinDays ? (
              <Tag closable color="orange" onClose={(e) => { e.preventDefault(); update({ dueWithinDays: undefined }); }}>{t('surveys.filter.dueWithin', { n: query.dueWithinDays })}</Tag>
            ) : null}
            {query.carrierId ? <CarrierFilterTag carrierId={query.carrierId} townOrgId={query.townOrgId} text={(name) => t('surveys.filter.carrier', { name })} onClose={() => update({ carrierId: undefined })} /> : null}
          </Flex>
          {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
          <Table<Survey>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1200 }}
            locale={{ emptyText: t('surveys.list.empty') }}
            onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
            pagination={{ current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (total) => t('common.total', { total }) }}
          />
        </Card>
      </Flex>
      {dialog?.kind === 'complete' ? <CompleteSurveyModal survey={dialog.survey} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'cancel' ? <CancelSurveyModal survey={dialog.survey} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
