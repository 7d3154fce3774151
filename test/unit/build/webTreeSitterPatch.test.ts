import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { languageById } from '../../../server/src/core/languages/registry';
import { findGrammarsDir, TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';

// The bundle swaps web-tree-sitter's generic i32 heap access for Int32Array reads and writes
// (scripts/webTreeSitterPatch.mjs). The patch must find its anchors in the installed version,
// and a patched runtime must report every node exactly as the original does.

type TreeSitter = typeof import('web-tree-sitter');
type SyntaxNode = import('web-tree-sitter').Node;
type Tree = import('web-tree-sitter').Tree;

const SOURCE = `
import { a, b as c } from './x';
export class Greeter<T> extends Base implements Named {
  constructor(private readonly name: string) { super(); }
  greet(who: T): string { return \`hello \${who} — ünïcödé 🎉\` + this.name.toUpperCase(); }
}
export const f = async (x: number) => (await c(x)).map((y) => a(y) * 2);
`;

/** A patched runtime of its own: the engine's runtime is initialised once per process and must stay so. */
async function patchedTree(ts: TreeSitter, wasmDir: string): Promise<Tree> {
  await ts.Parser.init({ locateFile: (file: string) => join(wasmDir, file) });
  const parser = new ts.Parser();
  parser.setLanguage(await ts.Language.load(join(findGrammarsDir(), 'tree-sitter-typescript.wasm')));
  return parser.parse(SOURCE)!;
}

function dump(tree: Tree): string[] {
  const out: string[] = [];
  const visit = (n: SyntaxNode, depth: number) => {
    out.push(`${depth} ${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column} ${n.childCount}/${n.namedChildCount}`);
    for (const c of n.namedChildren) if (c) visit(c, depth + 1);
  };
  visit(tree.rootNode, 0);
  const root = tree.rootNode;
  const first = root.namedChild(0)!;
  out.push(`equals ${first.equals(root.namedChildren[0]!)} parent ${first.parent?.type} next ${first.nextNamedSibling?.type}`);
  out.push(`descendants ${root.descendantsOfType('call_expression').map((n) => n.startIndex).join(',')}`);
  out.push(`at ${root.descendantForIndex(60)?.type} ${root.namedDescendantForPosition({ row: 3, column: 20 })?.type}`);
  const cursor = tree.walk();
  cursor.gotoFirstChild();
  do out.push(`cursor ${cursor.nodeType} ${cursor.startIndex}`);
  while (cursor.gotoNextSibling());
  tree.delete();
  return out;
}

describe('web-tree-sitter patch (build)', () => {
  let patch: (source: string) => string;
  before(async () => {
    ({ patchWebTreeSitter: patch } = (await import('../../../scripts/webTreeSitterPatch.mjs')) as { patchWebTreeSitter: (s: string) => string });
  });

  it('finds its anchors in the installed web-tree-sitter and names what it no longer finds', () => {
    const original = readFileSync(require.resolve('web-tree-sitter'), 'utf8');
    const patched = patch(original);
    assert.equal(patched.match(/if \(type === "i32" && SPARKGRAPH_LITTLE_ENDIAN\)/g)?.length, 2);
    assert.match(patched, /this\.sparkgraphHandle = other;/);
    assert.doesNotMatch(patched, /node\[0\]/);
    assert.throws(() => patch(original.replace('function getValue(ptr, type = "i8") {', 'function getValue(ptr, type) {')), /expected one `function getValue/);
    assert.throws(() => patch(original.replace('this[0] = other;', 'this[0] = other ;')), /expected one `assertInternal/);
  });

  it('parses to the same nodes, positions and cursor steps as the unpatched runtime', async function () {
    this.timeout(30_000);
    const installed = require.resolve('web-tree-sitter');
    const dir = mkdtempSync(join(tmpdir(), 'sparkgraph-wts-'));
    try {
      writeFileSync(join(dir, 'web-tree-sitter.cjs'), patch(readFileSync(installed, 'utf8')));
      copyFileSync(join(dirname(installed), 'web-tree-sitter.wasm'), join(dir, 'web-tree-sitter.wasm'));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const patched = require(join(dir, 'web-tree-sitter.cjs')) as TreeSitter;
      const expected = dump(await new TreeSitterHost().tree(languageById('typescript'), SOURCE));
      const actual = dump(await patchedTree(patched, dir));
      assert.ok(expected.length > 50);
      assert.deepEqual(actual, expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
