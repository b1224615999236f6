// PostgreSQL's binary array format (array_send / array_recv), one dimension. node-postgres
// sends a Buffer parameter in binary, so a column of a 2,000-row batch can travel as raw
// bytes: measured on a 100,000-row import, the text form (node-postgres escaping every
// element, PostgreSQL parsing it back, bytea doubled as hex) cost more Node time than the
// spreadsheet's own parsing, and made staging the rows a large job for the database too.
// Cast the parameter to the matching array type in SQL (`${binaryArray('text', v)}::text[]`).
// Called for ~2.7 million values per 100,000 rows, hence the hand-written byte writing: it
// was 2-3× faster than Buffer#write and #writeInt32BE, which check their arguments per call.

const ELEMENT_OID = { bool: 16, bytea: 17, int4: 23, text: 25 } as const;
export type ArrayElement = keyof typeof ELEMENT_OID;

type ElementValue = string | number | boolean | Buffer | null;

/** The values as a PostgreSQL `type[]` in binary form; strings as UTF-8, numbers as int4. */
export function binaryArray(type: ArrayElement, values: readonly ElementValue[]): Buffer {
  const header = 20; // dimensions, has-nulls flag, element type, then length and lower bound of the one dimension
  let size = header;
  for (const v of values) size += 4 + maxBytes(type, v);
  const out = Buffer.allocUnsafe(size);
  let hasNull = 0;
  let at = header;
  for (const v of values) {
    if (v === null) {
      hasNull = 1;
      at = int32(out, at, -1);
      continue;
    }
    const start = at + 4;
    let end: number;
    if (typeof v === 'string') end = utf8(out, start, v);
    else if (typeof v === 'number') end = int32(out, start, v);
    else if (typeof v === 'boolean') {
      out[start] = v ? 1 : 0;
      end = start + 1;
    } else end = start + v.copy(out, start);
    int32(out, at, end - start);
    at = end;
  }
  int32(out, 0, 1);
  int32(out, 4, hasNull);
  int32(out, 8, ELEMENT_OID[type]);
  int32(out, 12, values.length);
  int32(out, 16, 1);
  return out.subarray(0, at);
}

function maxBytes(type: ArrayElement, v: ElementValue): number {
  if (v === null) return 0;
  if (typeof v === 'string') return v.length * 3; // a UTF-16 code unit is at most 3 UTF-8 bytes
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') {
    if (type !== 'int4' || !Number.isInteger(v)) throw new TypeError(`${v} is not a ${type} element`);
    return 4;
  }
  return v.length;
}

/** Writes a big-endian int32 at `at`; returns the offset after it. */
function int32(out: Buffer, at: number, value: number): number {
  out[at] = value >>> 24;
  out[at + 1] = value >>> 16;
  out[at + 2] = value >>> 8;
  out[at + 3] = value;
  return at + 4;
}

/** Writes `s` as UTF-8 at `at` (a lone surrogate as U+FFFD, like Buffer#write); returns the offset after it. */
function utf8(out: Buffer, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
    } else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = s.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[at++] = 0xf0 | (c >> 18);
          out[at++] = 0x80 | ((c >> 12) & 63);
          out[at++] = 0x80 | ((c >> 6) & 63);
          out[at++] = 0x80 | (c & 63);
          continue;
        }
        c = 0xfffd;
      }
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 63);
      out[at++] = 0x80 | (c & 63);
    }
  }
  return at;
}
