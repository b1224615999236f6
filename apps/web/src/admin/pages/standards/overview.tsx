import { Card, Empty, Flex, Rate, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_STATUS_LABELS, ORG_KIND_INFO } from '@hongyun/shared';
import { useMe } from '../../../api/auth';
import { useStandardsOverview, type Overview, type OverviewQuery } from '../../../api/standards';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { ErrorAlert } from '../../components/error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { CarrierFilterTag } from '../../components/carrier-filter-tag';
import { STATUS_COLORS } from './assessment-form';
import { currentYear, recentYears } from './kinds';

type Row = Overview['rows'][number];
type Filters = Omit<OverviewQuery, 'rootOrgId'> & { rootOrgId?: number };

const STATUSES: readonly Row['status'][] = ['none', 'draft', 'submitted', 'returned', 'accepted'];
const PAGE_SIZE = 50;
const starsOf = (v: string | null) => (v !== null && /^[0-6]$/.test(v) ? Number(v) : undefined);

/**
 * The filters live in the address, next to the page's `tab`, so the dashboard's "accepted" and
 * per-star figures (`?tab=overview&year=&status=accepted&stars=&townOrgId=`) land here narrowed
 * to exactly the organisations they count. A town from a drill-down is the statistics root.
 */
function useOverviewQuery() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const query: Filters = {
    rootOrgId: Number(params.get('rootOrgId')) || Number(params.get('townOrgId')) || undefined,
    year: Number(params.get('year')) || currentYear(),
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as Row['status']) : undefined,
    stars: starsOf(params.get('stars')),
    carrierId: Number(params.get('carrierId')) || undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || PAGE_SIZE,
  };
  /** Changes filters (back to page 1 unless the patch names a page), keeping the tab; defaults stay out of the address. */
  const update = (patch: Partial<Filters>) => {
    const next = { ...query, page: 1, ...patch };
    const search = new URLSearchParams();
    if (params.get('tab')) search.set('tab', params.get('tab')!);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || (k === 'page' && v === 1) || (k === 'pageSize' && v === PAGE_SIZE) || (k === 'year' && v === currentYear())) continue;
      search.set(k, String(v));
    }
    setParams(search, { replace: true });
  };
  return { query, update };
}

/** 达标情况: organisations × the six items under a city or town, with stars and counts. */
export function StandardsOverview() {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useMe();
  const { query, update } = useOverviewQuery();
  const rootOrgId = query.rootOrgId ?? me.data?.grants[0]?.orgId;
  const year = query.year ?? currentYear();
  const overview = useStandardsOverview(rootOrgId ? { ...query, rootOrgId } : undefined);
  const data = overview.data;

  const columns: TableColumnsType<Row> = [
    { key: 'org', title: t('standards.field.org'), fixed: 'left', width: 240, render: (_, r) => <span>{r.orgName} <Typography.Text type="secondary">{label(ORG_KIND_INFO[r.orgKind])}</Typography.Text></span> },
    { key: 'status', title: t('standards.field.status'), width: 100, render: (_, r) => (r.status === 'none' ? <Tag>{t('standards.overview.none')}</Tag> : <Tag color={STATUS_COLORS[r.status]}>{label(ASSESSMENT_STATUS_LABELS[r.status])}</Tag>) },
    ...(data?.template?.items ?? []).map((item) => ({
      key: `item${item.position}`, title: <span title={item.title}>{item.title.replace(/^有/, '')}</span>, width: 110, align: 'center' as const,
      render: (_: unknown, r: Row) => (r.metPositions.includes(item.position) ? <CheckOutlined style={{ color: '#389e0d' }} aria-label={t('standards.review.met')} /> : <Typography.Text type="secondary">—</Typography.Text>),
    })),
    { key: 'stars', title: t('standards.field.stars'), width: 170, render: (_, r) => (r.status === 'accepted' ? <Rate disabled count={6} value={r.stars ?? 0} style={{ fontSize: 14 }} /> : '—') },
  ];
  const starCount = (n: number) => data?.starCounts.find((s) => s.stars === n)?.n ?? 0;

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <OrgTreeSelect aria-label={t('standards.overview.root')} value={rootOrgId} onChange={(v) => update({ rootOrgId: v })} allowClear={false} style={{ width: 300 }} />
        <Select aria-label={t('standards.year')} value={year} onChange={(v) => update({ year: v })} style={{ width: 120 }} options={recentYears().map((y) => ({ value: y, label: t('standards.yearLabel', { year: y }) }))} />
        <Select aria-label={t('standards.field.status')} placeholder={t('standards.filter.status')} allowClear style={{ width: 140 }} value={query.status}
          onChange={(v) => update({ status: v })}
          options={[{ value: 'none' as const, label: t('standards.overview.none') }, ...(['draft', 'submitted', 'returned', 'accepted'] as const).map((s) => ({ value: s, label: label(ASSESSMENT_STATUS_LABELS[s]) }))]} />
        <Select aria-label={t('standards.field.stars')} placeholder={t('standards.filter.stars')} allowClear style={{ width: 120 }} value={query.stars}
          onChange={(v) => update({ stars: v })}
          options={[6, 5, 4, 3, 2, 1, 0].map((n) => ({ value: n, label: t('standards.stars', { n }) }))} />
        {query.carrierId ? <CarrierFilterTag carrierId={query.carrierId} townOrgId={query.rootOrgId} text={(name) => t('standards.filter.carrier', { name })} onClose={() => update({ carrierId: undefined })} /> : null}
      </Flex>
      {overview.isError ? <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} /> : null}
      {data && !data.template ? <Empty description={t('standards.overview.noTemplate', { year })} /> : null}
      {data?.template ? (
        <>
          <Card size="small">
            <Flex gap={32} wrap>
              <Statistic title={t('standards.overview.accepted')} value={data.statusCounts.accepted ?? 0} />
              <Statistic title={t('standards.overview.waiting')} value={data.statusCounts.submitted ?? 0} />
              <Statistic title={t('standards.overview.notStarted')} value={(data.statusCounts.none ?? 0) + (data.statusCounts.draft ?? 0) + (data.statusCounts.returned ?? 0)} />
              {[6, 5, 4, 3, 2, 1, 0].map((n) => <Statistic key={n} title={t('standards.stars', { n })} value={starCount(n)} />)}
            </Flex>
            <Typography.Text type="secondary">{t('standards.overview.definition', { at: formatDateTime(data.asOf) })}</Typography.Text>
          </Card>
          <Table<Row>
            rowKey="orgId" size="small" columns={columns} dataSource={data.rows} loading={overview.isFetching} scroll={{ x: 1100 }}
            locale={{ emptyText: t('standards.overview.empty') }}
            onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? PAGE_SIZE })}
            pagination={{ current: query.page, pageSize: query.pageSize, total: data.total, showSizeChanger: true, pageSizeOptions: [50, 100, 200], showTotal: (total) => t('common.total', { total }) }}
          />
        </>
      ) : null}
    </Flex>
  );
}
