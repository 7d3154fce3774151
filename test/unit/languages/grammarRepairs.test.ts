import assert from 'node:assert/strict';
import { repairTypeScript, signatureSeparators, tagTypeArguments } from '../../../server/src/core/languages/ts/grammarRepairs';
import { tsxModule, typescriptModule } from '../../../server/src/core/languages/typescript';
import { OpenDocuments } from '../../../server/src/core/index/openDocuments';
import { TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';

// tree-sitter-typescript 0.23.2 turns whole files into ERROR on things modern TypeScript
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

  // How effect's Schema.ts and its SQL modules write them: one of each made a whole file ERROR.
  const TEMPLATES = `type MissingSelf<Usage extends string> =
  \`Missing \\\`Self\\\` generic - use \\\`class Self extends \${Usage}<Self>(...)\\\`\`

export const count = (table: string) =>
  sql<{ count: number; names: ReadonlyArray<string>; f: () => void }>\`SELECT COUNT(*) FROM \${table}\`.pipe(first)

export function after(): number {
  return 1
}
`;

  it('lets the grammar parse escaped backticks in template literal types and type arguments of tagged templates', async () => {
    const plain = await host.tree(tsxModule, TEMPLATES);
    assert.equal(plain.rootNode.hasError, true);
    plain.delete();
    const facts = await host.facts(typescriptModule, TEMPLATES);
    assert.equal(facts.errorCount, 0);
    assert.deepEqual(facts.symbols.map((s) => s.qname), ['MissingSelf', 'count', 'after']);
    assert.ok(facts.calls.some((c) => c.callee.join('.') === 'sql'), JSON.stringify(facts.calls));
    const fixed = repairTypeScript(TEMPLATES);
    assert.equal(fixed.length, TEMPLATES.length);
    const args = TEMPLATES.slice(TEMPLATES.indexOf('sql<') + 3, TEMPLATES.indexOf('>`SELECT') + 1);
    assert.ok(fixed.includes(`sql${' '.repeat(args.length)}\`SELECT`), fixed);
    assert.ok(fixed.includes('Missing __Self__ generic'), fixed);
  });

  it('separates a member named `in` from the line before, and lets a variable be named `as`', async () => {
    const text = 'export interface Parameter {\n  name: string\n  in: "query" | "header"\n  required?: boolean\n}\n\nexport function pick(xs: number[]) {\n  let as = xs.length\n  return as\n}\n';
    const facts = await host.facts(typescriptModule, text);
    assert.equal(facts.errorCount, 0);
    assert.deepEqual(facts.symbols.map((s) => s.qname), ['Parameter', 'pick']);
    const fixed = repairTypeScript(text);
    assert.equal(fixed.length, text.length);
    assert.ok(fixed.includes('string\n ;in: "query"') && fixed.includes('let a_ = xs.length\n  return as'), fixed);
    // `in` of a mapped type or a for-in on its own line is no member, nor is one after a line that goes on.
    const untouched = 'type M = {\n  [K\n  in keyof T]: T[K]\n}\nfor (const k\n  in obj) {}\nconst as2 = 1\n';
    assert.equal(repairTypeScript(untouched), untouched);
    assert.deepEqual(signatureSeparators('type T = {\n  a: A |\n  in: B\n}\n'), []);
  });

  it('leaves backticks and `>` alone where nothing is escaped or no tag takes type arguments', () => {
    // An escaped backslash before a backtick escapes nothing; a comparison with spaces, a lone `=`
    // or a backtick between `<` and `>` means no type arguments.
    const plain = 'const a = `x\\\\`\nconst b = c > `y`\nconst d = e < f, g = h>`z`\nconst i = j<`k`>`l`\n';
    assert.equal(repairTypeScript(plain), plain);
    assert.deepEqual(tagTypeArguments(plain), []);
    assert.deepEqual(tagTypeArguments('q<Array<() => A>>`s`'), [[1, 17]]);
  });

  it('looks past comments for how the previous member ended', () => {
    const text = 'type F = {\n  (a: A): X\n  // note\n  /* block\n     over lines */\n  <T>(t: T): T\n}\n';
    assert.deepEqual(signatureSeparators(text), [text.indexOf('<T>') - 1]);
  });

  type Step = { line: number; character: number; endLine?: number; endCharacter?: number; insert: string };

  /** Apply `steps` to a buffer of `initial`; after each, its facts must be a fresh parse's. */
  async function editLikeAFreshParse(initial: string, steps: Step[]): Promise<void> {
    const docs = new OpenDocuments(host);
    const path = 'src/box.ts';
    let text = initial;
    await docs.open(path, typescriptModule, text);
    for (const st of steps) {
      const range = { start: { line: st.line, character: st.character }, end: { line: st.endLine ?? st.line, character: st.endCharacter ?? st.character } };
      const result = await docs.change(path, [{ range, text: st.insert }]);
      const ls = text.split('\n');
      const startOff = ls.slice(0, range.start.line).join('\n').length + (range.start.line ? 1 : 0) + range.start.character;
      const endOff = ls.slice(0, range.end.line).join('\n').length + (range.end.line ? 1 : 0) + range.end.character;
      text = text.slice(0, startOff) + st.insert + text.slice(endOff);
      assert.equal(result!.text, text);
      assert.deepEqual(JSON.parse(JSON.stringify(result!.facts)), JSON.parse(JSON.stringify(await host.facts(typescriptModule, text))), `after ${JSON.stringify(st)}`);
    }
    docs.closeAll();
  }

  it('gives an edited buffer the facts a fresh parse of its text gives, even when an edit moves a repair elsewhere', async () => {
    // Open a block comment above the signatures (every repair below changes), then close it again;
    // type inside a signature; delete the `;`-less separation by joining two lines.
    await editLikeAFreshParse(OVERLOADS, [
      { line: 4, character: 0, insert: '/* ' },
      { line: 4, character: 0, endLine: 4, endCharacter: 3, insert: '' },
      { line: 8, character: 3, insert: 'X, ' },
      { line: 8, character: 3, endLine: 8, endCharacter: 6, insert: '' },
      // Make the first signature's line continue into the next: its separator must go.
      { line: 8, character: 64, insert: ' |' },
      { line: 8, character: 64, endLine: 8, endCharacter: 66, insert: '' },
      { line: 7, character: 0, insert: '  x: number\n' },
    ]);
  });

  it('does the same around tagged templates and escaped backticks', async () => {
    // Type inside a tag's type arguments, cut the `>` that closes them and put it back; escape
    // the escaping backslash of a backtick, then remove that again.
    await editLikeAFreshParse(TEMPLATES, [
      { line: 4, character: 15, insert: 'x: 1; ' },
      { line: 4, character: 15, endLine: 4, endCharacter: 21, insert: '' },
      { line: 4, character: 68, endLine: 4, endCharacter: 69, insert: '' },
      { line: 4, character: 68, insert: '>' },
      { line: 1, character: 11, insert: '\\' },
      { line: 1, character: 11, endLine: 1, endCharacter: 12, insert: '' },
    ]);
  });
});
