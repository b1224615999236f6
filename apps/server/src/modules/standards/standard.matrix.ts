import { Readable } from 'node:stream';
import { todayInShanghai } from '@hongyun/shared';
import { createAttachmentStore } from '../../platform/attachments';
import { fresh, m, multipart, pick, type MatrixPart, type Target } from '../../test/matrix';
import { DEFAULT_STANDARD_ITEMS, ensurePublishedTemplate } from './standard-template.service';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const year = Number(todayInShanghai().slice(0, 4));
// Template years no other entry uses, so every draft is the only one of its year.
let draftYear = 2040;

const city = (target: Target) => pick(target, m.f.city, m.f.otherCity);

/** A fresh draft template of the inside or outside city. */
async function draft(target: Target) {
  const t = await m.t.db.insertInto('standardTemplate').values({ orgId: city(target).id, year: ++draftYear, version: 1, title: '矩阵标准' }).returning('id').executeTakeFirstOrThrow();
  await m.t.db.insertInto('standardItem').values(DEFAULT_STANDARD_ITEMS.map((it, i) => ({ templateId: t.id, position: i + 1, title: it.title, guidance: it.guidance }))).execute();
  return t.id;
}

/** A fresh branch with an assessment of this year in the given state; its first item claimed with evidence. */
async function assessment(target: Target, status: 'draft' | 'submitted') {
  const c = city(target);
  const template = (await ensurePublishedTemplate(m.t.db, c.id, c.path, year))!;
  const branch = await fresh.branch(target);
  const a = await m.t.db.insertInto('standardAssessment').values({ templateId: template.id, orgId: branch.id, orgPath: branch.path, status }).returning('id').executeTakeFirstOrThrow();
  const item = await m.t.db.selectFrom('standardItem').select('id').where('templateId', '=', template.id).where('position', '=', 1).executeTakeFirstOrThrow();
  await m.t.db.insertInto('standardAnswer').values({ assessmentId: a.id, itemId: item.id, claimed: true, evidence: '支委会5人，2025年按期换届' }).execute();
  return { id: a.id, itemId: item.id };
}

/** An evidence file stored for a fresh draft assessment. */
async function attachment(target: Target) {
  const a = await assessment(target, 'draft');
  const store = createAttachmentStore(m.t.ctx.config.dataDir);
  const stored = await store.save(Readable.from([PDF]), '换届批复.pdf');
  await store.keep(stored);
  const path = (await m.t.db.selectFrom('standardAssessment').select('orgPath').where('id', '=', a.id).executeTakeFirstOrThrow()).orgPath;
  const row = await m.t.db.insertInto('attachment').values({ ownerType: 'standardAnswer', ownerId: a.id, ownerPart: a.itemId, orgPath: path, fileName: '换届批复.pdf', contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const items = DEFAULT_STANDARD_ITEMS.map((i) => ({ title: i.title, guidance: i.guidance }));

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const standardMatrix: MatrixPart = {
  // Lists filter by scope: outside the caller's subtree they are empty, not refused.
  'GET /api/standard-templates': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/standard-templates' }) },
  'GET /api/standard-templates/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/standard-templates/${await draft(tg)}` }) },
  'POST /api/standard-templates': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/standard-templates', body: { year: ++draftYear, orgId: city(tg).id } }) },
  'PUT /api/standard-templates/:id': { ok: 200, call: async (tg) => ({ method: 'PUT', url: `/api/standard-templates/${await draft(tg)}`, body: { title: '改过的标准', items, revision: 1 } }) },
  'POST /api/standard-templates/:id/publish': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/standard-templates/${await draft(tg)}/publish`, body: { revision: 1 } }) },
  'POST /api/standard-assessments': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/standard-assessments', body: { orgId: (await fresh.branch(tg)).id } }) },
  'GET /api/standard-assessments': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/standard-assessments' }) },
  'GET /api/standard-assessments/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/standard-assessments/${(await assessment(tg, 'draft')).id}` }) },
  'PUT /api/standard-assessments/:id/answers': {
    ok: 200,
    call: async (tg) => {
      const a = await assessment(tg, 'draft');
      return { method: 'PUT', url: `/api/standard-assessments/${a.id}/answers`, body: { answers: [{ itemId: a.itemId, claimed: true, evidence: '已配备专职党务工作者1名' }], version: 1 } };
    },
  },
  'POST /api/standard-assessments/:id/submit': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/standard-assessments/${(await assessment(tg, 'draft')).id}/submit`, body: { version: 1 } }) },
  'POST /api/standard-assessments/:id/review': {
    ok: 200,
    call: async (tg) => {
      const a = await assessment(tg, 'submitted');
      return { method: 'POST', url: `/api/standard-assessments/${a.id}/review`, body: { decision: 'accept', items: [{ itemId: a.itemId, accepted: true }], version: 1 } };
    },
  },
  'GET /api/standards/overview': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/standards/overview?rootOrgId=${pick(tg, m.f.townA.id, m.f.townX.id)}` }) },
  'POST /api/standard-assessments/:id/items/:itemId/attachments': {
    ok: 201,
    call: async (tg) => {
      const a = await assessment(tg, 'draft');
      return { method: 'POST', url: `/api/standard-assessments/${a.id}/items/${a.itemId}/attachments`, raw: multipart({}, { name: '党务工作者聘书.pdf', content: PDF, type: 'application/pdf' }) };
    },
  },
  'GET /api/standard-attachments/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/standard-attachments/${await attachment(tg)}` }) },
  'DELETE /api/standard-attachments/:id': { ok: 200, call: async (tg) => ({ method: 'DELETE', url: `/api/standard-attachments/${await attachment(tg)}` }) },
};
