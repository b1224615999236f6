import { sql, type Insertable as NewRow, type SqlBool, type Updateable } from 'kysely';
import type { Queryable } from '../../db/database';
import type { MemberTable } from '../../db/types';
import { createPreparedQuery } from '../../db/prepared';
import { escapeLike } from '../../platform/sql';

export interface MemberSearch {
  /** Organisation paths the caller may read (Access.paths); every row lies under one of them. */
  scope: string[];
  /** A further scope rows must also lie in (the export permission's paths, for exports). */
  alsoIn?: string[];
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

/** The search's values, each passed to SQL only as a parameter (see db/prepared.ts). */
type FilterValues = Partial<Omit<MemberSearch, 'nameLike' | 'sort' | 'order'>> & { namePattern?: string };

interface PageValues extends FilterValues {
  /** Absent on a first page, whose size is part of the statement (see `firstPage`). */
  limit?: number;
  offset?: number;
  /** The members version of the total the caller holds (-1: none); 'versioned' totals only. */
  knownVersion?: number;
}

/** What changes the SQL text rather than its parameters. */
interface PageStructure {
  sort: MemberSearch['sort'];
  order: MemberSearch['order'];
  /**
   * Where the total comes from: a second statement that counts ('count'), or the kept counts
   * per organisation summed in the page statement ('rollup'); 'versioned' sums them only when
   * the total the repository holds is out of date (see `KnownTotal`).
   */
  total: 'count' | 'rollup' | 'versioned';
  /**
   * A first page's size, written into the statement. With the limit and the offset known,
   * PostgreSQL's generic plan costs what a custom plan does, so after a few runs each
   * connection keeps one plan for the statement instead of planning every request.
   */
  firstPage?: number;
  /**
   * The subtree holds many members: walking the name index and testing each row's path finds
   * a page after a few rows, where collecting the subtree through the path index and sorting
   * it reads all of them. The test is wrapped so the path index cannot be chosen, which keeps
   * the generic plan on the name order.
   */
  wide?: boolean;
}

/** From this many matching members a subtree's pages walk the name order (`wide`). */
const WIDE_SUBTREE = 2000;

/**
 * A total read before, with the members version it was read at (`member_version`, raised by
 * every commit that changes members; null when unknown). While the version is unchanged, so is
 * the total: the page statement compares versions itself and skips the sum, so the answer is
 * never older than the page's own rows. The figure alone also chooses between two statements
 * that return the same rows (`wide`).
 */
interface KnownTotal {
  total: number;
  version: number | null;
}

/** Per database handle (never a transaction's: its own uncommitted writes are not the version's). */
const knownTotalsByDatabase = new WeakMap<Queryable, Map<string, KnownTotal>>();
function knownTotalsOf(db: Queryable): Map<string, KnownTotal> {
  let known = knownTotalsByDatabase.get(db);
  if (!known) knownTotalsByDatabase.set(db, (known = new Map()));
  return known;
}
function totalsKey(v: FilterValues): string {
  const where = v.subtreePath !== undefined ? `under ${v.subtreePath}` : `in ${v.scope?.join(',')}`;
  return `${where}|${v.categories?.join(',') ?? ''}|${v.statuses?.join(',') ?? ''}`;
}

type Insertable = NewRow<MemberTable>;

const LIST_COLUMNS = [
  'm.id', 'm.name', 'm.gender', 'm.birthDate', 'm.idNumberMasked', 'm.phoneMasked', 'm.orgId',
  'm.category', 'm.status', 'm.keyPositions', 'm.joinedOn', 'm.confirmedOn', 'm.employerName', 'm.isMobile',
] as const;

/** True when only subtree, category and status narrow the search: the counts answer the total. */
function countsSuffice(s: MemberSearch): boolean {
  return !s.nameLike && !s.idNumberHash && !s.phoneHash && !s.keyPositions?.length && !s.birthAfter && !s.birthBefore
    && !s.confirmedAfter && !s.confirmedBefore && s.isMobile === undefined && !s.alsoIn;
}

/**
 * A subtree is only ever set after the service asserted it lies in the caller's scope, so it
 * replaces the scope filter (one containment test instead of two). 2-character names are
 * common: a short query takes the btree prefix path (`text%`), a longer one trigrams (`%text%`).
 */
function filterValues(s: MemberSearch): FilterValues {
  const text = s.nameLike && escapeLike(s.nameLike.text);
  return {
    scope: s.subtreePath === undefined ? s.scope : undefined,
    alsoIn: s.subtreePath === undefined ? s.alsoIn : undefined,
    subtreePath: s.subtreePath,
    namePattern: s.nameLike && (s.nameLike.prefix ? `${text}%` : `%${text}%`),
    idNumberHash: s.idNumberHash,
    phoneHash: s.phoneHash,
    categories: s.categories?.length ? s.categories : undefined,
    statuses: s.statuses?.length ? s.statuses : undefined,
    keyPositions: s.keyPositions?.length ? s.keyPositions : undefined,
    birthAfter: s.birthAfter,
    birthBefore: s.birthBefore,
    confirmedAfter: s.confirmedAfter,
    confirmedBefore: s.confirmedBefore,
    isMobile: s.isMobile,
  };
}

// Values are tested for presence only: while a prepared shape compiles they are placeholders.
function filtered(db: Queryable, v: FilterValues, wide = false) {
  return db
    .selectFrom('member as m')
    .$if(v.scope !== undefined, (q) => q.where(sql<SqlBool>`m.org_path <@ ${v.scope}::ltree[]`))
    .$if(v.alsoIn !== undefined, (q) => q.where(sql<SqlBool>`m.org_path <@ ${v.alsoIn}::ltree[]`))
    .$if(v.subtreePath !== undefined && !wide, (q) => q.where(sql<SqlBool>`m.org_path <@ ${v.subtreePath}::ltree`))
    .$if(v.subtreePath !== undefined && wide, (q) => q.where(sql<SqlBool>`coalesce(m.org_path <@ ${v.subtreePath}::ltree, false)`))
    .$if(v.namePattern !== undefined, (q) => q.where('m.name', 'like', v.namePattern!))
    .$if(v.idNumberHash !== undefined, (q) => q.where('m.idNumberHash', '=', v.idNumberHash!))
    .$if(v.phoneHash !== undefined, (q) => q.where('m.phoneHash', '=', v.phoneHash!))
    .$if(v.categories !== undefined, (q) => q.where(sql<SqlBool>`m.category = any(${v.categories}::text[])`))
    .$if(v.statuses !== undefined, (q) => q.where(sql<SqlBool>`m.status = any(${v.statuses}::text[])`))
    .$if(v.keyPositions !== undefined, (q) => q.where(sql<SqlBool>`m.key_positions && ${v.keyPositions}::text[]`))
    .$if(v.birthAfter !== undefined, (q) => q.where('m.birthDate', '>', v.birthAfter!))
    .$if(v.birthBefore !== undefined, (q) => q.where('m.birthDate', '<=', v.birthBefore!))
    .$if(v.confirmedAfter !== undefined, (q) => q.where('m.confirmedOn', '>', v.confirmedAfter!))
    .$if(v.confirmedBefore !== undefined, (q) => q.where('m.confirmedOn', '<=', v.confirmedBefore!))
    .$if(v.isMobile !== undefined, (q) => q.where('m.isMobile', '=', v.isMobile!));
}

/** Sum of the kept-up-to-date counts per organisation × category × status. */
function rollupTotal(db: Queryable, v: FilterValues) {
  return db
    .selectFrom('orgMemberCount as c')
    .select(sql<number>`coalesce(sum(c.n), 0)::int`.as('n'))
    .$if(v.scope !== undefined, (q) => q.where(sql<SqlBool>`c.org_path <@ ${v.scope}::ltree[]`))
    .$if(v.subtreePath !== undefined, (q) => q.where(sql<SqlBool>`c.org_path <@ ${v.subtreePath}::ltree`))
    .$if(v.categories !== undefined, (q) => q.where(sql<SqlBool>`c.category = any(${v.categories}::text[])`))
    .$if(v.statuses !== undefined, (q) => q.where(sql<SqlBool>`c.status = any(${v.statuses}::text[])`));
}

const MEMBERS_VERSION = sql<number>`(select mv.v from member_version mv where mv.id)`;

function pageQuery(db: Queryable, v: PageValues, st: PageStructure) {
  const ordered = filtered(db, v, st.wide).select(LIST_COLUMNS).orderBy(`m.${st.sort}`, st.order).orderBy('m.id', st.order);
  const page = st.firstPage !== undefined ? ordered.limit(sql.lit(st.firstPage)) : ordered.limit(v.limit!).offset(v.offset!);
  if (st.total === 'count') return page.select([sql<number | null>`null::int`.as('total'), sql<number | null>`null::bigint`.as('membersVersion')]);
  if (st.total === 'rollup') return page.select([rollupTotal(db, v).as('total'), sql<number | null>`null::bigint`.as('membersVersion')]);
  // The version is read once per statement (an init plan), and the sum only when it differs.
  return page.select([
    sql<number | null>`case when ${MEMBERS_VERSION} = ${v.knownVersion} then null else (${rollupTotal(db, v)}) end`.as('total'),
    MEMBERS_VERSION.as('membersVersion'),
  ]);
}

function countQuery(db: Queryable, v: FilterValues) {
  return filtered(db, v).select(sql<number>`count(*)::int`.as('n'));
}

export function createMemberRepository(db: Queryable, options: { wideSubtree?: number } = {}) {
  const wideSubtree = options.wideSubtree ?? WIDE_SUBTREE;
  const page = createPreparedQuery(db, pageQuery);
  const count = createPreparedQuery(db, (db, v: FilterValues, _: null) => countQuery(db, v));
  const total = createPreparedQuery(db, (db, v: FilterValues, _: null) => rollupTotal(db, v));

  return {
    /**
     * One page of the roster and the total matching the search. When only subtree, category
     * and status narrow it, the total comes from the kept counts in the same round trip.
     */
    async list(s: MemberSearch, pageNo: number, pageSize: number) {
      const v = filterValues(s);
      const rollup = countsSuffice(s);
      const first = pageNo === 1;
      const known = rollup && !db.isTransaction ? knownTotalsOf(db) : undefined;
      const key = totalsKey(v);
      const held = known?.get(key);
      const structure: PageStructure = {
        sort: s.sort, order: s.order, total: !rollup ? 'count' : known ? 'versioned' : 'rollup',
        ...(first && { firstPage: pageSize }),
        ...(s.sort === 'name' && v.subtreePath !== undefined && held !== undefined && held.total >= wideSubtree && { wide: true }),
      };
      const pageValues: PageValues = {
        ...v,
        ...(!first && { limit: pageSize, offset: (pageNo - 1) * pageSize }),
        ...(structure.total === 'versioned' && { knownVersion: held?.version ?? -1 }),
      };
      if (!rollup) {
        const [items, counted] = await Promise.all([page(pageValues, structure), count(v, null)]);
        return { items, total: counted[0].n };
      }
      const items = await page(pageValues, structure);
      let fresh: KnownTotal;
      if (items.length === 0) {
        // Past the last page: a separate statement, whose snapshot is not the page's.
        fresh = { total: Number((await total(v, null))[0]?.n ?? 0), version: null };
      } else if (items[0].total === null) {
        if (held?.version !== items[0].membersVersion) throw new Error('roster total: the statement skipped a total nobody holds');
        return { items, total: held.total };
      } else {
        fresh = { total: Number(items[0].total), version: items[0].membersVersion };
      }
      if (known) {
        if (known.size >= 10_000) known.clear(); // bounded: subtrees × filters
        known.set(key, fresh);
      }
      return { items, total: fresh.total };
    },

    /** Every matching row, in batches, for export (ciphertexts included for a permitted reveal). */
    async *stream(s: MemberSearch, batch = 2000) {
      let offset = 0;
      for (;;) {
        const rows = await filtered(db, filterValues(s))
          .innerJoin('org as o', 'o.id', 'm.orgId')
          .leftJoin('partyGroup as g', 'g.id', 'm.partyGroupId')
          .select([...LIST_COLUMNS, 'o.name as orgName', 'm.ethnicity', 'm.education', 'm.job', 'm.appliedOn', 'm.activistOn', 'm.candidateOn', 'm.isInHardship', 'm.isPartyWorker', 'm.idNumberCipher', 'm.phoneCipher', 'o.code as orgCode', 'g.name as partyGroupName'])
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

    /** Path and name of each organisation asked for. */
    orgLabels(ids: number[]) {
      return db.selectFrom('org').select(['id', 'path', 'name']).where(sql<SqlBool>`id = any(${ids}::bigint[])`).execute();
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
