import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../server/src/cli/main';
import { cli } from '../../helpers/cli';
import { fixturePath } from '../../helpers/fixtures';

describe('sparkgraph deps', function () {
  this.timeout(60_000);
  const tmp: string[] = [];
  after(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('lists missing packages with file:line, command and folder, and exits 1', async () => {
    const r = await cli('deps', fixturePath('deps-pnpm-ws'), '--no-cache', '--workers', '0');
    assert.equal(r.code, EXIT.notFound);
    assert.match(r.out, /missing dependencies: 7/);
    assert.match(r.out, /lodash {2}not declared in packages\/app\/package.json\n {6}imported at packages\/app\/src\/server.ts:2:1 \('lodash\/merge'\)\n {6}run in packages\/app: pnpm add lodash/);
    assert.match(r.out, /chai \(dev\)/);
    assert.match(r.out, /declared but never imported: 2\n {2}unused-root-tool \(dev\) in package.json:12/);
  });

  it('--json gives the whole report', async () => {
    const r = await cli('deps', fixturePath('deps-py-uv'), '--json', '--no-cache', '--workers', '0');
    assert.equal(r.code, EXIT.notFound);
    const json = JSON.parse(r.out);
    const pillow = json.missing.find((m: { package: string }) => m.package === 'Pillow');
    assert.deepEqual(pillow.install, { tool: 'uv', command: 'uv add Pillow', cwd: '', manifest: 'pyproject.toml' });
    assert.deepEqual(pillow.imports[0], { file: 'src/app/main.py', specifier: 'PIL', range: [5, 0, 5, 21] });
    assert.deepEqual(json.unused.map((u: { package: string }) => u.package), ['rich']);
    const text = await cli('deps', fixturePath('deps-py-uv'), '--no-cache', '--workers', '0');
    assert.match(text.out, /optional imports not declared \(inside try, the code runs without them\): 1\n {2}ujson {2}at src\/app\/main.py:12 {2}\(to declare: uv add ujson\)/);
  });

  it('exits 0 when everything imported is declared, and reports manifest problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkgraph-deps-ok-'));
    tmp.push(dir);
    writeFileSync(join(dir, 'package.json'), '{"dependencies":{"express":"4"}}');
    writeFileSync(join(dir, 'index.js'), "const express = require('express');\nconst fs = require('node:fs');\n");
    const r = await cli('deps', dir, '--no-cache', '--workers', '0');
    assert.equal(r.code, EXIT.ok);
    assert.match(r.out, /no missing dependencies \(1 manifests checked\)/);
    const broken = await cli('deps', fixturePath('deps-broken'), '--no-cache', '--workers', '0');
    assert.match(broken.out, /manifest problems: 2\n {2}py\/pyproject.toml:6:1: pyproject.toml is not valid TOML/);
  });

  it('exits 3 for a missing folder', async () => {
    const r = await cli('deps', join(tmpdir(), 'sparkgraph-no-such-folder-xyz'), '--no-cache');
    assert.equal(r.code, EXIT.workspace);
  });
});
