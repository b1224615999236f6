import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function DashboardPage() {
  return <PageHeader title="DashboardPage" />;
}
