import type { Tx } from '../db/database';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';

/** Demo records of this area, written inside the demo seed's transaction. */
export async function seedLearningDemo(_tx: Tx, _context: AreaSeedContext): Promise<AreaSeedResult> {
  return {};
}
