import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function EnterpriseEditPage() {
  return <PageHeader title="EnterpriseEditPage" />;
}
