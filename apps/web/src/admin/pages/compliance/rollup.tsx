import { Card, Checkbox, Flex, Select, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, ORG_KIND_INFO } from '@hongyun/shared';
import { useMe } from '../../../api/auth';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { ErrorAlert } from '../../components/error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { currentYear, recentYears, useRollup, type KindSummary, type RollupRow } from './api';

const PAGE_SIZE = 50;

/** "met / required", with missed and due counts beside it. */
function KindCell({ s }: { s: KindSummary }) {
  const { t } = useTranslation();
  if (s.required === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      <span>{t('compliance.rollup.metOf', { met: s.met, required: s.required })}</span>
      <Flex gap={4} wrap>
        {s.missed ? <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('compliance.rollup.missedN', { n: s.missed })}</Tag> : null}
        {s.due ? <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('compliance.rollup.dueN', { n: s.due })}</Tag> : null}
        {s.exempt ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('compliance.rollup.exemptN', { n: s.exempt })}</Tag> : null}
      </Flex>
    </Flex>
  );
}

/** Town and city rollup: each direct child's cells by kind, by name; drill down to towns, organisations and grids. */
export function RollupView() {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const rootOrgId = Number(params.get('rootOrgId')) || undefined;
  const page = Number(params.get('page')) || 1;
  const missedOnly = params.get('missedOnly') === 'true';
  const rollup = useRollup({ rootOrgId, year, page, pageSize: PAGE_SIZE, missedOnly: missedOnly ? 'true' : undefined });
  const data = rollup.data;
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...patch })) {
      if (v === undefined || v === '' || (k === 'year' && v === currentYear())) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  const mine = new Set(me.data?.grants.map((g) => g.orgId));
  const drill = (r: RollupRow) => (r.isBranchLike ? `/compliance/${r.orgId}${year === currentYear() ? '' : `?year=${year}`}` : `/compliance?rootOrgId=${r.orgId}${year === currentYear() ? '' : `&year=${year}`}`);

  const columns: TableColumnsType<RollupRow> = [
    {
      key: 'org', title: t('compliance.rollup.org'), fixed: 'left', width: 240,
      render: (_, r) => <span><Link to={drill(r)}>{r.orgName}</Link> <Typography.Text type="secondary">{label(ORG_KIND_INFO[r.orgKind])}</Typography.Text></span>,
    },
    { key: 'branches', title: t('compliance.rollup.branches'), width: 90, render: (_, r) => r.branches },
    { key: 'withMissed', title: <Tooltip title={t('compliance.rollup.withMissedHint')}>{t('compliance.rollup.withMissed')}</Tooltip>, width: 110, render: (_, r) => (r.orgsWithMissed ? <Tag color="red">{r.orgsWithMissed}</Tag> : 0) },
    ...(data?.rules ?? []).map((rule) => ({
      key: rule.kind, width: 130,
      title: <Tooltip title={rule.citation}>{label(MEETING_KIND_LABELS[rule.kind])}</Tooltip>,
      render: (_: unknown, r: RollupRow) => <KindCell s={r.byKind.find((k) => k.kind === rule.kind)!} />,
    })),
  ];

  const total = data?.total;
  // A branch has no rollup of its own: its grid is the answer (a secretary's scope).
  if (data && ORG_KIND_INFO[data.root.kind].isBranchLike) return <Navigate to={`/compliance/${data.root.id}${year === currentYear() ? '' : `?year=${year}`}`} replace />;
  return (
    <>
      <PageHeader title={t('compliance.title')}>
        <Typography.Text type="secondary">{t('compliance.rollup.hint')}</Typography.Text>
      </PageHeader>
      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="center">
          <OrgTreeSelect aria-label={t('compliance.rollup.root')} value={rootOrgId ?? data?.root.id} onChange={(v) => set({ rootOrgId: v })} allowClear={false} style={{ width: 300 }} />
          <Select aria-label={t('compliance.year')} value={year} onChange={(v) => set({ year: v })} style={{ width: 120 }} options={recentYears().map((y) => ({ value: y, label: t('compliance.yearLabel', { year: y }) }))} />
          <Checkbox checked={missedOnly} onChange={(e) => set({ missedOnly: e.target.checked ? 'true' : undefined })}>{t('compliance.rollup.missedOnly')}</Checkbox>
          {data && data.root.parentId && !mine.has(data.root.id) ? <Link to={`/compliance?rootOrgId=${data.root.parentId}${year === currentYear() ? '' : `&year=${year}`}`}>{t('compliance.rollup.up')}</Link> : null}
        </Flex>
        {rollup.isError ? <ErrorAlert error={rollup.error} onRetry={() => void rollup.refetch()} /> : null}
        {total ? (
          <Card size="small" title={t('compliance.rollup.totalTitle', { name: data.root.name, year })}>
            <Flex gap={32} wrap>
              <Statistic title={t('compliance.rollup.branches')} value={total.branches} />
              <Statistic title={t('compliance.summary.required')} value={total.summary.required} />
              <Statistic title={t('compliance.summary.met')} value={total.summary.met} />
              <Statistic title={t('compliance.summary.missed')} value={total.summary.missed} styles={total.summary.missed ? { content: { color: '#cf1322' } } : undefined} />
              <Statistic title={t('compliance.summary.due')} value={total.summary.due} />
              <Statistic title={t('compliance.summary.exempt')} value={total.summary.exempt} />
              <Statistic title={t('compliance.rollup.withMissed')} value={total.orgsWithMissed} />
            </Flex>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('compliance.rollup.definition', { at: formatDateTime(data.asOf) })}</Typography.Paragraph>
          </Card>
        ) : null}
        <Table<RollupRow>
          rowKey="orgId" size="small" columns={columns} dataSource={data?.rows ?? []} loading={rollup.isFetching} scroll={{ x: 1200 }}
          locale={{ emptyText: missedOnly ? t('compliance.rollup.noneMissed') : t('compliance.rollup.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.totalRows ?? 0, onChange: (p) => set({ page: p === 1 ? undefined : p }), showTotal: (n) => t('common.total', { total: n }) }}
        />
      </Flex>
    </>
  );
}
