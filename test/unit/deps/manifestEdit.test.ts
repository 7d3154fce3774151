import assert from 'node:assert/strict';
import { manifestEditFor, type ManifestEdit } from '../../../server/src/core/deps/manifestEdit';
import { readManifest } from '../../../server/src/core/deps/readManifest';
import type { InstallCommand, MissingDependency } from '../../../server/src/core/deps/types';

// Each edit is applied and the result read back with the manifest readers: the package must
// now be declared in the right group, and everything declared before must still be there.

function apply(text: string, e: ManifestEdit): string {
  const lines = text.split('\n');
  const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
  return text.slice(0, offset(e.range[0], e.range[1])) + e.newText + text.slice(offset(e.range[2], e.range[3]));
}

function missing(pkg: string, manifest: string, tool: InstallCommand['tool'], dev = false): MissingDependency {
  return { package: pkg, ecosystem: 'npm', dev, imports: [], install: { tool, command: '', cwd: '', manifest } };
}

function declaredAfter(path: string, before: string | undefined, m: MissingDependency): string[] {
  const e = manifestEditFor(m, before);
  assert.ok(e, 'an edit');
  assert.equal(e.create, before === undefined);
  const after = apply(before ?? '', e);
  const read = readManifest(path, (p) => (p === path ? after : undefined));
  assert.ok(read);
  assert.equal(read.problem, undefined, `${after}\n${read.problem?.message}`);
  return read.dependencies.map((d) => `${d.group}:${d.name}`);
}

describe('add-to-manifest edits', () => {
  const pj = (o: object) => JSON.stringify(o, null, 2) + '\n';
  for (const [name, text, dev, expected] of [
    ['existing dependencies', pj({ name: 'a', dependencies: { express: '4' } }), false, ['prod:zod', 'prod:express']],
    ['empty multi-line field', '{\n  "dependencies": {\n  }\n}\n', false, ['prod:zod']],
    ['empty one-line field', '{\n  "dependencies": {}\n}\n', false, ['prod:zod']],
    ['one-line field with members', '{\n  "devDependencies": { "a": "1" }\n}\n', true, ['dev:zod', 'dev:a']],
    ['missing devDependencies field', pj({ name: 'a', dependencies: { x: '1' } }), true, ['prod:x', 'dev:zod']],
    ['empty object', '{}\n', false, ['prod:zod']],
    ['object with no trailing newline', '{"name":"a"}', false, ['prod:zod']],
  ] as const) {
    it(`package.json: ${name}`, () => {
      assert.deepEqual(declaredAfter('package.json', text, missing('zod', 'package.json', 'npm', dev)), expected);
    });
  }

  it('package.json that does not exist yet is created', () => {
    assert.deepEqual(declaredAfter('package.json', undefined, missing('zod', 'package.json', 'npm')), ['prod:zod']);
  });

  it('requirements.txt: appended on its own line, with or without a final newline, or created', () => {
    assert.deepEqual(declaredAfter('requirements.txt', 'flask\n', missing('requests', 'requirements.txt', 'pip')), ['prod:flask', 'prod:requests']);
    assert.deepEqual(declaredAfter('requirements.txt', 'flask', missing('requests', 'requirements.txt', 'pip')), ['prod:flask', 'prod:requests']);
    assert.deepEqual(declaredAfter('requirements.txt', undefined, missing('requests', 'requirements.txt', 'pip')), ['prod:requests']);
  });

  it('pyproject [project] dependencies: multi-line, one-line, empty and absent arrays', () => {
    const multi = '[project]\nname = "x"\ndependencies = [\n    "requests",\n]\n';
    assert.deepEqual(declaredAfter('pyproject.toml', multi, missing('numpy', 'pyproject.toml', 'uv')), ['prod:numpy', 'prod:requests']);
    assert.deepEqual(declaredAfter('pyproject.toml', '[project]\ndependencies = ["a"]\n', missing('numpy', 'pyproject.toml', 'uv')), ['prod:a', 'prod:numpy']);
    assert.deepEqual(declaredAfter('pyproject.toml', '[project]\ndependencies = []\n', missing('numpy', 'pyproject.toml', 'uv')), ['prod:numpy']);
    assert.deepEqual(declaredAfter('pyproject.toml', '[project]\nname = "x"\n\n[tool.uv]\n', missing('numpy', 'pyproject.toml', 'uv')), ['prod:numpy']);
  });

  it('pyproject dev dependencies go to [dependency-groups] dev, created when absent', () => {
    assert.deepEqual(declaredAfter('pyproject.toml', '[project]\ndependencies = ["a"]\n', missing('pytest', 'pyproject.toml', 'uv', true)), ['prod:a', 'dev:pytest']);
    assert.deepEqual(declaredAfter('pyproject.toml', '[project]\ndependencies = []\n[dependency-groups]\ndev = ["ruff"]\n', missing('pytest', 'pyproject.toml', 'uv', true)), ['dev:ruff', 'dev:pytest']);
  });

  it('poetry: [tool.poetry.dependencies] and the dev group', () => {
    const text = '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.11"\n';
    assert.deepEqual(declaredAfter('pyproject.toml', text, missing('flask', 'pyproject.toml', 'poetry')), ['prod:flask']);
    assert.deepEqual(declaredAfter('pyproject.toml', text, missing('pytest', 'pyproject.toml', 'poetry', true)), ['dev:pytest']);
  });

  it('Pipfile and Cargo.toml sections', () => {
    assert.deepEqual(declaredAfter('Pipfile', '[packages]\nflask = "*"\n', missing('requests', 'Pipfile', 'pipenv')), ['prod:requests', 'prod:flask']);
    assert.deepEqual(declaredAfter('Pipfile', '[packages]\nflask = "*"\n', missing('pytest', 'Pipfile', 'pipenv', true)), ['prod:flask', 'dev:pytest']);
    assert.deepEqual(declaredAfter('Cargo.toml', '[package]\nname = "c"\n\n[dependencies]\nserde = "1"\n', missing('rand', 'Cargo.toml', 'cargo')), ['prod:rand', 'prod:serde']);
  });

  it('go.mod has no add edit (go get edits it)', () => {
    assert.equal(manifestEditFor(missing('github.com/a/b', 'go.mod', 'go'), 'module x\n'), undefined);
  });
});
