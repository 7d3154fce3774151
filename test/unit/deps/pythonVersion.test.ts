import assert from 'node:assert/strict';
import { analyzeDependencies } from '../../../server/src/core/deps/analyzeDependencies';
import { readManifest } from '../../../server/src/core/deps/readManifest';
import { lowestPython, replacementForRemovedStdlib } from '../../../server/src/core/deps/pythonVersion';
import type { ExternalImport } from '../../../server/src/core/deps/types';

// The standard library depends on the Python a project targets: distutils is gone from 3.12,
// cgi from 3.13. A project that supports only such Pythons needs the PyPI distribution that
// brings the module back.

function missingFor(files: Record<string, string>, modules: string[]): string[][] {
  const manifests = Object.keys(files).flatMap((p) => readManifest(p, (x) => files[x]) ?? []);
  const imports: ExternalImport[] = modules.map((specifier, i) => ({ file: 'app/main.py', specifier, ecosystem: 'pypi', range: [i, 0, i, 5] }));
  return analyzeDependencies({ manifests, imports, toolFiles: new Set(), configs: [] }).missing.map((m) => [m.package, m.install.command]);
}

describe('python version and the standard library', () => {
  it('reads the lowest supported Python from the usual constraint forms', () => {
    assert.deepEqual(lowestPython('>=3.12'), [3, 12]);
    assert.deepEqual(lowestPython('>=3.9,<4'), [3, 9]);
    assert.deepEqual(lowestPython('~=3.11'), [3, 11]);
    assert.deepEqual(lowestPython('^3.13'), [3, 13]);
    assert.deepEqual(lowestPython('3.12'), [3, 12]);
    assert.deepEqual(lowestPython('==3.12.*'), [3, 12]);
    assert.deepEqual(lowestPython('>3.11'), [3, 12]);
    assert.equal(lowestPython('<3.13'), undefined);
    assert.equal(lowestPython('any'), undefined);
  });

  it('names a replacement only when no supported Python has the module', () => {
    assert.equal(replacementForRemovedStdlib('distutils', [3, 12]), 'setuptools');
    assert.equal(replacementForRemovedStdlib('distutils', [3, 11]), undefined);
    assert.equal(replacementForRemovedStdlib('cgi', [3, 13]), 'legacy-cgi');
    assert.equal(replacementForRemovedStdlib('cgi', [3, 12]), undefined);
    assert.equal(replacementForRemovedStdlib('json', [3, 13]), undefined);
    assert.equal(replacementForRemovedStdlib('distutils', undefined), undefined);
  });

  it('reports distutils for a project on Python 3.12+ and not for one that still has it', () => {
    const pyproject = (v: string) => ({ 'pyproject.toml': `[project]\nname = "app"\nrequires-python = "${v}"\ndependencies = []\n` });
    assert.deepEqual(missingFor(pyproject('>=3.12'), ['distutils.core', 'json']), [['setuptools', 'pip install setuptools']]);
    assert.deepEqual(missingFor(pyproject('>=3.8'), ['distutils.core']), []);
    assert.deepEqual(missingFor({ 'requirements.txt': 'requests\n' }, ['distutils']), []);
  });

  it('takes the version from Poetry and Pipfile, and a declared replacement satisfies the import', () => {
    const poetry = { 'pyproject.toml': '[tool.poetry]\nname = "app"\n[tool.poetry.dependencies]\npython = "^3.13"\n' };
    assert.deepEqual(missingFor(poetry, ['cgi']), [['legacy-cgi', 'poetry add legacy-cgi']]);
    const pipfile = { Pipfile: '[packages]\nsetuptools = "*"\n[requires]\npython_version = "3.12"\n' };
    assert.deepEqual(missingFor(pipfile, ['distutils', 'asyncore']), [['pyasyncore', 'pipenv install pyasyncore']]);
  });
});
