import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function EnterpriseImportPage() {
  return <PageHeader title="EnterpriseImportPage" />;
}
