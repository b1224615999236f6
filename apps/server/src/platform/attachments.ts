import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, Invalid } from './errors';

// Uploaded files (evidence for the 六个有 checklist, later minutes): the bytes live under
// `<dataDir>/attachments/` named by their SHA-256, so the same file uploaded twice is stored
// once; the `attachment` table holds the name, type, owner and scope. Photos are optional
// everywhere they are accepted (policy.md: never proof).

/**
 * What a store accepts: by extension, the content type and the signature its first bytes
 * must show (read from the first 12 bytes), with the sentence shown when a file is refused.
 */
export interface FileTypes {
  kinds: Record<string, { type: string; magic: string }>;
  magicOf(head: Buffer): string | null;
  accepted: string;
}

/** Documents and images: evidence, minutes' files. The default of every store. */
export const DOCUMENT_TYPES: FileTypes = {
  kinds: {
    pdf: { type: 'application/pdf', magic: 'pdf' },
    jpg: { type: 'image/jpeg', magic: 'jpeg' },
    jpeg: { type: 'image/jpeg', magic: 'jpeg' },
    png: { type: 'image/png', magic: 'png' },
    docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'zip' },
    xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  },
  magicOf(head) {
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
    if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
    if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'zip';
    return null;
  },
  accepted: '只能上传 PDF、JPG/PNG 图片或 Word（.docx）、Excel（.xlsx）文件',
};
export const ATTACHMENT_EXTENSIONS = Object.keys(DOCUMENT_TYPES.kinds);

/** A file name safe to keep and show: no directories or control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || '附件').slice(-200);
}

/** The content type of an accepted file name; Invalid (field `file`) otherwise. */
export function contentTypeOf(fileName: string, types: FileTypes = DOCUMENT_TYPES): string {
  const kind = types.kinds[path.extname(fileName).slice(1).toLowerCase()];
  if (!kind) throw new Invalid(types.accepted, [{ path: 'file', message: types.accepted }], 'UNSUPPORTED_FILE');
  return kind.type;
}

export interface StoredFile {
  sha256: Buffer;
  sizeBytes: number;
  contentType: string;
  /** Where the bytes wait until `keep` or `discard`. */
  temp: string;
}

export function createAttachmentStore(dataDir: string) {
  const dir = path.join(dataDir, 'attachments');
  const fileOf = (sha256: Buffer) => path.join(dir, sha256.toString('hex'));

  return {
    /**
     * Streams an upload to a temporary file while hashing it and checks that its first bytes
     * match its extension. A size overrun (multipart limit), an empty file or a mismatched type
     * rejects and leaves nothing behind. Call `keep` once its row is written (under the file's
     * lock), or `discard`.
     */
    async save(stream: Readable, fileName: string, types: FileTypes = DOCUMENT_TYPES): Promise<StoredFile> {
      const contentType = contentTypeOf(fileName, types);
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = path.join(dir, `.upload-${crypto.randomUUID()}`);
      const hash = crypto.createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          if (head.length < 12) head = Buffer.concat([head, chunk.subarray(0, 12 - head.length)]);
          done(null, chunk);
        },
      });
      try {
        await pipeline(stream, measure, fs.createWriteStream(temp, { mode: 0o600, flags: 'wx' }));
        // A multipart file over the size limit ends early, marked `truncated` (busboy), rather than failing.
        if ((stream as Readable & { truncated?: boolean }).truncated) throw new AppError(413, 'PAYLOAD_TOO_LARGE', '上传的文件过大，请压缩或拆分后再上传');
        if (size === 0) throw new Invalid('上传的文件是空的，请重新选择', [{ path: 'file', message: '文件为空' }], 'EMPTY_FILE');
        const expected = types.kinds[path.extname(fileName).slice(1).toLowerCase()].magic;
        if (types.magicOf(head) !== expected) throw new Invalid(`文件内容与扩展名不符。${types.accepted}`, [{ path: 'file', message: '文件内容与扩展名不符' }], 'UNSUPPORTED_FILE');
        return { sha256: hash.digest(), sizeBytes: size, contentType, temp };
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        throw error;
      }
    },

    /** Moves a saved upload under its hash (the same bytes twice make one file; a rename replaces atomically). */
    async keep(stored: StoredFile): Promise<void> {
      await fs.promises.rename(stored.temp, fileOf(stored.sha256));
    },

    async discard(stored: StoredFile): Promise<void> {
      await fs.promises.rm(stored.temp, { force: true });
    },

    /** The stored bytes of a file, or null when they are missing on disk. */
    open(sha256: Buffer): fs.ReadStream | null {
      const file = fileOf(sha256);
      return fs.existsSync(file) ? fs.createReadStream(file) : null;
    },

    /** Deletes the bytes (call only when no attachment row refers to them any more). */
    async remove(sha256: Buffer): Promise<void> {
      await fs.promises.rm(fileOf(sha256), { force: true });
    },
  };
}
export type AttachmentStore = ReturnType<typeof createAttachmentStore>;

/** `Content-Disposition` with an ASCII fallback and the real name per RFC 5987 (`filename*`). */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
