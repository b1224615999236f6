import { sql } from 'kysely';
import { INDEXED_ENTRY_STATUSES, LEARNING_SETTINGS, OUTCOME_KINDS, POINTS_CATEGORIES, memberIndexValue, starsFor, type OutcomeKind, type PointsCategory } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access, Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { NotFound, invalidField } from '../../platform/errors';
import { settingNumber } from '../../platform/settings';
import { appealView } from './appeal.service';
import { entryView } from './ledger.service';
import { deploymentOf } from './points-award';
import { ensureOrgIndexFresh, formulasOf, indexSettings, recomputeIndices } from './points-index';
import { createPointsRepository } from './points.repository';
import { currentYear } from './rulebook.service';

const INDEXED = [...INDEXED_ENTRY_STATUSES];
const ORG_NOTICE = '积分是民主评议等工作的参考之一，不作为考核排名；名单按姓名排列，按分值排序须由本平台设置开启';

type OrgIndexRow = { orgId: number; orgName: string; orgKind: string; value: string | null; stars: number | null; breakdown: unknown };
function orgIndexView(o: OrgIndexRow) {
  const b = (o.breakdown ?? {}) as { members?: number; activeMembers?: number; activeShare?: number | null };
  const members = b.members ?? 0;
  return {
    orgId: o.orgId, orgName: o.orgName, orgKind: o.orgKind, value: members > 0 && o.value !== null ? Number(o.value) : null, stars: o.stars ?? 0,
    members, activeMembers: b.activeMembers ?? 0, activeShare: b.activeShare ?? null,
  };
}

/** Indices, breakdowns, histories and the yearly 体检报告, read from the ledger and the records. */
export function createStandingService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createPointsRepository(db);

  /** A member's counted points of a year by rule (exact, read from the ledger). */
  async function memberTotals(memberId: number, year: number) {
    return db.selectFrom('pointsEntry as e').innerJoin('pointsRule as r', 'r.id', 'e.ruleId')
      .select(['e.ruleCode', sql<string>`min(r.item)`.as('item'), sql<string>`min(r.category)`.as('category'), sql<string>`sum(e.points)`.as('points'), sql<number>`count(*) filter (where e.reversal_of is null)::int`.as('entries')])
      .where('e.memberId', '=', memberId).where('e.year', '=', year).where('e.status', 'in', INDEXED)
      .groupBy('e.ruleCode').orderBy('e.ruleCode').execute();
  }

  async function memberIndex(memberId: number, year: number) {
    const s = await indexSettings(db);
    const byRule = await memberTotals(memberId, year);
    const points = byRule.reduce((sum, r) => sum + Math.round(Number(r.points) * 10), 0) / 10;
    const value = memberIndexValue(s.base, points);
    const byCategory = POINTS_CATEGORIES.map((c) => ({ category: c, points: byRule.filter((r) => r.category === c).reduce((sum, r) => sum + Math.round(Number(r.points) * 10), 0) / 10 }));
    return { s, byRule, byCategory, index: { value, stars: starsFor(value, s.thresholds), points } };
  }

  async function orgInScope(access: Access, orgId: number) {
    const o = await db.selectFrom('org').select(['id', 'name', 'kind', sql<string>`path::text`.as('path')]).where('id', '=', orgId).executeTakeFirst();
    if (!o) throw new NotFound();
    access.assertInScope('points.read', o.path);
    return o;
  }

  async function orgIndexRows(where: { orgId?: number; parentId?: number }, year: number): Promise<OrgIndexRow[]> {
    return db.selectFrom('org as o').leftJoin('orgIndex as x', (j) => j.onRef('x.orgId', '=', 'o.id').on('x.year', '=', year))
      .select(['o.id as orgId', 'o.name as orgName', 'o.kind as orgKind', 'x.value', 'x.stars', 'x.breakdown'])
      .$if(where.orgId !== undefined, (q) => q.where('o.id', '=', where.orgId!))
      .$if(where.parentId !== undefined, (q) => q.where('o.parentId', '=', where.parentId!).where('o.abolishedOn', 'is', null))
      .orderBy('o.name').execute();
  }

  async function outcomeCounts(where: { memberId?: number; path?: string }, year: number) {
    const rows = await db.selectFrom('outcome').select(['kind', sql<number>`count(*)::int`.as('count')])
      .where('occurredOn', '>=', `${year}-01-01`).where('occurredOn', '<=', `${year}-12-31`)
      .$if(where.memberId !== undefined, (q) => q.where('memberId', '=', where.memberId!))
      .$if(where.path !== undefined, (q) => q.where(sql<boolean>`org_path <@ ${where.path}::ltree`))
      .groupBy('kind').execute();
    return OUTCOME_KINDS.map((k) => ({ kind: k as OutcomeKind, count: rows.find((r) => r.kind === k)?.count ?? 0 }));
  }

  async function appealCounts(where: { memberId?: number; path?: string }, year: number) {
    const row = await db.selectFrom('pointsAppeal').select([sql<number>`count(*) filter (where status = 'open')::int`.as('open'), sql<number>`count(*) filter (where status <> 'open')::int`.as('decided')])
      .where('year', '=', year)
      .$if(where.memberId !== undefined, (q) => q.where('memberId', '=', where.memberId!))
      .$if(where.path !== undefined, (q) => q.where(sql<boolean>`org_path <@ ${where.path}::ltree`))
      .executeTakeFirstOrThrow();
    return row;
  }

  return {
    /** My index, stars, breakdown by category and rule, my entries (with source and rule version) and my appeals. */
    async mine(actor: Actor, year = currentYear()) {
      if (actor.memberId == null) throw new NotFound();
      const memberId = actor.memberId;
      const [{ s, byRule, byCategory, index }, entries, appeals] = await Promise.all([
        memberIndex(memberId, year),
        repo.entries({ memberId, year, limit: 1000, offset: 0 }),
        repo.appeals({ memberId, limit: 200, offset: 0 }),
      ]);
      const openFor = new Set(appeals.filter((a) => a.status === 'open' && a.entryId !== null).map((a) => a.entryId));
      return {
        year, index, formulas: formulasOf(s), byCategory,
        byRule: byRule.map((r) => ({ ruleCode: r.ruleCode, item: r.item, category: r.category as PointsCategory, points: Number(r.points), entries: r.entries })),
        entries: entries.map((e) => ({ ...entryView(e), appealable: !openFor.has(e.id) && e.reversalOf === null && e.status !== 'reversed' })),
        appeals: appeals.map(appealView),
      };
    },

    /** An organisation's index and its direct sub-organisations' (by name), refreshed when stale. */
    async org(access: Access, orgId: number, year = currentYear()) {
      const o = await orgInScope(access, orgId);
      const root = o.path.split('.')[0];
      await ensureOrgIndexFresh(db, root, deploymentOf(o.path), year);
      const s = await indexSettings(db);
      const [self, children, at] = await Promise.all([
        orgIndexRows({ orgId }, year),
        orgIndexRows({ parentId: orgId }, year),
        db.selectFrom('orgIndex').select('computedAt').where('orgId', '=', orgId).where('year', '=', year).executeTakeFirst(),
      ]);
      return { year, org: orgIndexView(self[0]), children: children.map(orgIndexView), formulas: formulasOf(s), computedAt: at?.computedAt.toISOString() ?? null, rankingsEnabled: s.rankingsEnabled };
    },

    /** Members' indices of an organisation's subtree for points.read holders: by name; by value only where the deployment allows it. */
    async members(access: Access, orgId: number, q: { year?: number; order: 'name' | 'value'; page: number; pageSize: number }) {
      const o = await orgInScope(access, orgId);
      const s = await indexSettings(db);
      if (q.order === 'value' && !s.rankingsEnabled) invalidField('order', '本平台未开启按积分排序（不搞积分排名），名单按姓名排列');
      const year = q.year ?? currentYear();
      const base = Math.max(0, s.base);
      const rows = await db.selectFrom('member as m').innerJoin('org as g', 'g.id', 'm.orgId')
        .leftJoin('memberIndex as mi', (j) => j.onRef('mi.memberId', '=', 'm.id').on('mi.year', '=', year))
        .select(['m.id as memberId', 'm.name', 'g.name as orgName', sql<string>`coalesce(mi.value, ${base})`.as('value'), sql<number | null>`mi.stars`.as('stars'), sql<number>`count(*) over ()`.as('total')])
        .where(sql<boolean>`m.org_path <@ ${o.path}::ltree`).where('m.status', '=', 'normal')
        .$if(q.order === 'value', (qq) => qq.orderBy(sql`coalesce(mi.value, ${base})`, 'desc'))
        .orderBy('m.name').orderBy('m.id')
        .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      return {
        year, total: rows[0]?.total ?? 0, page: q.page, pageSize: q.pageSize, notice: ORG_NOTICE,
        items: rows.map((r) => ({ memberId: r.memberId, name: r.name, orgName: r.orgName, value: Number(r.value), stars: r.stars ?? starsFor(Number(r.value), s.thresholds) })),
      };
    },

    /** Full recomputation of a year's indices (points.manage at the deployment root). */
    async recompute(access: Access, year = currentYear()) {
      // The caller's deployments (roots where they hold points.manage).
      const roots = [...new Set(access.paths('points.manage').map((p) => p.split('.')[0]))];
      if (roots.length === 0) throw new NotFound();
      const result = await recomputeIndices(db, year, roots);
      await audit(db, access.actor, { action: 'points.recompute', targetType: 'memberIndex', targetId: year, after: result });
      return { year, ...result };
    },

    /** My yearly 体检报告: generated from the ledger, outcomes, study hours and the appraisal grade; nothing re-entered. */
    async myReport(actor: Actor, year = currentYear()) {
      if (actor.memberId == null) throw new NotFound();
      const memberId = actor.memberId;
      const member = await db.selectFrom('member as m').innerJoin('org as o', 'o.id', 'm.orgId').select(['m.name', 'o.name as orgName']).where('m.id', '=', memberId).executeTakeFirst();
      if (!member) throw new NotFound();
      const [{ s, byCategory, index }, outcomes, hours, grade, leader, awards, appeals] = await Promise.all([
        memberIndex(memberId, year),
        outcomeCounts({ memberId }, year),
        db.selectFrom('studyHoursEntry').select([sql<string>`coalesce(sum(hours), 0)`.as('hours'), sql<number>`count(*)::int`.as('records')]).where('memberId', '=', memberId).where('year', '=', year).executeTakeFirstOrThrow(),
        db.selectFrom('memberAppraisal').select('grade').where('memberId', '=', memberId).where('year', '=', year).executeTakeFirst(),
        db.selectFrom('leadershipPost as p').innerJoin('leadership as l', 'l.id', 'p.leadershipId').select('p.id').where('p.memberId', '=', memberId).where('l.isCurrent', '=', true).where('p.dismissedOn', 'is', null).executeTakeFirst(),
        db.selectFrom('pointsEntry as e').innerJoin('pointsRule as r', 'r.id', 'e.ruleId').select(['r.item', 'e.points', 'e.occurredOn', 'e.reason'])
          .where('e.memberId', '=', memberId).where('e.year', '=', year).where('e.status', '=', 'active').where('e.sourceType', '=', 'award').where('e.reversalOf', 'is', null)
          .orderBy('e.occurredOn').execute(),
        appealCounts({ memberId }, year),
      ]);
      const required = leader
        ? await settingNumber(db, 'learning.leaderStudyHours', LEARNING_SETTINGS.leaderStudyHours.value)
        : await settingNumber(db, 'learning.memberStudyHours', LEARNING_SETTINGS.memberStudyHours.value);
      return {
        year, member, index, formulas: formulasOf(s), byCategory, outcomes,
        studyHours: { hours: Number(hours.hours), required, records: hours.records },
        appraisalGrade: grade?.grade ?? null,
        awards: awards.map((a) => ({ item: a.item, points: Number(a.points), occurredOn: a.occurredOn, reason: a.reason })),
        appeals, generatedAt: new Date().toISOString(),
      };
    },

    /** An organisation's yearly 体检报告 (points.read): its subtree's ledger, outcomes, study hours and appraisal grades, as counts. */
    async orgReport(access: Access, orgId: number, year = currentYear()) {
      const o = await orgInScope(access, orgId);
      await ensureOrgIndexFresh(db, o.path.split('.')[0], deploymentOf(o.path), year);
      const s = await indexSettings(db);
      const under = sql<boolean>`m.org_path <@ ${o.path}::ltree`;
      const required = await settingNumber(db, 'learning.memberStudyHours', LEARNING_SETTINGS.memberStudyHours.value);
      const [self, categories, outcomes, hours, grades, stars, appeals] = await Promise.all([
        orgIndexRows({ orgId }, year),
        db.selectFrom('pointsEntry as e').innerJoin('pointsRule as r', 'r.id', 'e.ruleId').select(['r.category', sql<string>`sum(e.points)`.as('points')])
          .where(sql<boolean>`e.org_path <@ ${o.path}::ltree`).where('e.year', '=', year).where('e.status', 'in', INDEXED).groupBy('r.category').execute(),
        outcomeCounts({ path: o.path }, year),
        db.selectFrom('member as m').leftJoin(
          (eb) => eb.selectFrom('studyHoursEntry').select(['memberId', sql<string>`sum(hours)`.as('hours')]).where('year', '=', year).groupBy('memberId').as('h'), (j) => j.onRef('h.memberId', '=', 'm.id'))
          .select([sql<string>`coalesce(sum(h.hours), 0)`.as('hours'), sql<number>`count(*)::int`.as('members'), sql<number>`count(*) filter (where h.hours >= ${required})::int`.as('meeting')])
          .where(under).where('m.status', '=', 'normal').executeTakeFirstOrThrow(),
        db.selectFrom('memberAppraisal as a').innerJoin('member as m', 'm.id', 'a.memberId').select(['a.grade', sql<number>`count(*)::int`.as('count')])
          .where(under).where('a.year', '=', year).groupBy('a.grade').orderBy('a.grade').execute(),
        db.selectFrom('member as m').leftJoin('memberIndex as mi', (j) => j.onRef('mi.memberId', '=', 'm.id').on('mi.year', '=', year))
          .select([sql<number>`coalesce(mi.stars, ${starsFor(Math.max(0, s.base), s.thresholds)})`.as('stars'), sql<number>`count(*)::int`.as('count')])
          .where(under).where('m.status', '=', 'normal').groupBy(sql`1`).orderBy(sql`1`).execute(),
        appealCounts({ path: o.path }, year),
      ]);
      return {
        year, org: orgIndexView(self[0]), formulas: formulasOf(s),
        byCategory: POINTS_CATEGORIES.map((c) => ({ category: c, points: Number(categories.find((x) => x.category === c)?.points ?? 0) })),
        outcomes,
        studyHours: { hours: Number(hours.hours), members: hours.members, membersMeetingRequired: hours.meeting, required },
        appraisalGrades: grades.map((g) => ({ grade: g.grade, count: g.count })),
        starCounts: stars.map((x) => ({ stars: Number(x.stars), count: x.count })),
        appeals, generatedAt: new Date().toISOString(),
      };
    },
  };
}
