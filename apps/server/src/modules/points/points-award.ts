import { sql } from 'kysely';
import { capAllowance, capUsage, rulebookInForce, ruleValidOn } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import { refreshMemberIndex } from './points-index';
import { createPointsRepository, shanghaiDate, type PointsRepository, type RuleRow } from './points.repository';

export interface RecordedOutcome {
  id: number;
  kind: string;
  memberId: number;
  orgPath: string;
  sourceType: string;
  sourceId: number;
  title: string;
  occurredOn: string;
}

/** The deployment (city) an organisation path belongs to: its root. */
export const deploymentOf = (orgPath: string) => Number(orgPath.split('.')[0]);

/**
 * The rules of a deployment's rulebook version in force on each day asked for (per year: the
 * newest version published on or before the day, else the first). Keyed by day.
 */
export async function rulesInForce(repo: PointsRepository, deploymentId: number, days: string[]): Promise<Map<string, { rulebookId: number; version: number; rules: RuleRow[] }>> {
  const years = [...new Set(days.map((d) => Number(d.slice(0, 4))))];
  const books = (await repo.rulebooksOf(deploymentId, years)).map((b) => ({ ...b, publishedOn: shanghaiDate(b.publishedAt) }));
  const chosen = new Map<string, (typeof books)[number]>();
  for (const day of new Set(days)) {
    const b = rulebookInForce(books.filter((x) => x.year === Number(day.slice(0, 4))), day);
    if (b) chosen.set(day, b);
  }
  const rules = await repo.rulesOf([...new Set([...chosen.values()].map((b) => b.id))]);
  const result = new Map<string, { rulebookId: number; version: number; rules: RuleRow[] }>();
  for (const [day, b] of chosen) result.set(day, { rulebookId: b.id, version: b.version, rules: rules.filter((r) => r.rulebookId === b.id && ruleValidOn(r, day)) });
  return result;
}

/** Caps and once-only state of members' rule codes in some years, updated as entries are added in a batch. */
export class LedgerUsage {
  private readonly days = new Map<string, { occurredOn: string; points: number }[]>();
  private readonly live = new Map<string, number>();

  static async load(repo: PointsRepository, memberIds: number[], codes: string[], years: number[]): Promise<LedgerUsage> {
    const u = new LedgerUsage();
    for (const row of await repo.usage(memberIds, codes, years)) u.add(row.memberId, row.ruleCode, row.occurredOn, Number(row.points), row.live);
    return u;
  }

  private key(memberId: number, code: string, year: string) {
    return `${memberId}|${code}|${year}`;
  }

  add(memberId: number, code: string, occurredOn: string, points: number, live = 1): void {
    const k = this.key(memberId, code, occurredOn.slice(0, 4));
    const list = this.days.get(k) ?? [];
    list.push({ occurredOn, points });
    this.days.set(k, list);
    this.live.set(k, (this.live.get(k) ?? 0) + live);
  }

  /** Points still allowed for this member, rule and day (same sign as the rule; 0 = nothing). */
  allowance(memberId: number, rule: Pick<RuleRow, 'code' | 'capDay' | 'capMonth' | 'capYear' | 'onceOnly'>, occurredOn: string, points: number): number {
    const k = this.key(memberId, rule.code, occurredOn.slice(0, 4));
    if (rule.onceOnly && (this.live.get(k) ?? 0) > 0) return 0;
    const caps = { capDay: num(rule.capDay), capMonth: num(rule.capMonth), capYear: num(rule.capYear) };
    return capAllowance(points, caps, capUsage(this.days.get(k) ?? [], occurredOn));
  }
}

const num = (v: string | null) => (v === null ? null : Number(v));

/**
 * Awards the automatic rules matching newly recorded outcomes, in the caller's transaction:
 * for each outcome, the published rules of its kind in force on the day it happened (the
 * rulebook of that year of the outcome's deployment) give a ledger entry — partial up to a
 * cap, none once a cap is reached or a once-only rule was earned. The members' ledgers are
 * locked first (advisory locks), so two outcomes of one member at once cannot both pass a cap;
 * the ledger's unique index makes a repeated outcome award once. Refreshes the members' index.
 */
export async function awardForOutcomes(db: Queryable, outcomes: RecordedOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  // Advisory transaction locks need a transaction to hold them until commit.
  if (!db.isTransaction) return db.transaction().execute((tx) => awardForOutcomes(tx, outcomes));
  const repo = createPointsRepository(db);
  const byDeployment = new Map<number, RecordedOutcome[]>();
  for (const o of outcomes) byDeployment.set(deploymentOf(o.orgPath), [...(byDeployment.get(deploymentOf(o.orgPath)) ?? []), o]);

  const rows: { memberId: number; orgPath: string; ruleId: number; ruleCode: string; year: number; points: number; occurredOn: string; sourceType: string; sourceId: number }[] = [];
  for (const [deploymentId, list] of byDeployment) {
    const inForce = await rulesInForce(repo, deploymentId, list.map((o) => o.occurredOn));
    const matching = (o: RecordedOutcome) => inForce.get(o.occurredOn)?.rules.filter((r) => r.earnMode === 'auto' && r.outcomeKind === o.kind) ?? [];
    const relevant = list.filter((o) => matching(o).length > 0);
    if (relevant.length === 0) continue;
    await repo.lockMembers(relevant.map((o) => o.memberId));
    const codes = [...new Set(relevant.flatMap((o) => matching(o).map((r) => r.code)))];
    const years = [...new Set(relevant.map((o) => Number(o.occurredOn.slice(0, 4))))];
    const usage = await LedgerUsage.load(repo, [...new Set(relevant.map((o) => o.memberId))], codes, years);
    // Earlier days first, so a cap keeps the first outcomes of a batch.
    for (const o of [...relevant].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id - b.id)) {
      for (const rule of matching(o)) {
        const points = usage.allowance(o.memberId, rule, o.occurredOn, Number(rule.points));
        if (points === 0) continue;
        usage.add(o.memberId, rule.code, o.occurredOn, points);
        rows.push({ memberId: o.memberId, orgPath: o.orgPath, ruleId: rule.id, ruleCode: rule.code, year: Number(o.occurredOn.slice(0, 4)), points, occurredOn: o.occurredOn, sourceType: o.sourceType, sourceId: o.sourceId });
      }
    }
  }
  if (rows.length === 0) return;
  const inserted = await db.insertInto('pointsEntry')
    .values(rows.map((r) => ({ ...r, status: 'active' })))
    .onConflict((oc) => oc.columns(['ruleCode', 'memberId', 'sourceType', 'sourceId']).where('reversalOf', 'is', null).where('status', '<>', 'rejected').doNothing())
    .returning(['memberId', 'year'])
    .execute();
  const byYear = new Map<number, number[]>();
  for (const e of inserted) byYear.set(e.year, [...(byYear.get(e.year) ?? []), e.memberId]);
  for (const [year, members] of byYear) await refreshMemberIndex(db, year, [...new Set(members)]);
}

/**
 * Awards the outcomes of a year already recorded under a deployment (in batches, in the
 * caller's transaction): when a year's first rulebook is published, it applies from 1 January,
 * so what happened before its publication still counts. Idempotent. Returns outcomes read.
 */
export async function awardRecordedOutcomes(db: Queryable, deploymentPath: string, year: number, batch = 5000): Promise<number> {
  let after = 0;
  let read = 0;
  for (;;) {
    const rows = await db.selectFrom('outcome')
      .select(['id', 'kind', 'memberId', sql<string>`org_path::text`.as('orgPath'), 'sourceType', 'sourceId', 'title', 'occurredOn'])
      .where(sql<boolean>`org_path <@ ${deploymentPath}::ltree`).where('occurredOn', '>=', `${year}-01-01`).where('occurredOn', '<=', `${year}-12-31`).where('id', '>', after)
      .orderBy('id').limit(batch).execute();
    if (rows.length === 0) return read;
    await awardForOutcomes(db, rows);
    read += rows.length;
    after = rows[rows.length - 1].id;
  }
}
