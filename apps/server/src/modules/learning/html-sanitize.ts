// Rich text of a course chapter is stored as HTML a browser may render directly, so it is
// reduced here to a small set of formatting tags with no attributes at all: no scripts, no
// event handlers, no links or images that could load or run anything. Everything else is
// either dropped with its content (script, style, embedded documents) or unwrapped (its text
// kept, the tag removed). The output is always well nested.

const ALLOWED = new Set(['p', 'br', 'hr', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'sub', 'sup']);
const VOID = new Set(['br', 'hr']);
/** Elements whose whole content is dropped, not just the tags. */
const DROP_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'noscript', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'select', 'head']);

const ENTITY = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

function escapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else if (c === '&') {
      const m = ENTITY.exec(text.slice(i, i + 40));
      out += m ? m[0] : '&amp;';
      if (m) i += m[0].length - 1;
    } else out += c;
  }
  return out;
}

/** Index just past the `>` closing a tag that starts at `from`, honouring quoted attribute values. */
function endOfTag(html: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return html.length;
}

/** Returns the HTML with only the allowed tags (attributes removed), text escaped, nesting repaired. */
export function sanitizeHtml(html: string): string {
  let out = '';
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += escapeText(html.slice(i));
      break;
    }
    out += escapeText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      i = endOfTag(html, lt + 1);
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      out += '&lt;';
      i = lt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    const after = endOfTag(html, lt + m[0].length);
    i = after;
    if (!closing && DROP_CONTENT.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, after);
      i = close < 0 ? html.length : endOfTag(html, close + name.length + 2);
      continue;
    }
    if (!ALLOWED.has(name)) continue;
    if (VOID.has(name)) {
      if (!closing) out += `<${name}>`;
      continue;
    }
    if (!closing) {
      out += `<${name}>`;
      open.push(name);
      continue;
    }
    const at = open.lastIndexOf(name);
    if (at < 0) continue; // a stray closing tag
    while (open.length > at) out += `</${open.pop()}>`;
  }
  while (open.length) out += `</${open.pop()}>`;
  return out;
}

/** The visible text of sanitized HTML (for "is it empty?" checks and summaries). */
export function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim();
}
