import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Popconfirm, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadFile } from '../../../api/client';
import { QUESTION_TEMPLATE_URL, learningKeys, uploadQuestionImport, type QuestionImportMode, type QuestionImportReport } from '../../../api/learning';
import { errorDetail, errorText } from '../../../shared/errors';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { XlsxPicker } from '../enterprises/file-picker';

/** Question import: every row is checked first (row, column, value, why); nothing is written until the user chooses. */
export function QuestionImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [orgId, setOrg] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<QuestionImportReport | null>(null);
  const [busy, setBusy] = useState<QuestionImportMode | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (mode: QuestionImportMode) => {
    if (!file) return;
    setBusy(mode);
    setError(null);
    try {
      const r = await uploadQuestionImport(file, mode, orgId);
      setReport(r);
      if (r.committed) {
        message.success(t('learning.import.committed', { count: r.created }));
        await client.invalidateQueries({ queryKey: learningKeys.all });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const handleTemplate = async () => {
    try {
      await downloadFile(QUESTION_TEMPLATE_URL, t('learning.import.templateName'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  // Any change of input makes the old report meaningless.
  const reset = (next: () => void) => {
    next();
    setReport(null);
  };

  return (
    <>
      <PageHeader title={t('learning.import.title')} extra={<Link to="/questions"><Button>{t('learning.import.back')}</Button></Link>} />
      <Card>
        <Flex vertical gap={16}>
          <Alert type="info" showIcon title={t('learning.import.intro')} />
          <div><Button icon={<DownloadOutlined />} onClick={() => void handleTemplate()}>{t('learning.import.template')}</Button></div>
          {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
          <Form layout="vertical" style={{ maxWidth: 640 }}>
            <Form.Item label={t('learning.questions.org')} extra={t('learning.questions.orgHint')}>
              <OrgTreeSelect value={orgId} onChange={(v) => reset(() => setOrg(v))} aria-label={t('learning.questions.org')} />
            </Form.Item>
            <Form.Item label={t('learning.import.file')} required>
              <XlsxPicker file={file} onChange={(f) => reset(() => setFile(f))} />
            </Form.Item>
            <Button type="primary" disabled={!file} loading={busy === 'check'} onClick={() => void run('check')}>{t('learning.import.check')}</Button>
          </Form>
          {report ? (
            <Flex vertical gap={12}>
              <Typography.Text strong>{t('learning.import.summary', { total: report.total, valid: report.valid, issues: report.issues.length })}</Typography.Text>
              {report.committed ? <Alert type="success" showIcon title={t('learning.import.committed', { count: report.created })} /> : (
                <Flex gap={8} wrap>
                  <Button type="primary" disabled={report.issues.length > 0 || report.valid === 0} loading={busy === 'all'} onClick={() => void run('all')}>{t('learning.import.commitAll')}</Button>
                  <Popconfirm title={t('learning.import.validOnlyConfirm', { count: report.valid })} onConfirm={() => run('validOnly')} okText={t('learning.import.commitValid')} cancelText={t('common.cancel')}>
                    <Button disabled={report.valid === 0} loading={busy === 'validOnly'}>{t('learning.import.commitValid')}</Button>
                  </Popconfirm>
                </Flex>
              )}
              <Table
                rowKey={(i) => `${i.row}-${i.column}-${i.reason}`}
                size="small"
                dataSource={report.issues}
                locale={{ emptyText: t('learning.import.noIssues') }}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { key: 'row', title: t('learning.import.row'), width: 80, render: (_, i) => i.row },
                  { key: 'column', title: t('learning.import.column'), width: 160, render: (_, i) => i.column },
                  { key: 'value', title: t('learning.import.value'), width: 200, render: (_, i) => <Typography.Text code>{i.value || '—'}</Typography.Text> },
                  { key: 'reason', title: t('learning.import.reason'), render: (_, i) => i.reason },
                ]}
              />
            </Flex>
          ) : null}
        </Flex>
      </Card>
    </>
  );
}
