import { useState } from 'react';
import { App, Button, Card, Flex, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OPERATING_STATUS_LABELS } from '@hongyun/shared';
import { downloadFile } from '../../../api/client';
import { enterpriseExportUrl, useEnterpriseList, type EnterpriseListItem } from '../../../api/enterprises';
import { errorText } from '../../../shared/errors';
import { orDash } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { useCan } from '../../access';
import { EnterpriseCoverageTag } from '../../components/enterprise-coverage-tag';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { EnterpriseFilters } from './filters';
import { useEnterpriseQuery } from './use-enterprise-query';

/** 互联网两新组织名录: filters from the URL (the dashboard links here), search, pages, export. */
export function EnterprisesPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const { query, update } = useEnterpriseQuery();
  const list = useEnterpriseList(query);
  const [exporting, setExporting] = useState(false);

  const handleExport = async () => {
    setExporting(true);
    try {
      await downloadFile(enterpriseExportUrl(query), t('enterprises.export.fileName'));
    } catch (error) {
      message.error(errorText(t, error));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<EnterpriseListItem> = [
    { key: 'name', title: t('enterprises.field.name'), fixed: 'left', width: 220, render: (_, e) => <Link to={`/enterprises/${e.id}`}>{e.name}</Link> },
    { key: 'uscc', title: t('enterprises.field.uscc'), width: 175, render: (_, e) => <code>{e.uscc}</code> },
    { key: 'town', title: t('enterprises.field.town'), width: 90, render: (_, e) => orDash(e.townName) },
    { key: 'carrier', title: t('enterprises.field.carrier'), ellipsis: true, render: (_, e) => orDash(e.carrierName) },
    { key: 'kind', title: t('enterprises.field.kind'), width: 110, render: (_, e) => orDash(e.kindName) },
    { key: 'staff', title: t('enterprises.field.staffCount'), width: 90, align: 'right', render: (_, e) => orDash(e.staffCount) },
    {
      key: 'status', title: t('enterprises.field.operatingStatus'), width: 120,
      render: (_, e) => (
        <Flex gap={4} wrap>
          {e.operatingStatus === 'operating' ? label(OPERATING_STATUS_LABELS[e.operatingStatus]) : <Tag>{label(OPERATING_STATUS_LABELS[e.operatingStatus])}</Tag>}
          {e.inDenominator ? null : <Tooltip title={t('enterprises.list.outOfDenominatorHint')}><Tag color="default">{t('enterprises.list.outOfDenominator')}</Tag></Tooltip>}
        </Flex>
      ),
    },
    {
      key: 'coverage', title: t('enterprises.field.coverageMode'), width: 130,
      render: (_, e) => (
        <Flex gap={4} wrap>
          <EnterpriseCoverageTag mode={e.coverageMode} />
          {e.coverageMode === 'none' && e.workMeasure ? <Tag color="blue">{t('enterprises.list.workOnly')}</Tag> : null}
        </Flex>
      ),
    },
    { key: 'members', title: t('enterprises.field.members'), width: 80, align: 'right', render: (_, e) => e.memberCount },
  ];

  const extra = (
    <>
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void handleExport()}>{t('enterprises.export.button')}</Button>
      {can('enterprise.write') ? <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/enterprises/import')}>{t('enterprises.list.import')}</Button> : null}
      {can('enterprise.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>{t('enterprises.list.create')}</Button> : null}
    </>
  );

  return (
    <>
      <PageHeader title={t('enterprises.list.title')} extra={extra} />
      <Flex vertical gap={16}>
        <Card>
          <EnterpriseFilters query={query} onApply={update} />
        </Card>
        <Card>
          {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
          <Table<EnterpriseListItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1150 }}
            locale={{ emptyText: t('enterprises.list.empty') }}
            onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
            pagination={{
              current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
              pageSizeOptions: [20, 50, 100], showTotal: (total) => t('common.total', { total }),
            }}
          />
        </Card>
      </Flex>
    </>
  );
}
