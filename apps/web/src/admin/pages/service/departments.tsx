import { PageHeader } from '../../components/page-header';

// Placeholder until this page is written.
export function DepartmentsPage() {
  return <PageHeader title="DepartmentsPage" />;
}
