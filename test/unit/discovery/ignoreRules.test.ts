import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import { join } from 'node:path';
import { IgnoreRules } from '../../../server/src/core/discovery/ignoreRules';
import { WorkspaceError } from '../../../server/src/core/discovery/workspaceError';
import { makeTree, type TempTree } from './tempTree';

/** [path, isDir] → verdict, checked in one go so a failure shows every row. */
function verdicts(rules: IgnoreRules, rows: readonly (readonly [string, boolean])[]): Record<string, boolean> {
  return Object.fromEntries(rows.map(([path, isDir]) => [`${path}${isDir ? '/' : ''}`, rules.isIgnored(path, isDir)]));
}

describe('IgnoreRules.load', () => {
  let tree: TempTree;
  afterEach(() => tree?.cleanup());

  it('reads nested .gitignore and .sparkignore files and .git/info/exclude', async () => {
    tree = makeTree({
      '.gitignore': '*.log\nsecret/\n',
      '.git/info/exclude': 'scratch.ts\n',
      'src/.gitignore': '!debug.log\ngen/\n',
      'src/lib/.gitignore': '!*.fixture.ts\n',
      'src/lib/.sparkignore': '*.fixture.ts\n',
      'src/a.ts': '',
      'src/gen/x.ts': '',
      'secret/.gitignore': '!*\n',
    });
    const rules = await IgnoreRules.load(tree.root);
    deepStrictEqual(
      verdicts(rules, [
        ['a.log', false],
        ['src/debug.log', false],
        ['src/other.log', false],
        ['src/gen', true],
        ['src/gen/x.ts', false],
        ['src/lib/a.fixture.ts', false],
        ['scratch.ts', false],
        ['secret/x.ts', false],
        ['src/a.ts', false],
      ]),
      {
        'a.log': true,
        'src/debug.log': false,
        'src/other.log': true,
        'src/gen/': true,
        'src/gen/x.ts': true,
        'src/lib/a.fixture.ts': true,
        'scratch.ts': true,
        'secret/x.ts': true,
        'src/a.ts': false,
      },
    );
  });

  it('applies the built-in defaults to folders only', async () => {
    tree = makeTree({ 'src/a.ts': '' });
    const rules = await IgnoreRules.load(tree.root);
    deepStrictEqual(
      verdicts(rules, [
        ['node_modules', true],
        ['packages/app/node_modules/x/index.js', false],
        ['dist/index.js', false],
        ['src/build', true],
        ['.git', true],
        ['__pycache__', true],
        ['mylib.egg-info', true],
        ['.sparkgraph/cache.json', false],
        ['dist', false],
        ['src/out.ts', false],
        ['src', true],
      ]),
      {
        'node_modules/': true,
        'packages/app/node_modules/x/index.js': true,
        'dist/index.js': true,
        'src/build/': true,
        '.git/': true,
        '__pycache__/': true,
        'mylib.egg-info/': true,
        '.sparkgraph/cache.json': true,
        dist: false,
        'src/out.ts': false,
        'src/': false,
      },
    );
  });

  it('lets a .gitignore negate a default', async () => {
    tree = makeTree({ '.gitignore': '!dist/\n!build/\nbuild/tmp/\n' });
    const rules = await IgnoreRules.load(tree.root);
    deepStrictEqual(verdicts(rules, [['dist/index.ts', false], ['build/tool.ts', false], ['build/tmp/x.ts', false], ['node_modules/x.js', false]]), {
      'dist/index.ts': false,
      'build/tool.ts': false,
      'build/tmp/x.ts': true,
      'node_modules/x.js': true,
    });
  });

  it('applies extraIgnores last, relative to the root', async () => {
    tree = makeTree({ '.gitignore': 'vendor/\n!keep.spec.ts\n', 'src/.gitignore': '!*.snap.ts\n' });
    const rules = await IgnoreRules.load(tree.root, ['*.spec.ts', 'src/gen', '!vendor/', '*.snap.ts']);
    deepStrictEqual(
      verdicts(rules, [
        ['a.spec.ts', false],
        ['keep.spec.ts', false],
        ['src/gen', true],
        ['lib/src/gen', true],
        ['vendor/x.ts', false],
        ['src/a.snap.ts', false],
      ]),
      {
        'a.spec.ts': true,
        'keep.spec.ts': true,
        'src/gen/': true,
        'lib/src/gen/': false,
        'vendor/x.ts': false,
        'src/a.snap.ts': true,
      },
    );
  });

  it('treats a folder holding pyvenv.cfg as a virtualenv, unless re-included', async () => {
    tree = makeTree({ 'env/pyvenv.cfg': 'home = /usr/bin\n', 'env/lib/site.py': '', 'tools/.py311/pyvenv.cfg': '', 'kept/pyvenv.cfg': '', '.gitignore': '!kept/\n' });
    const rules = await IgnoreRules.load(tree.root);
    deepStrictEqual(verdicts(rules, [['env', true], ['env/lib/site.py', false], ['tools/.py311', true], ['kept', true], ['kept/a.py', false]]), {
      'env/': true,
      'env/lib/site.py': true,
      'tools/.py311/': true,
      'kept/': false,
      'kept/a.py': false,
    });
  });

  it('does not read ignore files inside ignored folders', async () => {
    // node_modules/pkg/.gitignore would re-include *.ts under it if it were read; it cannot
    // anyway (its folder is excluded), and the walk never opens the folder to find it.
    tree = makeTree({ 'node_modules/pkg/.gitignore': '!*\n', 'node_modules/pkg/a.ts': '' });
    const rules = await IgnoreRules.load(tree.root);
    strictEqual(rules.isIgnored('node_modules/pkg/a.ts', false), true);
  });

  it('accepts ./ prefixes and trailing slashes in queried paths', async () => {
    tree = makeTree({ '.gitignore': 'gen/\n' });
    const rules = await IgnoreRules.load(tree.root);
    deepStrictEqual([rules.isIgnored('./gen/', true), rules.isIgnored('gen/a.ts', false), rules.isIgnored('', true)], [true, true, false]);
  });

  it('rejects a missing root with a WorkspaceError', async () => {
    tree = makeTree({});
    await rejects(IgnoreRules.load(join(tree.root, 'missing')), (e: unknown) => e instanceof WorkspaceError && e.code === 'ENOENT');
  });
});

describe('IgnoreRules.isIgnoreFile', () => {
  const rows: [string, boolean][] = [
    ['.gitignore', true],
    ['packages/a/.gitignore', true],
    ['src/.sparkignore', true],
    ['.git/info/exclude', true],
    ['tools/env/pyvenv.cfg', true],
    ['src/gitignore.ts', false],
    ['.gitignore.bak', false],
    ['exclude', false],
  ];
  for (const [path, expected] of rows) {
    it(`${path} → ${expected}`, () => strictEqual(IgnoreRules.isIgnoreFile(path), expected));
  }
});
