import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';

/** Organisation kinds that keep a 六个有 self-assessment (branch-level and above, not offices or work committees). */
export const ASSESSABLE_KINDS = ['committee', 'generalBranch', 'branch', 'jointBranch', 'temporaryBranch'] as const;

export function createStandardRepository(db: Queryable) {
  return {
    // ----- templates ---------------------------------------------------------------------

    listTemplates(scope: Expression<SqlBool>, year?: number) {
      return db
        .selectFrom('standardTemplate as st')
        .innerJoin('org as o', 'o.id', 'st.orgId')
        .select(['st.id', 'st.orgId', 'o.name as orgName', 'st.year', 'st.version', 'st.title', 'st.publishedAt', 'st.revision'])
        .select(sql<number>`(select count(*)::int from standard_assessment a where a.template_id = st.id)`.as('assessmentCount'))
        .where(scope)
        .$if(year !== undefined, (q) => q.where('st.year', '=', year!))
        .orderBy('st.year', 'desc')
        .orderBy('st.version', 'desc')
        .execute();
    },

    getTemplate(id: number) {
      return db
        .selectFrom('standardTemplate as st')
        .innerJoin('org as o', 'o.id', 'st.orgId')
        .select(['st.id', 'st.orgId', 'o.name as orgName', sql<string>`o.path::text`.as('orgPath'), 'st.year', 'st.version', 'st.title', 'st.publishedAt', 'st.revision'])
        .select(sql<number>`(select count(*)::int from standard_assessment a where a.template_id = st.id)`.as('assessmentCount'))
        .where('st.id', '=', id)
        .executeTakeFirst();
    },

    itemsOf(templateIds: number[]) {
      if (templateIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('standardItem').select(['id', 'templateId', 'position', 'title', 'guidance']).where('templateId', 'in', templateIds).orderBy('templateId').orderBy('position').execute();
    },

    /** The newest version of a deployment's year, published or not. */
    latestOfYear(orgId: number, year: number) {
      return db.selectFrom('standardTemplate').select(['id', 'version', 'publishedAt']).where('orgId', '=', orgId).where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();
    },

    /** The template an assessment of that year uses: the newest published version. */
    publishedOfYear(orgId: number, year: number) {
      return db.selectFrom('standardTemplate').select(['id', 'version', 'title']).where('orgId', '=', orgId).where('year', '=', year).where('publishedAt', 'is not', null).orderBy('version', 'desc').limit(1).executeTakeFirst();
    },

    /** The newest published template of an earlier year (a new year starts from it). */
    publishedBefore(orgId: number, year: number) {
      return db.selectFrom('standardTemplate').select(['id', 'title']).where('orgId', '=', orgId).where('year', '<', year).where('publishedAt', 'is not', null).orderBy('year', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
    },

    draftOfYear(orgId: number, year: number) {
      return db.selectFrom('standardTemplate').select('id').where('orgId', '=', orgId).where('year', '=', year).where('publishedAt', 'is', null).executeTakeFirst();
    },

    async insertTemplate(row: { orgId: number; year: number; version: number; title: string; publishedAt?: Date }, items: { title: string; guidance: string | null }[]) {
      const t = await db.insertInto('standardTemplate').values(row).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('standardItem').values(items.map((it, i) => ({ templateId: t.id, position: i + 1, title: it.title, guidance: it.guidance }))).execute();
      return t.id;
    },

    /** Edits a draft when its revision still matches; false when someone else edited it first. */
    async updateDraft(id: number, revision: number, title: string, items: { title: string; guidance: string | null }[]) {
      const r = await db.updateTable('standardTemplate').set({ title, revision: sql`revision + 1` }).where('id', '=', id).where('revision', '=', revision).where('publishedAt', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      for (const [i, it] of items.entries()) {
        await db.updateTable('standardItem').set({ title: it.title, guidance: it.guidance }).where('templateId', '=', id).where('position', '=', i + 1).execute();
      }
      return true;
    },

    async publish(id: number, revision: number) {
      const r = await db.updateTable('standardTemplate').set({ publishedAt: new Date(), revision: sql`revision + 1` }).where('id', '=', id).where('revision', '=', revision).where('publishedAt', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    // ----- assessments -------------------------------------------------------------------

    /** An organisation's assessment of a deployment's year, on whichever version it was opened. */
    assessmentOfYear(orgId: number, templateOrgId: number, year: number) {
      return db
        .selectFrom('standardAssessment as a')
        .innerJoin('standardTemplate as st', 'st.id', 'a.templateId')
        .select('a.id')
        .where('a.orgId', '=', orgId)
        .where('st.orgId', '=', templateOrgId)
        .where('st.year', '=', year)
        .executeTakeFirst();
    },

    insertAssessment(row: { templateId: number; orgId: number; orgPath: string }) {
      return db.insertInto('standardAssessment').values(row).onConflict((oc) => oc.columns(['templateId', 'orgId']).doNothing()).returning('id').executeTakeFirst();
    },

    getAssessment(id: number) {
      return db
        .selectFrom('standardAssessment as a')
        .innerJoin('org as o', 'o.id', 'a.orgId')
        .innerJoin('standardTemplate as st', 'st.id', 'a.templateId')
        .select([
          'a.id', 'a.orgId', 'o.name as orgName', 'o.kind as orgKind', sql<string>`a.org_path::text`.as('orgPath'), 'a.templateId', 'st.year', 'st.title as templateTitle',
          'st.version as templateVersion', 'a.status', 'a.stars', 'a.submittedAt', 'a.submittedBy', 'a.reviewedAt', 'a.returnReason', 'a.version',
        ])
        .select(sql<number>`(select count(*)::int from standard_answer x where x.assessment_id = a.id and x.claimed)`.as('claimedCount'))
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    lockAssessment(id: number) {
      return db.selectFrom('standardAssessment').select(['id', 'templateId', 'orgId', sql<string>`org_path::text`.as('orgPath'), 'status', 'version', 'submittedBy']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    answersOf(assessmentId: number) {
      return db.selectFrom('standardAnswer').select(['itemId', 'claimed', 'evidence', 'accepted']).where('assessmentId', '=', assessmentId).execute();
    },

    async upsertAnswers(assessmentId: number, answers: { itemId: number; claimed: boolean; evidence: string | null }[]) {
      if (answers.length === 0) return;
      await db
        .insertInto('standardAnswer')
        .values(answers.map((a) => ({ assessmentId, ...a })))
        .onConflict((oc) => oc.columns(['assessmentId', 'itemId']).doUpdateSet((eb) => ({ claimed: eb.ref('excluded.claimed'), evidence: eb.ref('excluded.evidence') })))
        .execute();
    },

    async setAccepted(assessmentId: number, accepted: Map<number, boolean | null>) {
      for (const [itemId, value] of accepted) {
        await db
          .insertInto('standardAnswer')
          .values({ assessmentId, itemId, accepted: value })
          .onConflict((oc) => oc.columns(['assessmentId', 'itemId']).doUpdateSet({ accepted: value }))
          .execute();
      }
    },

    /** Moves the assessment on when its version still matches; false otherwise. */
    async updateAssessment(
      id: number,
      version: number,
      patch: Partial<{ status: string; submittedAt: Date; submittedBy: number; reviewedAt: Date | null; reviewedBy: number | null; returnReason: string | null; stars: number | null }>,
    ) {
      const r = await db.updateTable('standardAssessment').set({ ...patch, version: sql`version + 1`, updatedAt: new Date() }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async listAssessments(f: { scope: Expression<SqlBool>; year?: number; status?: string; rootPath?: string; q?: string; page: number; pageSize: number }) {
      const base = db
        .selectFrom('standardAssessment as a')
        .innerJoin('org as o', 'o.id', 'a.orgId')
        .innerJoin('standardTemplate as st', 'st.id', 'a.templateId')
        .where(f.scope)
        .$if(f.year !== undefined, (q) => q.where('st.year', '=', f.year!))
        .$if(!!f.status, (q) => q.where('a.status', '=', f.status!))
        .$if(!!f.rootPath, (q) => q.where(sql<SqlBool>`a.org_path <@ ${f.rootPath}::ltree`))
        .$if(!!f.q, (q) => q.where('o.name', 'like', `%${escapeLike(f.q!)}%`));
      const [items, count] = await Promise.all([
        base
          .select(['a.id', 'a.orgId', 'o.name as orgName', 'o.kind as orgKind', 'a.templateId', 'st.year', 'a.status', 'a.stars', 'a.submittedAt', 'a.reviewedAt', 'a.version'])
          .select(sql<number>`(select count(*)::int from standard_answer x where x.assessment_id = a.id and x.claimed)`.as('claimedCount'))
          // Waiting for review first, oldest submission first: the queue order.
          .orderBy(sql`case a.status when 'submitted' then 0 when 'returned' then 1 when 'draft' then 2 else 3 end`)
          .orderBy('a.submittedAt')
          .orderBy('o.path')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    /**
     * Each assessable organisation under `rootPath` with its assessment of the year (if any)
     * and the positions of accepted items; one page, plus counts over the whole subtree.
     */
    async overview(f: { rootPath: string; templateOrgId: number; year: number; status?: string; stars?: number; carrierId?: number; page: number; pageSize: number }) {
      const rows = sql`
        select o.id as org_id, o.name as org_name, o.kind as org_kind, o.path as org_path, a.id as assessment_id,
               coalesce(a.status, 'none') as status, a.stars,
               coalesce((select array_agg(i.position order by i.position) from standard_answer x join standard_item i on i.id = x.item_id
                          where x.assessment_id = a.id and x.accepted and a.status = 'accepted'), '{}') as met_positions
        from org o
        left join lateral (
          select a.* from standard_assessment a join standard_template st on st.id = a.template_id
          where a.org_id = o.id and st.org_id = ${f.templateOrgId} and st.year = ${f.year}
          order by st.version desc limit 1
        ) a on true
        where o.path <@ ${f.rootPath}::ltree and o.abolished_on is null and o.kind in (${sql.join([...ASSESSABLE_KINDS])})`;
      // The list narrows by status and stars; the counts below stay over the whole subtree.
      const conditions = [
        ...(f.carrierId !== undefined ? [sql`exists (select 1 from org_enterprise oe join enterprise ce on ce.id = oe.enterprise_id where oe.org_id = r.org_id and ce.carrier_id = ${f.carrierId})`] : []),
        ...(f.status ? [sql`status = ${f.status}`] : []),
        // A star rating belongs to an accepted assessment; unrated accepted ones count as 0 stars.
        ...(f.stars !== undefined ? [sql`status = 'accepted' and coalesce(stars, 0) = ${f.stars}`] : []),
      ];
      const statusFilter = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
      const [page, total, statusCounts, starCounts] = await Promise.all([
        sql<{ orgId: number; orgName: string; orgKind: string; assessmentId: number | null; status: string; stars: number | null; metPositions: number[] }>`
          select * from (${rows}) r ${statusFilter} order by org_path limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db),
        sql<{ n: number }>`select count(*)::int as n from (${rows}) r ${statusFilter}`.execute(db),
        sql<{ status: string; n: number }>`select status, count(*)::int as n from (${rows}) r group by status`.execute(db),
        sql<{ stars: number; n: number }>`select coalesce(stars, 0) as stars, count(*)::int as n from (${rows}) r where status = 'accepted' group by 1 order by 1`.execute(db),
      ]);
      return { rows: page.rows, total: total.rows[0].n, statusCounts: statusCounts.rows, starCounts: starCounts.rows };
    },

    // ----- attachments -------------------------------------------------------------------

    attachmentsOf(assessmentId: number) {
      return db
        .selectFrom('attachment')
        .select(['id', 'ownerPart', 'fileName', 'contentType', 'sizeBytes', 'createdAt'])
        .where('ownerType', '=', 'standardAnswer')
        .where('ownerId', '=', assessmentId)
        .orderBy('id')
        .execute();
    },

    insertAttachment(row: { ownerId: number; ownerPart: number; orgPath: string; fileName: string; contentType: string; sizeBytes: number; sha256: Buffer; uploadedBy: number }) {
      return db.insertInto('attachment').values({ ownerType: 'standardAnswer', ...row }).returning('id').executeTakeFirstOrThrow();
    },

    getAttachment(id: number) {
      return db
        .selectFrom('attachment')
        .select(['id', 'ownerId', 'ownerPart', sql<string>`org_path::text`.as('orgPath'), 'fileName', 'contentType', 'sizeBytes', 'sha256'])
        .where('id', '=', id)
        .where('ownerType', '=', 'standardAnswer')
        .executeTakeFirst();
    },

    removeAttachment(id: number) {
      return db.deleteFrom('attachment').where('id', '=', id).executeTakeFirst();
    },

    /**
     * Serialises writers of one stored file (an upload of the same bytes against the removal of
     * an unreferenced copy) until the transaction ends.
     */
    async lockFile(sha256: Buffer) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${sha256.toString('hex')}, 0))`.execute(db);
    },

    async isShaReferenced(sha256: Buffer) {
      return !!(await db.selectFrom('attachment').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst());
    },
  };
}
export type StandardRepository = ReturnType<typeof createStandardRepository>;
