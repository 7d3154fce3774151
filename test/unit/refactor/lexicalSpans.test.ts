import assert from 'node:assert/strict';
import { lexicalSpans, spanAt } from '../../../server/src/core/refactor/lexicalSpans';

// The cheap scan that tells strings and comments from code when reporting mentions.

const kinds = (text: string, family: 'js' | 'python') => lexicalSpans(text, family).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);

describe('lexical spans', () => {
  it('JavaScript: comments, quotes, escapes, template text but not its substitutions, regex literals', () => {
    const src = "const a = 'it\\'s'; // note x\n/* block\n x */ const t = `pre ${x + `in`} post`; const r = /'\"/g; const d = a / 2 / 3; \"q\"";
    assert.deepEqual(kinds(src, 'js'), ["string:'it\\'s'", 'comment:// note x', 'comment:/* block\n x */', 'string:`pre ${', 'string:`in`', 'string:} post`', 'string:"q"']);
  });

  it('Python: comments, prefixed and triple-quoted strings', () => {
    const src = 'x = f"a{b}" # c\ny = r\'\\d\'\nz = """doc\n"quoted"\n"""\n';
    assert.deepEqual(kinds(src, 'python'), ['string:f"a{b}"', 'comment:# c', "string:r'\\d'", 'string:"""doc\n"quoted"\n"""']);
  });

  it('finds the span holding an offset', () => {
    const src = "a('x') // y";
    const spans = lexicalSpans(src, 'js');
    assert.equal(spanAt(spans, src.indexOf('x'))?.kind, 'string');
    assert.equal(spanAt(spans, src.indexOf('y'))?.kind, 'comment');
    assert.equal(spanAt(spans, 0), undefined);
  });
});
