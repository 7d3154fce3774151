import assert from 'node:assert/strict';
import { analyzeDependencies, type DependencyWorkspace } from '../../../server/src/core/deps/analyzeDependencies';
import { readManifest } from '../../../server/src/core/deps/readManifest';
import type { Ecosystem, ExternalImport } from '../../../server/src/core/deps/types';
import { renderMissingDependenciesMarkdown } from '../../../server/src/core/deps/renderMarkdown';

function workspace(files: Record<string, string>, imports: [string, string, Ecosystem, boolean?][], extra: Partial<DependencyWorkspace> = {}): DependencyWorkspace {
  const manifests = Object.keys(files).flatMap((p) => readManifest(p, (x) => files[x]) ?? []);
  const imps: ExternalImport[] = imports.map(([file, specifier, ecosystem, typeOnly], i) => ({ file, specifier, ecosystem, range: [i, 0, i, 5], ...(typeOnly ? { typeOnly } : {}) }));
  return { manifests, imports: imps, toolFiles: new Set(), configs: [], ...extra };
}

describe('dependency analysis', () => {
  it('a type-only import is satisfied by @types, a value import is not', () => {
    const r = analyzeDependencies(
      workspace({ 'package.json': '{"devDependencies":{"@types/express":"1","@types/babel__core":"1"}}' }, [
        ['src/a.ts', 'express', 'npm', true],
        ['src/b.ts', '@babel/core', 'npm', true],
        ['src/c.ts', 'express', 'npm'],
      ]),
    );
    assert.deepEqual(r.missing.map((m) => [m.package, m.imports.map((i) => i.file)]), [['express', ['src/c.ts']]]);
  });

  it('a dependency declared by an enclosing manifest counts (Node resolves upward)', () => {
    const r = analyzeDependencies(
      workspace({ 'package.json': '{"workspaces":["pkgs/*"],"dependencies":{"react":"1"}}', 'pkgs/a/package.json': '{"name":"a"}' }, [
        ['pkgs/a/x.ts', 'react', 'npm'],
        ['pkgs/a/x.ts', 'vue', 'npm'],
      ]),
    );
    assert.deepEqual(r.missing.map((m) => [m.package, m.install.manifest, m.install.command, m.install.cwd]), [['vue', 'pkgs/a/package.json', 'npm install vue --workspace pkgs/a', '']]);
  });

  it('a VS Code extension (engines.vscode) gets `vscode` from the editor', () => {
    const ext = analyzeDependencies(workspace({ 'package.json': '{"engines":{"vscode":"^1.90.0"}}' }, [['src/extension.ts', 'vscode', 'npm']]));
    assert.deepEqual(ext.missing, []);
    const plain = analyzeDependencies(workspace({ 'package.json': '{}' }, [['src/x.ts', 'vscode', 'npm']]));
    assert.deepEqual(plain.missing.map((m) => m.package), ['vscode']);
  });

  it('an import used from source and tests is a production dependency', () => {
    const r = analyzeDependencies(workspace({ 'package.json': '{}' }, [['test/a.test.ts', 'zod', 'npm'], ['src/a.ts', 'zod', 'npm']]));
    assert.equal(r.missing[0].dev, false);
    assert.equal(r.missing[0].install.command, 'npm install zod');
    const devOnly = analyzeDependencies(workspace({ 'package.json': '{}' }, [['test/a.test.ts', 'zod', 'npm']]));
    assert.equal(devOnly.missing[0].install.command, 'npm install -D zod');
  });

  it('a broken manifest suppresses guesses below it and becomes one problem; other projects go on', () => {
    const r = analyzeDependencies(
      workspace({ 'web/package.json': '{ nope', 'api/package.json': '{"dependencies":{}}' }, [
        ['web/a.js', 'express', 'npm'],
        ['api/b.js', 'express', 'npm'],
      ]),
    );
    assert.deepEqual(r.missing.map((m) => m.install.manifest), ['api/package.json']);
    assert.deepEqual(r.problems.map((p) => p.manifest), ['web/package.json']);
  });

  it('files with no manifest of their ecosystem above them are not judged', () => {
    const r = analyzeDependencies(workspace({ 'py/requirements.txt': 'flask\n' }, [['js/a.js', 'express', 'npm'], ['other/x.py', 'numpy', 'pypi']]));
    assert.equal(r.missing.length, 0);
  });

  it('python: a declared variant distribution and a declared distribution providing the module both count', () => {
    const r = analyzeDependencies(
      workspace({ 'requirements.txt': 'opencv-contrib-python\npsycopg2\nPyYAML\n' }, [
        ['a.py', 'cv2', 'pypi'],
        ['a.py', 'psycopg2.extras', 'pypi'],
        ['a.py', 'yaml', 'pypi'],
        ['a.py', 'bs4', 'pypi'],
      ]),
    );
    assert.deepEqual(r.missing.map((m) => [m.package, m.mapped]), [['beautifulsoup4', true]]);
    assert.deepEqual(r.unused, []);
  });

  it('unused: imports, scripts, config files, @types, peers and workspace packages all count as uses', () => {
    const r = analyzeDependencies(
      workspace(
        {
          'package.json': JSON.stringify({
            name: 'root',
            scripts: { build: 'tsc && rimraf dist', test: 'mocha' },
            dependencies: { express: '1', 'left-pad': '1', lib: 'workspace:*' },
            devDependencies: { typescript: '5', rimraf: '5', mocha: '10', 'eslint-plugin-import': '2', '@types/node': '20', 'never-used': '1', 'babel-plugin-macros': '3' },
            peerDependencies: { react: '18' },
            babel: { plugins: ['macros'] },
          }),
          'lib/package.json': '{"name":"lib"}',
        },
        [['src/a.ts', 'express', 'npm']],
        { configs: [{ path: '.eslintrc.json', text: '{"plugins":["import"]}' }] },
      ),
    );
    assert.deepEqual(r.unused.map((u) => `${u.manifest}:${u.package}:${u.group}`), ['package.json:left-pad:prod', 'package.json:never-used:dev']);
  });

  it('unused python: tools and plugins are uses, declared-but-not-imported libraries are not', () => {
    const r = analyzeDependencies(workspace({ 'requirements.txt': 'requests\nrich\npytest-cov\nblack\ngunicorn\ntypes-requests\n' }, [['app.py', 'requests', 'pypi']]));
    assert.deepEqual(r.unused.map((u) => u.package), ['rich']);
  });

  it('renders the missing list as markdown with the commands', () => {
    const r = analyzeDependencies(workspace({ 'requirements.txt': 'flask\n' }, [['app/x.py', 'cv2', 'pypi']]));
    const md = renderMissingDependenciesMarkdown(r);
    assert.match(md, /`opencv-python` — imported in `app\/x.py:1`/);
    assert.match(md, /run in the workspace root: `pip install opencv-python` and add it to `requirements.txt`/);
    assert.match(renderMissingDependenciesMarkdown(analyzeDependencies(workspace({ 'requirements.txt': 'flask\n' }, []))), /Every imported package is declared/);
  });
});
