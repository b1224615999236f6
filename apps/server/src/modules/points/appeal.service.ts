import { sql } from 'kysely';
import { todayInShanghai, type AppealStatus } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access, Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, Invalid, NotFound, invalidField, type FieldIssue } from '../../platform/errors';
import { addTodos } from '../../platform/todos';
import { reverseEntry, writeManualEntry } from './ledger.service';
import { createPointsRepository, type PointsRepository } from './points.repository';
import type { AppealViewT, DecideAppealInput } from './points.schemas';
import { currentYear } from './rulebook.service';

type AppealRow = Awaited<ReturnType<PointsRepository['appeals']>>[number];

/** Maps a row; the status column holds one of APPEAL_STATUSES (check constraint), hence the cast. */
export function appealView(a: AppealRow): AppealViewT {
  return {
    id: a.id, entryId: a.entryId, memberId: a.memberId, memberName: a.memberName, year: a.year, reason: a.reason, status: a.status as AppealStatus,
    decision: a.decision, decidedAt: a.decidedAt?.toISOString() ?? null, createdAt: a.createdAt.toISOString(), entryItem: a.entryItem,
    entryPoints: a.entryPoints === null ? null : Number(a.entryPoints), entryOccurredOn: a.entryOccurredOn,
  };
}

/** Appeals (申诉): a member questions an entry or their year's points; a points.approve holder decides with a reason. */
export function createAppealService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createPointsRepository(db);

  return {
    /** Files an appeal about one of my entries (one open appeal per entry) or about my year as a whole. */
    async create(actor: Actor, input: { entryId?: number; year?: number; reason: string }) {
      if (actor.memberId == null) throw new NotFound();
      const member = await db.selectFrom('member').select(['id', sql<string>`org_path::text`.as('orgPath')]).where('id', '=', actor.memberId).executeTakeFirst();
      if (!member) throw new NotFound();
      let year = input.year ?? currentYear();
      if (input.entryId !== undefined) {
        const e = await repo.getEntry(input.entryId);
        if (!e || e.memberId !== member.id) throw new NotFound('未找到该积分记录');
        year = e.year;
      }
      return db.transaction().execute(async (tx) => {
        const open = await tx.selectFrom('pointsAppeal').select('id').where('memberId', '=', member.id).where('status', '=', 'open')
          .$if(input.entryId !== undefined, (q) => q.where('entryId', '=', input.entryId!))
          .$if(input.entryId === undefined, (q) => q.where('entryId', 'is', null).where('year', '=', year))
          .executeTakeFirst();
        if (open) throw new Conflict('APPEAL_OPEN', '您对这条积分的申诉还在处理中，请等待处理结果', { id: open.id });
        const row = await tx.insertInto('pointsAppeal').values({ entryId: input.entryId ?? null, memberId: member.id, orgPath: member.orgPath, year, reason: input.reason })
          .returning('id').executeTakeFirstOrThrow();
        await audit(tx, actor, { action: 'pointsAppeal.create', targetType: 'pointsAppeal', targetId: row.id, orgPath: member.orgPath, after: { entryId: input.entryId ?? null, year, reason: input.reason }, subjects: [member.id] });
        return row.id;
      });
    },

    /** Appeals under an organisation (points.approve), open ones first. */
    async list(access: Access, q: { orgId: number; year?: number; status?: string; page: number; pageSize: number }) {
      const o = await db.selectFrom('org').select(sql<string>`path::text`.as('path')).where('id', '=', q.orgId).executeTakeFirst();
      if (!o) throw new NotFound();
      access.assertInScope('points.approve', o.path);
      const rows = await repo.appeals({ scope: sql<boolean>`a.org_path <@ ${o.path}::ltree`, year: q.year, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: rows.map(appealView), total: rows[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Decides an open appeal: "upheld" (the entry stands, with the reason) or "corrected" (a
     * reversal of the appealed entry and/or a corrected entry under a rule of the year). The
     * awarder of the appealed entry and the member cannot decide it. The member gets a to-do.
     */
    async decide(access: Access, id: number, input: DecideAppealInput) {
      await db.transaction().execute(async (tx) => {
        const r = createPointsRepository(tx);
        const a = await r.lockAppeal(id);
        if (!a || !access.inScope('points.approve', a.orgPath)) throw new NotFound();
        if (a.status !== 'open') throw new Conflict('APPEAL_DECIDED', '该申诉已经处理过了，请刷新');
        const entry = a.entryId ? await r.getEntry(a.entryId) : undefined;
        if (a.memberId === access.actor.memberId || (entry && entry.awardedBy === access.actor.userId)) {
          throw new Forbidden('OWN_AWARD', '不能处理自己的申诉或针对自己评定积分的申诉，请由其他审核人处理');
        }
        const results: Record<string, unknown> = {};
        if (input.decision === 'corrected') {
          if (!input.reverseEntry && !input.correction) invalidField('correction', '更正时请选择冲销原积分，或补记更正后的积分（或两者）');
          if (input.reverseEntry) {
            if (!entry) invalidField('reverseEntry', '该申诉没有针对某条积分，不能冲销');
            results.reversalId = await reverseEntry(tx, access, entry.id, `申诉更正：${input.reason}`);
          }
          if (input.correction) {
            const today = todayInShanghai();
            const occurredOn = input.correction.occurredOn ?? entry?.occurredOn ?? (String(a.year) === today.slice(0, 4) ? today : `${a.year}-12-31`);
            if (Number(occurredOn.slice(0, 4)) !== a.year) invalidField('correction.occurredOn', `更正的积分应在 ${a.year} 年度内`);
            const written = await writeManualEntry(tx, access, {
              memberId: a.memberId, orgPath: a.orgPath, ruleCode: input.correction.ruleCode, points: input.correction.points, occurredOn,
              reason: `申诉更正：${input.reason}`, evidence: null, sourceType: 'appeal', sourceId: a.id, awardOnly: false,
            }, () => 'active').catch((error: unknown) => {
              // Name the nested field in the request body.
              const issue = error instanceof Invalid ? (error.details as { issues?: FieldIssue[] } | undefined)?.issues?.[0] : undefined; // Invalid's details are { issues }
              if (issue && ['ruleCode', 'points'].includes(issue.path)) invalidField(`correction.${issue.path}`, issue.message);
              throw error;
            });
            results.correctionId = written.id;
          }
        }
        await tx.updateTable('pointsAppeal').set({ status: input.decision, decision: input.reason, decidedBy: access.actor.userId, decidedAt: new Date() }).where('id', '=', id).execute();
        await addTodos(tx, [{
          memberId: a.memberId, orgPath: a.orgPath, kind: 'points.appealDecided', sourceType: 'pointsAppeal', sourceId: id, link: '/m/points',
          title: input.decision === 'upheld' ? '您的积分申诉已处理：维持原积分' : '您的积分申诉已处理：积分已更正',
        }]);
        await audit(tx, access.actor, { action: `pointsAppeal.${input.decision}`, targetType: 'pointsAppeal', targetId: id, orgPath: a.orgPath, before: { status: a.status }, after: { status: input.decision, reason: input.reason, ...results }, subjects: [a.memberId] });
      });
    },
  };
}
