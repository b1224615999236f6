import type { Readable } from 'node:stream';
import type { ChapterKind } from '@hongyun/shared';
import { contentTypeOf, createAttachmentStore, type AttachmentStore, type FileTypes, type StoredFile } from '../../platform/attachments';
import { NotFound } from '../../platform/errors';

// Course chapter files (PDF, video, audio) go into the same SHA-256-named attachment store as
// evidence files, so its keep, discard, open and backup apply unchanged; only the accepted
// types differ, one set per chapter kind.

type FileKind = Exclude<ChapterKind, 'text'>;
const MEDIA: Record<string, { kind: FileKind; type: string; magic: string }> = {
  pdf: { kind: 'pdf', type: 'application/pdf', magic: 'pdf' },
  mp4: { kind: 'video', type: 'video/mp4', magic: 'isoMedia' },
  webm: { kind: 'video', type: 'video/webm', magic: 'webm' },
  mp3: { kind: 'audio', type: 'audio/mpeg', magic: 'mp3' },
  m4a: { kind: 'audio', type: 'audio/mp4', magic: 'isoMedia' },
};

const ACCEPTED: Record<FileKind, string> = {
  pdf: 'PDF 章节只能上传 .pdf 文件',
  video: '视频章节只能上传 .mp4 或 .webm 文件',
  audio: '音频章节只能上传 .mp3 或 .m4a 文件',
};

function magicOf(head: Buffer): string | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') return 'isoMedia';
  if (head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return 'webm';
  if (head.subarray(0, 3).toString('latin1') === 'ID3' || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'mp3';
  return null;
}

/** The files a chapter of this kind accepts. */
function chapterTypes(kind: FileKind): FileTypes {
  return { kinds: Object.fromEntries(Object.entries(MEDIA).filter(([, m]) => m.kind === kind)), magicOf, accepted: ACCEPTED[kind] };
}

/** The content type of a file name accepted for a chapter of this kind; Invalid (field `file`) otherwise. */
export function chapterFileType(kind: FileKind, fileName: string): string {
  return contentTypeOf(fileName, chapterTypes(kind));
}

/**
 * Stores an upload for a chapter (hashed, its first bytes checked against its extension);
 * nothing is left behind on a size overrun, an empty file or mismatched content. Call the
 * store's `keep` or `discard` afterwards.
 */
export function saveChapterFile(dataDir: string, kind: FileKind, stream: Readable, fileName: string): Promise<StoredFile> {
  return createAttachmentStore(dataDir).save(stream, fileName, chapterTypes(kind));
}

/** A satisfiable byte range, inclusive at both ends as in HTTP. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a file of `size` bytes (RFC 9110 §14): null when absent or
 * not a single bytes range (the whole file is then sent), 'unsatisfiable' when it starts
 * beyond the end, else the clamped range.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

export type RangeReply =
  | { status: 416; size: number }
  | { status: 200 | 206; size: number; start: number; end: number; contentType: string; fileName: string; file: string };

/**
 * Resolves a range request against a stored file: 416 beyond its end, else the bytes to send
 * (a 206 slice or the whole file as 200) and where they are on disk.
 */
export function openRange(store: AttachmentStore, f: { sha256: Buffer; sizeBytes: number; contentType: string; fileName: string }, rangeHeader: string | undefined): RangeReply {
  const range = parseRange(rangeHeader, f.sizeBytes);
  if (range === 'unsatisfiable') return { status: 416, size: f.sizeBytes };
  const opened = store.open(f.sha256);
  if (!opened) throw new NotFound('课程文件已丢失，请联系管理员重新上传');
  // The store opens the whole file; a range needs its own stream of the same bytes.
  const file = String(opened.path);
  opened.destroy();
  return { status: range ? 206 : 200, size: f.sizeBytes, start: range?.start ?? 0, end: range?.end ?? f.sizeBytes - 1, contentType: f.contentType, fileName: f.fileName, file };
}
