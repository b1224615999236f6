import { sql } from 'kysely';
import type { StudyHoursSource } from '@hongyun/shared';
import type { Queryable } from '../../db/database';

/** Study hours (学时) earned from one record: a completed course, an attended 党课, a class. */
export interface StudyHoursInput {
  memberId: number;
  year: number;
  hours: number;
  sourceType: StudyHoursSource;
  sourceId: number;
  /** What the member sees in their ledger, e.g. the course or 党课 title. */
  title: string;
}

/**
 * The named service call that adds to a member's study-hours ledger, in the caller's
 * transaction. Once per member and source: reporting the same lecture twice counts it once.
 * Enrolments in open classes of that year whose required hours are now reached complete, with
 * their certificate number, in the same transaction.
 */
export async function recordStudyHours(db: Queryable, entries: StudyHoursInput[]): Promise<void> {
  const rows = entries.filter((e) => e.hours > 0).map((e) => ({ ...e, title: e.title.slice(0, 200) }));
  if (rows.length === 0) return;
  const inserted = await db.insertInto('studyHoursEntry').values(rows)
    .onConflict((oc) => oc.columns(['memberId', 'sourceType', 'sourceId']).doNothing())
    .returning('memberId')
    .execute();
  if (inserted.length) await completeReachedEnrolments(db, [...new Set(inserted.map((r) => r.memberId))]);
}

/**
 * Completes the open-class enrolments of these members (all of a class's members when
 * `classId` is given) whose hours in the class's year reached its required hours.
 */
export async function completeReachedEnrolments(db: Queryable, memberIds: number[] | null, classId?: number): Promise<void> {
  if (memberIds && memberIds.length === 0) return;
  await sql`
    update class_enrolment e
       set completed_at = now(),
           -- The certificate number: HY<year>-<class>-<member>, unique and readable on paper.
           certificate_no = 'HY' || k.year || '-' || lpad(k.id::text, 4, '0') || '-' || lpad(e.member_id::text, 6, '0')
      from training_class k
     where k.id = e.class_id and k.status = 'open' and e.completed_at is null
       ${memberIds ? sql`and e.member_id = any(${memberIds}::bigint[])` : sql``}
       ${classId ? sql`and e.class_id = ${classId}` : sql``}
       and (select coalesce(sum(s.hours), 0) from study_hours_entry s where s.member_id = e.member_id and s.year = k.year) >= k.required_hours`.execute(db);
}
