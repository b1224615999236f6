import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Popconfirm, Space } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../../api/client';
import { memberExportUrl, useMembers } from '../../../../api/members';
import { errorText } from '../../../../shared/errors';
import { useCan } from '../../../access';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { MemberFilters } from './member-filters';
import { MemberTable } from './member-table';
import { useMemberQuery } from './use-member-query';

/** 党员名册: filters, sortable masked roster, export of the current filter. */
export function MembersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const { query, update } = useMemberQuery();
  const list = useMembers(query);
  const [exporting, setExporting] = useState(false);
  const [exportFull, setExportFull] = useState(false);

  const handleExport = async () => {
    setExporting(true);
    try {
      await downloadFile(memberExportUrl(query, exportFull && can('member.reveal')), t('member.export.fileName'));
      message.success(t('member.export.done'));
    } catch (error) {
      message.error(errorText(t, error));
    } finally {
      setExporting(false);
    }
  };

  const extra = (
    <>
      {can('member.export') ? (
        <Popconfirm
          title={t('member.export.confirmTitle')}
          description={
            <Space orientation="vertical" style={{ maxWidth: 360 }}>
              {t('member.export.confirmText')}
              {can('member.reveal') ? (
                <Checkbox checked={exportFull} onChange={(e) => setExportFull(e.target.checked)}>{t('member.export.full')}</Checkbox>
              ) : null}
            </Space>
          }
          onConfirm={handleExport}
          okText={t('member.export.button')}
          cancelText={t('common.cancel')}
        >
          <Button icon={<DownloadOutlined />} loading={exporting}>{t('member.export.button')}</Button>
        </Popconfirm>
      ) : null}
      {can('member.import') ? <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/import')}>{t('nav.import')}</Button> : null}
      {can('member.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/members/new')}>{t('member.list.create')}</Button> : null}
    </>
  );

  return (
    <>
      <PageHeader title={t('member.list.title')} extra={extra} />
      <Flex vertical gap={16}>
        <Card>
          <MemberFilters query={query} onApply={update} />
        </Card>
        <Card>
          {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
          <MemberTable data={list.data} loading={list.isFetching} query={query} onChange={update} />
        </Card>
      </Flex>
    </>
  );
}
