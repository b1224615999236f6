import { sql } from 'kysely';
import type { Database } from '../db/database';
import { publishDefaultRulebook } from '../modules/points/rulebook.service';

// A year of points ledger at scale, for the index benchmark (bench/points-index.ts): the
// default rulebook of the year published at the root, then per live member, written in one
// set-based statement per rule, entries shaped like a real year — up to 12 meetings, up to 10
// quiz days, a few courses, sometimes an exam, a volunteer project or an award, and now and
// then a deduction — all within the rulebook's caps. Deterministic (derived from member ids).

interface Shape {
  code: string;
  /** Most entries per member; each member gets `max - (id % spread)` (never below 0). */
  max: number;
  spread: number;
  /** Only members with id % every = 0 (1 = everyone). */
  every: number;
}

const SHAPES: Shape[] = [
  { code: 'orgLife.meeting', max: 12, spread: 5, every: 1 },
  { code: 'learning.quiz', max: 10, spread: 11, every: 1 },
  { code: 'learning.course', max: 4, spread: 4, every: 1 },
  { code: 'learning.exam', max: 1, spread: 1, every: 2 },
  { code: 'volunteer.project', max: 2, spread: 3, every: 3 },
  { code: 'pioneer.suggestion', max: 1, spread: 1, every: 7 },
  { code: 'other.absence', max: 1, spread: 1, every: 13 },
];

/** Writes the year's ledger for every live member; returns the entries written. */
export async function seedScalePoints(db: Database, year: number): Promise<number> {
  const root = await db.selectFrom('org').select(['id', sql<string>`path::text`.as('path')]).where('parentId', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  await db.transaction().execute((tx) => publishDefaultRulebook(tx, root.id, root.path, year));
  let written = 0;
  for (const s of SHAPES) {
    const result = await sql`
      insert into points_entry (member_id, org_path, rule_id, rule_code, year, points, occurred_on, source_type, source_id, status)
      select m.id, m.org_path, r.id, r.code, ${year}::int, r.points,
        make_date(${year}::int, 1, 1) + ((m.id * 7 + g * 29) % 365)::int, 'bench', g, 'active'
      from member m
      cross join (select r.id, r.code, r.points from points_rule r join points_rulebook b on b.id = r.rulebook_id
                  where b.org_id = ${root.id} and b.year = ${year}::int and r.code = ${s.code}) r
      cross join lateral generate_series(1, greatest(0, ${s.max}::int - (m.id % ${s.spread}::int))::int) g
      where m.status = 'normal' and m.id % ${s.every}::int = 0`.execute(db);
    written += Number(result.numAffectedRows ?? 0);
  }
  await sql`analyze points_entry`.execute(db);
  return written;
}
