import { useMemo, useState } from 'react';
import { Card, Flex, Input, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ORG_KIND_INFO, type OrgKind } from '@hongyun/shared';
import { useOrgWarnings } from '../../../../api/orgs';
import type { StructureWarning } from '../../../../api/types';
import { formatDateTime } from '../../../../shared/format';
import { useLabel } from '../../../../shared/labels';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-state';

type Severity = 'all' | 'error' | 'warning';

interface Row extends StructureWarning {
  key: string;
  orgId: number;
  orgName: string;
  kind: OrgKind;
}

/** Every structure warning in scope, one row per warning, with its rule's citation. */
export function WarningsPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [rootId, setRootId] = useState<number | undefined>();
  const [severity, setSeverity] = useState<Severity>('all');
  const [search, setSearch] = useState('');
  const query = useOrgWarnings(rootId);
  const en = i18n.language === 'en';

  const rows = useMemo<Row[]>(
    () =>
      (query.data?.items ?? []).flatMap((item) =>
        item.warnings.map((w) => ({ ...w, key: `${item.orgId}-${w.code}`, orgId: item.orgId, orgName: item.orgName, kind: item.kind })),
      ).sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error')),
    [query.data],
  );
  const counts = { error: rows.filter((r) => r.severity === 'error').length, warning: rows.filter((r) => r.severity === 'warning').length };
  const needle = search.trim().toLowerCase();
  const shown = rows.filter((r) => (severity === 'all' || r.severity === severity) && (!needle || r.orgName.toLowerCase().includes(needle)));

  const columns: TableColumnsType<Row> = [
    {
      key: 'severity',
      title: t('warning.severity.label'),
      width: 96,
      render: (_, r) => <Tag color={r.severity === 'error' ? 'error' : 'warning'}>{t(`warning.severity.${r.severity}`)}</Tag>,
    },
    { key: 'org', title: t('warning.org'), render: (_, r) => <Link to={`/orgs/${r.orgId}`}>{r.orgName}</Link> },
    { key: 'kind', title: t('org.field.kind'), width: 120, render: (_, r) => label(ORG_KIND_INFO[r.kind]) },
    { key: 'message', title: t('warning.message'), render: (_, r) => (en ? r.messageEn : r.message) },
    { key: 'citation', title: t('warning.citationColumn'), render: (_, r) => <Typography.Text type="secondary">{r.citation}</Typography.Text> },
  ];

  return (
    <>
      <PageHeader title={t('warning.page.title')}>
        <Typography.Text type="secondary">
          {query.data ? t('warning.page.asOf', { time: formatDateTime(query.data.asOf) }) : t('warning.page.subtitle')}
        </Typography.Text>
      </PageHeader>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <div style={{ width: 280 }}>
            <OrgTreeSelect value={rootId} onChange={setRootId} aria-label={t('warning.filter.root')} placeholder={t('warning.filter.root')} />
          </div>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            aria-label={t('warning.filter.org')}
            placeholder={t('warning.filter.org')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Segmented<Severity>
            aria-label={t('warning.severity.label')}
            value={severity}
            onChange={setSeverity}
            options={[
              { value: 'all', label: t('warning.filter.all', { count: rows.length }) },
              { value: 'error', label: t('warning.filter.error', { count: counts.error }) },
              { value: 'warning', label: t('warning.filter.warning', { count: counts.warning }) },
            ]}
          />
        </Flex>
        <QueryState query={query}>
          <Table<Row>
            rowKey="key"
            size="middle"
            columns={columns}
            dataSource={shown}
            pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            locale={{ emptyText: t('warning.empty') }}
            scroll={{ x: 800 }}
          />
        </QueryState>
      </Card>
    </>
  );
}
