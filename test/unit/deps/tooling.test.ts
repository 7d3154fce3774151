import assert from 'node:assert/strict';
import { isDevPath } from '../../../server/src/core/deps/devPaths';
import { readPackageJsonManifest } from '../../../server/src/core/deps/manifests/packageJson';
import { readPyprojectManifest } from '../../../server/src/core/deps/manifests/pyproject';
import { readRequirementsManifest } from '../../../server/src/core/deps/manifests/requirements';
import { binsOf, configNames, configsMention, scriptsUse } from '../../../server/src/core/deps/nonImportUses';
import { commandFor, type ToolingView } from '../../../server/src/core/deps/packageManager';
import type { Manifest } from '../../../server/src/core/deps/types';

function view(files: string[], manifests: Manifest[] = []): ToolingView {
  return { exists: (p) => files.includes(p), manifestsIn: (d) => manifests.filter((m) => m.dir === d) };
}

describe('install commands from lockfiles and config', () => {
  const rootWs = readPackageJsonManifest('package.json', '{"name":"root","workspaces":["packages/*"]}');
  const pkgA = readPackageJsonManifest('packages/a/package.json', '{"name":"a"}');

  it('npm workspace member: runs at the root with --workspace', () => {
    const c = commandFor('npm', 'zod', false, 'packages/a', view(['package-lock.json'], [rootWs, pkgA]));
    assert.deepEqual(c, { tool: 'npm', command: 'npm install zod --workspace packages/a', cwd: '', manifest: 'packages/a/package.json' });
    assert.equal(commandFor('npm', 'chai', true, 'packages/a', view([], [rootWs, pkgA])).command, 'npm install -D chai --workspace packages/a');
  });

  it('plain npm project, and the root of a workspace', () => {
    assert.equal(commandFor('npm', 'zod', false, '', view(['package-lock.json'], [rootWs])).command, 'npm install zod');
    assert.equal(commandFor('npm', 'zod', true, 'web', view([])).cwd, 'web');
  });

  it('pnpm, yarn and bun by lockfile, in the package folder', () => {
    for (const [lock, cmd, dev] of [
      ['pnpm-lock.yaml', 'pnpm add zod', 'pnpm add -D zod'],
      ['pnpm-workspace.yaml', 'pnpm add zod', 'pnpm add -D zod'],
      ['yarn.lock', 'yarn add zod', 'yarn add -D zod'],
      ['bun.lockb', 'bun add zod', 'bun add --dev zod'],
      ['bun.lock', 'bun add zod', 'bun add --dev zod'],
    ]) {
      assert.equal(commandFor('npm', 'zod', false, 'packages/a', view([lock], [rootWs, pkgA])).command, cmd, lock);
      const d = commandFor('npm', 'zod', true, 'packages/a', view([lock], [rootWs, pkgA]));
      assert.equal(d.command, dev);
      assert.equal(d.cwd, 'packages/a');
    }
  });

  it('packageManager in package.json wins over a stray lockfile', () => {
    const m = readPackageJsonManifest('package.json', '{"packageManager":"yarn@4.1.0"}');
    assert.equal(commandFor('npm', 'x', false, '', view(['package-lock.json'], [m])).tool, 'yarn');
  });

  it('Python: uv, poetry, pipenv, pdm by lockfile; poetry/uv by pyproject tables', () => {
    const cases: [string[], string, string][] = [
      [['uv.lock'], 'uv add httpx', 'uv add --dev httpx'],
      [['poetry.lock'], 'poetry add httpx', 'poetry add --group dev httpx'],
      [['Pipfile'], 'pipenv install httpx', 'pipenv install --dev httpx'],
      [['pdm.lock'], 'pdm add httpx', 'pdm add --dev httpx'],
    ];
    for (const [files, prod, dev] of cases) {
      assert.equal(commandFor('pypi', 'httpx', false, 'svc', view(files.map((f) => `svc/${f}`))).command, prod);
      assert.equal(commandFor('pypi', 'httpx', true, 'svc', view(files.map((f) => `svc/${f}`))).command, dev);
    }
    const poetry = readPyprojectManifest('pyproject.toml', '[tool.poetry]\nname="x"\n');
    assert.equal(commandFor('pypi', 'httpx', false, '', view([], [poetry])).tool, 'poetry');
  });

  it('pip: names the requirements file to add to, the dev one for dev imports', () => {
    const files: Record<string, string> = { 'requirements.txt': 'flask\n', 'requirements-dev.txt': 'pytest\n' };
    const ms = Object.keys(files).map((p) => readRequirementsManifest(p, (x) => files[x]));
    assert.deepEqual(commandFor('pypi', 'httpx', false, '', view([], ms)), { tool: 'pip', command: 'pip install httpx', cwd: '', manifest: 'requirements.txt' });
    assert.equal(commandFor('pypi', 'pytest-mock', true, '', view([], ms)).manifest, 'requirements-dev.txt');
    assert.equal(commandFor('pypi', 'httpx', false, 'x', view([])).manifest, 'x/requirements.txt');
  });

  it('cargo and go', () => {
    assert.deepEqual(commandFor('cargo', 'rand', true, 'crate', view([])), { tool: 'cargo', command: 'cargo add --dev rand', cwd: 'crate', manifest: 'crate/Cargo.toml' });
    assert.equal(commandFor('go', 'github.com/google/uuid', false, '', view([])).command, 'go get github.com/google/uuid');
  });
});

describe('dev-only files and non-import uses', () => {
  it('tests, scripts and config files are dev paths; source is not', () => {
    for (const p of ['test/a.ts', 'src/__tests__/a.tsx', 'src/a.test.ts', 'src/a.spec.js', 'tests/test_x.py', 'pkg/x_test.py', 'conftest.py', 'scripts/release.mjs', 'jest.config.js', 'vite.config.ts', '.eslintrc.cjs', 'bench/run.ts', 'src/Button.stories.tsx', 'wallaby.js', 'karma.conf.js', 'protractor.conf.cjs']) {
      assert.ok(isDevPath(p), p);
    }
    for (const p of ['src/index.ts', 'lib/server.js', 'app/main.py', 'src/testing_utils_prod.ts', 'contest.py']) assert.ok(!isDevPath(p), p);
  });

  it('finds command-line tools in scripts by their bin names', () => {
    assert.ok(scriptsUse(['tsc -b && node x'], binsOf('typescript', undefined)));
    assert.ok(scriptsUse(['cross-env NODE_ENV=1 webpack'], binsOf('cross-env', undefined)));
    assert.ok(scriptsUse(['run-p a b'], binsOf('npm-run-all', undefined)));
    assert.ok(scriptsUse(['my-cli --fast'], binsOf('some-pkg', ['my-cli'])));
    assert.ok(!scriptsUse(['node mocha-runner.js'], binsOf('mocha', undefined)));
  });

  it('knows the short names tools give plugins and presets', () => {
    assert.deepEqual(configNames('eslint-plugin-react').sort(), ['eslint-plugin-react', 'react']);
    assert.ok(configNames('@typescript-eslint/eslint-plugin').includes('@typescript-eslint'));
    assert.ok(configNames('@babel/preset-env').includes('@babel/env'));
    assert.ok(configsMention(['{ "plugins": ["react"] }'], 'eslint-plugin-react'));
    assert.ok(configsMention(['module.exports = { presets: [["@babel/preset-env", {}]] }'], '@babel/preset-env'));
    assert.ok(!configsMention(['{ "plugins": ["reactive"] }'], 'eslint-plugin-react'));
  });
});
