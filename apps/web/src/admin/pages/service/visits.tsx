import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function VisitsPage() {
  return <PageHeader title="VisitsPage" />;
}
