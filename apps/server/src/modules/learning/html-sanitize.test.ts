import { describe, expect, it } from 'vitest';
import { sanitizeHtml, textOf } from './html-sanitize';
import { parseRange } from './chapter-files';

describe('chapter rich text', () => {
  it('drops scripts with their content and every attribute and handler', () => {
    const out = sanitizeHtml('<p onclick="steal()" style="color:red">学习<strong class="x">党章</strong></p><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a>');
    expect(out).toBe('<p>学习<strong>党章</strong></p>链接');
  });

  it('keeps the small formatting set and repairs nesting', () => {
    expect(sanitizeHtml('<h2>一、</h2><ul><li>甲<li>乙</ul><p><em>强调')).toBe('<h2>一、</h2><ul><li>甲<li>乙</li></li></ul><p><em>强调</em></p>');
    expect(sanitizeHtml('<P>大写</P><br/><hr>')).toBe('<p>大写</p><br><hr>');
  });

  it('escapes stray angle brackets and bare ampersands but keeps entities', () => {
    expect(sanitizeHtml('1 < 2 & 3 > 2 &amp; &#20826;')).toBe('1 &lt; 2 &amp; 3 &gt; 2 &amp; &#20826;');
  });

  it('removes comments, style blocks, iframes and tricks with quoted ">"', () => {
    expect(sanitizeHtml('<!-- x --><style>p{}</style><iframe src="//evil"></iframe><p title="a>b" onmouseover="x">正文</p><SCRIPT>bad()</SCRIPT >')).toBe('<p>正文</p>');
    // Split tags come out as inert, escaped text.
    expect(sanitizeHtml('<scr<script>ipt>alert(1)</script>')).toBe('ipt&gt;alert(1)');
  });

  it('tells empty content apart', () => {
    expect(textOf(sanitizeHtml('<p> </p><script>x</script>'))).toBe('');
  });
});

describe('range header', () => {
  it('reads single byte ranges and refuses ones beyond the end', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange(undefined, 1000)).toBeNull();
  });
});
