import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function StandardsPage() {
  return <PageHeader title="StandardsPage" />;
}
