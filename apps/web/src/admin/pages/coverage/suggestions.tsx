import { useState } from 'react';
import { Alert, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COVERAGE_MODE_LABELS, type CoverageMode } from '@hongyun/shared';
import { useCoverageSuggestions, type SuggestionKind, type Suggestions } from '../../../api/coverage';
import { useLabel } from '../../../shared/labels';
import { QueryState } from '../../components/page-state';

type Item = Suggestions['items'][number];

/** One suggested-action list: the rule with its source, then the companies (or joint branches) it finds. */
export function SuggestionList({ kind, townOrgId }: { kind: SuggestionKind; townOrgId?: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const label = useLabel();
  const [page, setPage] = useState(1);
  const query = useCoverageSuggestions({ kind, townOrgId, page });
  const data = query.data;
  const joint = kind === 'jointOverLimit';
  const mode = (m: Item['coverageMode']) => (m ? label(COVERAGE_MODE_LABELS[m as CoverageMode]) : '—');

  const columns: ColumnsType<Item> = [
    { key: 'name', title: joint ? t('coverage.suggestions.org') : t('coverage.suggestions.company'), render: (_, r) => <Typography.Link onClick={() => navigate(r.link)}>{r.name}</Typography.Link> },
    ...(joint
      ? [{ key: 'units', title: t('coverage.suggestions.units'), dataIndex: 'units' }]
      : [
          { key: 'town', title: t('coverage.suggestions.town'), render: (_: unknown, r: Item) => r.townName ?? '—' },
          { key: 'full', title: t('coverage.suggestions.fullMembers'), dataIndex: 'fullMembers' },
          { key: 'members', title: t('coverage.suggestions.members'), dataIndex: 'members' },
          { key: 'mode', title: t('coverage.suggestions.mode'), render: (_: unknown, r: Item) => mode(r.coverageMode) },
          { key: 'work', title: t('coverage.suggestions.workMeasure'), render: (_: unknown, r: Item) => (r.workMeasure ? t('common.yes') : t('common.no')) },
        ]),
  ];

  return (
    <QueryState query={query}>
      {data ? (
        <Flex vertical gap={12}>
          <Alert type="info" showIcon title={data.rule} description={t('coverage.rates.citation', { citation: data.citation })} />
          <Table<Item>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.items}
            locale={{ emptyText: t('coverage.suggestions.empty') }}
            pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: false, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
          />
        </Flex>
      ) : null}
    </QueryState>
  );
}
