import { Card, Steps } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useImportJob, type ImportJob } from '../../../../api/imports';
import { QueryState } from '../../../components/page-state';
import { PageHeader } from '../../../components/page-header';
import { ProgressStep } from './progress-step';
import { ReportStep } from './report-step';
import { ResultStep } from './result-step';
import { UploadStep } from './upload-step';

/** Which wizard step a job's status belongs to. */
function stepOf(job: ImportJob | undefined): number {
  switch (job?.status) {
    case undefined:
      return 0;
    case 'validating':
      return 1;
    case 'validated':
      return 2;
    case 'failed':
      return job.mode ? 3 : 1;
    default:
      return 3;
  }
}

/** Import wizard: template and upload → validation progress → report and choice → import. */
export function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? undefined;
  const job = useImportJob(jobId);
  const step = jobId === undefined ? 0 : stepOf(job.data);

  const start = (id: string) => setParams({ job: id });
  const restart = () => setParams({});

  let body;
  if (jobId === undefined) body = <UploadStep onStarted={start} />;
  else if (!job.data) body = <QueryState query={job}>{null}</QueryState>;
  else if (step === 1) body = <ProgressStep job={job.data} phase="validating" onRestart={restart} />;
  else if (step === 2) body = <ReportStep job={job.data} onRestart={restart} />;
  else if (job.data.status === 'importing') body = <ProgressStep job={job.data} phase="importing" onRestart={restart} />;
  else body = <ResultStep job={job.data} onRestart={restart} />;

  return (
    <>
      <PageHeader title={t('import.title')} />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 32 }}
          items={[
            { title: t('import.step.upload'), content: t('import.step.uploadHint') },
            { title: t('import.step.validate'), content: t('import.step.validateHint') },
            { title: t('import.step.report'), content: t('import.step.reportHint') },
            { title: t('import.step.import'), content: t('import.step.importHint') },
          ]}
        />
        {body}
      </Card>
    </>
  );
}
