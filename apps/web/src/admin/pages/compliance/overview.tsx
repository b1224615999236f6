import { useParams } from 'react-router';
import { OrgGrid } from './org-grid';
import { RollupView } from './rollup';

/**
 * 三会一课完成情况: the rollup under the caller's scope (towns → organisations), or with an
 * organisation in the address (`/compliance/:orgId`) that organisation's grid of meetings.
 */
export function CompliancePage() {
  const orgId = Number(useParams().orgId);
  return orgId > 0 ? <OrgGrid orgId={orgId} /> : <RollupView />;
}
