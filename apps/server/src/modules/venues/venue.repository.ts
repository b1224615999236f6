import { sql, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import type { OpeningHours } from '../../db/types';
import { escapeLike } from '../../platform/sql';

export interface VenueRow {
  id: number;
  kind: string;
  name: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  address: string;
  capacity: number;
  openingHours: OpeningHours[];
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
  closedAt: Date | null;
  version: number;
  upcomingBookings: number;
}

export interface VenueValues {
  kind: string;
  name: string;
  orgId: number;
  orgPath: string;
  address: string;
  capacity: number;
  openingHours: OpeningHours[];
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
}

/** node-postgres sends a JS array as a PostgreSQL array; a jsonb column needs JSON text. */
const jsonb = (hours: OpeningHours[]) => sql<OpeningHours[]>`${JSON.stringify(hours)}::jsonb`;

export function createVenueRepository(db: Queryable) {
  const base = () =>
    db
      .selectFrom('venue as v')
      .innerJoin('org as o', 'o.id', 'v.orgId')
      .select([
        'v.id', 'v.kind', 'v.name', 'v.orgId', 'o.name as orgName', sql<string>`v.org_path::text`.as('orgPath'), 'v.address', 'v.capacity', 'v.openingHours',
        'v.contactName', 'v.contactPhone', 'v.note', 'v.closedAt', 'v.version',
      ])
      .select(sql<number>`(select count(*)::int from venue_booking b where b.venue_id = v.id and b.cancelled_at is null and upper(b.during) > now())`.as('upcomingBookings'));

  return {
    /** Venues under the given deployment roots (ltree paths), filtered and paged; ordered by owner then name. */
    async list(f: { roots: string[]; orgId?: number; kind?: string; q?: string; includeClosed: boolean; page: number; pageSize: number }): Promise<{ items: VenueRow[]; total: number }> {
      if (f.roots.length === 0) return { items: [], total: 0 };
      const conditions = [sql<SqlBool>`v.org_path <@ array[${sql.join(f.roots)}]::ltree[]`];
      if (f.orgId !== undefined) conditions.push(sql<SqlBool>`v.org_id = ${f.orgId}`);
      if (f.kind !== undefined) conditions.push(sql<SqlBool>`v.kind = ${f.kind}`);
      if (!f.includeClosed) conditions.push(sql<SqlBool>`v.closed_at is null`);
      if (f.q) conditions.push(sql<SqlBool>`(v.name like ${`%${escapeLike(f.q)}%`} or v.address like ${`%${escapeLike(f.q)}%`})`);
      const where = sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
      const [items, count] = await Promise.all([
        base().where(where).orderBy('o.path').orderBy('v.name').orderBy('v.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        db.selectFrom('venue as v').select(sql<number>`count(*)::int`.as('n')).where(where).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    getById(id: number): Promise<VenueRow | undefined> {
      return base().where('v.id', '=', id).executeTakeFirst();
    },

    /** The venue row locked for an edit in this transaction. */
    lock(id: number) {
      return db.selectFrom('venue').select(['id', 'name', sql<string>`org_path::text`.as('orgPath'), 'version', 'closedAt']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    /** An organisation that may own a venue: its path, town flag and whether it is a root. */
    org(id: number) {
      return db.selectFrom('org').select(['id', 'name', 'isTown', 'parentId', 'abolishedOn', sql<string>`path::text`.as('path')]).where('id', '=', id).executeTakeFirst();
    },

    nameTaken(orgId: number, name: string, exceptId?: number) {
      return db.selectFrom('venue').select('id').where('orgId', '=', orgId).where('name', '=', name)
        .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId!)).executeTakeFirst();
    },

    insert(values: VenueValues) {
      return db.insertInto('venue').values({ ...values, openingHours: jsonb(values.openingHours) }).returning('id').executeTakeFirstOrThrow();
    },

    /** Applies the change when the version still matches; false otherwise. */
    async update(id: number, version: number, patch: Partial<VenueValues> & { closedAt?: Date | null }): Promise<boolean> {
      const { openingHours, ...rest } = patch;
      const r = await db.updateTable('venue').set({ ...rest, ...(openingHours ? { openingHours: jsonb(openingHours) } : {}), version: sql`version + 1`, updatedAt: new Date() }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Live bookings overlapping [from, to), with the meeting's title and organisation. */
    bookings(venueId: number, from: Date, to: Date) {
      return db
        .selectFrom('venueBooking as b')
        .innerJoin('meeting as m', 'm.id', 'b.meetingId')
        .innerJoin('org as o', 'o.id', 'm.orgId')
        .select(['m.id as meetingId', 'm.title', 'o.name as orgName', sql<string>`m.org_path::text`.as('orgPath'), 'm.startsAt', 'm.endsAt'])
        .where('b.venueId', '=', venueId)
        .where('b.cancelledAt', 'is', null)
        .where(sql<SqlBool>`b.during && tstzrange(${from}, ${to}, '[)')`)
        .orderBy('m.startsAt')
        .limit(1000)
        .execute();
    },
  };
}
export type VenueRepository = ReturnType<typeof createVenueRepository>;
