import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function EnterprisesPage() {
  return <PageHeader title="EnterprisesPage" />;
}
