import type { Queryable } from '../../db/database';

/** Study hours (学时) earned from one record: a completed course, an attended 党课, a class. */
export interface StudyHoursInput {
  memberId: number;
  year: number;
  hours: number;
  sourceType: 'course' | 'lecture' | 'class' | 'manual';
  sourceId: number;
  title: string;
}

/**
 * The named service call that adds to a member's study-hours ledger, in the caller's
 * transaction. Once per member and source: reporting the same lecture twice counts it once.
 */
export async function recordStudyHours(db: Queryable, entries: StudyHoursInput[]): Promise<void> {
  const rows = entries.filter((e) => e.hours > 0);
  if (rows.length === 0) return;
  await db.insertInto('studyHoursEntry').values(rows)
    .onConflict((oc) => oc.columns(['memberId', 'sourceType', 'sourceId']).doNothing())
    .execute();
}
