import { useEffect } from 'react';
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRefreshAfterImport, type ImportJob } from '../../../../api/imports';

/** Step 4 done: how many members were imported, with the way to the roster. */
export function ResultStep({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefreshAfterImport();
  useEffect(() => {
    if (job.status === 'done') refresh();
  }, [job.status, refresh]);

  const restart = <Button key="again" onClick={onRestart}>{t('import.restart')}</Button>;
  if (job.status === 'done') {
    return (
      <Result
        status="success"
        title={t('import.result.done', { count: job.importedRows })}
        subTitle={t('import.result.doneSub', { org: job.orgName, file: job.fileName })}
        extra={[
          <Button key="roster" type="primary" onClick={() => navigate(`/members?orgId=${job.orgId}`)}>{t('import.result.toRoster')}</Button>,
          restart,
        ]}
      />
    );
  }
  return (
    <Result
      status={job.status === 'cancelled' ? 'info' : 'error'}
      title={t(`import.status.${job.status}`)}
      subTitle={job.failure ?? undefined}
      extra={[restart]}
    />
  );
}
