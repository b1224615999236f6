import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function RequestsPage() {
  return <PageHeader title="RequestsPage" />;
}
