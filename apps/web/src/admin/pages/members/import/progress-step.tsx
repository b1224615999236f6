import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../api/imports';

/** Steps 2 and 4: a progress bar of processed / total rows while the server works. */
export function ProgressStep({ job, phase, onRestart }: { job: ImportJob; phase: 'validating' | 'importing'; onRestart: () => void }) {
  const { t } = useTranslation();
  if (job.status === 'failed' || job.status === 'cancelled') {
    return (
      <Flex vertical gap={16} style={{ maxWidth: 640 }}>
        <Alert type="error" showIcon role="alert" title={t(`import.status.${job.status}`)} description={job.failure ?? undefined} />
        <div><Button onClick={onRestart}>{t('import.restart')}</Button></div>
      </Flex>
    );
  }
  const total = job.totalRows;
  const percent = total > 0 ? Math.floor((job.processedRows / total) * 100) : 0;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }} aria-live="polite">
      <Typography.Text strong>{t(`import.progress.${phase}`, { file: job.fileName, org: job.orgName })}</Typography.Text>
      <Progress percent={percent} status="active" aria-label={t(`import.progress.${phase}Label`)} />
      <Typography.Text type="secondary">
        {total > 0 ? t('import.progress.rows', { processed: job.processedRows, total }) : t('import.progress.reading')}
      </Typography.Text>
    </Flex>
  );
}
