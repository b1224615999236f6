import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function CadresPage() {
  return <PageHeader title="CadresPage" />;
}
