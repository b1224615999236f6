import fs from 'node:fs';
import zlib from 'node:zlib';

// Just enough zip for an .xlsx on disk: the central directory (zip64 included) and streaming
// inflate of one entry, with a cap on the inflated size (zip bombs).

/** A file that cannot be read as a workbook; `message` tells the user what to do (zh-CN). */
export class WorkbookProblem extends Error {}

const MAX_INFLATED_BYTES = 2 * 1024 ** 3;
export const NOT_XLSX = '文件不是有效的 Excel 工作簿（.xlsx），请在 Excel 或 WPS 中“另存为 .xlsx”后重新上传';

/** What the first bytes say: a zip (xlsx), an OLE file (old .xls or password-protected), other. */
export async function sniffFile(file: string): Promise<'zip' | 'ole' | 'other'> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
    if (bytesRead === 8 && head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
    return 'other';
  } finally {
    await fh.close();
  }
}

/** The message for a file that is not a zip at all. */
export function notXlsxMessage(kind: 'ole' | 'other'): string {
  return kind === 'ole'
    ? '文件是旧版 .xls 格式或设置了打开密码，请取消密码并在 Excel 或 WPS 中“另存为 .xlsx”后重新上传'
    : NOT_XLSX;
}

export interface ZipEntry {
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

export async function readZipDirectory(file: string): Promise<Map<string, ZipEntry>> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailSize = Math.min(size, 22 + 0xffff + 20);
    const tail = Buffer.alloc(tailSize);
    await fh.read(tail, 0, tailSize, size - tailSize);
    let eocd = -1;
    for (let i = tailSize - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new WorkbookProblem('文件不完整或已损坏（找不到压缩包目录），请重新保存为 .xlsx 后上传');
    let count = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || count === 0xffff) {
      // Zip64: the locator just before the end record points at the 64-bit end record.
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw new WorkbookProblem(NOT_XLSX);
      const recordAt = Number(tail.readBigUInt64LE(locator + 8));
      const record = Buffer.alloc(56);
      await fh.read(record, 0, 56, recordAt);
      if (record.readUInt32LE(0) !== 0x06064b50) throw new WorkbookProblem(NOT_XLSX);
      count = Number(record.readBigUInt64LE(32));
      dirSize = Number(record.readBigUInt64LE(40));
      dirOffset = Number(record.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size) throw new WorkbookProblem('文件不完整或已损坏，请重新保存为 .xlsx 后上传');
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count && p + 46 <= dir.length; i++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) throw new WorkbookProblem('文件已损坏（压缩包目录无效），请重新保存为 .xlsx 后上传');
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, '');
      let compressedSize = dir.readUInt32LE(p + 20);
      let localOffset = dir.readUInt32LE(p + 42);
      if (compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        const z64 = zip64Extra(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), dir.readUInt32LE(p + 24), compressedSize, localOffset);
        compressedSize = z64.compressedSize;
        localOffset = z64.localOffset;
      }
      entries.set(name, { method: dir.readUInt16LE(p + 10), flags: dir.readUInt16LE(p + 8), compressedSize, localOffset });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

function zip64Extra(extra: Buffer, uncompressed: number, compressed: number, offset: number) {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      if (uncompressed === 0xffffffff) r += 8;
      const compressedSize = compressed === 0xffffffff ? Number(extra.readBigUInt64LE(r)) : compressed;
      if (compressed === 0xffffffff) r += 8;
      const localOffset = offset === 0xffffffff ? Number(extra.readBigUInt64LE(r)) : offset;
      return { compressedSize, localOffset };
    }
    q += 4 + length;
  }
  throw new WorkbookProblem(NOT_XLSX);
}

/** The entry's bytes, inflated, chunk by chunk (the XML reader scans bytes, not text). */
export async function* entryBytes(file: string, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.flags & 1) throw new WorkbookProblem('文件设置了密码，请取消密码保护后重新上传');
  if (entry.method !== 0 && entry.method !== 8) throw new WorkbookProblem(NOT_XLSX);
  const fh = await fs.promises.open(file, 'r');
  let start: number;
  try {
    const local = Buffer.alloc(30);
    await fh.read(local, 0, 30, entry.localOffset);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new WorkbookProblem('文件已损坏，请重新保存为 .xlsx 后上传');
    start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  if (entry.compressedSize === 0) return;
  const raw = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const source = entry.method === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
  raw.on('error', (e) => source.destroy(e));
  let inflated = 0;
  try {
    // A file or inflate stream yields Buffers.
    for await (const chunk of source as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > MAX_INFLATED_BYTES) throw new WorkbookProblem('文件解压后过大，请拆分成多个文件后上传');
      yield chunk;
    }
  } catch (error) {
    if (error instanceof WorkbookProblem) throw error;
    throw new WorkbookProblem('文件已损坏，无法解压，请重新保存为 .xlsx 后上传');
  } finally {
    raw.destroy();
    source.destroy();
  }
}
