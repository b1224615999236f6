// XML scanning for the xlsx reader: tags and text from the bytes of a part, with no tree and
// no decoding of the whole part to a JS string (for a 100,000-row roster the sheet is ~70 MB
// of XML, and decoding it first cost as much as scanning it). Only the values a handler asks
// for become strings.

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;

export interface XmlHandler {
  /** `attrs` is only valid during the call (the scanner reuses it). */
  open(name: string, attrs: Attributes, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between tags as bytes: raw XML (entities not decoded), or literal when `cdata`. */
  text(buf: Buffer, start: number, end: number, cdata: boolean): void;
}

/** The attributes of the tag being scanned, read from its bytes on demand. */
export class Attributes {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** Where the value found by the last valueAt() ends (its closing quote). */
  valueEnd = 0;

  reset(buf: Buffer, start: number, end: number): void {
    this.buf = buf;
    this.start = start;
    this.end = end;
  }

  /** The bytes holding attribute `name`'s value: its start (valueEnd set), or -1 if absent. */
  valueAt(name: string): number {
    const { buf, end } = this;
    const length = name.length;
    for (let i = this.start; i + length < end; i++) {
      if (!isSpace(buf[i])) continue;
      let j = 0;
      while (j < length && buf[i + 1 + j] === name.charCodeAt(j)) j++;
      if (j < length) continue;
      let k = i + 1 + length;
      while (k < end && isSpace(buf[k])) k++;
      if (buf[k] !== EQUALS) continue;
      k++;
      while (k < end && isSpace(buf[k])) k++;
      const quote = buf[k];
      if (quote !== DQUOTE && quote !== SQUOTE) continue;
      let close = k + 1;
      while (close < end && buf[close] !== quote) close++;
      if (close >= end) return -1;
      this.valueEnd = close;
      return k + 1;
    }
    return -1;
  }

  /** Attribute `name`'s value with entities decoded. */
  get(name: string): string | undefined {
    const at = this.valueAt(name);
    return at < 0 ? undefined : decodeXmlText(this.buf.toString('utf8', at, this.valueEnd));
  }

  /** All attributes as text (for the odd case the readers above do not cover). */
  text(): string {
    return this.buf.toString('utf8', this.start, this.end);
  }

  byteAt(offset: number): number {
    return this.buf[offset];
  }
}

/**
 * Feeds a handler tag by tag across chunk boundaries; names lose their namespace prefix
 * (`x:row` → `row`). Text is handed over only once the next tag has been seen, so neither an
 * entity nor a UTF-8 sequence is ever cut in two ('<' never occurs inside either).
 */
export class XmlScanner {
  private rest: Buffer | null = null;
  private readonly attrs = new Attributes();

  constructor(private readonly handler: XmlHandler) {}

  feed(chunk: Buffer): void {
    const { handler, attrs } = this;
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    const length = buf.length;
    let pos = 0;
    for (;;) {
      let lt = pos;
      while (lt < length && buf[lt] !== LT) lt++;
      if (lt + 1 >= length) break;
      const second = buf[lt + 1];
      if (second === BANG) {
        const cdata = startsWith(buf, lt, CDATA_OPEN);
        const comment = startsWith(buf, lt, COMMENT_OPEN);
        const end = buf.indexOf(cdata ? ']]>' : comment ? '-->' : '>', lt);
        if (end < 0) break;
        if (lt > pos) handler.text(buf, pos, lt, false);
        if (cdata) handler.text(buf, lt + CDATA_OPEN.length, end, true);
        pos = end + (cdata || comment ? 3 : 1);
        continue;
      }
      const gt = tagEnd(buf, lt);
      if (gt < 0) break;
      if (lt > pos) handler.text(buf, pos, lt, false);
      if (second === QUESTION) {
        pos = gt + 1;
        continue;
      }
      if (second === SLASH) {
        let nameEnd = lt + 2;
        while (nameEnd < gt && !isSpace(buf[nameEnd])) nameEnd++;
        handler.close(tagName(buf, lt + 2, nameEnd));
      } else {
        const selfClosing = buf[gt - 1] === SLASH;
        const close = selfClosing ? gt - 1 : gt;
        let nameEnd = lt + 1;
        while (nameEnd < close && !isSpace(buf[nameEnd])) nameEnd++;
        const name = tagName(buf, lt + 1, nameEnd);
        attrs.reset(buf, nameEnd, close);
        handler.open(name, attrs, selfClosing);
        if (selfClosing) handler.close(name);
      }
      pos = gt + 1;
    }
    this.rest = pos >= length ? null : buf.subarray(pos);
  }
}

const CDATA_OPEN = Buffer.from('<![CDATA[');
const COMMENT_OPEN = Buffer.from('<!--');

function startsWith(buf: Buffer, at: number, prefix: Buffer): boolean {
  if (at + prefix.length > buf.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix[i]) return false;
  return true;
}

export async function scanXml(chunks: AsyncIterable<Buffer>, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  for await (const chunk of chunks) scanner.feed(chunk);
}

/** The '>' closing the tag at `lt`, skipping any inside quoted attribute values; -1 if not yet read. */
function tagEnd(buf: Buffer, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < buf.length; i++) {
    const c = buf[i];
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === GT) {
      return i;
    } else if (c === DQUOTE || c === SQUOTE) {
      quote = c;
    }
  }
  return -1;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The tag's local name; the hot one- and two-letter and row tags without decoding. */
function tagName(buf: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length === 1) {
    switch (buf[start]) {
      case 99: return 'c';
      case 118: return 'v';
      case 102: return 'f';
      case 116: return 't';
      case 114: return 'r';
    }
  } else if (length === 2) {
    if (buf[start] === 115 && buf[start + 1] === 105) return 'si';
    if (buf[start] === 105 && buf[start + 1] === 115) return 'is';
  } else if (length === 3 && buf[start] === 114 && buf[start + 1] === 111 && buf[start + 2] === 119) {
    return 'row';
  }
  return localName(buf.toString('utf8', start, end));
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Text bytes in their XML form: CDATA escaped, so decodeXmlText gives every text back as written. */
export function rawText(buf: Buffer, start: number, end: number, cdata: boolean): string {
  const text = buf.toString('utf8', start, end);
  return cdata ? text.replaceAll('&', '&amp;').replaceAll('<', '&lt;') : text;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities, then OOXML's `_xHHHH_` escapes of control characters. */
export function decodeXmlText(raw: string): string {
  let s = raw;
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e],
    );
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}
