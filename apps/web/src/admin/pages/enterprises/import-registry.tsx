import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Popconfirm, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../api/client';
import { ENTERPRISE_TEMPLATE_URL, enterpriseKeys, uploadEnterpriseImport, type ImportMode, type ImportReport } from '../../../api/enterprises';
import { errorDetail, errorText } from '../../../shared/errors';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { XlsxPicker } from './file-picker';

/** Import: check every row first (row, column, value, reason), then write all or the valid rows. */
export function RegistryImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [townOrgId, setTown] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<ImportMode | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (mode: ImportMode) => {
    if (!file || !townOrgId) return;
    setBusy(mode);
    setError(null);
    try {
      const r = await uploadEnterpriseImport(file, townOrgId, mode);
      setReport(r);
      if (r.committed) {
        message.success(t('enterprises.import.committed', { count: r.created }));
        await client.invalidateQueries({ queryKey: enterpriseKeys.all });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const handleTemplate = async () => {
    try {
      await downloadFile(ENTERPRISE_TEMPLATE_URL, t('enterprises.import.templateName'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const reset = (next: () => void) => {
    next();
    setReport(null);
  };

  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t('enterprises.import.intro')} />
      <div><Button icon={<DownloadOutlined />} onClick={() => void handleTemplate()}>{t('enterprises.import.template')}</Button></div>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label={t('enterprises.field.town')} required>
          <OrgTreeSelect value={townOrgId} onChange={(v) => reset(() => setTown(v))} disabled={(n) => !n.isTown} aria-label={t('enterprises.field.town')} />
        </Form.Item>
        <Form.Item label={t('enterprises.import.file')} required>
          <XlsxPicker file={file} onChange={(f) => reset(() => setFile(f))} />
        </Form.Item>
        <Button type="primary" disabled={!file || !townOrgId} loading={busy === 'check'} onClick={() => void run('check')}>{t('enterprises.import.check')}</Button>
      </Form>
      {report ? (
        <Flex vertical gap={12}>
          <Typography.Text strong>{t('enterprises.import.summary', { total: report.total, valid: report.valid, issues: report.issues.length })}</Typography.Text>
          {report.committed ? <Alert type="success" showIcon title={t('enterprises.import.committed', { count: report.created })} /> : (
            <Flex gap={8} wrap>
              <Button type="primary" disabled={report.issues.length > 0 || report.valid === 0} loading={busy === 'all'} onClick={() => void run('all')}>{t('enterprises.import.commitAll')}</Button>
              <Popconfirm title={t('enterprises.import.validOnlyConfirm', { count: report.valid })} onConfirm={() => void run('validOnly')} okText={t('enterprises.import.commitValid')} cancelText={t('common.cancel')}>
                <Button disabled={report.valid === 0} loading={busy === 'validOnly'}>{t('enterprises.import.commitValid')}</Button>
              </Popconfirm>
            </Flex>
          )}
          <Table
            rowKey={(i) => `${i.row}-${i.column}`}
            size="small"
            dataSource={report.issues}
            locale={{ emptyText: t('enterprises.import.noIssues') }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { key: 'row', title: t('enterprises.import.row'), width: 80, render: (_, i) => i.row },
              { key: 'column', title: t('enterprises.import.column'), width: 160, render: (_, i) => i.column },
              { key: 'value', title: t('enterprises.import.value'), width: 200, render: (_, i) => <Typography.Text code>{i.value || '—'}</Typography.Text> },
              { key: 'reason', title: t('enterprises.import.reason'), render: (_, i) => i.reason },
            ]}
          />
        </Flex>
      ) : null}
    </Flex>
  );
}
