import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { languageForPath } from '../../../server/src/core/languages/registry';
import { statementsOf } from '../../../server/src/core/languages/statementRecords';
import type { FileFacts } from '../../../server/src/core/model';
import { TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';
import { fixturePath } from '../../helpers/fixtures';

// Re-extracting an edited document replays the module-level statements it saw before instead of
// extracting them again; whatever the edit, the facts must be exactly those of extracting the
// text from scratch.

const host = new TreeSitterHost();
const EDITS = 150;

/** Statements whose effects reach beyond themselves: merges, overloads, duplicates, exports. */
const TS_SNIPPETS = [
  'export function parse(text: string): number;\n',
  'export function parse(text: string): number { return text.length; }\n',
  'function parse(a: number): void;\n',
  'interface ParserOptions { strict?: boolean }\n',
  'export interface ParserOptions { extra: string }\n',
  'namespace parse { export const x = 1; }\n',
  'const helper = () => log(1);\n',
  'export { helper as aliased };\n',
  'export default helper;\n',
  'module.exports = { run() { return 1; }, helper };\n',
  'exports.extra = function () { return helper(); };\n',
  '/** Documented. */\n',
  '// a line comment\n',
  '@decorate\n',
  'class Repo extends Base { save() { this.log(); } }\n',
  'Repo.prototype.load = function () { return this.save(); };\n',
  'import { log, other as renamed } from "./logger";\n',
  'const { a, b: [c] } = require("./lib");\n',
  'declare module "x" { export function y(): void; }\n',
  '}\n',
  '{\n',
  'function (\n',
  // Class members, which are replayed one by one when their class changed.
  '  save(): void { this.log(); }\n',
  '  save(x: number): void;\n',
  '  constructor(private readonly repo: Repo) {}\n',
  '  /** Member doc. */\n',
  '  store = new Store();\n',
  '  get size(): number { return 1; }\n',
  '  @decorate()\n',
];

/** The same for Python: `__all__`, first assignments, TYPE_CHECKING imports, aliases, lambdas. */
const PY_SNIPPETS = [
  'def parse(text):\n    return len(text)\n',
  'class Repo(Base):\n    """Stores."""\n    def save(self):\n        self.log()\n',
  '__all__ = ["parse", "Repo"]\n',
  '__all__ += ["extra"]\n',
  '__all__ = make()\n',
  'from .logger import log, other as renamed\n',
  'import os.path\n',
  'if TYPE_CHECKING:\n    from .models import User\n',
  'helper = lambda x: log(x)\n',
  'repo = Repo()\n',
  'parse = other.parse\n',
  'item: Repo = make()\n',
  '@decorate\n',
  '# a comment\n',
  'x = ...\n',
  '    pass\n',
  'def broken(:\n',
  '"""A docstring."""\n',
];

/** A Python class long enough to be extracted member by member (see MEMBERWISE_ROWS). */
function longPythonClass(): string {
  let text = 'from .base import Base, helper\n\n\n@register\nclass Long(Base):\n    """A long class."""\n\n    limit = helper(3)\n';
  for (let i = 0; i < 40; i++) text += `\n    def step${i}(self, value):\n        """Step ${i}."""\n        return self.step${(i + 1) % 40}(helper(value))\n`;
  return text + '\n\ndef after():\n    return Long().step0(1)\n';
}

const LANGUAGES: { name: string; fixtures: string[]; generated: Record<string, string>; ext: RegExp; snippets: string[]; declared: RegExp }[] = [
  {
    name: 'TypeScript',
    fixtures: ['lang-ts', 'link-ts'],
    generated: {},
    ext: /\.(ts|tsx|js|jsx|mjs|cjs)$/,
    snippets: TS_SNIPPETS,
    declared: /\b(?:function|class|const|interface|let|var)\s+([A-Za-z_$][\w$]*)/g,
  },
  {
    name: 'Python',
    fixtures: ['lang-python', 'link-py'],
    generated: { 'long_class.py': longPythonClass() },
    ext: /\.py$/,
    snippets: PY_SNIPPETS,
    declared: /(?:\b(?:def|class)\s+|^)([A-Za-z_]\w*)/gm,
  },
];

function sourceFiles(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function randomEdit(text: string, rand: () => number, snippets: readonly string[], declared: RegExp): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const starts = lineStarts(text);
  const at = Math.floor(rand() * (text.length + 1));
  const lineAt = pick(starts);
  switch (Math.floor(rand() * 7)) {
    case 0:
      return text.slice(0, at) + pick(['x', ' ', '\n', '(', ';', ':', '.', '*/', '/*', '"', '#']) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * 30)));
    case 2:
      return text.slice(0, lineAt) + pick(snippets) + text.slice(lineAt);
    case 3: {
      // Duplicate a line: identical statements and names declared twice.
      const end = text.indexOf('\n', lineAt);
      const line = text.slice(lineAt, end < 0 ? text.length : end + 1);
      return text.slice(0, lineAt) + line + text.slice(lineAt);
    }
    case 4: {
      // Move a line elsewhere: statements shift up and down as a whole.
      const end = text.indexOf('\n', lineAt);
      const cut = end < 0 ? text.length : end + 1;
      const line = text.slice(lineAt, cut);
      const rest = text.slice(0, lineAt) + text.slice(cut);
      const to = pick(lineStarts(rest));
      return rest.slice(0, to) + line + rest.slice(to);
    }
    case 5: {
      // Rename a declared name everywhere or in one place: module-level names change.
      const names = [...text.matchAll(declared)].map((m) => m[1]!);
      if (names.length === 0) return text + '\n';
      const name = pick(names);
      return rand() < 0.5 ? text.split(name).join(`${name}2`) : text.replace(name, `${name}Z`);
    }
    default:
      // Indent a line: a statement's column changes, not its rows.
      return text.slice(0, lineAt) + '  ' + text.slice(lineAt);
  }
}

async function extractBoth(path: string, text: string, memo: unknown): Promise<{ scratch: FileFacts; again: FileFacts; memo: unknown }> {
  const module = languageForPath(path)!;
  const scratch = await host.facts(module, text);
  const { tree, facts, memo: next } = await host.parseDocument(module, text, undefined, host.parserInput(module, text), memo);
  tree.delete();
  return { scratch, again: facts, memo: next };
}

for (const lang of LANGUAGES) {
  describe(`${lang.name} re-extraction of an edited document`, function () {
    this.timeout(120_000);

    const files = [...lang.fixtures.flatMap((f) => sourceFiles(fixturePath(f), lang.ext)), ...Object.keys(lang.generated)];

    for (const [n, file] of files.entries()) {
      const name = file in lang.generated ? `a generated ${file}` : file.slice(file.indexOf('fixtures/') + 'fixtures/'.length);
      it(`equals extraction from scratch after ${EDITS} random edits of ${name}`, async () => {
        let seed = 1000 + n;
        const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
        let text = lang.generated[file] ?? readFileSync(file, 'utf8');
        let { memo } = await extractBoth(file, text, undefined);
        for (let i = 0; i < EDITS; i++) {
          text = randomEdit(text, rand, lang.snippets, lang.declared);
          const result = await extractBoth(file, text, memo);
          assert.deepStrictEqual(result.again, result.scratch, `edit ${i} of ${name}:\n${text}`);
          memo = result.memo;
        }
      });
    }
  });
}

describe('re-extraction of an edited document', function () {
  const records = (m: unknown) => [...(m as { records: Map<string, unknown[]> }).records.values()].flat();
  const callRows = (f: FileFacts) => f.calls.map((c) => [c.callee.join('.'), c.range[0]]);

  it('finds the uses of a name that became resolvable in statements it replays', async () => {
    const text = 'def f():\n    return 1\n\nprint(other)\n';
    const first = await extractBoth('a.py', text, undefined);
    assert.deepEqual(first.again.references, []);
    const imported = await extractBoth('a.py', `from .m import other\n${text}`, first.memo);
    assert.deepStrictEqual(imported.again, imported.scratch);
    assert.deepEqual(
      imported.again.references.map((r) => [r.path.join('.'), r.range[0]]),
      [['other', 4]],
    );
    // And they go again when it is no longer imported.
    const dropped = await extractBoth('a.py', text, imported.memo);
    assert.deepStrictEqual(dropped.again, dropped.scratch);
    assert.deepEqual(dropped.again.references, []);
  });

  // TypeScript records the class statement and its member `m`, Python only the member.
  it('keys a statement by what the parser read where a grammar repair rewrote it', async () => {
    const module = languageForPath('a.ts')!;
    const src = 'interface A<out T> { a: T }\nconst b = 1;\n';
    const tree = await host.tree(module, src);
    try {
      const plain = statementsOf(tree.rootNode, src).map((s) => s.key);
      const repaired = statementsOf(tree.rootNode, src, 0, host.parserInput(module, src)).map((s) => s.key);
      assert.notEqual(host.parserInput(module, src), src, 'the variance annotation is repaired');
      assert.notEqual(repaired[0], plain[0]);
    } finally {
      tree.delete();
    }
  });

  const cases = [
    { path: 'a.ts', text: 'import { x } from "./x";\n/** Doc. */\nexport function f() { return x(); }\nclass C { m() { f(); } }\n', count: 4 },
    { path: 'a.py', text: 'from .x import x\n\ndef f():\n    return x()\n\nclass C:\n    def m(self):\n        f()\n', count: 3 },
  ];
  for (const { path, text, count } of cases) {
    it(`replays every statement of an unchanged ${path.slice(2)} file and shifts moved ones`, async () => {
      const first = await extractBoth(path, text, undefined);
      const before = new Set(records(first.memo));
      const same = await extractBoth(path, text, first.memo);
      assert.deepStrictEqual(same.again, same.scratch);
      assert.equal(records(same.memo).length, count);
      assert.ok(records(same.memo).every((r) => before.has(r)), 'unchanged statements are replayed, not extracted');

      // Lines added above the first statement change what it reads for its doc, not the others.
      const moved = await extractBoth(path, `\n\n${text}`, first.memo);
      assert.deepStrictEqual(moved.again, moved.scratch);
      assert.equal(records(moved.memo).length, count);
      assert.equal(records(moved.memo).filter((r) => !before.has(r)).length, 1, 'statements moved down are replayed');
      assert.equal(moved.again.calls.length, 2);
      assert.deepEqual(callRows(moved.again), callRows(first.again).map(([name, row]) => [name, (row as number) + 2]));
    });
  }

  // TypeScript records the class statement (replayed whole when unchanged) and its members;
  // Python does so only for long classes (here 150 lines of padding), whose header it extracts
  // each time.
  const classes = [
    { path: 'a.ts', text: 'class C {\n  a() { return one(); }\n  b() { return two(); }\n}\nfunction one() {}\nfunction two() {}\n', fresh: 2 },
    { path: 'a.py', text: `class C:\n    def a(self):\n        return one()\n\n    def b(self):\n        return two()\n${'\n    def pad(self):\n        pass\n'.repeat(50)}\ndef one():\n    pass\n\ndef two():\n    pass\n`, fresh: 1 },
  ];
  for (const { path, text, fresh } of classes) {
    it(`extracts only the member typed in when a ${path.slice(2)} class changes`, async () => {
      const first = await extractBoth(path, text, undefined);
      const before = new Set(records(first.memo));
      const edited = await extractBoth(path, text.replace('two()', 'three()'), first.memo);
      assert.deepStrictEqual(edited.again, edited.scratch);
      // Member `b` is new (and in TypeScript the class's own record); `a` and both functions are replayed.
      const made = records(edited.memo).filter((r) => !before.has(r)) as { calls: { callee: string[] }[] }[];
      assert.equal(made.length, fresh);
      assert.ok(made.some((r) => r.calls.length === 1 && r.calls[0]!.callee.join('.') === 'three'), 'member `b` has a record of its own');
      assert.deepEqual(edited.again.calls.map((c) => `${c.caller} -> ${c.callee.join('.')}`), ['C.a -> one', 'C.b -> three']);
    });
  }
});
