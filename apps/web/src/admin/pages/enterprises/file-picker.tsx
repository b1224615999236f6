import { App, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const MAX_MB = 10;

/** One .xlsx kept in the browser (sent on check and again on commit; nothing is stored in between). */
export function XlsxPicker({ file, onChange }: { file: File | null; onChange: (file: File | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : [];
  return (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      maxCount={1}
      fileList={fileList}
      beforeUpload={(f) => {
        if (!/\.xlsx$/i.test(f.name)) {
          message.error(t('enterprises.import.notXlsx'));
          return Upload.LIST_IGNORE;
        }
        if (f.size > MAX_MB * 1024 * 1024) {
          message.error(t('enterprises.import.tooLarge', { mb: MAX_MB }));
          return Upload.LIST_IGNORE;
        }
        onChange(f);
        return false;
      }}
      onRemove={() => onChange(null)}
    >
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <Typography.Text>{t('enterprises.import.drop')}</Typography.Text>
    </Upload.Dragger>
  );
}
