import assert from 'node:assert/strict';
import { repairTypeScript, signatureSeparators } from '../../../server/src/core/languages/ts/grammarRepairs';
import { tsxModule, typescriptModule } from '../../../server/src/core/languages/typescript';
import { OpenDocuments } from '../../../server/src/core/index/openDocuments';
import { TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';

// tree-sitter-typescript 0.23.2 turns whole files into ERROR on two things modern TypeScript
// writes everywhere; the parser reads a same-length repair instead, facts still come from the
// original text, and an editor buffer's incremental parses end where a fresh parse would.

const host = new TreeSitterHost();

// How effect writes overloads: call signatures on their own lines, separated by doc comments only.
const OVERLOADS = `export interface Box<out A, in out R> {
  readonly value: A
}

export const map: {
  /**
   * Data-last.
   */
  <A, B>(f: (a: A) => B): (self: Box<A, never>) => Box<B, never>
  /**
   * Data-first.
   */
  <A, B>(self: Box<A, never>, f: (a: A) => B): Box<B, never>
} = internal.map

export function after(): number {
  return 1
}
`;

describe('TypeScript grammar repairs', () => {
  it('lets the grammar parse newline-separated generic call signatures and variance annotations', async () => {
    const plain = await host.tree(tsxModule, OVERLOADS); // TSX is never repaired
    assert.equal(plain.rootNode.hasError, true);
    plain.delete();
    const facts = await host.facts(typescriptModule, OVERLOADS);
    assert.equal(facts.errorCount, 0);
    assert.deepEqual(
      facts.symbols.filter((s) => s.parent === undefined).map((s) => [s.qname, s.kind, s.exported]),
      [
        ['Box', 'interface', true],
        ['map', 'variable', true],
        ['after', 'function', true],
      ],
    );
    // Facts are read from the original: the interface's signature keeps its variance keywords.
    assert.match(facts.symbols.find((s) => s.qname === 'Box')!.signature, /interface Box<out A, in out R>/);
  });

  it('keeps length, lines and columns, and changes nothing where nothing applies', () => {
    const fixed = repairTypeScript(OVERLOADS);
    assert.equal(fixed.length, OVERLOADS.length);
    assert.deepEqual(fixed.split('\n').map((l) => l.length), OVERLOADS.split('\n').map((l) => l.length));
    assert.match(fixed, /^export interface Box< {4}A, {8}R>/);
    const plain = 'const a = b\n  < c\nconst f = () =>\n  <T>(x: T) => x\ntype G = {\n  (a: A): X;\n  <T>(t: T): T\n}\nfoo(\n  <T>(x: T) => x,\n)\n// <in T> in a comment\n';
    assert.equal(repairTypeScript(plain), plain.replace('<in T>', '<   T>'));
    assert.deepEqual(signatureSeparators(plain), []);
  });

  it('looks past comments for how the previous member ended', () => {
    const text = 'type F = {\n  (a: A): X\n  // note\n  /* block\n     over lines */\n  <T>(t: T): T\n}\n';
    assert.deepEqual(signatureSeparators(text), [text.indexOf('<T>') - 1]);
  });

  it('gives an edited buffer the facts a fresh parse of its text gives, even when an edit moves a repair elsewhere', async () => {
    const docs = new OpenDocuments(host);
    const path = 'src/box.ts';
    let text = OVERLOADS;
    await docs.open(path, typescriptModule, text);
    const lines = () => text.split('\n');
    // Open a block comment above the signatures (every repair below changes), then close it again;
    // type inside a signature; delete the `;`-less separation by joining two lines.
    const steps: { line: number; character: number; endLine?: number; endCharacter?: number; insert: string }[] = [
      { line: 4, character: 0, insert: '/* ' },
      { line: 4, character: 0, endLine: 4, endCharacter: 3, insert: '' },
      { line: 8, character: 3, insert: 'X, ' },
      { line: 8, character: 3, endLine: 8, endCharacter: 6, insert: '' },
      // Make the first signature's line continue into the next: its separator must go.
      { line: 8, character: 64, insert: ' |' },
      { line: 8, character: 64, endLine: 8, endCharacter: 66, insert: '' },
      { line: 7, character: 0, insert: '  x: number\n' },
    ];
    for (const st of steps) {
      const range = { start: { line: st.line, character: st.character }, end: { line: st.endLine ?? st.line, character: st.endCharacter ?? st.character } };
      const result = await docs.change(path, [{ range, text: st.insert }]);
      const ls = lines();
      const startOff = ls.slice(0, range.start.line).join('\n').length + (range.start.line ? 1 : 0) + range.start.character;
      const endOff = ls.slice(0, range.end.line).join('\n').length + (range.end.line ? 1 : 0) + range.end.character;
      text = text.slice(0, startOff) + st.insert + text.slice(endOff);
      assert.equal(result!.text, text);
      assert.deepEqual(JSON.parse(JSON.stringify(result!.facts)), JSON.parse(JSON.stringify(await host.facts(typescriptModule, text))), `after ${JSON.stringify(st)}`);
    }
    docs.closeAll();
  });
});
