import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';

export interface OrgRow {
  id: number;
  parentId: number | null;
  path: string;
  kind: string;
  isTown: boolean;
  name: string;
  shortName: string | null;
  code: string;
  foundedOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  abolishedOn: string | null;
  abolishedReason: string | null;
  version: number;
}

export interface OrgCounts {
  members: number;
  full: number;
  probationary: number;
  children: number;
}

/** Living members: those who count in headcounts and structure rules. */
const LIVE = sql<SqlBool>`status in ('normal', 'suspended')`;

/**
 * Tables that keep a copy of their organisation's path for scoped queries. A move rewrites
 * them with the organisations, so scope follows everything under the moved subtree
 * (org_member_count follows the member rows through its trigger).
 */
const PATH_COPIES = [
  'member', 'standard_assessment', 'attachment',
  'venue', 'meeting', 'venue_booking', 'discussion_post', 'compliance_exemption', 'todo', 'appraisal_campaign',
  'course', 'training_class', 'question', 'exam', 'outcome', 'points_entry', 'points_appeal', 'member_index', 'org_index',
] as const;

export function createOrgRepository(db: Queryable) {
  return {
    /** Organisations matching `scope`, with live member counts of each node itself. */
    async listTree(scope: Expression<SqlBool>, includeAbolished: boolean) {
      return db
        .selectFrom('org as o')
        .leftJoin(
          // The kept counts (org_member_count), not a scan of every member.
          (eb) => eb.selectFrom('orgMemberCount').select(['orgId', sql<number>`sum(n)::int`.as('n')]).where(LIVE).groupBy('orgId').as('mc'),
          (join) => join.onRef('mc.orgId', '=', 'o.id'),
        )
        .select(['o.id', 'o.parentId', 'o.kind', 'o.name', 'o.shortName', 'o.code', 'o.isTown', 'o.abolishedOn', sql<number>`coalesce(mc.n, 0)`.as('memberCount')])
        .where(scope)
        .$if(!includeAbolished, (q) => q.where('o.abolishedOn', 'is', null))
        .orderBy('o.path')
        .execute();
    },

    getById(id: number): Promise<OrgRow | undefined> {
      return db.selectFrom('org').selectAll().where('id', '=', id).executeTakeFirst() as Promise<OrgRow | undefined>;
    },

    getByCode(code: string) {
      return db.selectFrom('org').select(['id', 'path', 'name']).where('code', '=', code).executeTakeFirst();
    },

    /** The chain from the root down to (and including) the organisation. */
    ancestors(path: string) {
      return db.selectFrom('org').select(['id', 'name', sql<string>`path::text`.as('path')]).where(sql<SqlBool>`path @> ${path}::ltree`).orderBy(sql`nlevel(path)`).execute();
    },

    async counts(id: number): Promise<OrgCounts> {
      const { rows } = await sql<OrgCounts>`
        select (select coalesce(sum(n), 0)::int from org_member_count where org_id = ${id} and ${LIVE}) as members,
               (select coalesce(sum(n), 0)::int from org_member_count where org_id = ${id} and ${LIVE} and category = 'full') as full,
               (select coalesce(sum(n), 0)::int from org_member_count where org_id = ${id} and ${LIVE} and category = 'probationary') as probationary,
               (select count(*)::int from org where parent_id = ${id} and abolished_on is null) as children`.execute(db);
      return rows[0];
    },

    enterprises(orgId: number) {
      return db
        .selectFrom('orgEnterprise as oe')
        .innerJoin('enterprise as e', 'e.id', 'oe.enterpriseId')
        .select(['e.id', 'e.uscc', 'e.name'])
        .where('oe.orgId', '=', orgId)
        .orderBy('e.name')
        .execute();
    },

    currentLeadership(orgId: number) {
      return db.selectFrom('leadership').select(['id', 'termStart', 'termDue']).where('orgId', '=', orgId).where('isCurrent', '=', true).executeTakeFirst();
    },

    leadershipPosts(leadershipId: number) {
      return db
        .selectFrom('leadershipPost as p')
        .innerJoin('member as m', 'm.id', 'p.memberId')
        .select(['p.id', 'p.post', 'p.memberId', 'm.name as memberName', 'p.appointedOn', 'm.confirmedOn', 'm.joinedOn'])
        .where('p.leadershipId', '=', leadershipId)
        .where('p.dismissedOn', 'is', null)
        .orderBy(sql`array_position(array['secretary','deputySecretary','organizationMember','publicityMember','disciplineMember'], p.post)`)
        .execute();
    },

    partyGroups(orgId: number) {
      return db
        .selectFrom('partyGroup as g')
        .select(['g.id', 'g.name', (eb) => eb.selectFrom('member').select(sql<number>`count(*)::int`.as('n')).whereRef('member.partyGroupId', '=', 'g.id').where(LIVE).as('memberCount')])
        .where('g.orgId', '=', orgId)
        .orderBy('g.name')
        .execute();
    },

    async nextId(): Promise<number> {
      const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('org', 'id'))::int8 as id`.execute(db);
      return rows[0].id;
    },

    async create(row: Omit<OrgRow, 'abolishedOn' | 'abolishedReason' | 'version'>) {
      await db.insertInto('org').values(row).execute();
    },

    async update(id: number, version: number, patch: Partial<Omit<OrgRow, 'id' | 'path' | 'version'>>): Promise<boolean> {
      const r = await db
        .updateTable('org')
        .set({ ...patch, version: sql`version + 1`, updatedAt: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async replaceEnterprises(orgId: number, enterpriseIds: number[]) {
      await db.deleteFrom('orgEnterprise').where('orgId', '=', orgId).execute();
      if (enterpriseIds.length) await db.insertInto('orgEnterprise').values(enterpriseIds.map((enterpriseId) => ({ orgId, enterpriseId }))).execute();
    },

    /** The enterprises among `ids` with their town's path and whether `orgId` already links them. */
    enterprisesForLinking(ids: number[], orgId: number | null) {
      if (ids.length === 0) return Promise.resolve([] as { id: number; townPath: string | null; linked: boolean }[]);
      return db
        .selectFrom('enterprise as e')
        .leftJoin('org as t', 't.id', 'e.townOrgId')
        .select(['e.id', sql<string | null>`t.path::text`.as('townPath'),
          sql<boolean>`exists (select 1 from org_enterprise oe where oe.enterprise_id = e.id and oe.org_id = ${orgId ?? 0})`.as('linked')])
        .where('e.id', 'in', ids)
        .execute();
    },

    /** Live members and live child organisations: what blocks abolishing. */
    async liveContents(orgId: number) {
      const { rows } = await sql<{ members: number; children: number }>`
        select (select count(*)::int from member where org_id = ${orgId} and ${LIVE}) as members,
               (select count(*)::int from org where parent_id = ${orgId} and abolished_on is null) as children`.execute(db);
      return rows[0];
    },

    /** Re-roots a subtree under a new parent; every copied path (PATH_COPIES) follows. */
    async moveSubtree(oldPath: string, newParentPath: string, orgId: number, newParentId: number) {
      await sql`update org set path = ${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1),
                    parent_id = case when id = ${orgId} then ${newParentId}::bigint else parent_id end,
                    version = case when id = ${orgId} then version + 1 else version end,
                    updated_at = case when id = ${orgId} then now() else updated_at end
                where path <@ ${oldPath}::ltree`.execute(db);
      for (const table of PATH_COPIES) {
        await sql`update ${sql.table(table)} set org_path = ${newParentPath}::ltree || subpath(org_path, nlevel(${oldPath}::ltree) - 1)
                  where org_path <@ ${oldPath}::ltree`.execute(db);
      }
    },

    async subtreeSize(path: string) {
      const { rows } = await sql<{ orgs: number; members: number }>`
        select (select count(*)::int from org where path <@ ${path}::ltree) as orgs,
               (select count(*)::int from member where org_path <@ ${path}::ltree) as members`.execute(db);
      return rows[0];
    },

    /** Ends the current term (换届) and opens a new one. */
    async startTerm(orgId: number, termStart: string, termDue: string | null) {
      await db.updateTable('leadership').set({ isCurrent: false }).where('orgId', '=', orgId).where('isCurrent', '=', true).execute();
      return db.insertInto('leadership').values({ orgId, termStart, termDue }).returning('id').executeTakeFirstOrThrow();
    },

    async addPosts(leadershipId: number, posts: { memberId: number; post: string }[], appointedOn: string) {
      if (posts.length) await db.insertInto('leadershipPost').values(posts.map((p) => ({ leadershipId, memberId: p.memberId, post: p.post, appointedOn }))).execute();
    },

    async dismissPosts(ids: number[], on: string) {
      if (ids.length) await db.updateTable('leadershipPost').set({ dismissedOn: on }).where('id', 'in', ids).execute();
    },

    /** Which of `memberIds` are live members inside the subtree at `path`. */
    membersWithin(path: string, memberIds: number[]) {
      if (memberIds.length === 0) return Promise.resolve([] as { id: number }[]);
      return db.selectFrom('member').select('id').where('id', 'in', memberIds).where(sql<SqlBool>`org_path <@ ${path}::ltree`).where(LIVE).execute();
    },

    createPartyGroup(orgId: number, name: string) {
      return db.insertInto('partyGroup').values({ orgId, name }).returning('id').executeTakeFirstOrThrow();
    },

    /** Per-organisation inputs of the structure rules, for every live org under `scope`. */
    async structureInputs(scope: Expression<SqlBool>) {
      return db
        .selectFrom('org as o')
        .select([
          'o.id', 'o.name', 'o.kind',
          sql<number>`(select coalesce(sum(c.n), 0)::int from org_member_count c where c.org_id = o.id and c.status in ('normal','suspended'))`.as('memberCount'),
          sql<number>`(select coalesce(sum(c.n), 0)::int from org_member_count c where c.org_id = o.id and c.status in ('normal','suspended') and c.category = 'full')`.as('fullMemberCount'),
          sql<number>`(select count(*)::int from org_enterprise oe where oe.org_id = o.id)`.as('linkedUnitCount'),
          sql<string | null>`(select l.term_due from leadership l where l.org_id = o.id and l.is_current)`.as('termDue'),
          sql<number>`(select count(*)::int from leadership l join leadership_post p on p.leadership_id = l.id where l.org_id = o.id and l.is_current and p.dismissed_on is null)`.as('postCount'),
          sql<boolean>`exists (select 1 from leadership l join leadership_post p on p.leadership_id = l.id where l.org_id = o.id and l.is_current and p.dismissed_on is null and p.post = 'secretary')`.as('hasSecretary'),
          sql<string | null>`(select m.confirmed_on::text from leadership l join leadership_post p on p.leadership_id = l.id join member m on m.id = p.member_id where l.org_id = o.id and l.is_current and p.dismissed_on is null and p.post = 'secretary')`.as('secretaryConfirmedOn'),
          sql<string | null>`(select m.joined_on::text from leadership l join leadership_post p on p.leadership_id = l.id join member m on m.id = p.member_id where l.org_id = o.id and l.is_current and p.dismissed_on is null and p.post = 'secretary')`.as('secretaryJoinedOn'),
        ])
        .where(scope)
        .where('o.abolishedOn', 'is', null)
        .orderBy('o.path')
        .execute();
    },
  };
}
export type OrgRepository = ReturnType<typeof createOrgRepository>;
