import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';
import type { QuestionOption } from '@hongyun/shared';
import type { QuestionFilterT } from './quiz.schemas';

export interface QuestionRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  kind: string;
  stem: string;
  options: QuestionOption[];
  answer: unknown;
  explanation: string | null;
  category: string;
  difficulty: number;
  status: string;
  createdBy: number | null;
  createdByName: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface QuestionWrite {
  kind: string;
  stem: string;
  options: QuestionOption[];
  answer: unknown;
  explanation: string | null;
  category: string;
  difficulty: number;
}

export function createQuestionRepository(db: Queryable) {
  const base = () =>
    db
      .selectFrom('question as q')
      .innerJoin('org as o', 'o.id', 'q.orgId')
      .leftJoin('appUser as cu', 'cu.id', 'q.createdBy')
      .leftJoin('appUser as ru', 'ru.id', 'q.reviewedBy')
      .select([
        'q.id', 'q.orgId', 'o.name as orgName', sql<string>`q.org_path::text`.as('orgPath'), 'q.kind', 'q.stem', 'q.options', 'q.answer', 'q.explanation',
        'q.category', 'q.difficulty', 'q.status', 'q.createdBy', 'cu.displayName as createdByName', 'ru.displayName as reviewedByName', 'q.reviewedAt',
        'q.reviewNote', 'q.version', 'q.createdAt', 'q.updatedAt',
      ]);

  const filtered = (scope: Expression<SqlBool>, f: QuestionFilterT) =>
    base()
      .where(scope)
      .$if(f.status !== undefined, (q) => q.where('q.status', '=', f.status!))
      .$if(f.kind !== undefined, (q) => q.where('q.kind', '=', f.kind!))
      .$if(!!f.category, (q) => q.where('q.category', '=', f.category!))
      .$if(f.difficulty !== undefined, (q) => q.where('q.difficulty', '=', f.difficulty!))
      .$if(!!f.q, (q) => q.where('q.stem', 'ilike', `%${escapeLike(f.q!)}%`));

  return {
    /** One page of the bank under a scope, newest first, with the total. */
    async list(scope: Expression<SqlBool>, f: QuestionFilterT, page: number, pageSize: number): Promise<{ items: QuestionRow[]; total: number }> {
      const [items, count] = await Promise.all([
        filtered(scope, f).orderBy('q.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        filtered(scope, f).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: items as QuestionRow[], total: Number(count.n) };
    },

    /** Every question under a scope and filter (export), oldest first, capped. */
    async exportRows(scope: Expression<SqlBool>, f: QuestionFilterT, limit: number): Promise<QuestionRow[]> {
      return (await filtered(scope, f).orderBy('q.id').limit(limit).execute()) as QuestionRow[];
    },

    async getById(id: number): Promise<QuestionRow | undefined> {
      return (await base().where('q.id', '=', id).executeTakeFirst()) as QuestionRow | undefined;
    },

    /** Locks a question row for a status change in the caller's transaction. */
    lock(id: number) {
      return db.selectFrom('question').select(['id', sql<string>`org_path::text`.as('orgPath'), 'status', 'version', 'createdBy', 'kind', 'stem']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async create(row: QuestionWrite & { orgId: number; orgPath: string; status: string; createdBy: number }) {
      return db
        .insertInto('question')
        .values({ ...row, options: JSON.stringify(row.options) as unknown as QuestionOption[], answer: JSON.stringify(row.answer), orgPath: sql<string>`${row.orgPath}::ltree` as unknown as string })
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    /** Version-checked update; false when the version moved on. */
    async update(id: number, version: number, patch: Partial<QuestionWrite> & { status?: string; reviewedBy?: number | null; reviewedAt?: Date | null; reviewNote?: string | null }) {
      const set: Record<string, unknown> = { ...patch, version: version + 1, updatedAt: new Date() };
      if (patch.options) set.options = JSON.stringify(patch.options);
      if (patch.answer !== undefined) set.answer = JSON.stringify(patch.answer);
      const r = await db.updateTable('question').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Approved categories visible from an organisation path (the bank above it and its own subtree), with counts. */
    categoriesFor(path: string) {
      return db
        .selectFrom('question')
        .select(['category', (eb) => eb.fn.countAll<number>().as('count')])
        .where('status', '=', 'approved')
        .where(sql<SqlBool>`(org_path @> ${path}::ltree or org_path <@ ${path}::ltree)`)
        .groupBy('category')
        .orderBy('category')
        .execute();
    },

    /** Approved questions an exam at `path` may use (the bank above it and within it), one page. */
    async usableBy(path: string, f: { category?: string; kind?: string; q?: string }, page: number, pageSize: number) {
      const q = db
        .selectFrom('question')
        .where('status', '=', 'approved')
        .where(sql<SqlBool>`(org_path @> ${path}::ltree or org_path <@ ${path}::ltree)`)
        .$if(!!f.category, (x) => x.where('category', '=', f.category!))
        .$if(!!f.kind, (x) => x.where('kind', '=', f.kind!))
        .$if(!!f.q, (x) => x.where('stem', 'ilike', `%${escapeLike(f.q!)}%`));
      const [items, count] = await Promise.all([
        q.select(['id', 'kind', 'stem', 'category', 'difficulty', 'answer']).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },

    /** Questions by id with what grading and display need (keys included: server side only). */
    byIds(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('question')
        .select(['id', sql<string>`org_path::text`.as('orgPath'), 'kind', 'stem', 'options', 'answer', 'explanation', 'category', 'status'])
        .where('id', 'in', ids)
        .execute();
    },

    /** Up to `n` random approved questions visible from `path`, optionally from some categories, excluding some. */
    random(path: string, n: number, categories: string[], exclude: number[] = []) {
      if (n <= 0) return Promise.resolve([] as { id: number }[]);
      return db
        .selectFrom('question')
        .select('id')
        .where('status', '=', 'approved')
        .where(sql<SqlBool>`(org_path @> ${path}::ltree or org_path <@ ${path}::ltree)`)
        .$if(categories.length > 0, (q) => q.where('category', 'in', categories))
        .$if(exclude.length > 0, (q) => q.where('id', 'not in', exclude))
        .orderBy(sql`random()`)
        .limit(n)
        .execute();
    },
  };
}
export type QuestionRepository = ReturnType<typeof createQuestionRepository>;
