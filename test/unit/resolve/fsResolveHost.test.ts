import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { join } from 'node:path';
import { createFsResolveHost } from '../../../server/src/core/resolve/resolveHost';
import { FIXTURES, fixtureWorkspace } from './fixtureHost';

describe('createFsResolveHost', () => {
  it('reads JSONC configs (comments, trailing commas) relative to the root', () => {
    const { host } = fixtureWorkspace('resolve-ts');
    deepStrictEqual(host.readJson('configs/tsconfig.base.json'), { compilerOptions: { baseUrl: '..', target: 'ES2022' } });
    deepStrictEqual(host.readJson('./src/lib-dir/package.json'), { main: './entry.js' });
  });

  it('answers undefined for broken, missing and out-of-root configs', () => {
    const { host } = fixtureWorkspace('resolve-ts');
    strictEqual(host.readJson('broken/tsconfig.json'), undefined);
    strictEqual(host.readJson('nope/package.json'), undefined);
    strictEqual(host.readJson('../resolve-npm-ws/package.json'), undefined);
    strictEqual(host.readJson(''), undefined);
    strictEqual(host.readJson('src'), undefined); // a directory
  });

  it('reads pnpm-workspace.yaml with the YAML subset', () => {
    const { host } = fixtureWorkspace('resolve-pnpm');
    deepStrictEqual(host.readJson('pnpm-workspace.yaml'), { packages: ['apps/*', 'libs/ui', '!apps/legacy'], catalog: { react: '^18.3.0' } });
  });

  it('checks files against the index only and directories by indexed content', () => {
    const { host } = fixtureWorkspace('resolve-ts');
    strictEqual(host.fileExists('src/util.ts'), true);
    strictEqual(host.fileExists('tsconfig.json'), false); // on disk, but not an indexed source file
    strictEqual(host.dirExists('src/helpers'), true);
    strictEqual(host.dirExists('configs'), false); // holds only config files
    strictEqual(host.dirExists(''), true);
  });

  it('lists config files by name in indexed directories, their subdirectories and the root', () => {
    const { host } = fixtureWorkspace('resolve-npm-ws');
    deepStrictEqual(host.findConfigFiles?.('package.json'), [
      'package.json',
      'packages/cond/package.json',
      'packages/core/package.json',
      'packages/ignored/package.json',
      'packages/legacy/package.json',
      'packages/string-exp/package.json',
      'packages/tsconfig/package.json', // no indexed files, found as a subdirectory of packages/
      'packages/web/package.json',
      'tools/deep/cli/package.json',
    ]);
    deepStrictEqual(fixtureWorkspace('resolve-py').host.findConfigFiles?.('pyproject.toml'), ['projects/tool/pyproject.toml']);
  });

  it('names the package the root itself is', () => {
    strictEqual(fixtureWorkspace('resolve-py-rootpkg', 'django').host.rootPackage, 'django');
    strictEqual(fixtureWorkspace('resolve-py-rootpkg').host.rootPackage, undefined);
    strictEqual(fixtureWorkspace('resolve-py-rootpkg', 'django', 'db').host.rootPackage, 'django.db');
  });

  it('copes with a root that does not exist', () => {
    const host = createFsResolveHost(join(FIXTURES, 'no-such-workspace'), new Set(['a.ts']));
    strictEqual(host.readJson('package.json'), undefined);
    deepStrictEqual(host.findConfigFiles?.('package.json'), []);
    strictEqual(host.rootPackage, undefined);
    strictEqual(host.fileExists('a.ts'), true);
  });
});
