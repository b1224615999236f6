import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function SurveysPage() {
  return <PageHeader title="SurveysPage" />;
}
