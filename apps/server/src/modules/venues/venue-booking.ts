import { sql } from 'kysely';
import { formatShanghaiDateTime, todayInShanghai } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import type { OpeningHours } from '../../db/types';
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
  const venue = await db.selectFrom('venue').select(['id', 'name', 'closedAt', 'openingHours', sql<string>`org_path::text`.as('orgPath')]).where('id', '=', input.venueId).executeTakeFirst();
  // Venues are shared within a city (the first label of the path), never across cities.
  if (!venue || venue.orgPath.split('.')[0] !== input.orgPath.split('.')[0]) invalidField('venueId', '所选阵地不存在，请重新选择');
  if (venue.closedAt) invalidField('venueId', `“${venue.name}”已停止开放，请选择其他阵地`);
  const closed = outsideOpeningHours(venue.openingHours, input.startsAt, input.endsAt);
  if (closed) invalidField('venueId', `“${venue.name}”${closed}，请调整会议时间或选择其他阵地`);
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

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** 1 = Monday … 7 = Sunday, of a 'YYYY-MM-DD' calendar date. */
function weekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/**
 * Why the meeting falls outside the venue's opening hours (Asia/Shanghai wall clock), or null
 * when it fits one opening slot of its weekday. A venue without any hours listed is open by
 * arrangement and takes any time.
 */
export function outsideOpeningHours(hours: readonly OpeningHours[], startsAt: Date, endsAt: Date): string | null {
  if (hours.length === 0) return null;
  const day = todayInShanghai(startsAt);
  const start = formatShanghaiDateTime(startsAt).slice(11);
  const end = formatShanghaiDateTime(endsAt).slice(11);
  const weekday = weekdayOf(day);
  const slots = hours.filter((h) => h.weekday === weekday).sort((a, b) => a.opens.localeCompare(b.opens));
  if (slots.length === 0) return `${WEEKDAYS[weekday]}不开放`;
  const sameDay = todayInShanghai(endsAt) === day;
  if (sameDay && slots.some((h) => h.opens <= start && end <= h.closes)) return null;
  return `${WEEKDAYS[weekday]}开放时间为${slots.map((h) => `${h.opens}—${h.closes}`).join('、')}`;
}
