import assert from 'node:assert/strict';
import { identify } from '../../../server/src/core/deps/analyzeDependencies';
import { normalizePythonName, requirementName } from '../../../server/src/core/deps/pep503';
import { importNamesOf, PYTHON_IMPORT_TO_DISTRIBUTION, pythonDistributionFor } from '../../../server/src/core/deps/pythonImportNames';
import { goModuleOf } from '../../../server/src/core/deps/rustGoImports';
import type { Ecosystem, ExternalImport } from '../../../server/src/core/deps/types';

const own = (): Record<Ecosystem, Set<string>> => ({ npm: new Set(['@ws/lib']), pypi: new Set(['myproj']), cargo: new Set(['my_crate']), go: new Set(['example.com/me']) });
const imp = (ecosystem: Ecosystem, specifier: string): ExternalImport => ({ file: 'a', specifier, range: [0, 0, 0, 1], ecosystem });

describe('import → package names', () => {
  it('PEP 503 normalizes distribution names', () => {
    assert.equal(normalizePythonName('Django_REST.framework'), 'django-rest-framework');
    assert.equal(normalizePythonName('PyYAML'), 'pyyaml');
  });

  it('reads the distribution name of a PEP 508 requirement', () => {
    assert.equal(requirementName('requests[socks]>=2 ; python_version<"3.8"'), 'requests');
    assert.equal(requirementName('name @ https://example.invalid/x.whl'), 'name');
    assert.equal(requirementName('git+https://example.invalid/x.git#egg=mylib'), 'mylib');
    assert.equal(requirementName('./local/path'), undefined);
    assert.equal(requirementName('zope.interface==6'), 'zope.interface');
  });

  it('the table holds at least 150 imports whose distribution has another name', () => {
    const differing = [...PYTHON_IMPORT_TO_DISTRIBUTION].filter(([m, d]) => normalizePythonName(m) !== normalizePythonName(d));
    assert.ok(differing.length >= 150, `only ${differing.length}`);
  });

  for (const [module, dist] of [
    ['cv2', 'opencv-python'],
    ['PIL.Image', 'Pillow'],
    ['yaml', 'PyYAML'],
    ['sklearn.linear_model', 'scikit-learn'],
    ['bs4', 'beautifulsoup4'],
    ['dotenv', 'python-dotenv'],
    ['jwt', 'PyJWT'],
    ['dateutil.parser', 'python-dateutil'],
    ['google.protobuf.message', 'protobuf'],
    ['google.cloud.storage', 'google-cloud-storage'],
    ['google.cloud.bigtable', 'google-cloud-bigtable'],
    ['azure.storage.blob', 'azure-storage-blob'],
    ['attr', 'attrs'],
    ['serial', 'pyserial'],
    ['MySQLdb', 'mysqlclient'],
    ['requests', 'requests'],
    ['some_unknown_module', 'some_unknown_module'],
  ] as const) {
    it(`${module} is installed as ${dist}`, () => assert.equal(pythonDistributionFor(module).distribution, dist));
  }

  it('knows which modules a declared distribution provides', () => {
    assert.ok(importNamesOf('pyyaml', normalizePythonName).includes('yaml'));
    assert.ok(importNamesOf('opencv-python', normalizePythonName).includes('cv2'));
    assert.ok(importNamesOf('typing-extensions', normalizePythonName).includes('typing_extensions'));
    assert.ok(importNamesOf('psycopg2', normalizePythonName).includes('psycopg2'));
  });

  it('npm: deep and scoped imports name their package; built-ins, relative, aliases and workspace packages need nothing', () => {
    assert.equal(identify(imp('npm', 'lodash/merge'), own())?.pkg, 'lodash');
    assert.equal(identify(imp('npm', '@scope/pkg/x/y'), own())?.pkg, '@scope/pkg');
    for (const s of ['fs', 'node:fs', 'node:test', 'fs/promises', './x', '../y', '/abs', '#internal', '~/x', '@ws/lib', '@ws/lib/sub', 'virtual:pwa', 'Bad Name']) {
      assert.equal(identify(imp('npm', s), own()), undefined, s);
    }
  });

  it('python: stdlib (Python 2 names too), typing-only modules, relative and the project itself need nothing', () => {
    for (const s of ['os.path', 'json', '__future__', '.sibling', 'myproj.sub', 'asyncio', 'StringIO', 'urllib2', '__builtin__', '_typeshed']) assert.equal(identify(imp('pypi', s), own()), undefined, s);
    assert.deepEqual(identify(imp('pypi', 'cv2'), own()), { pkg: 'opencv-python', keys: ['opencv-python'], mapped: true, module: 'cv2' });
  });

  it('cargo and go: the own crate and module need nothing; Go modules by hosting layout', () => {
    assert.equal(identify(imp('cargo', 'my_crate'), own()), undefined);
    assert.equal(identify(imp('cargo', 'serde_json'), own())?.pkg, 'serde-json');
    assert.equal(identify(imp('go', 'example.com/me/internal/x'), own()), undefined);
    // Names become shell commands: nothing that could run something else gets through.
    for (const bad of ['github.com/a/b;curl x|sh', 'github.com/a/$(id)', 'a b']) assert.equal(identify(imp('go', bad), own()), undefined, bad);
    for (const bad of ['x;rm', '$(id)', 'a b', '`x`']) assert.equal(identify(imp('npm', bad), own()), undefined, bad);
    assert.equal(identify(imp('cargo', 'x;rm'), own()), undefined);
    assert.equal(goModuleOf('github.com/a/b/c/d'), 'github.com/a/b');
    assert.equal(goModuleOf('golang.org/x/sync/errgroup'), 'golang.org/x/sync');
    assert.equal(goModuleOf('gopkg.in/yaml.v3'), 'gopkg.in/yaml.v3');
    assert.equal(goModuleOf('example.org/custom/path'), 'example.org/custom/path');
  });
});
