import { strict as assert } from 'node:assert';
import { highlight } from '../../../client/src/chat/highlight';
import { renderMarkdown } from '../../../client/src/chat/markdown';

// The chat's markdown renderer: safe by construction (everything escaped, only its own
// elements), file links carry what the extension needs to open the line.

describe('chat markdown renderer', () => {
  it('escapes every piece of text, attribute and code', () => {
    const html = renderMarkdown('<script>alert(1)</script> **<b>x</b>** `<img src=x onerror=y>` [<i>l</i>](javascript:alert(1))\n\n```ts\nconst s = "</code><script>";\n```');
    assert.ok(!/<script|<img|<b>|<i>/.test(html), html);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('<strong>&lt;b&gt;x&lt;/b&gt;</strong>'));
    assert.ok(html.includes('<code>&lt;img src=x onerror=y&gt;</code>'));
    assert.ok(!html.includes('javascript:'), 'a javascript: link must not survive');
    assert.ok(html.includes('<span class="tok-str">&quot;&lt;/code&gt;&lt;script&gt;&quot;</span>'), html);
  });

  it('turns file links into location links with a 0-based line', () => {
    const html = renderMarkdown('1. [`handleLogin`](file:///w/src/auth/login.ts#L10) — defines the check');
    assert.equal(
      html,
      '<ol><li><a class="loc" href="#" data-uri="file:///w/src/auth/login.ts" data-line="9" data-character="0" title="Open handleLogin"><code>handleLogin</code></a> — defines the check</li></ol>',
    );
  });

  it('links path:line mentions of known files only, in text and in code spans', () => {
    const fileLinks = { 'src/auth/login.ts': 'file:///w/src/auth/login.ts' };
    const html = renderMarkdown('See src/auth/login.ts:12, `src/auth/login.ts:10` and src/other.ts:3.', { fileLinks });
    assert.equal(
      html,
      '<p>See <a class="loc" href="#" data-uri="file:///w/src/auth/login.ts" data-line="11" data-character="0" title="Open src/auth/login.ts:12">src/auth/login.ts:12</a>, ' +
        '<a class="loc" href="#" data-uri="file:///w/src/auth/login.ts" data-line="9" data-character="0" title="Open src/auth/login.ts:10"><code>src/auth/login.ts:10</code></a> and src/other.ts:3.</p>',
    );
  });

  it('renders headings, nested lists, quotes, tables, rules and web links', () => {
    const html = renderMarkdown('## Where\n- a\n  - b\n- c\n\n> quoted *x*\n\n| k | v |\n|---|---|\n| 1 | `2` |\n\n---\n[docs](https://example.com/x)');
    assert.equal(
      html,
      [
        '<h4>Where</h4>',
        '<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>',
        '<blockquote><p>quoted <em>x</em></p></blockquote>',
        '<table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td>1</td><td><code>2</code></td></tr></tbody></table>',
        '<hr>',
        '<p><a class="ext" href="#" data-external="https://example.com/x" title="https://example.com/x">docs</a></p>',
      ].join('\n'),
    );
  });

  it('highlights keywords, strings, numbers and comments of TypeScript and Python', () => {
    assert.equal(highlight('const x = 1; // one', 'ts'), '<span class="tok-kw">const</span> x = <span class="tok-num">1</span>; <span class="tok-com">// one</span>');
    assert.equal(highlight('def f(): return "a"  # c', 'python'), '<span class="tok-kw">def</span> f(): <span class="tok-kw">return</span> <span class="tok-str">&quot;a&quot;</span>  <span class="tok-com"># c</span>');
    assert.equal(highlight('a < b', 'unknown'), 'a &lt; b');
  });

  it('reads backslash escapes as the literal character', () => {
    assert.equal(renderMarkdown('py/\\_\\_init\\_\\_.py defines \\*args \\<b\\>'), '<p>py/__init__.py defines *args &lt;b&gt;</p>');
  });

  it('renders the graph answer engine\'s markdown with every place a link', () => {
    const md = '**Where:** where is the password verified?\n\n1. `verifyPassword` (function) [`src/auth/crypto.ts:12`](file:///w/src/auth/crypto.ts#L12) — name matches password, verified\n2. `x` (function) (external)\n';
    assert.equal(
      renderMarkdown(md),
      '<p><strong>Where:</strong> where is the password verified?</p>\n<ol><li><code>verifyPassword</code> (function) <a class="loc" href="#" data-uri="file:///w/src/auth/crypto.ts" data-line="11" data-character="0" title="Open src/auth/crypto.ts:12"><code>src/auth/crypto.ts:12</code></a> — name matches password, verified</li><li><code>x</code> (function) (external)</li></ol>',
    );
  });

  it('keeps an unterminated code fence as code to the end', () => {
    assert.equal(renderMarkdown('text\n```py\nx = 1'), '<p>text</p>\n<pre class="code" data-lang="py"><code>x = <span class="tok-num">1</span></code></pre>');
  });
});
