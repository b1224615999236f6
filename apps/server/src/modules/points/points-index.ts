import { sql, type RawBuilder } from 'kysely';
import { INDEXED_ENTRY_STATUSES, LEARNING_SETTINGS, POINTS_SETTINGS, indexFormulas } from '@hongyun/shared';
import type { Database, Queryable } from '../../db/database';

// Member index (先锋指数) and organisation index (先进指数), computed from the ledger with
// set-based SQL (formulas: @hongyun/shared points.ts `indexFormulas`).
//
// When they are computed:
// - member_index: in the same transaction as every ledger write, for the members it touched
//   (one small statement), and in bulk by POST /api/points/recompute or a settings change;
// - org_index: in bulk — by the recompute, and lazily on read when the stored rows are older
//   than `points.orgIndexMaxAgeMinutes` (one reader recomputes under an advisory lock while the
//   others wait for it), because updating every ancestor organisation on every write would
//   make all writes of a city queue on the city's row.

export interface IndexSettings {
  base: number;
  thresholds: number[];
  maxAgeMinutes: number;
  rankingsEnabled: boolean;
}

function validThresholds(v: unknown): v is number[] {
  return Array.isArray(v) && v.length === 5 && v.every((x, i) => typeof x === 'number' && Number.isFinite(x) && (i === 0 || x >= (v[i - 1] as number)));
}

/** The deployment's index settings (one query), with the defaults of POINTS_SETTINGS / LEARNING_SETTINGS. */
export async function indexSettings(db: Queryable): Promise<IndexSettings> {
  const rows = await db.selectFrom('setting').select(['key', 'value'])
    .where('key', 'in', ['points.memberIndexBase', 'points.starThresholds', 'points.orgIndexMaxAgeMinutes', 'points.rankingsEnabled']).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const number = (key: string, fallback: number) => {
    const v = stored.get(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  };
  const thresholds = stored.get('points.starThresholds');
  return {
    base: number('points.memberIndexBase', POINTS_SETTINGS.memberIndexBase.value),
    thresholds: validThresholds(thresholds) ? thresholds : POINTS_SETTINGS.starThresholds.value,
    maxAgeMinutes: number('points.orgIndexMaxAgeMinutes', POINTS_SETTINGS.orgIndexMaxAgeMinutes.value),
    rankingsEnabled: number('points.rankingsEnabled', LEARNING_SETTINGS.rankingsEnabled.value) === 1,
  };
}

export function formulasOf(s: IndexSettings) {
  return { ...indexFormulas(s.base, s.thresholds), base: s.base, starThresholds: s.thresholds };
}

const starsSql = (value: RawBuilder<unknown>, thresholds: number[]) =>
  sql<number>`least(5, (select count(*) from unnest(${thresholds}::numeric[]) t where ${value} >= t))::int`;

/**
 * Writes member_index rows of a year for live members — all of them, or only `memberIds` —
 * from their counted entries (active and reversed: a reversal nets its original to zero).
 * Returns the rows written.
 */
export async function refreshMemberIndex(db: Queryable, year: number, memberIds?: number[], settings?: IndexSettings, rootPath?: string): Promise<number> {
  if (memberIds && memberIds.length === 0) return 0;
  const s = settings ?? (await indexSettings(db));
  const only = memberIds ? sql`and member_id = any(${memberIds}::bigint[])` : rootPath ? sql`and e.org_path <@ ${rootPath}::ltree` : sql``;
  const onlyMember = memberIds ? sql`and m.id = any(${memberIds}::bigint[])` : rootPath ? sql`and m.org_path <@ ${rootPath}::ltree` : sql``;
  const value = sql`greatest(0, ${s.base}::numeric + coalesce(p.total, 0))`;
  const result = await sql`
    insert into member_index (member_id, year, org_path, value, stars, breakdown, computed_at)
    select m.id, ${year}::int, m.org_path, ${value}, ${starsSql(value, s.thresholds)},
      jsonb_build_object('points', coalesce(p.total, 0), 'entries', coalesce(p.n, 0), 'byCategory', coalesce(p.by_category, '{}'::jsonb)),
      now()
    from member m
    left join (
      select member_id, sum(total) as total, sum(n)::int as n, jsonb_object_agg(category, total) as by_category
      from (
        select e.member_id, r.category, sum(e.points) as total, count(*) as n
        from points_entry e join points_rule r on r.id = e.rule_id
        where e.year = ${year}::int and e.status = any(${[...INDEXED_ENTRY_STATUSES]}::text[]) ${only}
        group by 1, 2
      ) c
      group by member_id
    ) p on p.member_id = m.id
    where m.status = 'normal' ${onlyMember}
    on conflict (member_id, year) do update
      set org_path = excluded.org_path, value = excluded.value, stars = excluded.stars, breakdown = excluded.breakdown, computed_at = excluded.computed_at`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Writes org_index rows of a year for every live organisation (under `rootPath` when given):
 * the mean member index of the live members of its subtree (members without a member_index
 * row count at the base), and the share of them with any counted entry. Each member counts
 * once for every ancestor of its organisation (its path expanded), so one pass aggregates all.
 */
export async function refreshOrgIndex(db: Queryable, year: number, rootPath?: string, settings?: IndexSettings): Promise<number> {
  const s = settings ?? (await indexSettings(db));
  const underMember = rootPath ? sql`and m.org_path <@ ${rootPath}::ltree` : sql``;
  const underOrg = rootPath ? sql`and o.path <@ ${rootPath}::ltree` : sql``;
  const value = sql`round(coalesce(a.mean, 0), 1)`;
  const result = await sql`
    with mv as (
      select m.org_path, coalesce(mi.value, greatest(0, ${s.base}::numeric)) as value, coalesce((mi.breakdown->>'entries')::int, 0) > 0 as active
      from member m left join member_index mi on mi.member_id = m.id and mi.year = ${year}::int
      where m.status = 'normal' ${underMember}
    ), a as (
      select subpath(mv.org_path, 0, i) as path, count(*)::int as n, avg(mv.value) as mean, (count(*) filter (where mv.active))::int as active
      from mv cross join lateral generate_series(1, nlevel(mv.org_path)) i
      group by 1
    )
    insert into org_index (org_id, year, org_path, value, stars, breakdown, computed_at)
    select o.id, ${year}::int, o.path, ${value}, case when a.n is null then 0 else ${starsSql(value, s.thresholds)} end,
      jsonb_build_object('members', coalesce(a.n, 0), 'activeMembers', coalesce(a.active, 0),
        'activeShare', case when coalesce(a.n, 0) = 0 then null else round(a.active::numeric / a.n, 3) end),
      now()
    from org o left join a on a.path = o.path
    where o.abolished_on is null ${underOrg}
    on conflict (org_id, year) do update
      set org_path = excluded.org_path, value = excluded.value, stars = excluded.stars, breakdown = excluded.breakdown, computed_at = excluded.computed_at`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Full recomputation of a year: every live member, then every organisation (under `rootPaths` when given). */
export async function recomputeIndices(db: Database, year: number, rootPaths?: string[]): Promise<{ members: number; orgs: number; ms: number }> {
  const started = Date.now();
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('points.index'), ${year}::int)`.execute(tx);
    const s = await indexSettings(tx);
    let members = 0;
    let orgs = 0;
    for (const root of rootPaths ?? [undefined]) {
      members += await refreshMemberIndex(tx, year, undefined, s, root);
      orgs += await refreshOrgIndex(tx, year, root, s);
    }
    return { members, orgs, ms: Date.now() - started };
  });
}

/**
 * Makes sure the organisation indices under a deployment are at most `maxAgeMinutes` old;
 * one caller recomputes while concurrent callers wait for it and then find them fresh.
 */
export async function ensureOrgIndexFresh(db: Database, deploymentPath: string, deploymentId: number, year: number): Promise<void> {
  const s = await indexSettings(db);
  const stale = async (q: Queryable) => {
    const row = await q.selectFrom('orgIndex').select('computedAt').where('orgId', '=', deploymentId).where('year', '=', year).executeTakeFirst();
    return !row || Date.now() - row.computedAt.getTime() > s.maxAgeMinutes * 60_000;
  };
  if (!(await stale(db))) return;
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('points.index'), ${year}::int)`.execute(tx);
    if (await stale(tx)) await refreshOrgIndex(tx, year, deploymentPath, s);
  });
}
