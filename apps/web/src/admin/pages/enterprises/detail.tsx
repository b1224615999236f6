import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function EnterpriseDetailPage() {
  return <PageHeader title="EnterpriseDetailPage" />;
}
