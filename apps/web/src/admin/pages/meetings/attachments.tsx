import { App, Button, Empty, Flex, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../api/client';
import { attachmentUrl, useDeleteAttachment, useUploadAttachment, type MeetingAttachment, type MeetingDetail } from '../../../api/meetings';
import { errorText } from '../../../shared/errors';

export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
export const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Optional files with the minutes (a sign-in sheet, slides). Never required, never proof that the meeting was held. */
export function AttachmentsPanel({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadAttachment();
  const remove = useDeleteAttachment(m.id);
  const editable = m.abilities.canRecordMinutes && m.minutesState !== 'confirmed' && m.status === 'planned';

  const handleDownload = (f: MeetingAttachment) => downloadFile(attachmentUrl(m.id, f.id), f.fileName).catch((error: unknown) => message.error(errorText(t, error)));

  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('meetings.files.optional')}</Typography.Text>
      {m.attachments.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.files.empty')} /> : null}
      {m.attachments.map((f) => (
        <Flex key={f.id} gap={8} align="center">
          <PaperClipOutlined aria-hidden />
          <Typography.Link onClick={() => void handleDownload(f)}>{f.fileName}</Typography.Link>
          <Typography.Text type="secondary">{sizeText(f.sizeBytes)}</Typography.Text>
          {editable ? (
            <Popconfirm title={t('meetings.files.deleteConfirm', { name: f.fileName })} okText={t('meetings.files.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(f.id).catch((error: unknown) => { message.error(errorText(t, error)); })}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('meetings.files.delete')} />
            </Popconfirm>
          ) : null}
        </Flex>
      ))}
      {editable ? (
        <Flex gap={8} align="center" wrap>
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              // antd hands the chosen File here (customRequest's file is typed loosely).
              upload.mutate({ id: m.id, file: file as File }, {
                onSuccess: (r) => { onSuccess?.(r); message.success(t('meetings.files.uploaded')); },
                onError: (error) => { onError?.(error); message.error(errorText(t, error)); },
              });
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>{t('meetings.files.upload')}</Button>
          </Upload>
          <Typography.Text type="secondary">{t('meetings.files.types')}</Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
