import { sql, type Expression, type SqlBool } from 'kysely';
import { COUNTED_ENTRY_STATUSES, formatShanghaiDateTime, type PointsRuleSpec } from '@hongyun/shared';
import type { Queryable } from '../../db/database';

/** The Asia/Shanghai date of an instant (publication dates decide which version is in force). */
export const shanghaiDate = (at: Date | null) => (at ? formatShanghaiDateTime(at).slice(0, 10) : null);

const RULE_COLUMNS = [
  'id', 'rulebookId', 'code', 'position', 'category', 'item', 'description', 'points', 'capDay', 'capMonth', 'capYear', 'onceOnly',
  'earnMode', 'outcomeKind', 'evidenceRequired', 'awardRoles', 'approveRoles', 'validFrom', 'validTo',
] as const;

export type RuleRow = Awaited<ReturnType<ReturnType<typeof createPointsRepository>['rulesOf']>>[number];
export type RuleInput = PointsRuleSpec & { validFrom: string | null; validTo: string | null };

export function createPointsRepository(db: Queryable) {
  return {
    // ----- rulebooks ---------------------------------------------------------------------

    listRulebooks(scope: Expression<SqlBool>, year?: number) {
      return db.selectFrom('pointsRulebook as b').innerJoin('org as o', 'o.id', 'b.orgId')
        .select(['b.id', 'b.orgId', 'o.name as orgName', sql<string>`o.path::text`.as('orgPath'), 'b.year', 'b.version', 'b.title', 'b.publishedAt', 'b.revision'])
        .select(sql<number>`(select count(*)::int from points_rule r where r.rulebook_id = b.id)`.as('ruleCount'))
        .where(scope)
        .$if(year !== undefined, (q) => q.where('b.year', '=', year!))
        .orderBy('b.year', 'desc').orderBy('b.version', 'desc')
        .execute();
    },

    getRulebook(id: number) {
      return db.selectFrom('pointsRulebook as b').innerJoin('org as o', 'o.id', 'b.orgId')
        .select(['b.id', 'b.orgId', 'o.name as orgName', sql<string>`o.path::text`.as('orgPath'), 'b.year', 'b.version', 'b.title', 'b.publishedAt', 'b.revision'])
        .select(sql<number>`(select count(*)::int from points_rule r where r.rulebook_id = b.id)`.as('ruleCount'))
        .where('b.id', '=', id)
        .executeTakeFirst();
    },

    /** Every version of a deployment's years, oldest first (drafts included; publishedAt null). */
    rulebooksOf(orgId: number, years: number[]) {
      return db.selectFrom('pointsRulebook').select(['id', 'year', 'version', 'title', 'publishedAt'])
        .where('orgId', '=', orgId).where('year', 'in', years).orderBy('year').orderBy('version').execute();
    },

    latestOfYear(orgId: number, year: number) {
      return db.selectFrom('pointsRulebook').select(['id', 'version', 'publishedAt']).where('orgId', '=', orgId).where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();
    },

    publishedBefore(orgId: number, year: number) {
      return db.selectFrom('pointsRulebook').select(['id', 'version']).where('orgId', '=', orgId).where('year', '<', year).where('publishedAt', 'is not', null)
        .orderBy('year', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
    },

    draftOfYear(orgId: number, year: number) {
      return db.selectFrom('pointsRulebook').select('id').where('orgId', '=', orgId).where('year', '=', year).where('publishedAt', 'is', null).executeTakeFirst();
    },

    async insertRulebook(row: { orgId: number; year: number; version: number; title: string; publishedAt?: Date; createdBy: number | null }, rules: RuleInput[]) {
      const b = await db.insertInto('pointsRulebook').values(row).returning('id').executeTakeFirstOrThrow();
      await this.insertRules(b.id, rules);
      return b.id;
    },

    async insertRules(rulebookId: number, rules: RuleInput[]) {
      if (rules.length === 0) return;
      await db.insertInto('pointsRule').values(rules.map((r, i) => ({
        rulebookId, code: r.code, position: i + 1, category: r.category, item: r.item, description: r.description, points: r.points,
        capDay: r.capDay, capMonth: r.capMonth, capYear: r.capYear, onceOnly: r.onceOnly, earnMode: r.earnMode, outcomeKind: r.outcomeKind,
        evidenceRequired: r.evidenceRequired, awardRoles: r.awardRoles, approveRoles: r.approveRoles, validFrom: r.validFrom, validTo: r.validTo,
      }))).execute();
    },

    /** Replaces a draft's title and rules when its revision still matches; false when someone else edited first. */
    async updateDraft(id: number, revision: number, title: string, rules: RuleInput[]) {
      const r = await db.updateTable('pointsRulebook').set({ title, revision: sql`revision + 1` })
        .where('id', '=', id).where('revision', '=', revision).where('publishedAt', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await db.deleteFrom('pointsRule').where('rulebookId', '=', id).execute();
      await this.insertRules(id, rules);
      return true;
    },

    async publish(id: number, revision: number) {
      const r = await db.updateTable('pointsRulebook').set({ publishedAt: new Date(), revision: sql`revision + 1` })
        .where('id', '=', id).where('revision', '=', revision).where('publishedAt', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    rulesOf(rulebookIds: number[]) {
      if (rulebookIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('pointsRule').select(RULE_COLUMNS).where('rulebookId', 'in', rulebookIds).orderBy('rulebookId').orderBy('position').execute();
    },

    // ----- ledger ------------------------------------------------------------------------

    /** Counted points per member, rule code and day of the given years (for caps and once-only). */
    usage(memberIds: number[], codes: string[], years: number[]) {
      if (memberIds.length === 0 || codes.length === 0) return Promise.resolve([]);
      return db.selectFrom('pointsEntry')
        .select(['memberId', 'ruleCode', 'occurredOn', sql<string>`sum(points)`.as('points'), sql<number>`count(*) filter (where reversal_of is null and status in ('pending','active'))::int`.as('live')])
        .where('memberId', 'in', memberIds).where('ruleCode', 'in', codes).where('year', 'in', years)
        .where('status', 'in', [...COUNTED_ENTRY_STATUSES])
        .groupBy(['memberId', 'ruleCode', 'occurredOn'])
        .execute();
    },

    /** Locks members' ledgers for this transaction, in id order (no deadlock between batches). */
    async lockMembers(memberIds: number[]) {
      const ids = [...new Set(memberIds)].sort((a, b) => a - b);
      if (ids.length === 0) return;
      await sql`select pg_advisory_xact_lock(hashtext('points.member'), id::int) from (select unnest(${ids}::bigint[]) as id order by 1) ids`.execute(db);
    },

    getEntry(id: number) {
      return db.selectFrom('pointsEntry as e').innerJoin('pointsRule as r', 'r.id', 'e.ruleId').innerJoin('pointsRulebook as b', 'b.id', 'r.rulebookId')
        .innerJoin('member as m', 'm.id', 'e.memberId')
        .select(['e.id', 'e.memberId', 'm.name as memberName', sql<string>`e.org_path::text`.as('orgPath'), 'e.ruleId', 'e.ruleCode', 'e.year', 'e.points', 'e.occurredOn',
          'e.sourceType', 'e.sourceId', 'e.reason', 'e.evidence', 'e.status', 'e.awardedBy', 'e.decidedBy', 'e.decidedAt', 'e.decisionNote', 'e.reversalOf', 'e.createdAt',
          'r.item', 'r.category', 'r.approveRoles', 'r.points as rulePoints', 'b.version as rulebookVersion', 'b.id as rulebookId'])
        .where('e.id', '=', id)
        .executeTakeFirst();
    },

    lockEntry(id: number) {
      return db.selectFrom('pointsEntry').select(['id', 'status', 'reversalOf']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    /** Ledger lines with their rule, rulebook version, member, and the outcome's title when they came from one. */
    entries(where: { scope?: Expression<SqlBool>; memberId?: number; year?: number; status?: string; ruleCode?: string; from?: string; to?: string; limit: number; offset: number }) {
      return db.selectFrom('pointsEntry as e').innerJoin('pointsRule as r', 'r.id', 'e.ruleId').innerJoin('pointsRulebook as b', 'b.id', 'r.rulebookId')
        .innerJoin('member as m', 'm.id', 'e.memberId').leftJoin('org as o', 'o.id', 'm.orgId')
        .select(['e.id', 'e.memberId', 'm.name as memberName', 'o.name as orgName', 'e.ruleCode', 'r.item', 'r.category', 'e.year', 'e.points', 'e.occurredOn',
          'e.sourceType', 'e.sourceId', 'e.reason', 'e.evidence', 'e.status', 'e.awardedBy', 'e.decidedAt', 'e.decisionNote', 'e.reversalOf', 'e.createdAt',
          'b.version as rulebookVersion'])
        .select(sql<string | null>`(select oc.title from outcome oc where oc.member_id = e.member_id and oc.kind = r.outcome_kind and oc.source_type = e.source_type and oc.source_id = e.source_id)`.as('sourceTitle'))
        .select(sql<number>`count(*) over ()`.as('total'))
        .$if(!!where.scope, (q) => q.where(where.scope!))
        .$if(where.memberId !== undefined, (q) => q.where('e.memberId', '=', where.memberId!))
        .$if(where.year !== undefined, (q) => q.where('e.year', '=', where.year!))
        .$if(where.status !== undefined, (q) => q.where('e.status', '=', where.status!))
        .$if(where.ruleCode !== undefined, (q) => q.where('e.ruleCode', '=', where.ruleCode!))
        .$if(where.from !== undefined, (q) => q.where('e.occurredOn', '>=', where.from!))
        .$if(where.to !== undefined, (q) => q.where('e.occurredOn', '<=', where.to!))
        .orderBy('e.occurredOn', 'desc').orderBy('e.id', 'desc')
        .limit(where.limit).offset(where.offset)
        .execute();
    },

    // ----- appeals -----------------------------------------------------------------------

    appeals(where: { scope?: Expression<SqlBool>; memberId?: number; year?: number; status?: string; limit: number; offset: number }) {
      return db.selectFrom('pointsAppeal as a').innerJoin('member as m', 'm.id', 'a.memberId').leftJoin('pointsEntry as e', 'e.id', 'a.entryId')
        .leftJoin('pointsRule as r', 'r.id', 'e.ruleId')
        .select(['a.id', 'a.entryId', 'a.memberId', 'm.name as memberName', 'a.year', 'a.reason', 'a.status', 'a.decision', 'a.decidedAt', 'a.createdAt',
          'r.item as entryItem', 'e.points as entryPoints', 'e.occurredOn as entryOccurredOn', sql<number>`count(*) over ()`.as('total')])
        .$if(!!where.scope, (q) => q.where(where.scope!))
        .$if(where.memberId !== undefined, (q) => q.where('a.memberId', '=', where.memberId!))
        .$if(where.year !== undefined, (q) => q.where('a.year', '=', where.year!))
        .$if(where.status !== undefined, (q) => q.where('a.status', '=', where.status!))
        .orderBy(sql`a.status = 'open'`, 'desc').orderBy('a.createdAt', 'desc').orderBy('a.id', 'desc')
        .limit(where.limit).offset(where.offset)
        .execute();
    },

    lockAppeal(id: number) {
      return db.selectFrom('pointsAppeal').select(['id', 'entryId', 'memberId', sql<string>`org_path::text`.as('orgPath'), 'year', 'status', 'reason'])
        .where('id', '=', id).forUpdate().executeTakeFirst();
    },
  };
}
export type PointsRepository = ReturnType<typeof createPointsRepository>;
