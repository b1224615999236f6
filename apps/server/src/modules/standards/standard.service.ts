import { todayInShanghai, type AssessmentStatus, type OrgKind } from '@hongyun/shared';
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import { ASSESSABLE_KINDS, createStandardRepository } from './standard.repository';
import { deploymentOf, ensurePublishedTemplate } from './standard-template.service';
import type { AnswersInput, AssessmentDetailT, AssessmentListInput, OverviewInput, ReviewInput } from './standard.schemas';

const currentYear = () => Number(todayInShanghai().slice(0, 4));
const EDITABLE = ['draft', 'returned'];

/** Who may read an assessment: those who fill it in and those who review it. */
export function canRead(access: Access, orgPath: string): boolean {
  return access.inScope('standard.assess', orgPath) || access.inScope('standard.review', orgPath);
}

/** A reviewer holds standard.review strictly above the organisation: nobody reviews their own. */
export function canReviewOrg(access: Access, orgPath: string): boolean {
  return access.paths('standard.review').some((root) => orgPath.startsWith(root + '.'));
}

export function createStandardService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createStandardRepository(db);

  async function loadReadable(access: Access, id: number) {
    const a = await repo.getAssessment(id);
    if (!a || !canRead(access, a.orgPath)) throw new NotFound();
    return a;
  }

  return {
    /**
     * Opens an organisation's assessment of a year on the year's published template (the
     * default one is created on first use). Returns the existing one when already opened.
     */
    async open(access: Access, input: { orgId: number; year?: number }): Promise<{ id: number; created: boolean }> {
      const year = input.year ?? currentYear();
      const org = await db.selectFrom('org').select(['id', 'kind', 'abolishedOn', sql<string>`path::text`.as('path')]).where('id', '=', input.orgId).executeTakeFirst();
      if (!org) throw new NotFound();
      access.assertInScope('standard.assess', org.path);
      if (!(ASSESSABLE_KINDS as readonly string[]).includes(org.kind)) invalidField('orgId', '“六个有”自评面向党委、党总支和党支部，请选择一个基层党组织');
      if (org.abolishedOn) invalidField('orgId', '该组织已撤销，不能再自评');
      const root = deploymentOf(org.path);
      return db.transaction().execute(async (tx) => {
        const r = createStandardRepository(tx);
        const existing = await r.assessmentOfYear(org.id, root, year);
        if (existing) return { id: existing.id, created: false };
        const template = await ensurePublishedTemplate(tx, root, String(root), year);
        if (!template) throw new Conflict('NO_PUBLISHED_TEMPLATE', `${year}年度“六个有”标准尚未发布，请等待市两新工委发布后再自评`);
        const inserted = await r.insertAssessment({ templateId: template.id, orgId: org.id, orgPath: org.path });
        if (!inserted) return { id: (await r.assessmentOfYear(org.id, root, year))!.id, created: false };
        await audit(tx, access.actor, { action: 'standardAssessment.open', targetType: 'standardAssessment', targetId: inserted.id, orgPath: org.path, after: { year, templateId: template.id } });
        return { id: inserted.id, created: true };
      });
    },

    /** Assessments the caller fills in or reviews; submitted ones first (the review queue). */
    async list(access: Access, q: AssessmentListInput) {
      let rootPath: string | undefined;
      if (q.rootOrgId) {
        const root = await db.selectFrom('org').select(sql<string>`path::text`.as('path')).where('id', '=', q.rootOrgId).executeTakeFirst();
        if (!root || !canRead(access, root.path)) throw new NotFound();
        rootPath = root.path;
      }
      const scope = sql<SqlBool>`(${access.filter('standard.assess', 'a.org_path')} or ${access.filter('standard.review', 'a.org_path')})`;
      const page = await repo.listAssessments({ scope, year: q.year, status: q.status, rootPath, q: q.q, page: q.page, pageSize: q.pageSize });
      return {
        items: page.items.map((a) => ({ ...a, orgKind: a.orgKind as OrgKind, status: a.status as AssessmentStatus, submittedAt: a.submittedAt?.toISOString() ?? null, reviewedAt: a.reviewedAt?.toISOString() ?? null })),
        total: page.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** One assessment with its items, answers, files and what the caller may do with it. */
    async detail(access: Access, id: number): Promise<AssessmentDetailT> {
      const a = await loadReadable(access, id);
      const [items, answers, files] = await Promise.all([repo.itemsOf([a.templateId]), repo.answersOf(id), repo.attachmentsOf(id)]);
      const editable = EDITABLE.includes(a.status) && access.inScope('standard.assess', a.orgPath);
      return {
        id: a.id, orgId: a.orgId, orgName: a.orgName, orgKind: a.orgKind as OrgKind, templateId: a.templateId, year: a.year, status: a.status as AssessmentStatus,
        stars: a.stars, claimedCount: a.claimedCount, submittedAt: a.submittedAt?.toISOString() ?? null, reviewedAt: a.reviewedAt?.toISOString() ?? null,
        version: a.version, templateTitle: a.templateTitle, templateVersion: a.templateVersion, returnReason: a.returnReason,
        items: items.map((i) => {
          const ans = answers.find((x) => x.itemId === i.id);
          return {
            id: i.id, position: i.position, title: i.title, guidance: i.guidance, claimed: ans?.claimed ?? false, evidence: ans?.evidence ?? null, accepted: ans?.accepted ?? null,
            attachments: files.filter((f) => f.ownerPart === i.id).map((f) => ({ id: f.id, itemId: i.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, createdAt: f.createdAt.toISOString() })),
          };
        }),
        abilities: {
          edit: editable,
          submit: editable,
          review: a.status === 'submitted' && canReviewOrg(access, a.orgPath) && a.submittedBy !== access.actor.userId,
        },
      };
    },

    /** Saves claims and evidence of a draft or returned assessment (partial answers are fine). */
    async saveAnswers(access: Access, id: number, input: AnswersInput) {
      await db.transaction().execute(async (tx) => {
        const r = createStandardRepository(tx);
        const a = await lockEditable(r, access, id, input.version);
        const itemIds = new Set((await r.itemsOf([a.templateId])).map((i) => i.id));
        input.answers.forEach((ans, i) => {
          if (!itemIds.has(ans.itemId)) invalidField(`answers.${i}.itemId`, '该条目不属于本次自评所用的标准，请刷新页面');
        });
        const answers = input.answers.map((x) => ({ itemId: x.itemId, claimed: x.claimed, evidence: x.evidence || null }));
        await r.upsertAnswers(id, answers);
        await r.updateAssessment(id, a.version, {});
        await audit(tx, access.actor, { action: 'standardAssessment.saveAnswers', targetType: 'standardAssessment', targetId: id, orgPath: a.orgPath, after: { answers } });
      });
    },

    /** Submits for review: at least one item claimed, and each claimed item explained in words. */
    async submit(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const r = createStandardRepository(tx);
        const a = await lockEditable(r, access, id, version);
        const [items, answers] = await Promise.all([r.itemsOf([a.templateId]), r.answersOf(id)]);
        const claimed = answers.filter((x) => x.claimed);
        if (claimed.length === 0) invalidField('answers', '请至少申报一项已达到的标准后再提交');
        for (const x of claimed) {
          const item = items.find((i) => i.id === x.itemId)!;
          // Words are the evidence; files and photos are optional (policy.md: photos never proof).
          if (!x.evidence?.trim()) invalidField(`evidence.${x.itemId}`, `已申报“${item.title}”，请用文字简要说明达标情况（附件和照片不是必需的）`);
        }
        await r.updateAssessment(id, version, { status: 'submitted', submittedAt: new Date(), submittedBy: access.actor.userId, returnReason: null });
        await audit(tx, access.actor, { action: 'standardAssessment.submit', targetType: 'standardAssessment', targetId: id, orgPath: a.orgPath, before: { status: a.status }, after: { status: 'submitted', claimed: claimed.length } });
      });
    },

    /**
     * The town's review: accept (stars = items accepted, 0–6) or return with a reason. Only a
     * reviewer above the organisation who did not submit it may review.
     */
    async review(access: Access, id: number, input: ReviewInput) {
      await db.transaction().execute(async (tx) => {
        const r = createStandardRepository(tx);
        const a = await r.lockAssessment(id);
        if (!a || !access.inScope('standard.review', a.orgPath)) throw new NotFound();
        if (!canReviewOrg(access, a.orgPath) || a.submittedBy === access.actor.userId) throw new Forbidden('OWN_ASSESSMENT', '不能审核本组织或本人提交的自评，请由上级组织审核');
        if (a.status !== 'submitted') throw new Conflict('ASSESSMENT_NOT_SUBMITTED', '该自评不在待审核状态（可能已被审核或退回），请刷新');
        if (a.version !== input.version) throw new Conflict('STALE_VERSION', '该自评刚被修改过，请刷新后再审核');
        const [items, answers] = await Promise.all([r.itemsOf([a.templateId]), r.answersOf(id)]);
        const decisions = new Map<number, boolean | null>();
        input.items.forEach((d, i) => {
          const item = items.find((x) => x.id === d.itemId);
          if (!item) invalidField(`items.${i}.itemId`, '该条目不属于本次自评所用的标准，请刷新页面');
          const claimed = answers.find((x) => x.itemId === d.itemId)?.claimed ?? false;
          if (d.accepted && !claimed) invalidField(`items.${i}.accepted`, `“${item.title}”未申报，不能认定达标`);
          decisions.set(d.itemId, d.accepted);
        });
        let stars: number | null = null;
        if (input.decision === 'accept') {
          const undecided = answers.filter((x) => x.claimed && !decisions.has(x.itemId));
          if (undecided.length) invalidField('items', `请逐项确认是否达标：${undecided.map((x) => items.find((i) => i.id === x.itemId)?.title).join('、')}`);
          for (const item of items) if (!decisions.has(item.id)) decisions.set(item.id, false);
          stars = [...decisions.values()].filter(Boolean).length;
        } else if (!input.reason?.trim()) {
          invalidField('reason', '退回时请填写原因，便于该组织整改后重新提交');
        }
        await r.setAccepted(id, decisions);
        const status = input.decision === 'accept' ? 'accepted' : 'returned';
        await r.updateAssessment(id, a.version, { status, reviewedAt: new Date(), reviewedBy: access.actor.userId, returnReason: input.decision === 'return' ? input.reason!.trim() : null, stars });
        await audit(tx, access.actor, {
          action: input.decision === 'accept' ? 'standardAssessment.accept' : 'standardAssessment.return', targetType: 'standardAssessment', targetId: id, orgPath: a.orgPath,
          before: { status: a.status }, after: { status, stars, reason: input.reason ?? null, items: Object.fromEntries(decisions) },
        });
      });
    },

    /** Who meets which standard under an organisation: one row per assessable organisation, with counts. */
    async overview(access: Access, q: OverviewInput) {
      const root = await db.selectFrom('org').select(['id', sql<string>`path::text`.as('path')]).where('id', '=', q.rootOrgId).executeTakeFirst();
      if (!root) throw new NotFound();
      access.assertInScope('standard.review', root.path);
      const year = q.year ?? currentYear();
      const deployment = deploymentOf(root.path);
      const template = await repo.publishedOfYear(deployment, year);
      const items = template ? await repo.itemsOf([template.id]) : [];
      const data = await repo.overview({ rootPath: root.path, templateOrgId: deployment, year, status: q.status, stars: q.stars, carrierId: q.carrierId, page: q.page, pageSize: q.pageSize });
      return {
        year,
        template: template ? { id: template.id, version: template.version, title: template.title, items: items.map((i) => ({ position: i.position, title: i.title })) } : null,
        rows: data.rows.map((row) => ({ orgId: row.orgId, orgName: row.orgName, orgKind: row.orgKind as OrgKind, assessmentId: row.assessmentId, status: row.status as AssessmentStatus | 'none', stars: row.stars, metPositions: row.metPositions })),
        total: data.total,
        page: q.page,
        pageSize: q.pageSize,
        statusCounts: Object.fromEntries(data.statusCounts.map((s) => [s.status, s.n])),
        starCounts: data.starCounts,
        asOf: new Date().toISOString(),
      };
    },
  };
}

/** Locks an assessment the caller fills in, open for editing and at the expected version. */
export async function lockEditable(r: ReturnType<typeof createStandardRepository>, access: Access, id: number, version: number | null) {
  const a = await r.lockAssessment(id);
  if (!a || !access.inScope('standard.assess', a.orgPath)) throw new NotFound();
  if (!EDITABLE.includes(a.status)) throw new Conflict('ASSESSMENT_LOCKED', a.status === 'submitted' ? '自评已提交，等待审核期间不能修改' : '自评已通过审核，不能再修改');
  if (version !== null && a.version !== version) throw new Conflict('STALE_VERSION', '该自评刚被其他人修改过，请刷新后再编辑');
  return a;
}
