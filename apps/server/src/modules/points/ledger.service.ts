import { sql } from 'kysely';
import { awardPointsProblem, todayInShanghai, type PointsCategory, type PointsEntryStatus } from '@hongyun/shared';
import type { Database, Tx } from '../../db/database';
import { isWithin, type Access, type RolePermissions } from '../../platform/access';
import { audit } from '../../platform/audit';
import { addTodos, completeTodos } from '../../platform/todos';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import type { Permission } from '../../platform/permissions';
import { deploymentOf, LedgerUsage, rulesInForce } from './points-award';
import { refreshMemberIndex } from './points-index';
import { createPointsRepository, type PointsRepository, type RuleRow } from './points.repository';
import type { AwardInput, EntryViewT } from './points.schemas';

type EntryRow = Awaited<ReturnType<PointsRepository['entries']>>[number];

/** Maps a ledger row; category and status columns hold the shared enums (check constraints), hence the casts. */
export function entryView(e: EntryRow): EntryViewT {
  return {
    id: e.id, memberId: e.memberId, memberName: e.memberName, orgName: e.orgName, ruleCode: e.ruleCode, item: e.item, category: e.category as PointsCategory,
    year: e.year, points: Number(e.points), occurredOn: e.occurredOn, sourceType: e.sourceType, sourceId: e.sourceId, sourceTitle: e.sourceTitle ?? e.reason,
    rulebookVersion: e.rulebookVersion, reason: e.reason, evidence: e.evidence, status: e.status as PointsEntryStatus, decidedAt: e.decidedAt?.toISOString() ?? null,
    decisionNote: e.decisionNote, reversalOf: e.reversalOf, createdAt: e.createdAt.toISOString(),
  };
}

/** Roles of the actor's grants covering `orgPath` that carry `permission`; `strict` = granted above it, not at it. */
export function rolesOver(access: Access, perms: RolePermissions, permission: Permission, orgPath: string, strict = false): Set<string> {
  return new Set(access.actor.grants
    .filter((g) => perms.get(g.role)?.has(permission) && isWithin(orgPath, g.orgPath) && (!strict || g.orgPath !== orgPath))
    .map((g) => g.role));
}

export const ROLE_NAMES: Record<string, string> = { orgAdmin: '党组织书记（管理员）', townCoordinator: '镇（街道）两新工委', cityAdmin: '市两新工委', sysadmin: '系统管理员' };

/** A ledger entry written by a person (award or correction); the rule, sign and caps are checked first. */
export interface ManualEntry {
  memberId: number;
  orgPath: string;
  ruleCode: string;
  points: number | undefined;
  occurredOn: string;
  reason: string;
  evidence: string | null;
  sourceType: 'award' | 'appeal';
  sourceId: number | null;
  /** Award: only 'award' rules; correction: any rule of the year. */
  awardOnly: boolean;
}

/**
 * Checks and writes a manual entry in `tx` (the member's ledger is locked first, so caps hold
 * against concurrent writes). Throws Invalid naming the field for a bad rule, sign, evidence or
 * cap; returns the rule and the new entry's id.
 */
export async function writeManualEntry(tx: Tx, access: Access, m: ManualEntry, status: (rule: RuleRow) => 'pending' | 'active'): Promise<{ id: number; rule: RuleRow; status: 'pending' | 'active'; points: number }> {
  const repo = createPointsRepository(tx);
  await repo.lockMembers([m.memberId]);
  const year = Number(m.occurredOn.slice(0, 4));
  const inForce = (await rulesInForce(repo, deploymentOf(m.orgPath), [m.occurredOn])).get(m.occurredOn);
  if (!inForce) throw new Conflict('NO_PUBLISHED_RULEBOOK', `${year}年度积分规则尚未发布，请等待市两新工委发布后再评定`);
  const rule = inForce.rules.find((r) => r.code === m.ruleCode);
  if (!rule) invalidField('ruleCode', `${m.occurredOn} 适用的积分规则中没有该项目（或不在有效期内），请重新选择`);
  if (m.awardOnly && rule.earnMode === 'auto') invalidField('ruleCode', `“${rule.item}”由系统根据已核实的记录自动计分，不能手工评定`);
  const points = m.points ?? Number(rule.points);
  const problem = awardPointsProblem(Number(rule.points), points);
  if (problem) invalidField('points', problem);
  if (m.awardOnly && rule.evidenceRequired && !m.evidence?.trim()) invalidField('evidence', `“${rule.item}”须用文字写明事实依据（照片不是必需的）`);
  const usage = await LedgerUsage.load(repo, [m.memberId], [rule.code], [year]);
  const allowed = usage.allowance(m.memberId, rule, m.occurredOn, points);
  if (allowed === 0) invalidField('points', rule.onceOnly ? `“${rule.item}”每人每年只计一次，本年度已计` : `“${rule.item}”已达到计分上限，不能再计分`);
  if (Math.abs(allowed) < Math.abs(points)) invalidField('points', `超过“${rule.item}”的计分上限：本次最多还能计 ${allowed} 分`);
  const s = status(rule);
  const row = await tx.insertInto('pointsEntry').values({
    memberId: m.memberId, orgPath: m.orgPath, ruleId: rule.id, ruleCode: rule.code, year, points, occurredOn: m.occurredOn,
    sourceType: m.sourceType,
    // A manual award has no record behind it: a fresh number from the ledger's own sequence keeps the source unique.
    sourceId: m.sourceId ?? sql<number>`nextval(pg_get_serial_sequence('points_entry', 'id'))`,
    reason: m.reason, evidence: m.evidence?.trim() || null, status: s, awardedBy: access.actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  if (s === 'active') await refreshMemberIndex(tx, year, [m.memberId]);
  return { id: row.id, rule, status: s, points };
}

/** Writes the negative twin of an active entry and marks it reversed (once: a unique index). */
export async function reverseEntry(tx: Tx, access: Access, id: number, reason: string): Promise<number> {
  const repo = createPointsRepository(tx);
  const locked = await repo.lockEntry(id);
  const e = locked ? await repo.getEntry(id) : undefined;
  if (!e) throw new NotFound();
  if (e.reversalOf !== null) throw new Conflict('ENTRY_IS_REVERSAL', '这是一条冲销记录，不能再冲销');
  if (e.status === 'reversed') throw new Conflict('ENTRY_REVERSED', '该积分已经冲销过了');
  if (e.status !== 'active') throw new Conflict('ENTRY_NOT_ACTIVE', e.status === 'pending' ? '该积分尚在审核中，请直接审核不通过' : '该积分未生效，无需冲销');
  const twin = await tx.insertInto('pointsEntry').values({
    memberId: e.memberId, orgPath: e.orgPath, ruleId: e.ruleId, ruleCode: e.ruleCode, year: e.year, points: -Number(e.points), occurredOn: e.occurredOn,
    sourceType: e.sourceType, sourceId: e.sourceId, reason, status: 'active', awardedBy: access.actor.userId, reversalOf: e.id,
  }).returning('id').executeTakeFirstOrThrow();
  await tx.updateTable('pointsEntry').set({ status: 'reversed' }).where('id', '=', e.id).execute();
  await refreshMemberIndex(tx, e.year, [e.memberId]);
  await audit(tx, access.actor, { action: 'pointsEntry.reverse', targetType: 'pointsEntry', targetId: e.id, orgPath: e.orgPath, before: { status: e.status, points: Number(e.points) }, after: { status: 'reversed', reversalId: twin.id, reason }, subjects: [e.memberId] });
  return twin.id;
}

const APPROVE_TODO = 'points.approve';

/** A to-do for each active account holding one of the rule's approve roles above the member's organisation (not the awarder). */
async function askApprovers(tx: Tx, entryId: number, member: { name: string; orgPath: string }, rule: RuleRow, awarder: number) {
  const users = await tx.selectFrom('userGrant as g').innerJoin('org as o', 'o.id', 'g.orgId').innerJoin('appUser as u', 'u.id', 'g.userId')
    .select('g.userId').distinct()
    .where('g.role', 'in', rule.approveRoles).where('u.disabledAt', 'is', null).where('g.userId', '<>', awarder)
    .where(sql<boolean>`${member.orgPath}::ltree <@ o.path and ${member.orgPath}::ltree <> o.path`)
    .execute();
  await addTodos(tx, users.map((u) => ({
    userId: u.userId, orgPath: member.orgPath, kind: APPROVE_TODO, sourceType: 'pointsEntry', sourceId: entryId,
    title: `审核积分：${member.name}“${rule.item}”`, link: '/points?tab=pending',
  })));
}

export function createLedgerService(deps: { db: Database; rolePermissions(): RolePermissions }) {
  const { db } = deps;
  const repo = createPointsRepository(db);

  async function orgPathOf(orgId: number) {
    const o = await db.selectFrom('org').select(sql<string>`path::text`.as('path')).where('id', '=', orgId).executeTakeFirst();
    if (!o) throw new NotFound();
    return o.path;
  }

  return {
    /** The ledger of an organisation's subtree (points.read), newest first; filter by member, year, status. */
    async list(access: Access, q: { orgId: number; memberId?: number; year?: number; status?: string; ruleCode?: string; from?: string; to?: string; page: number; pageSize: number }) {
      const path = await orgPathOf(q.orgId);
      access.assertInScope('points.read', path);
      if (q.from && q.to && q.to < q.from) invalidField('to', '结束日期不能早于开始日期');
      const scope = sql<boolean>`e.org_path <@ ${path}::ltree`;
      const rows = await repo.entries({
        scope, memberId: q.memberId, year: q.year, status: q.status, ruleCode: q.ruleCode || undefined, from: q.from, to: q.to, limit: q.pageSize, offset: (q.page - 1) * q.pageSize,
      });
      return { items: rows.map(entryView), total: rows[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /**
     * A person's award under an 'award' rule (points.award over the member; the rule may name
     * the roles). Pending when the rule names approvers, else active at once. Nobody awards
     * themself.
     */
    async award(access: Access, input: AwardInput) {
      const member = await db.selectFrom('member').select(['id', 'name', 'status', sql<string>`org_path::text`.as('orgPath')]).where('id', '=', input.memberId).executeTakeFirst();
      if (!member || !access.inScope('points.award', member.orgPath)) throw new NotFound();
      if (member.status !== 'normal') invalidField('memberId', '该党员已不在册，不能再计分');
      if (access.actor.memberId === member.id) throw new Forbidden('OWN_POINTS', '不能给自己评定积分，请由本组织其他负责人评定');
      const today = todayInShanghai();
      const occurredOn = input.occurredOn ?? today;
      if (occurredOn > today) invalidField('occurredOn', '发生日期不能晚于今天');
      return db.transaction().execute(async (tx) => {
        const written = await writeManualEntry(tx, access, {
          memberId: member.id, orgPath: member.orgPath, ruleCode: input.ruleCode, points: input.points, occurredOn, reason: input.reason, evidence: input.evidence ?? null,
          sourceType: 'award', sourceId: null, awardOnly: true,
        }, (rule) => {
          const mine = rolesOver(access, deps.rolePermissions(), 'points.award', member.orgPath);
          if (rule.awardRoles.length && !rule.awardRoles.some((r) => mine.has(r))) {
            throw new Forbidden('RULE_ROLE', `“${rule.item}”只能由${rule.awardRoles.map((r) => ROLE_NAMES[r] ?? r).join('、')}评定`);
          }
          return rule.approveRoles.length ? 'pending' : 'active';
        });
        if (written.status === 'pending') await askApprovers(tx, written.id, member, written.rule, access.actor.userId);
        await audit(tx, access.actor, { action: 'pointsEntry.award', targetType: 'pointsEntry', targetId: written.id, orgPath: member.orgPath, after: { memberId: member.id, ruleCode: written.rule.code, points: written.points, occurredOn, status: written.status, reason: input.reason }, subjects: [member.id] });
        return { id: written.id, status: written.status };
      });
    },

    /** Approves or rejects a pending award: a holder of the rule's approve role above the member's organisation, never the awarder. */
    async decide(access: Access, id: number, input: { decision: 'approve' | 'reject'; note?: string | null }) {
      await db.transaction().execute(async (tx) => {
        const r = createPointsRepository(tx);
        const locked = await r.lockEntry(id);
        const e = locked ? await r.getEntry(id) : undefined;
        if (!e || !access.inScope('points.approve', e.orgPath)) throw new NotFound();
        if (e.status !== 'pending') throw new Conflict('ENTRY_NOT_PENDING', '该积分不在待审核状态（可能已被审核），请刷新');
        if (e.awardedBy === access.actor.userId || e.memberId === access.actor.memberId) throw new Forbidden('OWN_AWARD', '不能审核自己评定或自己的积分，请由其他审核人审核');
        const above = rolesOver(access, deps.rolePermissions(), 'points.approve', e.orgPath, true);
        const allowed = e.approveRoles.length ? e.approveRoles.some((x) => above.has(x)) : above.size > 0;
        if (!allowed) throw new Forbidden('RULE_ROLE', `该积分须由${e.approveRoles.map((x) => ROLE_NAMES[x] ?? x).join('、') || '上级组织'}审核`);
        if (input.decision === 'reject' && !input.note?.trim()) invalidField('note', '不通过时请写明原因，评定人和党员都能看到');
        const status = input.decision === 'approve' ? 'active' : 'rejected';
        await tx.updateTable('pointsEntry').set({ status, decidedBy: access.actor.userId, decidedAt: new Date(), decisionNote: input.note?.trim() || null }).where('id', '=', id).execute();
        if (status === 'active') await refreshMemberIndex(tx, e.year, [e.memberId]);
        await completeTodos(tx, { kind: APPROVE_TODO, sourceType: 'pointsEntry', sourceId: id });
        await audit(tx, access.actor, { action: `pointsEntry.${input.decision}`, targetType: 'pointsEntry', targetId: id, orgPath: e.orgPath, before: { status: e.status }, after: { status, note: input.note ?? null }, subjects: [e.memberId] });
      });
    },

    /** Reverses an active entry (points.approve over the member): the negative twin, once. */
    async reverse(access: Access, id: number, reason: string) {
      const e = await repo.getEntry(id);
      if (!e || !access.inScope('points.approve', e.orgPath)) throw new NotFound();
      return db.transaction().execute((tx) => reverseEntry(tx, access, id, reason));
    },
  };
}
