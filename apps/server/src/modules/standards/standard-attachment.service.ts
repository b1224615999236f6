import type { Readable } from 'node:stream';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { createAttachmentStore, cleanFileName, contentTypeOf } from '../../platform/attachments';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { createStandardRepository } from './standard.repository';
import { canRead, lockEditable } from './standard.service';
import type { AttachmentViewT } from './standard.schemas';

/** Enough for a few documents per item without turning evidence into a photo album. */
const MAX_FILES_PER_ITEM = 10;

/** Evidence files of 六个有 answers: optional, never required (policy.md). */
export function createStandardAttachmentService(deps: { db: Database; dataDir: string }) {
  const { db } = deps;
  const repo = createStandardRepository(db);
  const store = createAttachmentStore(deps.dataDir);

  return {
    /**
     * Stores one evidence file for an item of an assessment that is still being filled in.
     * Checks come before the bytes are read; a refused upload leaves no file and no row.
     */
    async upload(access: Access, assessmentId: number, itemId: number, file: { stream: Readable; fileName: string }): Promise<AttachmentViewT> {
      const fileName = cleanFileName(file.fileName);
      try {
        const a = await db.transaction().execute((tx) => lockEditable(createStandardRepository(tx), access, assessmentId, null));
        const item = (await repo.itemsOf([a.templateId])).find((i) => i.id === itemId);
        if (!item) throw new NotFound('该条目不属于本次自评所用的标准');
        contentTypeOf(fileName);
        const existing = (await repo.attachmentsOf(assessmentId)).filter((f) => f.ownerPart === itemId).length;
        if (existing >= MAX_FILES_PER_ITEM) invalidField('file', `每个条目最多上传 ${MAX_FILES_PER_ITEM} 个附件，请删除不需要的后再上传`);
      } catch (error) {
        file.stream.resume();
        throw error;
      }
      const stored = await store.save(file.stream, fileName);
      try {
        return await db.transaction().execute(async (tx) => {
          const r = createStandardRepository(tx);
          // Locked again: the assessment may have been submitted while the bytes arrived.
          const a = await lockEditable(r, access, assessmentId, null);
          const row = await r.insertAttachment({ ownerId: assessmentId, ownerPart: itemId, orgPath: a.orgPath, fileName, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, uploadedBy: access.actor.userId });
          await audit(tx, access.actor, { action: 'attachment.upload', targetType: 'attachment', targetId: row.id, orgPath: a.orgPath, after: { ownerType: 'standardAnswer', assessmentId, itemId, fileName, sizeBytes: stored.sizeBytes } });
          // Last, under the file's lock: a removal of the same bytes cannot slip in between.
          await r.lockFile(stored.sha256);
          await store.keep(stored);
          return { id: row.id, itemId, fileName, contentType: stored.contentType, sizeBytes: stored.sizeBytes, createdAt: new Date().toISOString() };
        });
      } finally {
        await store.discard(stored);
      }
    },

    /** The file for download, when its assessment is readable by the caller. */
    async download(access: Access, id: number) {
      const f = await repo.getAttachment(id);
      if (!f || !canRead(access, f.orgPath)) throw new NotFound();
      const stream = store.open(f.sha256);
      if (!stream) throw new NotFound('附件文件已丢失，请联系管理员从备份恢复');
      return { stream, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes };
    },

    /** Deletes a file while its assessment is draft or returned; the bytes go when nothing else refers to them. */
    async remove(access: Access, id: number) {
      const f = await repo.getAttachment(id);
      if (!f || !canRead(access, f.orgPath)) throw new NotFound();
      await db.transaction().execute(async (tx) => {
        const r = createStandardRepository(tx);
        const a = await lockEditable(r, access, f.ownerId, null).catch((error: unknown) => {
          if (error instanceof Conflict) throw new Conflict('ASSESSMENT_LOCKED', '自评已提交或已通过，附件不能再删除');
          throw error;
        });
        await r.removeAttachment(id);
        await audit(tx, access.actor, { action: 'attachment.delete', targetType: 'attachment', targetId: id, orgPath: a.orgPath, before: { assessmentId: f.ownerId, itemId: f.ownerPart, fileName: f.fileName } });
      });
      // The bytes go when no row refers to them, checked under the file's lock (see upload).
      await db.transaction().execute(async (tx) => {
        const r = createStandardRepository(tx);
        await r.lockFile(f.sha256);
        if (!(await r.isShaReferenced(f.sha256))) await store.remove(f.sha256);
      });
    },
  };
}
