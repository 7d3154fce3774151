import assert from 'node:assert/strict';
import { readCargoManifest } from '../../../server/src/core/deps/manifests/cargoToml';
import { readGoModManifest } from '../../../server/src/core/deps/manifests/goMod';
import { readPackageJsonManifest } from '../../../server/src/core/deps/manifests/packageJson';
import { readPipfileManifest } from '../../../server/src/core/deps/manifests/pipfile';
import { readPyprojectManifest } from '../../../server/src/core/deps/manifests/pyproject';
import { isDevRequirementsFile, readRequirementsManifest } from '../../../server/src/core/deps/manifests/requirements';
import { readSetupCfgManifest } from '../../../server/src/core/deps/manifests/setupCfg';
import { readManifest } from '../../../server/src/core/deps/readManifest';
import type { Manifest } from '../../../server/src/core/deps/types';

const deps = (m: Manifest) => m.dependencies.map((d) => `${d.group}:${d.name}`);

describe('manifest readers', () => {
  describe('package.json', () => {
    it('reads the four dependency fields with their lines, workspaces, scripts and packageManager', () => {
      const text = JSON.stringify(
        {
          name: 'app',
          packageManager: 'pnpm@9.1.0',
          workspaces: { packages: ['packages/*'] },
          scripts: { build: 'tsc -b' },
          dependencies: { express: '^4' },
          devDependencies: { '@types/node': '^20' },
          peerDependencies: { react: '*' },
          optionalDependencies: { fsevents: '*' },
          eslintConfig: { plugins: ['react'] },
        },
        null,
        2,
      );
      const m = readPackageJsonManifest('web/package.json', text);
      assert.equal(m.dir, 'web');
      assert.equal(m.ownName, 'app');
      assert.deepEqual(deps(m), ['prod:express', 'dev:@types/node', 'peer:react', 'optional:fsevents']);
      assert.equal(m.dependencies[0].line, text.split('\n').findIndex((l) => l.includes('"express"')));
      assert.deepEqual(m.workspaces, ['packages/*']);
      assert.deepEqual(m.scripts, ['tsc -b']);
      assert.deepEqual(m.tools, ['pnpm']);
      assert.match(m.configText ?? '', /react/);
      assert.equal(m.problem, undefined);
    });

    it('turns malformed JSON into one problem at the error position', () => {
      const m = readPackageJsonManifest('package.json', '{\n  "dependencies": {\n    "a": "1",\n  }\n}\n');
      assert.equal(m.dependencies.length, 0);
      assert.ok(m.problem);
      assert.equal(m.problem.range[0], 3);
      assert.match(m.problem.message, /not valid JSON/);
    });

    it('reports a dependency field of the wrong type and keeps the others', () => {
      const m = readPackageJsonManifest('package.json', '{\n"dependencies": ["a"],\n"devDependencies": {"b": "1"}\n}');
      assert.deepEqual(deps(m), ['dev:b']);
      assert.equal(m.problem?.range[0], 1);
    });

    it('rejects a manifest that is not an object', () => {
      assert.ok(readPackageJsonManifest('package.json', '[1]').problem);
    });
  });

  describe('requirements files', () => {
    const files: Record<string, string> = {
      'requirements.txt': '-r requirements/base.txt\n# comment\nDjango>=4 ; python_version>"3.8"  # web\nrequests[socks]==2.31\n--index-url https://example.invalid\n-e git+https://example.invalid/x.git#egg=mylib\n./local/pkg\nlong-\\\nname==1\n',
      'requirements/base.txt': '-r ../requirements.txt\ncelery\n-c constraints.txt\n',
      'requirements-dev.txt': '--requirement requirements.txt\npytest\n',
    };
    const read = (p: string) => files[p];

    it('follows -r includes once each (cycles end) and skips options, paths and constraints', () => {
      const m = readRequirementsManifest('requirements.txt', read);
      assert.deepEqual(deps(m), ['prod:celery', 'prod:Django', 'prod:requests', 'prod:mylib', 'prod:long-name']);
      assert.equal(m.problem, undefined);
      assert.equal(m.dependencies.find((d) => d.name === 'Django')?.line, 2);
      assert.equal(m.dependencies.find((d) => d.name === 'celery')?.line, undefined);
    });

    it('makes everything in a dev requirements file a dev dependency, includes too', () => {
      const m = readRequirementsManifest('requirements-dev.txt', read);
      assert.ok(m.dependencies.every((d) => d.group === 'dev'));
      assert.ok(deps(m).includes('dev:pytest') && deps(m).includes('dev:Django'));
    });

    it('places files of a requirements/ folder in the project above it', () => {
      assert.equal(readRequirementsManifest('requirements/base.txt', read).dir, '');
    });

    it('reports a missing include on the including line and keeps the rest', () => {
      const m = readRequirementsManifest('r.txt', (p) => (p === 'r.txt' ? 'flask\n-r nowhere.txt\n' : undefined));
      assert.deepEqual(deps(m), ['prod:flask']);
      assert.equal(m.problem?.range[0], 1);
    });

    it('reports an unreadable requirement line', () => {
      const m = readRequirementsManifest('r.txt', () => 'flask\n===broken\n');
      assert.equal(m.problem?.range[0], 1);
      assert.deepEqual(deps(m), ['prod:flask']);
    });

    it('knows dev requirements file names', () => {
      for (const p of ['requirements-dev.txt', 'dev-requirements.txt', 'requirements_test.txt', 'requirements/dev.txt', 'requirements/test.in']) assert.ok(isDevRequirementsFile(p), p);
      for (const p of ['requirements.txt', 'requirements/base.txt', 'requirements/prod.txt', 'requirements.in']) assert.ok(!isDevRequirementsFile(p), p);
    });
  });

  describe('pyproject.toml', () => {
    it('reads [project], optional dependencies and dependency groups', () => {
      const m = readPyprojectManifest(
        'pyproject.toml',
        ['[project]', 'name = "demo"', 'dependencies = [', '  "requests>=2",', "  'PyYAML',", ']', '[project.optional-dependencies]', 'fast = ["orjson"]', '[dependency-groups]', 'dev = ["pytest", {include-group = "lint"}]', 'lint = ["ruff"]'].join('\n'),
      );
      assert.equal(m.ownName, 'demo');
      assert.deepEqual(deps(m), ['prod:requests', 'prod:PyYAML', 'optional:orjson', 'dev:pytest', 'dev:ruff']);
      assert.equal(m.dependencies[0].line, 3);
      assert.equal(m.dependencies.find((d) => d.name === 'PyYAML')?.key, 'pyyaml');
    });

    it('reads Poetry dependencies, dev-dependencies and groups, skipping python', () => {
      const m = readPyprojectManifest(
        'pyproject.toml',
        ['[tool.poetry]', 'name = "p"', '[tool.poetry.dependencies]', 'python = "^3.11"', 'Flask = { version = "^3", extras = ["async"] }', '[tool.poetry.dev-dependencies]', 'black = "*"', '[tool.poetry.group.test.dependencies]', 'pytest = "^8"'].join('\n'),
      );
      assert.deepEqual(deps(m), ['prod:Flask', 'dev:black', 'dev:pytest']);
      assert.deepEqual(m.tools, ['poetry']);
    });

    it('reads uv dev-dependencies and notes the tool', () => {
      const m = readPyprojectManifest('pyproject.toml', '[project]\nname="x"\ndependencies=[]\n[tool.uv]\ndev-dependencies = ["pytest"]\n');
      assert.deepEqual(deps(m), ['dev:pytest']);
      assert.deepEqual(m.tools, ['uv']);
    });

    it('turns invalid TOML into one problem with its line', () => {
      const m = readPyprojectManifest('sub/pyproject.toml', '[project]\ndependencies = [\n  "a"\n  "b"\n]\n');
      assert.equal(m.problem?.manifest, 'sub/pyproject.toml');
      assert.equal(m.problem?.range[0], 3);
    });
  });

  it('setup.cfg: install_requires, tests_require and extras, continued on indented lines', () => {
    const m = readSetupCfgManifest(
      'setup.cfg',
      ['[metadata]', 'name = lib', '[options]', 'install_requires =', '    requests>=2', '    click ; python_version>"3.7"', 'tests_require = pytest', '[options.extras_require]', 'yaml =', '    PyYAML', '[flake8]', 'max-line-length = 100'].join('\n'),
    );
    assert.equal(m.ownName, 'lib');
    assert.deepEqual(deps(m), ['prod:requests', 'prod:click', 'dev:pytest', 'optional:PyYAML']);
  });

  it('Pipfile: packages and dev-packages', () => {
    const m = readPipfileManifest('Pipfile', '[[source]]\nurl = "https://pypi.org/simple"\n[packages]\nrequests = "*"\n"Django" = {version = ">=4"}\n[dev-packages]\npytest = "*"\n');
    assert.deepEqual(deps(m), ['prod:requests', 'prod:Django', 'dev:pytest']);
    assert.equal(m.dependencies[0].line, 3);
  });

  it('Cargo.toml: dependency tables, target-specific ones, renames keyed by the code name', () => {
    const m = readCargoManifest(
      'Cargo.toml',
      ['[package]', 'name = "my-crate"', '[dependencies]', 'serde-json = "1"', '[dev-dependencies]', 'proptest = "1"', '[build-dependencies]', 'cc = "1"', "[target.'cfg(windows)'.dependencies]", 'winapi = "0.3"'].join('\n'),
    );
    assert.equal(m.ownName, 'my-crate');
    assert.deepEqual(deps(m), ['prod:serde-json', 'dev:proptest', 'dev:cc', 'prod:winapi']);
    assert.equal(m.dependencies[0].key, 'serde_json');
  });

  it('go.mod: module path and requirements, single and in a block, indirect kept apart', () => {
    const m = readGoModManifest('go.mod', 'module example.com/x\n\ngo 1.22\n\nrequire github.com/a/b v1.0.0\nrequire (\n\tgithub.com/c/d v0.1.0\n\tgolang.org/x/sync v0.6.0 // indirect\n)\nreplace (\n\tgithub.com/a/b => ../b\n)\n');
    assert.equal(m.ownName, 'example.com/x');
    assert.deepEqual(deps(m), ['prod:github.com/a/b', 'prod:github.com/c/d', 'optional:golang.org/x/sync']);
    assert.equal(m.problem, undefined);
  });

  it('go.mod: an unclosed require block is a problem', () => {
    assert.ok(readGoModManifest('go.mod', 'module x\nrequire (\n a v1\n').problem);
  });

  it('readManifest dispatches by file name and ignores other files', () => {
    const texts: Record<string, string> = { 'a/package.json': '{"dependencies":{"x":"1"}}', 'Pipfile': '[packages]\ny="*"\n', 'notes.md': '' };
    assert.equal(readManifest('a/package.json', (p) => texts[p])?.kind, 'package.json');
    assert.equal(readManifest('Pipfile', (p) => texts[p])?.kind, 'Pipfile');
    assert.equal(readManifest('notes.md', (p) => texts[p]), undefined);
    assert.equal(readManifest('missing/package.json', () => undefined), undefined);
  });
});
