import { deepStrictEqual } from 'node:assert/strict';
import { resolveJsImport } from '../../../server/src/core/resolve/jsResolver';
import type { Resolution } from '../../../server/src/core/resolve/resolveHost';
import { fixtureWorkspace } from './fixtureHost';

type Row = [fromFile: string, specifier: string, expected: Resolution];

const file = (path: string): Resolution => ({ kind: 'file', path });
const external = (pkg: string, subpath?: string): Resolution => (subpath ? { kind: 'external', package: pkg, subpath } : { kind: 'external', package: pkg });
const builtin = (module: string): Resolution => ({ kind: 'builtin', module });

function check(fixture: string, rows: Row[]): void {
  const { host } = fixtureWorkspace(fixture);
  for (const [from, spec, expected] of rows) {
    it(`${from}: '${spec}'`, () => {
      deepStrictEqual(resolveJsImport(from, spec, host), expected);
    });
  }
}

describe('resolveJsImport', () => {
  describe('relative specifiers (resolve-ts)', () => {
    check('resolve-ts', [
      ['src/index.ts', './util', file('src/util.ts')],
      ['src/index.ts', './util.ts', file('src/util.ts')],
      ['src/index.ts', './widget', file('src/widget.tsx')],
      ['src/index.ts', './ambient', file('src/ambient.d.ts')],
      ['src/index.ts', './helpers', file('src/helpers/index.ts')],
      ['src/index.ts', './helpers/', file('src/helpers/index.ts')],
      ['src/helpers/inner.ts', '.', file('src/helpers/index.ts')],
      ['src/helpers/inner.ts', '..', file('src/index.ts')],
      ['src/helpers/inner.ts', '../util', file('src/util.ts')],
      ['src/index.ts', './lib-dir', file('src/lib-dir/entry.js')],
      // TS ESM style: the .js in source names the .ts that compiles to it.
      ['src/esm.ts', './util.js', file('src/util.ts')],
      ['src/esm.ts', './mod.mjs', file('src/mod.mts')],
      ['src/uses-widget.ts', './widget.jsx', file('src/widget.tsx')],
      // Both exist: a TS importer gets the source (tsc), a JS importer the file it names (Node).
      ['src/esm.ts', './both.js', file('src/both.ts')],
      ['src/plain.js', './both.js', file('src/both.js')],
      ['src/plain.js', './both', file('src/both.ts')],
      ['src/index.ts', './worker?worker', { kind: 'unresolved', reason: 'no indexed file for ./worker?worker' }],
      ['src/index.ts', './missing', { kind: 'unresolved', reason: 'no indexed file for ./missing' }],
      ['src/index.ts', '../../outside', { kind: 'unresolved', reason: '../../outside points outside the workspace' }],
    ]);
  });

  describe('tsconfig baseUrl, paths and extends (resolve-ts)', () => {
    check('resolve-ts', [
      // paths come from configs/tsconfig.paths.json, baseUrl ('..' = root) from configs/tsconfig.base.json.
      ['src/app/main.ts', '@shared/format', file('shared/format.ts')],
      ['src/app/main.ts', '@lib/a', file('lib/a.ts')], // first substitution (missing/*) fails, second wins
      ['src/app/main.ts', '@lib/special', file('lib/special-impl.ts')], // exact key beats '@lib/*'
      ['src/app/main.ts', '@lib/deep/thing', file('lib/deep-impl/thing.ts')], // longest prefix wins
      ['src/app/main.ts', '~/util', file('src/util.ts')],
      ['src/app/main.ts', 'src/helpers', file('src/helpers/index.ts')], // baseUrl
      ['src/app/main.ts', 'lib/a', file('lib/a.ts')],
      ['src/app/main.ts', '@shared/nothing', external('@shared/nothing')],
      // legacy/jsconfig.json is the nearest config there: baseUrl ./lib.
      ['legacy/app.js', 'helper', file('legacy/lib/helper.js')],
      // broken/tsconfig.json does not parse: treated as absent, the root config applies.
      ['broken/user.ts', '@shared/format', file('shared/format.ts')],
      ['broken/user.ts', '@broken/thing', external('@broken/thing')],
      // Solution-style config: paths from the referenced tsconfig.app.json, relative to it.
      ['solution/src/main.ts', '@/store', file('solution/src/store.ts')],
    ]);
  });

  describe('workspace packages, built-ins and externals (resolve-ts)', () => {
    check('resolve-ts', [
      // workspaces as a plain array; main: ./format.js names the TS source shared/format.ts
      ['src/index.ts', 'ts-shared', file('shared/format.ts')],
      ['legacy/app.js', 'ts-shared', file('shared/format.ts')],
      ['src/index.ts', 'fs', builtin('fs')],
      ['src/index.ts', 'node:fs', builtin('fs')],
      ['src/index.ts', 'fs/promises', builtin('fs/promises')],
      ['src/index.ts', 'node:fs/promises', builtin('fs/promises')],
      ['src/index.ts', 'node:test', builtin('test')],
      ['src/index.ts', 'express', external('express')],
      ['src/index.ts', 'lodash/fp/map', external('lodash', 'fp/map')],
      ['src/index.ts', '@scope/pkg', external('@scope/pkg')],
      ['src/index.ts', '@scope/pkg/sub/path', external('@scope/pkg', 'sub/path')],
      ['src/index.ts', '@scope', { kind: 'unresolved', reason: 'invalid package specifier @scope' }],
      ['src/index.ts', 'https://esm.sh/react', { kind: 'unresolved', reason: 'unsupported URL or protocol specifier https://esm.sh/react' }],
      ['src/index.ts', '/abs/path', { kind: 'unresolved', reason: 'absolute path /abs/path' }],
      ['src/index.ts', '', { kind: 'unresolved', reason: 'empty specifier' }],
    ]);
  });

  describe('npm workspaces and exports (resolve-npm-ws)', () => {
    check('resolve-npm-ws', [
      // conditions object whose dist targets aren't indexed: mapped back to src/index.ts
      ['src/app.ts', '@acme/core', file('packages/core/src/index.ts')],
      ['src/app.ts', '@acme/core/feature', file('packages/core/src/feature.ts')], // subpath map
      ['src/app.ts', '@acme/core/utils/strings', file('packages/core/src/utils/strings.ts')], // wildcard subpath
      ['src/app.ts', 'string-exp', file('packages/string-exp/lib/main.js')], // exports is a string
      ['src/app.ts', '@acme/cond', file('packages/cond/src/node.mjs')], // nested conditions: node → import
      ['src/app.ts', '@acme/cond/browser', file('packages/cond/src/browser.js')], // unknown condition still offered
      ['src/app.ts', 'legacy-pkg', file('packages/legacy/src/index.ts')], // main: dist/index.js → src/index.ts
      ['src/app.ts', 'legacy-pkg/helpers', file('packages/legacy/src/helpers.ts')],
      ['src/app.ts', 'acme-cli', file('tools/deep/cli/types/index.d.ts')], // 'tools/**' glob, types field first
      // The root package is importable by name too, but has no entry point or index.
      ['src/app.ts', 'acme-root', { kind: 'unresolved', reason: 'workspace package acme-root (.) has no file for acme-root' }],
      ['src/app.ts', 'acme-root/src/internal/db', file('src/internal/db.ts')],
      ['src/app.ts', 'ignored-pkg', external('ignored-pkg')], // excluded by '!packages/ignored'
      ['src/app.ts', '@acme/core/internal/secret', { kind: 'unresolved', reason: 'workspace package @acme/core (packages/core) has no file for @acme/core/internal/secret' }], // exports null
      ['src/app.ts', '@acme/core/nothing', { kind: 'unresolved', reason: 'workspace package @acme/core (packages/core) has no file for @acme/core/nothing' }],
      ['src/app.ts', 'events', builtin('events')],
      // tsconfig extends a config inside a workspace package (turborepo style)
      ['packages/web/src/page.ts', '@shared-ui/feature', file('packages/core/src/feature.ts')],
      ['src/app.ts', '#config', file('config/index.ts')],
      ['src/app.ts', '#internal/db', file('src/internal/db.ts')],
      ['src/app.ts', '#dep', external('lodash')],
      ['src/app.ts', '#unknown', { kind: 'unresolved', reason: '#unknown is not mapped by package.json imports' }],
    ]);
  });

  describe('pnpm-workspace.yaml (resolve-pnpm)', () => {
    check('resolve-pnpm', [
      // main: ./index.js with only index.ts present: the TS importer gets the source
      ['apps/web/src/main.ts', '@pnpm/ui', file('libs/ui/index.ts')],
      ['apps/web/src/main.ts', 'legacy-app', external('legacy-app')], // '!apps/legacy'
      ['apps/web/src/main.ts', 'web', { kind: 'unresolved', reason: 'workspace package web (apps/web) has no file for web' }],
    ]);
  });
});
