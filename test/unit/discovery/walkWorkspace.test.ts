import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import { mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkWorkspace, type WalkOptions, type WalkResult } from '../../../server/src/core/discovery/walkWorkspace';
import { WorkspaceError } from '../../../server/src/core/discovery/workspaceError';
import { makeTree, type TempTree } from './tempTree';

const OPTIONS: WalkOptions = { extensions: new Set(['.ts', '.tsx', '.js', '.py']), maxFileSize: 1024 * 1024 };

function paths(result: WalkResult): string[] {
  return result.files.map((f) => f.path);
}

describe('walkWorkspace', () => {
  let trees: TempTree[] = [];
  const tree = (entries: Parameters<typeof makeTree>[0]): TempTree => {
    const t = makeTree(entries);
    trees.push(t);
    return t;
  };
  afterEach(() => {
    for (const t of trees) t.cleanup();
    trees = [];
  });

  it('lists source files by extension, sorted, with size and mtime', async () => {
    const { root } = tree({
      'src/b.ts': 'export const b = 1;\n',
      'src/a.ts': 'a',
      'src/types.d.ts': '',
      'src/Upper.TS': '',
      'src/view.tsx': '',
      'src/readme.md': '',
      'lib/jquery.min.js': '',
      'py/pkg/__init__.py': '',
      'Makefile': '',
      '.eslintrc.js': '',
      'empty': {},
    });
    const result = await walkWorkspace(root, OPTIONS);
    deepStrictEqual(paths(result), ['.eslintrc.js', 'lib/jquery.min.js', 'py/pkg/__init__.py', 'src/Upper.TS', 'src/a.ts', 'src/b.ts', 'src/types.d.ts', 'src/view.tsx']);
    const b = result.files.find((f) => f.path === 'src/b.ts')!;
    deepStrictEqual({ size: b.size, mtimeMs: b.mtimeMs }, { size: 20, mtimeMs: statSync(join(root, 'src/b.ts')).mtimeMs });
    deepStrictEqual(result.skipped, []);
    strictEqual(result.ignoredCount, 0);
  });

  it('applies defaults, nested ignore files, .sparkignore and extraIgnores, counting what they hide', async () => {
    const { root } = tree({
      '.gitignore': 'tmp/\n*.gen.ts\n',
      'src/a.ts': '',
      'src/a.gen.ts': '',
      'src/notes.log': '',
      'tmp/x.ts': '',
      'node_modules/pkg/index.js': '',
      'dist/index.js': '',
      'pkg/.gitignore': '*.ts\n!keep.ts\n',
      'pkg/keep.ts': '',
      'pkg/drop.ts': '',
      'pkg/.sparkignore': 'fixtures/\n',
      'pkg/fixtures/f.ts': '',
      'myenv/pyvenv.cfg': '',
      'myenv/lib/site.py': '',
      'scripts/gen/run.py': '',
      'scripts/run.py': '',
    });
    const result = await walkWorkspace(root, { ...OPTIONS, extraIgnores: ['scripts/gen/'] });
    deepStrictEqual(paths(result), ['pkg/keep.ts', 'scripts/run.py', 'src/a.ts']);
    // tmp, src/a.gen.ts, node_modules, dist, pkg/drop.ts, pkg/fixtures, myenv, scripts/gen;
    // src/notes.log is not a source file, so no rule had to hide it.
    strictEqual(result.ignoredCount, 8);
  });

  it('lets .gitignore re-include a default folder', async () => {
    const { root } = tree({ '.gitignore': '!build/\n', 'build/tool.ts': '', 'dist/out.js': '' });
    deepStrictEqual(paths(await walkWorkspace(root, OPTIONS)), ['build/tool.ts']);
  });

  it('never descends into ignored folders', async () => {
    // A loop inside node_modules would be reported if the walk entered it.
    const { root } = tree({ 'node_modules/pkg/index.js': '', 'node_modules/pkg/loop': { link: '..' }, 'src/a.ts': '' });
    const result = await walkWorkspace(root, OPTIONS);
    deepStrictEqual({ files: paths(result), skipped: result.skipped, ignoredCount: result.ignoredCount }, { files: ['src/a.ts'], skipped: [], ignoredCount: 1 });
  });

  it('skips files over maxFileSize with the sizes in the detail', async () => {
    const { root } = tree({ 'big.ts': 'x'.repeat(3000), 'small.ts': 'x' });
    const result = await walkWorkspace(root, { ...OPTIONS, maxFileSize: 1024 });
    deepStrictEqual(paths(result), ['small.ts']);
    deepStrictEqual(result.skipped, [{ path: 'big.ts', reason: 'too-large', detail: '2.9 KB > 1 KB limit' }]);
  });

  it('reports a symlink loop once and terminates', async () => {
    const { root } = tree({ 'a/x.ts': '', 'a/link': { link: '..' } });
    const result = await walkWorkspace(root, OPTIONS);
    deepStrictEqual(paths(result), ['a/x.ts']);
    deepStrictEqual(result.skipped, [{ path: 'a/link', reason: 'symlink-loop', detail: 'a/link → .. points back to the workspace root, which contains it' }]);
  });

  it('reports a loop through two links and a link to itself', async () => {
    const { root } = tree({ 'a/x.ts': '', 'a/to-b': { link: '../b' }, 'b/to-a': { link: '../a' }, 'self.ts': { link: 'self.ts' } });
    const result = await walkWorkspace(root, OPTIONS);
    deepStrictEqual(paths(result), ['a/x.ts', 'b/to-a/x.ts']);
    deepStrictEqual(result.skipped, [
      { path: 'a/to-b/to-a', reason: 'symlink-loop', detail: 'a/to-b/to-a → ../a points back to a, which contains it' },
      { path: 'b/to-a/to-b', reason: 'symlink-loop', detail: 'b/to-a/to-b → ../b points back to b, which contains it' },
      { path: 'self.ts', reason: 'symlink-loop', detail: 'self.ts → self.ts: the link never resolves (it leads back to itself)' },
    ]);
  });

  it('follows symlinked files and folders inside the root', async () => {
    const { root } = tree({ 'packages/core/index.ts': '', 'app/node_modules/core': { link: '../../packages/core' }, 'linked': { link: 'packages/core' }, 'alias.ts': { link: 'packages/core/index.ts' } });
    deepStrictEqual(paths(await walkWorkspace(root, OPTIONS)), ['alias.ts', 'linked/index.ts', 'packages/core/index.ts']);
  });

  it('does not follow symlinks when told not to', async () => {
    const { root } = tree({ 'packages/core/index.ts': '', 'linked': { link: 'packages/core' }, 'alias.ts': { link: 'packages/core/index.ts' }, 'loop': { link: '.' } });
    const result = await walkWorkspace(root, { ...OPTIONS, followSymlinks: false });
    deepStrictEqual({ files: paths(result), skipped: result.skipped }, { files: ['packages/core/index.ts'], skipped: [] });
  });

  it('skips links that lead outside the root', async () => {
    const outside = tree({ 'ext.ts': '', 'lib/y.ts': '' });
    const real = realpathSync(outside.root);
    const { root } = tree({ 'ext.ts': { link: join(outside.root, 'ext.ts') }, 'lib': { link: join(outside.root, 'lib') }, 'own.ts': '' });
    const result = await walkWorkspace(root, OPTIONS);
    deepStrictEqual(paths(result), ['own.ts']);
    deepStrictEqual(result.skipped, [
      { path: 'ext.ts', reason: 'outside-root', detail: `ext.ts → ${join(real, 'ext.ts')} is outside the workspace` },
      { path: 'lib', reason: 'outside-root', detail: `lib → ${join(real, 'lib')} is outside the workspace` },
    ]);
  });

  it('reports broken links only when their name looks like source', async () => {
    const { root } = tree({ 'gone.ts': { link: 'missing.ts' }, 'gone-dir': { link: 'nowhere' }, 'a.ts': '' });
    const result = await walkWorkspace(root, OPTIONS);
    deepStrictEqual(paths(result), ['a.ts']);
    deepStrictEqual(result.skipped, [{ path: 'gone.ts', reason: 'unreadable', detail: 'broken symlink: gone.ts → missing.ts' }]);
  });

  it('walks a root given through a symlink', async () => {
    const target = tree({ 'src/a.ts': '' });
    const holder = tree({ 'ws': { link: target.root } });
    deepStrictEqual(paths(await walkWorkspace(join(holder.root, 'ws'), OPTIONS)), ['src/a.ts']);
  });

  it('throws WorkspaceError ENOENT for a missing root', async () => {
    const { root } = tree({});
    const missing = join(root, 'nope');
    await rejects(walkWorkspace(missing, OPTIONS), (e: unknown) => {
      ok(e instanceof WorkspaceError);
      deepStrictEqual({ code: e.code, message: e.message }, { code: 'ENOENT', message: `workspace folder does not exist: ${missing}` });
      return true;
    });
  });

  it('throws WorkspaceError ENOTDIR for a file as root', async () => {
    const { root } = tree({ 'file.ts': '' });
    const file = join(root, 'file.ts');
    await rejects(walkWorkspace(file, OPTIONS), (e: unknown) => e instanceof WorkspaceError && e.code === 'ENOTDIR' && e.message === `workspace path is not a folder: ${file}`);
  });

  it('walks 5,000 files quickly and prunes a large node_modules', async function () {
    this.timeout(30_000); // creating the tree is the slow part
    const { root } = tree({});
    for (let d = 0; d < 50; d++) {
      mkdirSync(join(root, 'src', `m${d}`), { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(root, 'src', `m${d}`, `f${f}.ts`), '');
    }
    for (let d = 0; d < 50; d++) {
      mkdirSync(join(root, 'node_modules', `p${d}`), { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(root, 'node_modules', `p${d}`, `i${f}.js`), '');
    }
    await walkWorkspace(root, OPTIONS); // warm the OS caches as a real second walk would be
    const started = performance.now();
    const result = await walkWorkspace(root, OPTIONS);
    const elapsed = performance.now() - started;
    strictEqual(result.files.length, 5000);
    strictEqual(result.ignoredCount, 1);
    ok(elapsed < 500, `walk took ${elapsed.toFixed(0)} ms`);
  });
});
