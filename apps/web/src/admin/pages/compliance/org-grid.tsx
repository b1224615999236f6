import { Alert, Button, Card, Flex, Select, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, ORG_KIND_INFO, type ExemptionStatus } from '@hongyun/shared';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/page-state';
import { currentYear, ledgerXlsxUrl, recentYears, useOrgCompliance, type Exemption, type GridRow, type OrgCompliance } from './api';
import { GridCellView } from './grid-cell';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const EXEMPTION_COLORS: Record<ExemptionStatus, string> = { requested: 'gold', approved: 'blue', rejected: 'default' };

/** One organisation's year: kind × period with the meetings behind each cell, deadlines, exemptions and the 换届 date. */
export function OrgGrid({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const grid = useOrgCompliance(orgId, year);
  const data = grid.data;

  return (
    <>
      <PageHeader
        title={data ? t('compliance.grid.title', { name: data.org.name }) : t('compliance.title')}
        extra={
          <>
            <Select aria-label={t('compliance.year')} value={year} onChange={(v) => setParams(v === currentYear() ? {} : { year: String(v) }, { replace: true })} style={{ width: 120 }}
              options={recentYears().map((y) => ({ value: y, label: t('compliance.yearLabel', { year: y }) }))} />
            <Button icon={<PrinterOutlined />} href={`/print/ledger/${orgId}/${year}`} target="_blank">{t('compliance.ledger.print')}</Button>
            <Button icon={<DownloadOutlined />} href={ledgerXlsxUrl(orgId, year)} download>{t('compliance.ledger.download')}</Button>
          </>
        }
      >
        {data ? <Typography.Text type="secondary">{label(ORG_KIND_INFO[data.org.kind])} · <Link to="/compliance">{t('compliance.grid.backToRollup')}</Link></Typography.Text> : null}
      </PageHeader>
      <QueryState query={grid}>
        {data ? <GridBody data={data} /> : null}
      </QueryState>
    </>
  );
}

function GridBody({ data }: { data: OrgCompliance }) {
  const { t } = useTranslation();
  const label = useLabel();
  const r = data.reelection;
  return (
    <Flex vertical gap={12}>
      {!data.org.isBranchLike ? (
        <Alert type="info" showIcon title={t('compliance.grid.notBranch')} action={<Link to={`/compliance?rootOrgId=${data.org.id}`}>{t('compliance.grid.openRollup')}</Link>} />
      ) : null}
      {data.deadlines.length ? (
        <Alert type="warning" showIcon title={t('compliance.grid.deadlines')} description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{data.deadlines.map((d) => <li key={`${d.kind}${d.partyGroupId}${d.periodKey}`}>{d.title}</li>)}</ul>} />
      ) : null}
      {r?.termDue ? (
        <Alert type={r.overdue ? 'error' : r.dueSoon ? 'warning' : 'info'} showIcon
          title={r.overdue ? t('compliance.reelection.overdue', { date: r.termDue, n: -(r.daysLeft ?? 0) }) : r.dueSoon ? t('compliance.reelection.soon', { date: r.termDue, n: r.daysLeft ?? 0 }) : t('compliance.reelection.ok', { date: r.termDue, start: r.termStart })} />
      ) : data.org.isBranchLike ? <Alert type="warning" showIcon title={t('compliance.reelection.none')} /> : null}
      {data.org.isBranchLike ? (
        <Card size="small">
          <Flex gap={32} wrap>
            <Statistic title={t('compliance.summary.required')} value={data.summary.required} />
            <Statistic title={t('compliance.summary.met')} value={data.summary.met} />
            <Statistic title={t('compliance.summary.missed')} value={data.summary.missed} styles={data.summary.missed ? { content: { color: '#cf1322' } } : undefined} />
            <Statistic title={t('compliance.summary.due')} value={data.summary.due} />
            <Statistic title={t('compliance.summary.exempt')} value={data.summary.exempt} />
            <Statistic title={t('compliance.summary.upcoming')} value={data.summary.upcoming} />
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('compliance.grid.definition', { at: formatDateTime(data.asOf) })}</Typography.Paragraph>
        </Card>
      ) : null}
      <Card size="small" styles={{ body: { overflowX: 'auto' } }}>
        <table style={{ width: '100%', minWidth: 1000, borderCollapse: 'separate', borderSpacing: 4, tableLayout: 'fixed' }}>
          <caption style={{ textAlign: 'left', paddingBottom: 4 }}><Typography.Text type="secondary">{t('compliance.grid.caption')}</Typography.Text></caption>
          <thead>
            <tr>
              <th scope="col" style={{ width: 170, textAlign: 'left' }}>{t('compliance.grid.kind')}</th>
              {MONTHS.map((m) => <th key={m} scope="col" style={{ fontWeight: 500 }}>{t('compliance.grid.month', { m })}</th>)}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => <GridLine key={`${row.kind}${row.partyGroupId}`} orgId={data.org.id} row={row} canRequest={data.abilities.requestExemption} />)}
          </tbody>
        </table>
      </Card>
      <ExemptionList items={data.exemptions} kindLabel={(k) => label(MEETING_KIND_LABELS[k])} />
    </Flex>
  );
}

function GridLine({ orgId, row, canRequest }: { orgId: number; row: GridRow; canRequest: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const span = row.period === 'month' ? 1 : row.period === 'quarter' ? 3 : 12;
  return (
    <tr>
      <th scope="row" style={{ textAlign: 'left', fontWeight: 400, verticalAlign: 'top' }}>
        <Tooltip title={row.citation}><span>{row.partyGroupName ? `${row.partyGroupName} · ` : ''}{label(MEETING_KIND_LABELS[row.kind])}</span></Tooltip>
        <div style={{ fontSize: 12, color: '#888' }}>{row.applies ? t(`compliance.grid.rule.${row.period}`, { n: row.times }) : row.notApplicableReason}</div>
      </th>
      {row.applies
        ? row.cells.map((cell) => <td key={cell.periodKey} colSpan={span}><GridCellView orgId={orgId} row={row} cell={cell} canRequest={canRequest} /></td>)
        : <td colSpan={12} style={{ color: '#888', fontSize: 12, background: '#fafafa', borderRadius: 4, padding: 8 }}>{t('compliance.grid.notApplicable')}</td>}
    </tr>
  );
}

function ExemptionList({ items, kindLabel }: { items: Exemption[]; kindLabel: (k: Exemption['kind']) => string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Exemption> = [
    { key: 'period', title: t('compliance.exemption.period'), width: 160, render: (_, e) => `${e.periodLabel} ${kindLabel(e.kind)}` },
    { key: 'reason', title: t('compliance.exemption.reason'), render: (_, e) => e.reason },
    { key: 'status', title: t('compliance.exemption.status'), width: 100, render: (_, e) => <Tag color={EXEMPTION_COLORS[e.status]}>{t(`compliance.exemption.statuses.${e.status}`)}</Tag> },
    { key: 'decision', title: t('compliance.exemption.decisionNote'), width: 220, render: (_, e) => (e.decidedAt ? <>{e.decisionNote ?? '—'}<div style={{ fontSize: 12, color: '#888' }}>{e.decidedByName} · {formatDateTime(e.decidedAt)}</div></> : '—') },
  ];
  return (
    <Card size="small" title={t('compliance.exemption.listTitle')}>
      <Table<Exemption> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} locale={{ emptyText: t('compliance.exemption.none') }} />
    </Card>
  );
}
