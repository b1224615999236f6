import { sql } from 'kysely';
import type { Tx } from '../db/database';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';

// Coverage history for the demo and the scale data: month-end snapshots as the hourly job
// would have taken them, derived from today's companies so the last month meets the live
// counts. Going back, a steady share of companies was not yet settled or not yet organised,
// so the trend rises the way a year of survey and organising work makes it rise.

/** Per month back: share of today's companies not yet on the registry, not yet organised, not yet reached by work measures. */
const NOT_YET_SETTLED = 0.012;
const NOT_YET_ORGANISED = 0.025;
const NOT_YET_WORK = 0.02;

/**
 * Writes `months` month-end snapshots before the current month (Asia/Shanghai) from the
 * enterprise rows; months already taken are left alone. Returns the rows written.
 */
export async function writeCoverageHistory(tx: Tx, today: string, months: number): Promise<number> {
  // A stable pseudo-random number in [0, 1) per company and purpose, so reruns agree.
  const draw = (salt: string) => sql`((hashtext(e.id::text || ${salt}) & 1023) / 1024.0)`;
  const result = await sql`
    insert into coverage_snapshot (month, town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure, n, taken_at)
    select x.month, x.town, x.carrier, x.kind, x.band, x.in_denominator, x.mode, x.work, count(*)::int,
           ((x.month + interval '1 month')::timestamp at time zone 'Asia/Shanghai') + interval '30 minutes'
    from (
      select (date_trunc('month', ${today}::date) - make_interval(months => k))::date as month,
             coalesce(e.town_org_id, 0) as town, coalesce(e.carrier_id, 0) as carrier, coalesce(e.kind_code, '') as kind,
             e.size_band as band, e.in_denominator,
             case when e.coverage_mode <> 'none' and ${draw(':o')} >= ${NOT_YET_ORGANISED}::numeric * k then e.coverage_mode else 'none' end as mode,
             e.work_measure and ${draw(':w')} >= ${NOT_YET_WORK}::numeric * k as work,
             k, e.settled_on, ${draw(':s')} as settled_draw
      from enterprise e cross join generate_series(1, ${months}::int) as k
    ) x
    where x.settled_draw >= ${NOT_YET_SETTLED}::numeric * x.k and (x.settled_on is null or x.settled_on < x.month + interval '1 month')
    group by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** The demo's coverage history: twelve month-end snapshots leading up to today's counts. */
export async function seedCoverageDemo(tx: Tx, ctx: AreaSeedContext): Promise<AreaSeedResult> {
  await writeCoverageHistory(tx, ctx.today, 12);
  return {};
}
