import { sql } from 'kysely';
import type { OutcomeKind } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import { awardForOutcomes } from './points-award';

/** A verified outcome: what a member did, recorded by the module where it happened. */
export interface OutcomeInput {
  kind: OutcomeKind;
  memberId: number;
  /** The member's organisation path when it happened. */
  orgPath: string;
  /** The record behind it, e.g. ('meeting', 12), ('course', 3), ('quizSession', …), ('examAttempt', 9). */
  sourceType: string;
  sourceId: number;
  /** What the member sees in their points ledger, e.g. '支委会：11月支委会'. */
  title: string;
  /** The day it happened (Asia/Shanghai, YYYY-MM-DD). */
  occurredOn: string;
}

/**
 * The named service call through which other modules report outcomes (issue: points never
 * read another module's tables). Records each outcome once — a second report of the same
 * kind, member and source is ignored — and awards points by the year's published rules, in
 * the caller's transaction.
 */
export async function recordOutcomes(db: Queryable, outcomes: OutcomeInput[]): Promise<void> {
  if (outcomes.length === 0) return;
  const inserted = await db
    .insertInto('outcome')
    .values(outcomes.map((o) => ({ ...o, orgPath: sql<string>`${o.orgPath}::ltree` as unknown as string })))
    .onConflict((oc) => oc.columns(['kind', 'memberId', 'sourceType', 'sourceId']).doNothing())
    .returning(['id', 'kind', 'memberId', 'orgPath', 'sourceType', 'sourceId', 'title', 'occurredOn'])
    .execute();
  if (inserted.length) await awardForOutcomes(db, inserted);
}
