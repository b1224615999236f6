import type { Tx } from '../db/database';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';

// Placeholder until this area's demo data is written.
export async function seedEnterpriseDemo(_tx: Tx, _ctx: AreaSeedContext): Promise<AreaSeedResult> {
  return {};
}
