import type { Queryable } from '../../db/database';

export interface RecordedOutcome {
  id: number;
  kind: string;
  memberId: number;
  orgPath: string;
  sourceType: string;
  sourceId: number;
  title: string;
  occurredOn: string;
}

/** Awards the automatic rules matching newly recorded outcomes (the points module implements it). */
export async function awardForOutcomes(_db: Queryable, _outcomes: RecordedOutcome[]): Promise<void> {}
