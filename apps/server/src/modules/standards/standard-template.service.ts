import type { Database, Queryable } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { createStandardRepository } from './standard.repository';
import type { TemplateViewT, UpdateTemplateInput } from './standard.schemas';

/**
 * 六个有, from the founding document: the first three items are named there and fixed; the
 * other three are the deployment's to word (these are the usual local defaults).
 */
export const DEFAULT_STANDARD_ITEMS: { title: string; guidance: string; fixed: boolean }[] = [
  { title: '有健全的支委班子', guidance: '按期换届，书记、委员配备齐全，分工明确', fixed: true },
  { title: '有过硬的党务力量', guidance: '有专（兼）职党务工作者，书记和党务干部参加过培训', fixed: true },
  { title: '有规范的活动阵地', guidance: '有固定或共享的活动场所，标识规范，可预约使用', fixed: true },
  { title: '有完善的制度机制', guidance: '“三会一课”、主题党日、组织生活会等制度健全并按期落实', fixed: false },
  { title: '有鲜明的活动载体', guidance: '结合企业实际开展网络e支部、承诺践诺、志愿服务等活动', fixed: false },
  { title: '有明显的作用发挥', guidance: '党员在技术攻关、建言献策、企业发展中发挥先锋作用', fixed: false },
];
export const FIXED_ITEM_COUNT = DEFAULT_STANDARD_ITEMS.filter((i) => i.fixed).length;
const defaultTitle = (year: number) => `${year}年度“六个有”规范化建设标准`;

/** The deployment an organisation belongs to: the root of its path (the city). */
export function deploymentOf(orgPath: string): number {
  return Number(orgPath.split('.')[0]);
}

/**
 * Creates the default template of a year for a deployment, published at once: the first time
 * an organisation opens its assessment and the city has not written one (first use).
 */
export async function ensurePublishedTemplate(tx: Queryable, orgId: number, orgPath: string, year: number): Promise<{ id: number; created: boolean } | null> {
  const repo = createStandardRepository(tx);
  const published = await repo.publishedOfYear(orgId, year);
  if (published) return { id: published.id, created: false };
  // A draft means the city is still writing the year's standard: wait for it.
  if (await repo.latestOfYear(orgId, year)) return null;
  const id = await repo.insertTemplate({ orgId, year, version: 1, title: defaultTitle(year), publishedAt: new Date() }, DEFAULT_STANDARD_ITEMS);
  await audit(tx, null, { action: 'standardTemplate.createDefault', targetType: 'standardTemplate', targetId: id, orgPath, after: { year, items: DEFAULT_STANDARD_ITEMS.map((i) => i.title) } });
  return { id, created: true };
}

export function createStandardTemplateService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createStandardRepository(db);

  async function views(rows: Awaited<ReturnType<typeof repo.listTemplates>>): Promise<TemplateViewT[]> {
    const items = await repo.itemsOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      year: r.year,
      version: r.version,
      title: r.title,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      revision: r.revision,
      assessmentCount: r.assessmentCount,
      items: items.filter((i) => i.templateId === r.id).map((i) => ({ id: i.id, position: i.position, title: i.title, guidance: i.guidance, fixed: i.position <= FIXED_ITEM_COUNT })),
    }));
  }

  async function loadInScope(access: Access, id: number) {
    const t = await repo.getTemplate(id);
    if (!t) throw new NotFound();
    access.assertInScope('standard.manage', t.orgPath);
    return t;
  }

  return {
    async list(access: Access, year?: number) {
      return views(await repo.listTemplates(access.filter('standard.manage', 'o.path'), year));
    },

    async get(access: Access, id: number) {
      return (await views([await loadInScope(access, id)]))[0];
    },

    /**
     * Starts a new draft version of a year: a copy of the year's newest version, else of the
     * last published year, else the founding document's default. One draft per year.
     */
    async create(access: Access, input: { year: number; orgId?: number }): Promise<number> {
      const roots = access.paths('standard.manage');
      const orgId = input.orgId ?? (roots.length === 1 ? deploymentOf(roots[0]) : undefined);
      if (!orgId) invalidField('orgId', '请选择要制定标准的市级组织');
      const org = await db.selectFrom('org').select(['id', 'path', 'parentId']).where('id', '=', orgId).executeTakeFirst();
      if (!org) throw new NotFound();
      access.assertInScope('standard.manage', org.path);
      if (org.parentId !== null) invalidField('orgId', '“六个有”标准由市级（本平台的根组织）统一制定，请选择市级组织');
      return db.transaction().execute(async (tx) => {
        const r = createStandardRepository(tx);
        const draft = await r.draftOfYear(org.id, input.year);
        if (draft) throw new Conflict('DRAFT_EXISTS', `${input.year}年度已有一个未发布的版本，请直接编辑它`, { id: draft.id });
        const latest = await r.latestOfYear(org.id, input.year);
        const source = latest ?? (await r.publishedBefore(org.id, input.year));
        const sourceItems = source ? await r.itemsOf([source.id]) : [];
        const items = sourceItems.length === 6 ? sourceItems.map((i) => ({ title: i.title, guidance: i.guidance })) : DEFAULT_STANDARD_ITEMS;
        const id = await r.insertTemplate({ orgId: org.id, year: input.year, version: (latest?.version ?? 0) + 1, title: defaultTitle(input.year) }, items);
        await audit(tx, access.actor, { action: 'standardTemplate.create', targetType: 'standardTemplate', targetId: id, orgPath: org.path, after: { year: input.year, copiedFrom: source?.id ?? null } });
        return id;
      });
    },

    /** Edits a draft (published versions are frozen); the founding document's three titles stay. */
    async update(access: Access, id: number, input: UpdateTemplateInput) {
      const t = await loadInScope(access, id);
      if (t.publishedAt) throw new Conflict('TEMPLATE_PUBLISHED', '已发布的标准不能再修改；如需调整，请新建一个版本');
      const current = await repo.itemsOf([id]);
      for (let i = 0; i < FIXED_ITEM_COUNT; i++) {
        if (input.items[i].title !== current[i]?.title) invalidField(`items.${i}.title`, `第 ${i + 1} 项“${current[i]?.title}”出自“六个有”原文，名称不能修改（可修改说明）`);
      }
      const items = input.items.map((i) => ({ title: i.title, guidance: i.guidance || null }));
      await db.transaction().execute(async (tx) => {
        if (!(await createStandardRepository(tx).updateDraft(id, input.revision, input.title, items))) throw new Conflict('STALE_VERSION', '该标准刚被其他人修改过，请刷新后再编辑');
        await audit(tx, access.actor, {
          action: 'standardTemplate.update', targetType: 'standardTemplate', targetId: id, orgPath: t.orgPath,
          before: { title: t.title, items: current.map((i) => ({ title: i.title, guidance: i.guidance })) }, after: { title: input.title, items },
        });
      });
    },

    /** Publishes a draft: from now on it is frozen and assessments of its year use it. */
    async publish(access: Access, id: number, revision: number) {
      const t = await loadInScope(access, id);
      if (t.publishedAt) throw new Conflict('TEMPLATE_PUBLISHED', '该版本已经发布');
      await db.transaction().execute(async (tx) => {
        if (!(await createStandardRepository(tx).publish(id, revision))) throw new Conflict('STALE_VERSION', '该标准刚被其他人修改过，请刷新后再发布');
        await audit(tx, access.actor, { action: 'standardTemplate.publish', targetType: 'standardTemplate', targetId: id, orgPath: t.orgPath, after: { year: t.year, version: t.version } });
      });
    },
  };
}
