import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dependencyReport } from '../../../server/src/core/deps/dependencyReport';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';

// Reading a real folder: declaration files, vendored node_modules, the `browser` field,
// compiled bundles the index skips, and ignored folders.

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sparkgraph-deps-collect-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

async function missingOf(root: string): Promise<string[]> {
  const index = new WorkspaceIndex(root, { workers: 0, cache: false });
  try {
    await index.build();
    const r = await dependencyReport(index);
    return r.missing.map((m) => `${m.package}@${m.imports.map((i) => i.file).join(',')}`);
  } finally {
    await index.dispose();
  }
}

describe('dependency analysis of a folder', function () {
  this.timeout(30_000);
  const roots: string[] = [];
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('imports in .d.ts files are types, satisfied by @types', async () => {
    const root = workspace({
      'package.json': '{"devDependencies":{"@types/estree":"1"}}',
      'lib/types.d.ts': "import { Node } from 'estree';\nimport { Thing } from 'undeclared-types';\nexport type N = Node | Thing;\n",
    });
    roots.push(root);
    assert.deepEqual(await missingOf(root), ['undeclared-types@lib/types.d.ts']);
  });

  it('a package vendored in node_modules below the manifest is not missing; one in the root node_modules is', async () => {
    const root = workspace({
      'package.json': '{"name":"x"}',
      'test/fixture/main.js': "require('vendored'); require('installed-only');\n",
      'test/fixture/node_modules/vendored/index.js': 'module.exports = 1;\n',
      'node_modules/installed-only/index.js': 'module.exports = 1;\n',
    });
    roots.push(root);
    assert.deepEqual(await missingOf(root), ['installed-only@test/fixture/main.js']);
  });

  it('the browser field replaces a module by a file or by another package; false leaves it to Node', async () => {
    const root = workspace({
      'package.json': '{"browser":{"shim":"./shim.js","zzz":"aaa","off":false},"dependencies":{}}',
      'main.js': "require('shim'); require('zzz'); require('off'); require('real');\n",
      'shim.js': 'module.exports = 1;\n',
    });
    roots.push(root);
    assert.deepEqual((await missingOf(root)).sort(), ['aaa@main.js', 'off@main.js', 'real@main.js']);
  });

  it('compiled bundles the index skips still count, ignored folders do not', async () => {
    const long = 'x'.repeat(3000);
    const root = workspace({
      'package.json': '{"dependencies":{}}',
      'lib/bundle.js': `"use strict";var a=require("from-bundle");var s="${long}";\n//# sourceMappingURL=bundle.js.map\n`,
      'dist/out.js': "require('in-dist');\n",
    });
    roots.push(root);
    assert.deepEqual(await missingOf(root), ['from-bundle@lib/bundle.js']);
  });

  it('a Python project nested in the workspace: its own top-level packages are local', async () => {
    const root = workspace({
      'services/api/requirements.txt': 'flask\n',
      'services/api/project/__init__.py': '',
      'services/api/project/views.py': 'import flask\n',
      'services/api/tests/test_views.py': 'from project.views import flask\nimport responses\n',
    });
    roots.push(root);
    assert.deepEqual(await missingOf(root), ['responses@services/api/tests/test_views.py']);
  });

  it('guarded imports are optional: not reported, but they still use a declared package', async () => {
    const root = workspace({
      'requirements.txt': 'ujson\n',
      'app.py': 'try:\n    import ujson\nexcept ImportError:\n    ujson = None\ntry:\n    import orjson\nexcept ImportError:\n    orjson = None\nimport httpx\n',
      'package.json': '{}',
      'index.js': "try { require('optional-native'); } catch (e) {}\nrequire('needed');\n",
    });
    roots.push(root);
    assert.deepEqual((await missingOf(root)).sort(), ['httpx@app.py', 'needed@index.js']);
    const index = new WorkspaceIndex(root, { workers: 0, cache: false });
    try {
      await index.build();
      const report = await dependencyReport(index);
      assert.deepEqual(report.unused, []);
      assert.deepEqual(report.optional.map((m) => [m.package, m.install.command]).sort(), [['optional-native', 'npm install optional-native'], ['orjson', 'pip install orjson']]);
    } finally {
      await index.dispose();
    }
  });
});
