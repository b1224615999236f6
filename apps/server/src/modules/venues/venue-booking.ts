import { sql } from 'kysely';
import { formatShanghaiDateTime } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import { Conflict, invalidField } from '../../platform/errors';

export interface BookingInput {
  venueId: number;
  meetingId: number;
  /** The booking organisation's path (whose meeting it is). */
  orgPath: string;
  startsAt: Date;
  endsAt: Date;
  userId: number | null;
}

/**
 * Books a venue for a meeting in the caller's transaction. The database's exclusion
 * constraint decides overlaps, so two secretaries committing the same slot at the same
 * moment cannot both succeed; the loser gets who holds the slot. A meeting holds at most one
 * booking: booking again moves it.
 */
export async function bookVenue(db: Queryable, input: BookingInput): Promise<void> {
  const venue = await db.selectFrom('venue').select(['id', 'name', 'closedAt']).where('id', '=', input.venueId).executeTakeFirst();
  if (!venue) invalidField('venueId', '所选阵地不存在，请重新选择');
  if (venue.closedAt) invalidField('venueId', `“${venue.name}”已停止开放，请选择其他阵地`);
  await releaseVenue(db, input.meetingId);
  try {
    await sql`savepoint venue_booking`.execute(db);
    await db.insertInto('venueBooking').values({
      venueId: input.venueId, meetingId: input.meetingId, orgPath: input.orgPath, bookedBy: input.userId,
      during: sql<string>`tstzrange(${input.startsAt}, ${input.endsAt}, '[)')` as unknown as string,
    }).execute();
    await sql`release savepoint venue_booking`.execute(db);
  } catch (e) {
    if ((e as { code?: string }).code !== '23P01') throw e;
    await sql`rollback to savepoint venue_booking`.execute(db);
    const holder = await db.selectFrom('venueBooking as b').innerJoin('meeting as m', 'm.id', 'b.meetingId').innerJoin('org as o', 'o.id', 'm.orgId')
      .select(['o.name as orgName', 'm.title', 'm.startsAt', 'm.endsAt'])
      .where('b.venueId', '=', input.venueId).where('b.cancelledAt', 'is', null)
      .where(sql<boolean>`b.during && tstzrange(${input.startsAt}, ${input.endsAt}, '[)')`)
      .orderBy('m.startsAt').executeTakeFirst();
    const who = holder ? `${holder.orgName}“${holder.title}”（${formatShanghaiDateTime(holder.startsAt)}—${formatShanghaiDateTime(holder.endsAt).slice(-5)}）` : '其他会议';
    throw new Conflict('VENUE_TAKEN', `“${venue.name}”该时段已被${who}预约，请换一个时间或阵地`, { path: 'venueId' });
  }
}

/** Cancels a meeting's live booking (the meeting was cancelled, moved or changed venue). */
export async function releaseVenue(db: Queryable, meetingId: number): Promise<void> {
  await db.updateTable('venueBooking').set({ cancelledAt: new Date() }).where('meetingId', '=', meetingId).where('cancelledAt', 'is', null).execute();
}
