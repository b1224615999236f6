import { sql, type SqlBool } from 'kysely';
import { keyProblem, keyText, optionsProblem, type QuestionKind, type QuestionStatus } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField, type FieldIssue } from '../../platform/errors';
import { createQuestionRepository, type QuestionRow, type QuestionWrite } from './question.repository';
import type { QuestionFilterT, QuestionInput, QuestionViewT, UpdateQuestionInput } from './quiz.schemas';

const EDITABLE = ['draft', 'pending'];

/**
 * A question's content checked as a whole: options fit the kind, the key fits the options.
 * Returns the problems by field (empty when sound) and the normalised content.
 */
export function checkQuestion(input: { kind: QuestionKind; stem: string; options: { key: string; text: string }[]; answer: unknown; explanation?: string | null; category: string; difficulty: number }): { issues: FieldIssue[]; value: QuestionWrite } {
  const issues: FieldIssue[] = [];
  const options = input.options.map((o) => ({ key: o.key, text: o.text.trim() }));
  const optionIssue = optionsProblem(input.kind, options);
  if (optionIssue) issues.push({ path: 'options', message: optionIssue });
  // Keys of choice questions are kept in option order so exports and comparisons read alike.
  const answer = input.kind === 'multiple' && Array.isArray(input.answer) ? [...(input.answer as string[])].sort() : input.answer;
  const keyIssue = optionIssue ? null : keyProblem(input.kind, options, answer);
  if (keyIssue) issues.push({ path: 'answer', message: keyIssue });
  const fill = input.kind === 'fill' && Array.isArray(answer) ? (answer as string[][]).map((accepted) => accepted.map((a) => String(a).trim())) : answer;
  return {
    issues,
    value: { kind: input.kind, stem: input.stem.trim(), options, answer: fill, explanation: input.explanation?.trim() || null, category: input.category.trim(), difficulty: input.difficulty },
  };
}

/** The organisation a caller's new questions belong to: the one asked for (in scope) or their first. */
export async function bankOrg(db: Database, access: Access, orgId: number | undefined, field = 'orgId') {
  const id = orgId ?? Number(access.paths('question.manage')[0]?.split('.').pop());
  const org = await db.selectFrom('org').select(['id', sql<string>`path::text`.as('path'), 'abolishedOn']).where('id', '=', id).executeTakeFirst();
  if (!org) throw new NotFound();
  access.assertInScope('question.manage', org.path);
  if (org.abolishedOn) invalidField(field, '该组织已撤销，请选择其他组织');
  return org;
}

/** A reviewer holds question.review over the question and did not write it. */
const canReview = (access: Access, q: { orgPath: string; createdBy: number | null }) => access.inScope('question.review', q.orgPath) && q.createdBy !== access.actor.userId;

function toView(access: Access, q: QuestionRow): QuestionViewT {
  const manage = access.inScope('question.manage', q.orgPath);
  return {
    id: q.id, orgId: q.orgId, orgName: q.orgName, kind: q.kind as QuestionKind, stem: q.stem, options: q.options, answer: q.answer as QuestionViewT['answer'],
    answerText: keyText(q.kind as QuestionKind, q.answer), explanation: q.explanation, category: q.category, difficulty: q.difficulty, status: q.status as QuestionStatus,
    createdBy: q.createdBy, createdByName: q.createdByName, reviewedByName: q.reviewedByName, reviewedAt: q.reviewedAt?.toISOString() ?? null, reviewNote: q.reviewNote,
    version: q.version, createdAt: q.createdAt.toISOString(), updatedAt: q.updatedAt.toISOString(),
    abilities: {
      edit: manage && EDITABLE.includes(q.status),
      submit: manage && q.status === 'draft',
      review: q.status === 'pending' && canReview(access, q),
      retire: manage && q.status === 'approved',
    },
  };
}

export { toView as questionView };

/** Where the caller may read the bank: writers and reviewers alike. */
export const bankScope = (access: Access, column = 'q.org_path') => sql<SqlBool>`(${access.filter('question.manage', column)} or ${access.filter('question.review', column)})`;
const readable = (access: Access, path: string) => access.inScope('question.manage', path) || access.inScope('question.review', path);

export function createQuestionService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createQuestionRepository(db);

  async function lockOwnBank(tx: Database, access: Access, id: number, version: number) {
    const q = await createQuestionRepository(tx).lock(id);
    if (!q || !access.inScope('question.manage', q.orgPath)) throw new NotFound();
    if (q.version !== version) throw new Conflict('STALE_VERSION', '该题目刚被其他人修改过，请刷新后再操作');
    return q;
  }

  return {
    /** One page of the bank the caller writes or reviews, with filters. */
    async list(access: Access, f: QuestionFilterT & { page: number; pageSize: number }) {
      const { items, total } = await repo.list(bankScope(access), f, f.page, f.pageSize);
      return { items: items.map((q) => toView(access, q)), total, page: f.page, pageSize: f.pageSize };
    },

    async get(access: Access, id: number) {
      const q = await repo.getById(id);
      if (!q || !readable(access, q.orgPath)) throw new NotFound();
      return toView(access, q);
    },

    /** Creates a draft (or, with `submit`, a question waiting for review). Invalid content writes nothing. */
    async create(access: Access, input: QuestionInput) {
      const org = await bankOrg(db, access, input.orgId);
      const { issues, value } = checkQuestion(input);
      if (issues.length) invalidField(issues[0].path, issues[0].message);
      return db.transaction().execute(async (tx) => {
        const status = input.submit ? 'pending' : 'draft';
        const { id } = await createQuestionRepository(tx).create({ ...value, orgId: org.id, orgPath: org.path, status, createdBy: access.actor.userId });
        await audit(tx, access.actor, { action: 'question.create', targetType: 'question', targetId: id, orgPath: org.path, after: { ...value, status } });
        return id;
      });
    },

    /** Edits a draft or pending question; an edit of a pending one sends it back to draft. */
    async update(access: Access, id: number, input: UpdateQuestionInput) {
      const { issues, value } = checkQuestion(input);
      await db.transaction().execute(async (tx) => {
        const q = await lockOwnBank(tx, access, id, input.version);
        if (!EDITABLE.includes(q.status)) throw new Conflict('QUESTION_LOCKED', q.status === 'approved' ? '已审核通过的题目不能修改；如需调整，请停用后新建' : '已停用的题目不能修改');
        if (issues.length) invalidField(issues[0].path, issues[0].message);
        await createQuestionRepository(tx).update(id, q.version, { ...value, status: 'draft', reviewNote: null });
        await audit(tx, access.actor, { action: 'question.update', targetType: 'question', targetId: id, orgPath: q.orgPath, before: { status: q.status, stem: q.stem }, after: value });
      });
    },

    /** Sends a draft to review. */
    async submit(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const q = await lockOwnBank(tx, access, id, version);
        if (q.status !== 'draft') throw new Conflict('QUESTION_NOT_DRAFT', '只有草稿可以提交审核，请刷新');
        await createQuestionRepository(tx).update(id, q.version, { status: 'pending' });
        await audit(tx, access.actor, { action: 'question.submit', targetType: 'question', targetId: id, orgPath: q.orgPath, before: { status: 'draft' }, after: { status: 'pending' } });
      });
    },

    /** Approves a pending question or returns it to draft with a note. Nobody reviews their own. */
    async review(access: Access, id: number, input: { decision: 'approve' | 'return'; note?: string; version: number }) {
      await db.transaction().execute(async (tx) => {
        const q = await createQuestionRepository(tx).lock(id);
        if (!q || !access.inScope('question.review', q.orgPath)) throw new NotFound();
        if (q.createdBy === access.actor.userId) throw new Forbidden('OWN_QUESTION', '不能审核自己录入的题目，请由其他审核人审核');
        if (q.status !== 'pending') throw new Conflict('QUESTION_NOT_PENDING', '该题目不在待审核状态（可能已被审核），请刷新');
        if (q.version !== input.version) throw new Conflict('STALE_VERSION', '该题目刚被修改过，请刷新后再审核');
        if (input.decision === 'return' && !input.note) invalidField('note', '退回时请写明原因，便于修改');
        const status = input.decision === 'approve' ? 'approved' : 'draft';
        await createQuestionRepository(tx).update(id, q.version, { status, reviewedBy: access.actor.userId, reviewedAt: new Date(), reviewNote: input.note ?? null });
        await audit(tx, access.actor, { action: `question.${input.decision}`, targetType: 'question', targetId: id, orgPath: q.orgPath, before: { status: q.status }, after: { status, note: input.note ?? null } });
      });
    },

    /**
     * Approves several pending questions in one transaction (a reviewed import): all or nothing.
     * Each must be in the reviewer's scope (else 404), not written by the reviewer, still pending
     * and unchanged since it was shown; the first that is not stops the whole batch, named by its
     * stem. Each approval is audited like a single one.
     */
    async approveMany(access: Access, items: { id: number; version: number }[]) {
      const seen = new Set<number>();
      for (const [i, item] of items.entries()) {
        if (seen.has(item.id)) invalidField(`items.${i}.id`, '同一道题选择了两次，请刷新后重试');
        seen.add(item.id);
      }
      return db.transaction().execute(async (tx) => {
        const r = createQuestionRepository(tx);
        const now = new Date();
        // Locked in id order, so two batches that overlap cannot deadlock.
        for (const item of [...items].sort((a, b) => a.id - b.id)) {
          const q = await r.lock(item.id);
          if (!q || !access.inScope('question.review', q.orgPath)) throw new NotFound();
          const named = `“${q.stem.length > 20 ? `${q.stem.slice(0, 20)}…` : q.stem}”`;
          if (q.createdBy === access.actor.userId) throw new Forbidden('OWN_QUESTION', `${named}是您自己录入的，不能由您审核；请取消勾选后再批量通过`);
          if (q.status !== 'pending') throw new Conflict('QUESTION_NOT_PENDING', `${named}已不在待审核状态（可能已被审核），请刷新后重试`);
          if (q.version !== item.version) throw new Conflict('STALE_VERSION', `${named}刚被修改过，请刷新后再审核`);
          await r.update(item.id, q.version, { status: 'approved', reviewedBy: access.actor.userId, reviewedAt: now, reviewNote: null });
          await audit(tx, access.actor, { action: 'question.approve', targetType: 'question', targetId: item.id, orgPath: q.orgPath, before: { status: q.status }, after: { status: 'approved', note: null, batch: items.length } });
        }
        return { approved: items.length };
      });
    },

    /** Takes an approved question out of use (papers already drawn keep it). */
    async retire(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const q = await lockOwnBank(tx, access, id, version);
        if (q.status !== 'approved') throw new Conflict('QUESTION_NOT_APPROVED', '只有已启用的题目可以停用');
        await createQuestionRepository(tx).update(id, q.version, { status: 'retired' });
        await audit(tx, access.actor, { action: 'question.retire', targetType: 'question', targetId: id, orgPath: q.orgPath, before: { status: 'approved' }, after: { status: 'retired' } });
      });
    },

    /** Approved questions an exam at an organisation may use (exam organisers' picker). */
    async picker(access: Access, q: { orgId: number; category?: string; kind?: string; q?: string; page: number; pageSize: number }) {
      const org = await db.selectFrom('org').select(sql<string>`path::text`.as('path')).where('id', '=', q.orgId).executeTakeFirst();
      if (!org) throw new NotFound();
      access.assertInScope('exam.manage', org.path);
      const [page, categories] = await Promise.all([repo.usableBy(org.path, q, q.page, q.pageSize), repo.categoriesFor(org.path)]);
      return {
        items: page.items.map((x) => ({ id: x.id, kind: x.kind as QuestionKind, stem: x.stem, category: x.category, difficulty: x.difficulty, answerText: keyText(x.kind as QuestionKind, x.answer) })),
        total: page.total,
        categories: categories.map((c) => ({ category: c.category, count: Number(c.count) })),
      };
    },
  };
}
