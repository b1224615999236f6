import { useState } from 'react';
import { Button, Card, Flex, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatRate } from '@hongyun/shared';
import { useCoverageRates, type CoverageRates, type DrillRate, type RatesQuery } from '../../../api/coverage';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/page-state';
import { idParam } from './dashboard';
import { formatAsOf } from './figure-card';
import { SuggestionList } from './suggestions';

type Row = CoverageRates['rows'][number];
const GROUPS = ['town', 'carrier', 'kind', 'sizeBand'] as const;

/** A rate with its numerator and denominator, each clickable to the companies behind it. */
function RateCell({ rate }: { rate: DrillRate }) {
  const navigate = useNavigate();
  const { numeratorDrill, denominatorDrill } = rate;
  return (
    <Flex vertical>
      <Typography.Text strong>{formatRate(rate.value)}</Typography.Text>
      <span>
        <Typography.Link onClick={() => numeratorDrill && navigate(numeratorDrill)}>{rate.numerator}</Typography.Link>
        {' / '}
        <Typography.Link onClick={() => denominatorDrill && navigate(denominatorDrill)}>{rate.denominator}</Typography.Link>
      </span>
    </Flex>
  );
}

/** 覆盖率: rates grouped by town, carrier, kind or size band; definitions; suggested actions. */
export function CoveragePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const groupBy = (GROUPS as readonly string[]).includes(params.get('groupBy') ?? '') ? (params.get('groupBy') as RatesQuery['groupBy']) : 'town';
  const townOrgId = idParam(params.get('townOrgId'));
  const query = useCoverageRates({ groupBy, townOrgId });
  const [tab, setTab] = useState('rates');
  const data = query.data;

  const setGroupBy = (value: string) => {
    const p = new URLSearchParams(params);
    p.set('groupBy', value);
    setParams(p);
  };
  const columns: ColumnsType<Row> = [
    {
      key: 'name',
      title: t(`coverage.rates.group.${groupBy}`),
      // A town opens its own table, grouped by carrier.
      render: (_, r) => (groupBy === 'town' && !townOrgId && r.key !== '0' ? <Typography.Link onClick={() => setParams(new URLSearchParams({ groupBy: 'carrier', townOrgId: r.key }))}>{r.name}</Typography.Link> : r.name),
    },
    { key: 'organisation', title: t('coverage.rate.organisation'), render: (_, r) => <RateCell rate={r.organisation} />, sorter: (a, b) => (a.organisation.value ?? -1) - (b.organisation.value ?? -1) },
    { key: 'standalone', title: t('coverage.rate.standalone'), render: (_, r) => <RateCell rate={r.standalone} />, sorter: (a, b) => (a.standalone.value ?? -1) - (b.standalone.value ?? -1) },
    { key: 'work', title: t('coverage.rate.work'), render: (_, r) => <RateCell rate={r.work} />, sorter: (a, b) => (a.work.value ?? -1) - (b.work.value ?? -1) },
  ];

  const ratesTab = (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Segmented value={groupBy} onChange={(v) => setGroupBy(String(v))} options={GROUPS.map((g) => ({ value: g, label: t(`coverage.rates.group.${g}`) }))} />
        {townOrgId ? <Button size="small" onClick={() => setParams(new URLSearchParams({ groupBy: 'town' }))}>{t('coverage.rates.allTowns')}</Button> : null}
        {data ? <Typography.Text type="secondary">{t('coverage.dashboard.asOf', { time: formatAsOf(data.asOf) })}</Typography.Text> : null}
      </Flex>
      <QueryState query={query}>
        {data ? (
          <>
            <Table<Row>
              rowKey="key"
              size="middle"
              columns={columns}
              dataSource={data.rows}
              pagination={false}
              locale={{ emptyText: t('coverage.rates.empty') }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><Typography.Text strong>{t('coverage.rates.overall')}</Typography.Text></Table.Summary.Cell>
                  <Table.Summary.Cell index={1}><RateCell rate={data.overall.organisation} /></Table.Summary.Cell>
                  <Table.Summary.Cell index={2}><RateCell rate={data.overall.standalone} /></Table.Summary.Cell>
                  <Table.Summary.Cell index={3}><RateCell rate={data.overall.work} /></Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
            <Card size="small" title={t('coverage.rates.byMode')}>
              <Flex gap={8} wrap>
                {data.byMode.map((m) => <ModeTag key={m.mode} label={m.label} n={m.n} drill={m.drill} />)}
              </Flex>
            </Card>
            <Card size="small" title={t('coverage.rates.definitions')}>
              {data.definitions.map((d) => (
                <Typography.Paragraph key={d.rate} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{d.label}</Typography.Text>：{d.definition}
                  <br />
                  <Typography.Text type="secondary">{t('coverage.rates.citation', { citation: d.citation })}</Typography.Text>
                </Typography.Paragraph>
              ))}
            </Card>
          </>
        ) : null}
      </QueryState>
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('coverage.rates.title')} />
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'rates', label: t('coverage.rates.tab'), children: ratesTab },
        { key: 'buildOwn', label: t('coverage.suggestions.buildOwn'), children: <SuggestionList kind="buildOwn" townOrgId={townOrgId} /> },
        { key: 'uncoveredWithMembers', label: t('coverage.suggestions.uncoveredWithMembers'), children: <SuggestionList kind="uncoveredWithMembers" townOrgId={townOrgId} /> },
        { key: 'jointOverLimit', label: t('coverage.suggestions.jointOverLimit'), children: <SuggestionList kind="jointOverLimit" townOrgId={townOrgId} /> },
      ]} />
    </>
  );
}

function ModeTag({ label, n, drill }: { label: string; n: number; drill: string | null }) {
  const navigate = useNavigate();
  return (
    <Tag style={{ padding: '2px 8px' }}>
      {label}：{drill ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate(drill)}>{n}</Button> : n}
    </Tag>
  );
}
