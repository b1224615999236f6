// Points index recomputation (先锋指数 / 先进指数) at city scale, beside bare baselines over the
// same ledger in the same run:
//   (a) a plain count of the year's entries,
//   (b) a bare aggregate: the year's points summed per member (group by), nothing written,
//   (c) the full recomputation as POST /api/points/recompute runs it: every live member's
//       member_index row (base + counted points, stars, breakdown by category), then every
//       organisation's org_index row (mean of its subtree's members, active share),
//   (d) the organisation part alone (what a stale read triggers),
//   (e) one member's refresh, as every ledger write does in its own transaction (mean of 200).
// Target: (c) ≤ 10 s for 40,000 members after a year of entries.
// Usage: node --import tsx bench/points-index.ts [--data DIR] [--runs 3]
// Without --data it seeds a fresh city first (about 20 s), then writes the year's ledger.

import { sql } from 'kysely';
import { todayInShanghai } from '@hongyun/shared';
import { recomputeIndices, refreshMemberIndex, refreshOrgIndex } from '../apps/server/src/modules/points/points-index';
import { seedScalePoints } from '../apps/server/src/seed/scale-points';
import { benchArgs, ensureScale, fmt, machine, mark, median, openBenchDatabase, printTable } from './lib';

const TARGET_MS = 10_000;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}


async function main() {
  const args = benchArgs({ runs: { type: 'string', default: '3' } });
  const runs = Math.max(1, Number(args.runs));
  const b = await openBenchDatabase(args.data as string | undefined);
  const title = `points index recomputation (${machine()})`;
  try {
    const seeded = await timed(() => ensureScale(b, 'city'));
    if (seeded.value) console.error(`  city seeded in ${fmt(seeded.ms / 1000, 1)} s`);
    const year = Number(todayInShanghai().slice(0, 4));
    const existing = await b.db.selectFrom('pointsEntry').select(sql<number>`count(*)::int`.as('n')).where('year', '=', year).executeTakeFirstOrThrow();
    if (existing.n === 0) {
      const ledger = await timed(() => seedScalePoints(b.db, year));
      console.error(`  ${fmt(ledger.value)} ledger entries written in ${fmt(ledger.ms / 1000, 1)} s`);
    }
    const counts = await sql<{ members: number; entries: number; orgs: number }>`
      select (select count(*)::int from member where status = 'normal') as members,
             (select count(*)::int from points_entry where year = ${year}) as entries,
             (select count(*)::int from org where abolished_on is null) as orgs`.execute(b.db);
    const { members, entries, orgs } = counts.rows[0];

    const rows: (string | number)[][] = [];
    const measure = async (label: string, fn: () => Promise<unknown>, note = '') => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await timed(fn)).ms);
      rows.push([label, fmt(median(times)), fmt(Math.min(...times)), fmt(Math.max(...times)), note]);
      return median(times);
    };

    await measure('(a) count of the year\'s entries', () => sql`select count(*) from points_entry where year = ${year}`.execute(b.db));
    await measure('(b) sum per member (group by, no write)', () => sql`select member_id, sum(points) from points_entry where year = ${year} and status in ('active','reversed') group by member_id`.execute(b.db));
    const full = await measure('(c) full recomputation (members + orgs)', () => recomputeIndices(b.db, year), `${fmt(members)} members, ${fmt(orgs)} orgs`);
    await measure('(c1) members part alone', () => b.db.transaction().execute((tx) => refreshMemberIndex(tx, year)));
    await measure('(d) organisations part alone', () => b.db.transaction().execute((tx) => refreshOrgIndex(tx, year)));
    const ids = (await b.db.selectFrom('member').select('id').where('status', '=', 'normal').orderBy('id').limit(200).execute()).map((r) => r.id);
    const one = await timed(async () => {
      for (const id of ids) await b.db.transaction().execute((tx) => refreshMemberIndex(tx, year, [id]));
    });
    rows.push(['(e) one member\'s refresh (mean of 200)', fmt(one.ms / ids.length, 2), '', '', 'per ledger write']);

    const check = await sql<{ rows: number; mean: string }>`select count(*)::int as rows, round(avg(value), 1)::text as mean from member_index where year = ${year}`.execute(b.db);
    printTable(`${title} — ${fmt(entries)} entries of ${year}, ${runs} run(s), milliseconds`, ['target', 'median', 'min', 'max', 'note'], rows);
    printTable('result', ['check', 'value', 'target', 'verdict'], [
      ['full recomputation', `${fmt(full)} ms`, `≤ ${fmt(TARGET_MS)} ms`, mark(full <= TARGET_MS)],
      ['member_index rows', fmt(check.rows[0].rows), `= ${fmt(members)} live members`, mark(check.rows[0].rows >= members)],
      ['mean member index', check.rows[0].mean, '', ''],
      ['ratio (c) / (b)', fmt(full / Math.max(1, rows[1] ? Number(String(rows[1][1]).replace(/,/g, '')) : 1), 1), '', ''],
    ]);
  } finally {
    await b.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
