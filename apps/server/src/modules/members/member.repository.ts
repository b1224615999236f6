import { sql, type Expression, type Insertable as NewRow, type SqlBool, type Updateable } from 'kysely';
import type { Queryable } from '../../db/database';
import type { MemberTable } from '../../db/types';
import { escapeLike } from '../../platform/sql';

export interface MemberSearch {
  scope: Expression<SqlBool>;
  /** The same scope over `c.org_path`, for the per-organisation counts. */
  scopeOnOrg: Expression<SqlBool>;
  /** Must lie inside the caller's scope (the service asserts it before searching). */
  subtreePath?: string;
  nameLike?: { prefix: boolean; text: string };
  idNumberHash?: Buffer;
  phoneHash?: Buffer;
  categories?: string[];
  statuses?: string[];
  keyPositions?: string[];
  birthAfter?: string;
  birthBefore?: string;
  confirmedAfter?: string;
  confirmedBefore?: string;
  isMobile?: boolean;
  sort: 'name' | 'birthDate' | 'joinedOn' | 'confirmedOn' | 'createdAt';
  order: 'asc' | 'desc';
}

type Insertable = NewRow<MemberTable>;

const LIST_COLUMNS = [
  'm.id', 'm.name', 'm.gender', 'm.birthDate', 'm.idNumberMasked', 'm.phoneMasked', 'm.orgId', 'o.name as orgName',
  'm.category', 'm.status', 'm.keyPositions', 'm.joinedOn', 'm.confirmedOn', 'm.employerName', 'm.isMobile',
] as const;

/** True when only subtree, category and status narrow the search: the counts answer the total. */
function countsSuffice(s: MemberSearch): boolean {
  return !s.nameLike && !s.idNumberHash && !s.phoneHash && !s.keyPositions?.length && !s.birthAfter && !s.birthBefore
    && !s.confirmedAfter && !s.confirmedBefore && s.isMobile === undefined;
}

export function createMemberRepository(db: Queryable) {
  // A subtree is only ever set after the service asserted it lies in the caller's scope, so
  // it replaces the scope filter (one containment test instead of two).
  function filtered(s: MemberSearch) {
    return db
      .selectFrom('member as m')
      .innerJoin('org as o', 'o.id', 'm.orgId')
      .$if(!s.subtreePath, (q) => q.where(s.scope))
      .$if(!!s.subtreePath, (q) => q.where(sql<SqlBool>`m.org_path <@ ${s.subtreePath}::ltree`))
      .$if(!!s.nameLike, (q) =>
        // 2-character names are common: a short query takes the btree prefix path, not trigrams.
        s.nameLike!.prefix ? q.where('m.name', 'like', `${escapeLike(s.nameLike!.text)}%`) : q.where('m.name', 'like', `%${escapeLike(s.nameLike!.text)}%`),
      )
      .$if(!!s.idNumberHash, (q) => q.where('m.idNumberHash', '=', s.idNumberHash!))
      .$if(!!s.phoneHash, (q) => q.where('m.phoneHash', '=', s.phoneHash!))
      .$if(!!s.categories?.length, (q) => q.where('m.category', 'in', s.categories!))
      .$if(!!s.statuses?.length, (q) => q.where('m.status', 'in', s.statuses!))
      .$if(!!s.keyPositions?.length, (q) => q.where(sql<SqlBool>`m.key_positions && ${s.keyPositions}::text[]`))
      .$if(!!s.birthAfter, (q) => q.where('m.birthDate', '>', s.birthAfter!))
      .$if(!!s.birthBefore, (q) => q.where('m.birthDate', '<=', s.birthBefore!))
      .$if(!!s.confirmedAfter, (q) => q.where('m.confirmedOn', '>', s.confirmedAfter!))
      .$if(!!s.confirmedBefore, (q) => q.where('m.confirmedOn', '<=', s.confirmedBefore!))
      .$if(s.isMobile !== undefined, (q) => q.where('m.isMobile', '=', s.isMobile!));
  }

  /** Sum of the kept-up-to-date counts per organisation × category × status. */
  function rollupTotal(s: MemberSearch) {
    return db
      .selectFrom('orgMemberCount as c')
      .select(sql<number>`coalesce(sum(c.n), 0)::int`.as('n'))
      .$if(!s.subtreePath, (q) => q.where(s.scopeOnOrg))
      .$if(!!s.subtreePath, (q) => q.where(sql<SqlBool>`c.org_path <@ ${s.subtreePath}::ltree`))
      .$if(!!s.categories?.length, (q) => q.where('c.category', 'in', s.categories!))
      .$if(!!s.statuses?.length, (q) => q.where('c.status', 'in', s.statuses!));
  }

  return {
    /**
     * One page of the roster and the total matching the search. When only subtree, category
     * and status narrow it, the total comes from the kept counts in the same round trip.
     */
    async list(s: MemberSearch, page: number, pageSize: number) {
      const pageQuery = filtered(s).select(LIST_COLUMNS).orderBy(`m.${s.sort}`, s.order).orderBy('m.id', s.order).limit(pageSize).offset((page - 1) * pageSize);
      if (countsSuffice(s)) {
        const items = await pageQuery.select(rollupTotal(s).as('total')).execute();
        const total = items.length > 0 ? Number(items[0].total) : await rollupTotal(s).execute().then((r) => Number(r[0]?.n ?? 0));
        return { items, total };
      }
      const [items, count] = await Promise.all([pageQuery.execute(), filtered(s).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()]);
      return { items, total: count.n };
    },

    /** Every matching row, in batches, for export (ciphertexts included for a permitted reveal). */
    async *stream(s: MemberSearch, batch = 2000) {
      let offset = 0;
      for (;;) {
        const rows = await filtered(s)
          .leftJoin('partyGroup as g', 'g.id', 'm.partyGroupId')
          .select([...LIST_COLUMNS, 'm.ethnicity', 'm.education', 'm.job', 'm.appliedOn', 'm.activistOn', 'm.candidateOn', 'm.isInHardship', 'm.isPartyWorker', 'm.idNumberCipher', 'm.phoneCipher', 'o.code as orgCode', 'g.name as partyGroupName'])
          .orderBy(`m.${s.sort}`, s.order)
          .orderBy('m.id', s.order)
          .limit(batch)
          .offset(offset)
          .execute();
        if (rows.length === 0) return;
        yield rows;
        offset += rows.length;
        if (rows.length < batch) return;
      }
    },

    getById(id: number) {
      return db
        .selectFrom('member as m')
        .innerJoin('org as o', 'o.id', 'm.orgId')
        .leftJoin('partyGroup as g', 'g.id', 'm.partyGroupId')
        .selectAll('m')
        .select(['o.name as orgName', 'o.path as orgPathNow', 'g.name as partyGroupName'])
        .where('m.id', '=', id)
        .executeTakeFirst();
    },

    /** Current party posts (党内职务) the member holds. */
    posts(memberId: number) {
      return db
        .selectFrom('leadershipPost as p')
        .innerJoin('leadership as l', 'l.id', 'p.leadershipId')
        .innerJoin('org as o', 'o.id', 'l.orgId')
        .select(['o.id as orgId', 'o.name as orgName', 'p.post'])
        .where('p.memberId', '=', memberId)
        .where('p.dismissedOn', 'is', null)
        .where('l.isCurrent', '=', true)
        .execute();
    },

    /** The live record with this ID-number hash, if any (de-duplication). */
    findLiveByIdHash(hash: Buffer) {
      return db.selectFrom('member as m').innerJoin('org as o', 'o.id', 'm.orgId').select(['m.id', 'm.orgId', 'o.name as orgName', 'o.path as orgPath']).where('m.idNumberHash', '=', hash).where('m.status', '<>', 'history').executeTakeFirst();
    },

    /** Live records among these hashes (batch de-duplication for imports). */
    findLiveByIdHashes(hashes: Buffer[]) {
      if (hashes.length === 0) return Promise.resolve([] as { idNumberHash: Buffer; id: number }[]);
      return db.selectFrom('member').select(['idNumberHash', 'id']).where('idNumberHash', 'in', hashes).where('status', '<>', 'history').execute();
    },

    create(row: Insertable) {
      return db.insertInto('member').values(row).returning('id').executeTakeFirstOrThrow();
    },

    async createMany(rows: Insertable[]) {
      if (rows.length) await db.insertInto('member').values(rows).execute();
    },

    async update(id: number, version: number, patch: Updateable<MemberTable>): Promise<boolean> {
      const r = await db.updateTable('member').set({ ...patch, version: sql`version + 1`, updatedAt: new Date() }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    partyGroupOf(id: number) {
      return db.selectFrom('partyGroup').select(['id', 'orgId']).where('id', '=', id).executeTakeFirst();
    },

    enterprise(id: number) {
      return db.selectFrom('enterprise').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    },

    /** Audit entries about this member's record (views, reveals, exports, edits). */
    async accessLog(memberId: number, actions: string[], limit: number) {
      const base = db
        .selectFrom('auditSubject as s')
        .innerJoin('auditLog as a', 'a.id', 's.auditId')
        .where('s.memberId', '=', memberId)
        .where('a.action', 'in', actions);
      const [items, count] = await Promise.all([
        base.select(['a.at', 'a.actorName', 'a.action', 'a.ip']).orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },
  };
}
export type MemberRepository = ReturnType<typeof createMemberRepository>;
