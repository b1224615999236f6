import { App, Button, Flex, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../api/client';
import { EVIDENCE_ACCEPT, evidenceUrl, useDeleteEvidence, useUploadEvidence, type EvidenceFile } from '../../../api/standards';
import { errorText } from '../../../shared/errors';

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** An item's optional evidence files: download for everyone who reads it; upload and delete while editable. */
export function EvidenceFiles({ assessmentId, itemId, files, editable }: { assessmentId: number; itemId: number; files: EvidenceFile[]; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadEvidence();
  const remove = useDeleteEvidence();

  const handleDownload = (f: EvidenceFile) => downloadFile(evidenceUrl(f.id), f.fileName).catch((error: unknown) => message.error(errorText(t, error)));

  return (
    <Flex vertical gap={4}>
      {files.map((f) => (
        <Flex key={f.id} gap={8} align="center">
          <PaperClipOutlined aria-hidden />
          <Typography.Link onClick={() => void handleDownload(f)}>{f.fileName}</Typography.Link>
          <Typography.Text type="secondary">{sizeText(f.sizeBytes)}</Typography.Text>
          {editable ? (
            <Popconfirm title={t('standards.evidence.deleteConfirm', { name: f.fileName })} okText={t('standards.evidence.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(f.id).catch((error: unknown) => { message.error(errorText(t, error)); })}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('standards.evidence.delete')} />
            </Popconfirm>
          ) : null}
        </Flex>
      ))}
      {editable ? (
        <Flex gap={8} align="center" wrap>
          <Upload
            accept={EVIDENCE_ACCEPT}
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              upload.mutate({ assessmentId, itemId, file: file as File }, {
                onSuccess: (r) => { onSuccess?.(r); message.success(t('standards.evidence.uploaded')); },
                onError: (error) => { onError?.(error); message.error(errorText(t, error)); },
              });
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{t('standards.evidence.upload')}</Button>
          </Upload>
          <Typography.Text type="secondary">{t('standards.evidence.optional')}</Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
