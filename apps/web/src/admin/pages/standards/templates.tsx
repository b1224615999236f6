import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function StandardTemplatesPage() {
  return <PageHeader title="StandardTemplatesPage" />;
}
