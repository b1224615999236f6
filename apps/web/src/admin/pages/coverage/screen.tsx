import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function DashboardScreenPage() {
  return <PageHeader title="DashboardScreenPage" />;
}
