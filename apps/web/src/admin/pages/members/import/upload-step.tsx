import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../../api/client';
import { IMPORT_TEMPLATE_URL, uploadMemberImport } from '../../../../api/imports';
import { errorDetail, errorText } from '../../../../shared/errors';
import { OrgTreeSelect } from '../../../components/org-tree-select';

const MAX_MB = 10;

/** Step 1: download the template, choose the organisation, upload the filled .xlsx. */
export function UploadStep({ onStarted }: { onStarted: (jobId: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const handleTemplate = async () => {
    try {
      await downloadFile(IMPORT_TEMPLATE_URL, t('import.templateName'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const handleUpload = async () => {
    if (!file || !orgId) return;
    setBusy(true);
    setError(null);
    try {
      const { jobId } = await uploadMemberImport(file, orgId);
      onStarted(jobId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : [];

  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <Alert type="info" showIcon title={t('import.upload.intro')} description={t('import.upload.privacy')} />
      <div>
        <Button icon={<DownloadOutlined />} onClick={handleTemplate}>{t('import.upload.template')}</Button>
      </div>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
      <Form layout="vertical">
        <Form.Item label={t('import.upload.org')} required extra={t('import.upload.orgHint')}>
          <OrgTreeSelect value={orgId} onChange={setOrgId} aria-label={t('import.upload.org')} />
        </Form.Item>
        <Form.Item label={t('import.upload.file')} required>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              if (!/\.xlsx$/i.test(f.name)) {
                message.error(t('import.upload.notXlsx'));
                return Upload.LIST_IGNORE;
              }
              if (f.size > MAX_MB * 1024 * 1024) {
                message.error(t('import.upload.tooLarge', { mb: MAX_MB }));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <Typography.Text>{t('import.upload.drop')}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('import.upload.dropHint', { mb: MAX_MB })}</Typography.Text>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      <div>
        <Button type="primary" disabled={!file || !orgId} loading={busy} onClick={handleUpload}>{t('import.upload.submit')}</Button>
      </div>
    </Flex>
  );
}
