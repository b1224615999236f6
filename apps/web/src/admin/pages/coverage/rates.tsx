import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function CoveragePage() {
  return <PageHeader title="CoveragePage" />;
}
