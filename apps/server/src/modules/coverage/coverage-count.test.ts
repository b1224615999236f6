import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { countCells, countCoverage, makeUscc, type CoverageMode } from '@hongyun/shared';
import type { Database } from '../../db/database';
import { createTestApp, type TestApp } from '../../test/app';
import { writeCoverageHistory } from '../../seed/demo-coverage';

// coverage_count is kept by statement triggers on enterprise. Whatever is written — inserts,
// multi-row updates, moves between towns, status changes, deletes, concurrent writers — the
// cells must equal the definition (countCoverage) applied to the companies themselves.

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let carrierA: number;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  carrierA = (await t.db.insertInto('carrier').values({ kind: 'industrialPark', name: '甲镇数字经济产业园', townOrgId: tree.townA.id }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

interface Company {
  townOrgId?: number | null;
  carrierId?: number | null;
  kindCode?: string | null;
  staffCount?: number | null;
  operatingStatus?: string;
  coverageMode?: CoverageMode;
  coverageOrgId?: number | null;
  leadEnterpriseId?: number | null;
  instructorName?: string | null;
  hasUnion?: boolean;
}

async function company(c: Company = {}, db: Database = t.db): Promise<number> {
  const n = ++serial;
  const mode = c.coverageMode ?? 'none';
  const row = await db.insertInto('enterprise').values({
    uscc: makeUscc(`91330483MA2C${String(n).padStart(5, '0')}`),
    name: `覆盖测试企业${n}`,
    townOrgId: c.townOrgId === undefined ? tree.townA.id : c.townOrgId,
    carrierId: c.carrierId ?? null,
    kindCode: c.kindCode === undefined ? 'commercePlatform' : c.kindCode,
    staffCount: c.staffCount === undefined ? 30 : c.staffCount,
    operatingStatus: c.operatingStatus ?? 'operating',
    coverageMode: mode,
    coverageOrgId: c.coverageOrgId ?? (['standalone', 'joint', 'industryLinked', 'fallback'].includes(mode) ? tree.branchA.id : null),
    leadEnterpriseId: c.leadEnterpriseId ?? null,
    instructorName: c.instructorName ?? null,
    hasUnion: c.hasUnion ?? false,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const KEY = sql`coalesce(town_org_id, 0)::text || '|' || coalesce(carrier_id, 0)::text || '|' || coalesce(kind_code, '') || '|' || size_band || '|' || in_denominator::text || '|' || coverage_mode || '|' || work_measure::text`;

/** The kept cells and the cells recomputed from the companies, as key → n (zero cells left out). */
async function cellsAndTruth() {
  const { rows: kept } = await sql<{ key: string; n: number }>`
    select town_org_id::text || '|' || carrier_id::text || '|' || kind_code || '|' || size_band || '|' || in_denominator::text || '|' || coverage_mode || '|' || work_measure::text as key, n
    from coverage_count where n <> 0 order by 1`.execute(t.db);
  const { rows: truth } = await sql<{ key: string; n: number }>`select ${KEY} as key, count(*)::int as n from enterprise group by 1 order by 1`.execute(t.db);
  return { kept: Object.fromEntries(kept.map((r) => [r.key, r.n])), truth: Object.fromEntries(truth.map((r) => [r.key, r.n])) };
}

/** Per town: the figure summed from the kept cells equals countCoverage over the town's companies. */
async function expectCellsMatchCompanies() {
  const { kept, truth } = await cellsAndTruth();
  expect(kept).toEqual(truth);
  for (const town of [tree.townA.id, tree.townB.id]) {
    const cells = await t.db.selectFrom('coverageCount').select(['inDenominator', 'coverageMode', 'workMeasure', 'n']).where('townOrgId', '=', town).execute();
    const rows = await t.db.selectFrom('enterprise').select(['inDenominator', 'coverageMode', 'workMeasure']).where('townOrgId', '=', town).execute();
    expect(countCells(cells.map((c) => ({ inDenominator: c.inDenominator, mode: c.coverageMode as CoverageMode, workMeasure: c.workMeasure, n: c.n }))))
      .toEqual(countCoverage(rows.map((r) => ({ inDenominator: r.inDenominator, mode: r.coverageMode as CoverageMode, workMeasure: r.workMeasure }))));
  }
}

async function townFigures(town: number) {
  const cells = await t.db.selectFrom('coverageCount').select(['inDenominator', 'coverageMode', 'workMeasure', 'n']).where('townOrgId', '=', town).execute();
  return countCells(cells.map((c) => ({ inDenominator: c.inDenominator, mode: c.coverageMode as CoverageMode, workMeasure: c.workMeasure, n: c.n })));
}

describe('coverage_count kept by triggers', () => {
  it('counts inserted companies in every state, one row at a time and many at once', async () => {
    const lead = await company({ coverageMode: 'standalone' });
    await company({ coverageMode: 'leadBuilt', leadEnterpriseId: lead });
    await company({ coverageMode: 'joint', carrierId: carrierA });
    await company({ coverageMode: 'none', instructorName: '王指导' });
    await company({ operatingStatus: 'closed', coverageMode: 'standalone' });
    await company({ staffCount: 5 });
    await company({ staffCount: null, kindCode: null });
    await company({ townOrgId: null });
    // One statement, several rows: the statement trigger sees them all at once.
    await t.db.insertInto('enterprise').values([1, 2, 3].map((i) => ({
      uscc: makeUscc(`91330483MA2D${String(++serial).padStart(5, '0')}`), name: `批量企业${i}`, townOrgId: tree.townB.id, kindCode: 'newsPortal', staffCount: 12 * i, hasUnion: i === 2,
    }))).execute();
    await expectCellsMatchCompanies();
    expect(await townFigures(tree.townB.id)).toMatchObject({ denominator: 3, organised: 0, workCovered: 1 });
  });

  it('moves a company between towns and out of the denominator when its status changes', async () => {
    const id = await company({ coverageMode: 'joint' });
    const before = { a: await townFigures(tree.townA.id), b: await townFigures(tree.townB.id) };
    await t.db.updateTable('enterprise').set({ townOrgId: tree.townB.id }).where('id', '=', id).execute();
    expect((await townFigures(tree.townA.id)).organised).toBe(before.a.organised - 1);
    expect((await townFigures(tree.townB.id)).organised).toBe(before.b.organised + 1);
    await t.db.updateTable('enterprise').set({ operatingStatus: 'shell' }).where('id', '=', id).execute();
    const after = await townFigures(tree.townB.id);
    expect(after.denominator).toBe(before.b.denominator);
    expect(after.organised).toBe(before.b.organised);
    await expectCellsMatchCompanies();
  });

  it('follows multi-row updates, staff changes across size bands, work measures and deletes', async () => {
    await t.db.updateTable('enterprise').set({ staffCount: sql`coalesce(staff_count, 0) + 40` }).where('townOrgId', '=', tree.townA.id).execute();
    await t.db.updateTable('enterprise').set({ hasUnion: true }).where('coverageMode', '=', 'none').execute();
    const gone = await company({ coverageMode: 'fallback' });
    await t.db.updateTable('enterprise').set({ goneOn: '2026-10-31', goneReason: '市场监管注销' }).where('id', '=', gone).execute();
    const removed = await company({ townOrgId: tree.townB.id });
    await t.db.deleteFrom('enterprise').where('id', '=', removed).execute();
    // An update that changes nothing keeps the cells as they are.
    await t.db.updateTable('enterprise').set({ name: sql`name` }).execute();
    await expectCellsMatchCompanies();
  });

  it('follows a change of the staff threshold once the rows are touched', async () => {
    const small = await company({ townOrgId: tree.townB.id, staffCount: 8 });
    await t.db.insertInto('setting').values({ key: 'coverageMinStaff', value: JSON.stringify(5) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(5) })).execute();
    await sql`update enterprise set in_denominator = in_denominator`.execute(t.db);
    expect((await t.db.selectFrom('enterprise').select('inDenominator').where('id', '=', small).executeTakeFirstOrThrow()).inDenominator).toBe(true);
    await expectCellsMatchCompanies();
    await t.db.deleteFrom('setting').where('key', '=', 'coverageMinStaff').execute();
    await sql`update enterprise set in_denominator = in_denominator`.execute(t.db);
    await expectCellsMatchCompanies();
  });

  it('loses no count when two transactions change different companies of the same cell at once', async () => {
    const [a, b] = [await company({ townOrgId: tree.townB.id, kindCode: 'socialMedia', staffCount: 20 }), await company({ townOrgId: tree.townB.id, kindCode: 'socialMedia', staffCount: 21 })];
    const before = await townFigures(tree.townB.id);
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = t.db.transaction().execute(async (tx) => {
      await tx.updateTable('enterprise').set({ coverageMode: 'joint', coverageOrgId: tree.branchB.id }).where('id', '=', a).execute();
      firstWrote();
      // Hold the cell locks while the second writer arrives.
      await sql`select pg_sleep(0.3)`.execute(tx);
    });
    await wrote;
    const second = t.db.transaction().execute(async (tx) => {
      await tx.updateTable('enterprise').set({ coverageMode: 'joint', coverageOrgId: tree.branchB.id }).where('id', '=', b).execute();
    });
    await Promise.all([first, second]);
    const after = await townFigures(tree.townB.id);
    expect(after.joint).toBe(before.joint + 2);
    expect(after.denominator).toBe(before.denominator);
    await expectCellsMatchCompanies();
  });

  it('keeps nothing from a transaction that rolled back', async () => {
    const { kept } = await cellsAndTruth();
    await expect(t.db.transaction().execute(async (tx) => {
      await company({ townOrgId: tree.townA.id, coverageMode: 'standalone' }, tx);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await cellsAndTruth()).kept).toEqual(kept);
  });
});

describe('seeded coverage history (demo and scale data)', () => {
  it('writes twelve month-end snapshots that rise towards today’s counts and never exceed them', async () => {
    for (let i = 0; i < 40; i++) await company({ townOrgId: tree.townB.id, coverageMode: i % 3 === 0 ? 'none' : 'standalone', coverageOrgId: i % 3 === 0 ? null : tree.branchB.id });
    const today = '2026-11-20';
    await t.db.transaction().execute((tx) => writeCoverageHistory(tx, today, 12));
    const { rows } = await sql<{ month: string; denominator: number; organised: number }>`
      select to_char(month, 'YYYY-MM') as month, sum(n) filter (where in_denominator)::int as denominator,
             sum(n) filter (where in_denominator and coverage_mode <> 'none')::int as organised
      from coverage_snapshot group by 1 order by 1`.execute(t.db);
    expect(rows.map((r) => r.month)).toEqual(['2025-11', '2025-12', ...Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]);
    const now = countCells((await t.db.selectFrom('coverageCount').select(['inDenominator', 'coverageMode', 'workMeasure', 'n']).execute())
      .map((c) => ({ inDenominator: c.inDenominator, mode: c.coverageMode as CoverageMode, workMeasure: c.workMeasure, n: c.n })));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].organised).toBeGreaterThanOrEqual(rows[i - 1].organised);
      expect(rows[i].denominator).toBeGreaterThanOrEqual(rows[i - 1].denominator);
    }
    expect(rows[11].organised).toBeLessThanOrEqual(now.organised);
    expect(rows[0].organised).toBeLessThan(now.organised);
    // A second run leaves the months it finds alone.
    expect(await t.db.transaction().execute((tx) => writeCoverageHistory(tx, today, 12))).toBe(0);
  });
});
