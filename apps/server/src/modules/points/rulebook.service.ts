import { sql } from 'kysely';
import { DEFAULT_POINTS_RULES, todayInShanghai, type EarnMode, type OutcomeKind, type PointsCategory } from '@hongyun/shared';
import type { Database, Queryable } from '../../db/database';
import type { Access, Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { awardRecordedOutcomes, deploymentOf } from './points-award';
import { createPointsRepository, type RuleInput, type RuleRow } from './points.repository';
import type { RuleBodyT, RulebookViewT, RuleViewT, UpdateRulebookInput } from './points.schemas';

export const currentYear = () => Number(todayInShanghai().slice(0, 4));
const defaultTitle = (year: number) => `${year}年度党员积分规则`;
const n = (v: string | null) => (v === null ? null : Number(v));

/** Maps a rule row; category, earn mode, outcome kind and roles hold the shared enums (check constraints / validated input), hence the casts. */
export function ruleView(r: RuleRow): RuleViewT {
  return {
    id: r.id, code: r.code, position: r.position, category: r.category as PointsCategory, item: r.item, description: r.description, points: Number(r.points),
    capDay: n(r.capDay), capMonth: n(r.capMonth), capYear: n(r.capYear), onceOnly: r.onceOnly, earnMode: r.earnMode as EarnMode,
    outcomeKind: r.outcomeKind as OutcomeKind | null, evidenceRequired: r.evidenceRequired, awardRoles: r.awardRoles, approveRoles: r.approveRoles,
    validFrom: r.validFrom, validTo: r.validTo,
  };
}

const defaultRules = (): RuleInput[] => DEFAULT_POINTS_RULES.map((r) => ({ ...r, validFrom: null, validTo: null }));

/** Checks a draft's rules beyond their shapes; throws Invalid naming the rule's field. */
function checkRules(rules: RuleBodyT[], year: number): RuleInput[] {
  const seen = new Set<string>();
  return rules.map((r, i) => {
    const at = (f: string) => `rules.${i}.${f}`;
    if (seen.has(r.code)) invalidField(at('code'), `编码“${r.code}”重复，同一规则集内每条规则的编码须唯一`);
    seen.add(r.code);
    if (r.earnMode === 'auto' && !r.outcomeKind) invalidField(at('outcomeKind'), `“${r.item}”为自动计分，请选择依据的记录（如参加组织生活、完成课程）`);
    if (r.earnMode === 'award' && r.outcomeKind) invalidField(at('outcomeKind'), `“${r.item}”由人评定，不能同时设置自动计分的依据`);
    if (r.earnMode === 'auto' && (r.awardRoles.length || r.approveRoles.length)) invalidField(at('awardRoles'), `“${r.item}”为自动计分，不设评定和审核角色`);
    for (const f of ['validFrom', 'validTo'] as const) {
      const d = r[f];
      if (d && Number(d.slice(0, 4)) !== year) invalidField(at(f), `有效期应在 ${year} 年内`);
    }
    if (r.validFrom && r.validTo && r.validFrom > r.validTo) invalidField(at('validTo'), '有效期结束日期不能早于开始日期');
    return {
      code: r.code, category: r.category, item: r.item, description: r.description || null, points: r.points, capDay: r.capDay ?? null, capMonth: r.capMonth ?? null,
      capYear: r.capYear ?? null, onceOnly: r.onceOnly, earnMode: r.earnMode, outcomeKind: r.outcomeKind ?? null, evidenceRequired: r.earnMode === 'award' && r.evidenceRequired,
      awardRoles: r.awardRoles, approveRoles: r.approveRoles, validFrom: r.validFrom ?? null, validTo: r.validTo ?? null,
    };
  });
}

/**
 * Publishes the default rulebook of a year for a deployment unless one exists (demo seed and
 * first use by the command line); returns its id, or null when the year already has one.
 */
export async function publishDefaultRulebook(tx: Queryable, deploymentId: number, deploymentPath: string, year: number, actor: Actor | null = null): Promise<number | null> {
  const repo = createPointsRepository(tx);
  if (await repo.latestOfYear(deploymentId, year)) return null;
  const id = await repo.insertRulebook({ orgId: deploymentId, year, version: 1, title: defaultTitle(year), publishedAt: new Date(), createdBy: actor?.userId ?? null }, defaultRules());
  const awarded = await awardRecordedOutcomes(tx, deploymentPath, year);
  await audit(tx, actor, { action: 'pointsRulebook.createDefault', targetType: 'pointsRulebook', targetId: id, orgPath: deploymentPath, after: { year, rules: DEFAULT_POINTS_RULES.map((r) => r.code), outcomesAwarded: awarded } });
  return id;
}

export function createRulebookService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createPointsRepository(db);

  async function view(b: NonNullable<Awaited<ReturnType<typeof repo.getRulebook>>>): Promise<RulebookViewT> {
    const rules = await repo.rulesOf([b.id]);
    return { id: b.id, orgId: b.orgId, orgName: b.orgName, year: b.year, version: b.version, title: b.title, publishedAt: b.publishedAt?.toISOString() ?? null, revision: b.revision, rules: rules.map(ruleView) };
  }

  async function loadInScope(access: Access, id: number) {
    const b = await repo.getRulebook(id);
    if (!b) throw new NotFound();
    access.assertInScope('points.manage', b.orgPath);
    return b;
  }

  return {
    async list(access: Access, year?: number) {
      const rows = await repo.listRulebooks(access.filter('points.manage', 'o.path'), year);
      return { items: rows.map((b) => ({ id: b.id, orgId: b.orgId, orgName: b.orgName, year: b.year, version: b.version, title: b.title, publishedAt: b.publishedAt?.toISOString() ?? null, revision: b.revision, ruleCount: b.ruleCount })) };
    },

    async get(access: Access, id: number) {
      return view(await loadInScope(access, id));
    },

    /**
     * The rulebook a member reads: the newest published version of the year of their
     * deployment (accounts without a member record: of their first grant's deployment).
     */
    async mine(actor: Actor, year?: number) {
      const y = year ?? currentYear();
      let path: string | undefined;
      if (actor.memberId != null) path = (await db.selectFrom('member').select(sql<string>`org_path::text`.as('path')).where('id', '=', actor.memberId).executeTakeFirst())?.path;
      path ??= actor.grants[0]?.orgPath;
      if (!path) throw new NotFound();
      const b = await db.selectFrom('pointsRulebook').select('id').where('orgId', '=', deploymentOf(path)).where('year', '=', y).where('publishedAt', 'is not', null)
        .orderBy('version', 'desc').limit(1).executeTakeFirst();
      return { year: y, rulebook: b ? await view((await repo.getRulebook(b.id))!) : null };
    },

    /**
     * Starts a new draft version of a year at the deployment root: a copy of the year's newest
     * version, else of the last published year, else the default rulebook. One draft per year.
     */
    async create(access: Access, input: { year: number; orgId?: number }): Promise<number> {
      const roots = access.paths('points.manage');
      const orgId = input.orgId ?? (roots.length === 1 ? deploymentOf(roots[0]) : undefined);
      if (!orgId) invalidField('orgId', '请选择要制定积分规则的市级组织');
      const org = await db.selectFrom('org').select(['id', sql<string>`path::text`.as('path'), 'parentId']).where('id', '=', orgId).executeTakeFirst();
      if (!org) throw new NotFound();
      access.assertInScope('points.manage', org.path);
      if (org.parentId !== null) invalidField('orgId', '积分规则由市级（本平台的根组织）统一制定，请选择市级组织');
      return db.transaction().execute(async (tx) => {
        const r = createPointsRepository(tx);
        const draft = await r.draftOfYear(org.id, input.year);
        if (draft) throw new Conflict('DRAFT_EXISTS', `${input.year}年度已有一个未发布的版本，请直接编辑它`, { id: draft.id });
        const latest = await r.latestOfYear(org.id, input.year);
        const source = latest ?? (await r.publishedBefore(org.id, input.year));
        const rules: RuleInput[] = source ? (await r.rulesOf([source.id])).map((x) => ({ ...ruleView(x), validFrom: x.validFrom?.slice(0, 4) === String(input.year) ? x.validFrom : null, validTo: x.validTo?.slice(0, 4) === String(input.year) ? x.validTo : null, awardRoles: x.awardRoles as RuleInput['awardRoles'], approveRoles: x.approveRoles as RuleInput['approveRoles'] })) : defaultRules();
        const id = await r.insertRulebook({ orgId: org.id, year: input.year, version: (latest?.version ?? 0) + 1, title: defaultTitle(input.year), createdBy: access.actor.userId }, rules);
        await audit(tx, access.actor, { action: 'pointsRulebook.create', targetType: 'pointsRulebook', targetId: id, orgPath: org.path, after: { year: input.year, copiedFrom: source?.id ?? null } });
        return id;
      });
    },

    /** Edits a draft (published versions are frozen), revision-checked. */
    async update(access: Access, id: number, input: UpdateRulebookInput) {
      const b = await loadInScope(access, id);
      if (b.publishedAt) throw new Conflict('RULEBOOK_PUBLISHED', '已发布的积分规则不能再修改；如需调整，请新建一个版本');
      const rules = checkRules(input.rules, b.year);
      const before = (await repo.rulesOf([id])).map(ruleView);
      await db.transaction().execute(async (tx) => {
        if (!(await createPointsRepository(tx).updateDraft(id, input.revision, input.title, rules))) throw new Conflict('STALE_VERSION', '该积分规则刚被其他人修改过，请刷新后再编辑');
        await audit(tx, access.actor, { action: 'pointsRulebook.update', targetType: 'pointsRulebook', targetId: id, orgPath: b.orgPath, before: { title: b.title, rules: before }, after: { title: input.title, rules } });
      });
    },

    /** Publishes a draft: frozen from now on; a later version applies from today on, the year's first from 1 January. */
    async publish(access: Access, id: number, revision: number) {
      const b = await loadInScope(access, id);
      if (b.publishedAt) throw new Conflict('RULEBOOK_PUBLISHED', '该版本已经发布');
      if (b.ruleCount === 0) invalidField('rules', '规则集为空，请至少添加一条规则后再发布');
      await db.transaction().execute(async (tx) => {
        const r = createPointsRepository(tx);
        if (!(await r.publish(id, revision))) throw new Conflict('STALE_VERSION', '该积分规则刚被其他人修改过，请刷新后再发布');
        // The year's first published version applies from 1 January: award what was recorded before it.
        const first = (await r.rulebooksOf(b.orgId, [b.year])).every((x) => x.id === id || x.publishedAt === null);
        const awarded = first ? await awardRecordedOutcomes(tx, b.orgPath, b.year) : 0;
        await audit(tx, access.actor, { action: 'pointsRulebook.publish', targetType: 'pointsRulebook', targetId: id, orgPath: b.orgPath, after: { year: b.year, version: b.version, outcomesAwarded: awarded } });
      });
    },
  };
}
