import { useState } from 'react';
import { Alert, App, Button, Col, Flex, Radio, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCommitImport, useImportErrors, type ImportError, type ImportJob, type ImportMode } from '../../../../api/imports';
import { errorText } from '../../../../shared/errors';
import { orDash } from '../../../../shared/format';
import { ErrorAlert } from '../../../components/error-alert';

/** Step 3: how many rows are valid, which are not and why; then all-or-nothing or valid rows only. */
export function ReportStep({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [mode, setMode] = useState<ImportMode>(job.errorRows > 0 ? 'validOnly' : 'allOrNothing');
  const errors = useImportErrors(job.id, page, pageSize, job.errorRows > 0);
  const commit = useCommitImport(job.id);
  const rows = mode === 'allOrNothing' ? job.totalRows : job.validRows;
  const blocked = job.validRows === 0 || (mode === 'allOrNothing' && job.errorRows > 0);

  const handleCommit = () => {
    modal.confirm({
      title: t('import.report.confirmTitle'),
      content: t(`import.report.confirm.${mode}`, { rows, org: job.orgName }),
      okText: t('import.report.commit'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync(mode).catch((e: unknown) => message.error(errorText(t, e))),
    });
  };

  return (
    <Flex vertical gap={24}>
      <Row gutter={16}>
        <Col xs={8}><Statistic title={t('import.report.total')} value={job.totalRows} /></Col>
        <Col xs={8}><Statistic title={t('import.report.valid')} value={job.validRows} styles={{ content: { color: '#389e0d' } }} /></Col>
        <Col xs={8}><Statistic title={t('import.report.errors')} value={job.errorRows} styles={{ content: { color: job.errorRows ? '#cf1322' : undefined } }} /></Col>
      </Row>
      {job.errorRows > 0 ? (
        <div>
          <Typography.Title level={2} style={{ fontSize: 16 }}>{t('import.report.errorTable')}</Typography.Title>
          {errors.isError ? <ErrorAlert error={errors.error} onRetry={() => void errors.refetch()} /> : null}
          <Table<ImportError>
            rowKey={(e) => `${e.rowNumber}-${e.column}-${e.reason}`}
            size="small"
            loading={errors.isFetching}
            dataSource={errors.data?.items ?? []}
            columns={[
              { key: 'row', title: t('import.report.row'), width: 80, render: (_, e) => e.rowNumber },
              { key: 'column', title: t('import.report.column'), width: 140, render: (_, e) => e.column },
              { key: 'value', title: t('import.report.value'), width: 200, render: (_, e) => (e.value ? <Typography.Text code>{e.value}</Typography.Text> : orDash(e.value)) },
              { key: 'reason', title: t('import.report.reason'), render: (_, e) => e.reason },
            ]}
            pagination={{
              current: page, pageSize, total: errors.data?.total ?? 0, showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, s) => { setPage(p); setPageSize(s); },
            }}
          />
        </div>
      ) : (
        <Alert type="success" showIcon title={t('import.report.allValid')} />
      )}
      <div>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('import.report.choose')}</Typography.Title>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value === 'allOrNothing' ? 'allOrNothing' : 'validOnly')} aria-label={t('import.report.choose')}>
          <Flex vertical gap={8}>
            <Radio value="allOrNothing">{t('import.mode.allOrNothing')}</Radio>
            <Radio value="validOnly">{t('import.mode.validOnly')}</Radio>
          </Flex>
        </Radio.Group>
        {mode === 'allOrNothing' && job.errorRows > 0 ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('import.report.allOrNothingBlocked')} />
        ) : null}
      </div>
      <Flex gap={8}>
        <Button type="primary" disabled={blocked} loading={commit.isPending} onClick={handleCommit}>{t('import.report.commit')}</Button>
        <Button onClick={onRestart}>{t('import.restart')}</Button>
      </Flex>
    </Flex>
  );
}
