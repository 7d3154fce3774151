import assert from 'node:assert/strict';
import { missingForSnippet, renderInstallHints, snippetImports } from '../../../server/src/core/deps/snippetDependencies';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { fixturePath } from '../../helpers/fixtures';

describe('dependencies of code not yet in the workspace (chat answers)', function () {
  this.timeout(30_000);

  it('reads Python imports with their columns', () => {
    const found = snippetImports('import os, numpy as np\nfrom PIL import Image\n  import yaml\nx = "import nope"\n', 'python', 'a.py').map((i) => `${i.specifier}@${i.range[0]}:${i.range[1]}`);
    assert.deepEqual(found, ['os@0:7', 'numpy@0:11', 'PIL@1:5', 'yaml@2:9']);
  });

  it('judges a TypeScript snippet as if it were a file of the pnpm workspace: workspace packages and tsconfig paths are in-repo', async () => {
    const index = new WorkspaceIndex(fixturePath('deps-pnpm-ws'), { workers: 0, cache: false });
    try {
      await index.build();
      const code = "import express from 'express';\nimport { helper } from '@ws/lib';\nimport { local } from '@app/local';\nimport got from 'got';\nimport fs from 'node:fs';\n";
      const missing = await missingForSnippet(index, code, 'typescript', 'packages/app/src/new.ts');
      assert.deepEqual(missing.map((m) => [m.package, m.install.command, m.install.cwd]), [['got', 'pnpm add got', 'packages/app']]);
      assert.equal(renderInstallHints(missing), 'This code imports a package the project does not declare:\n- `got` is not declared in `packages/app/package.json`: run `pnpm add got` in `packages/app/`');
      assert.equal(renderInstallHints([]), '');
    } finally {
      await index.dispose();
    }
  });

  it('judges a Python snippet against the uv project, mapping import names to distributions', async () => {
    const index = new WorkspaceIndex(fixturePath('deps-py-uv'), { workers: 0, cache: false });
    try {
      await index.build();
      const code = 'import requests\nimport cv2\nfrom app import util\nimport pandas as pd\nfrom bs4 import BeautifulSoup\n';
      const missing = await missingForSnippet(index, code, 'python', 'src/app/new.py');
      assert.deepEqual(missing.map((m) => [m.package, m.install.command]), [['beautifulsoup4', 'uv add beautifulsoup4'], ['pandas', 'uv add pandas']]);
    } finally {
      await index.dispose();
    }
  });
});
