import { deepStrictEqual } from 'node:assert/strict';
import { resolvePythonImport, resolvePythonMember } from '../../../server/src/core/resolve/pythonResolver';
import type { Resolution } from '../../../server/src/core/resolve/resolveHost';
import { fixtureWorkspace } from './fixtureHost';

type Row = [fromFile: string, specifier: string, expected: Resolution];
type MemberRow = [fromFile: string, specifier: string, name: string, expected: Resolution | undefined];

const file = (path: string): Resolution => ({ kind: 'file', path });
const external = (pkg: string, subpath?: string): Resolution => (subpath ? { kind: 'external', package: pkg, subpath } : { kind: 'external', package: pkg });
const builtin = (module: string): Resolution => ({ kind: 'builtin', module });
const unresolved = (reason: string): Resolution => ({ kind: 'unresolved', reason });

function check(segments: string[], rows: Row[]): void {
  const { host } = fixtureWorkspace(...segments);
  for (const [from, spec, expected] of rows) {
    it(`${from}: '${spec}'`, () => {
      deepStrictEqual(resolvePythonImport(from, spec, host), expected);
    });
  }
}

describe('resolvePythonImport', () => {
  describe('relative imports (resolve-py)', () => {
    check(['resolve-py'], [
      ['app/main.py', '.', file('app/__init__.py')],
      ['app/main.py', '.utils', file('app/utils.py')],
      ['app/main.py', '.models', file('app/models/__init__.py')],
      ['app/main.py', '.models.user', file('app/models/user.py')],
      ['app/main.py', '.models.base', file('app/models/base.pyi')], // only a stub exists
      ['app/models/user.py', '..', file('app/__init__.py')],
      ['app/models/user.py', '..services.auth', file('app/services/auth.py')],
      ['app/models/__init__.py', '.user', file('app/models/user.py')],
      ['app/models/user.py', '...', unresolved('namespace package .')], // the root has no __init__.py
      ['app/main.py', '..outside', unresolved('no module for ..outside (looked for outside.py and outside/__init__.py)')],
      ['app/main.py', '...outside', unresolved('...outside goes above the workspace root')],
      ['app/main.py', '.missing', unresolved('no module for .missing (looked for app/missing.py and app/missing/__init__.py)')],
      ['nspkg/sub/mod.py', '.', unresolved('namespace package nspkg/sub')],
      ['nspkg/sub/mod.py', '..sub', unresolved('namespace package nspkg/sub')],
    ]);
  });

  describe('absolute imports, source roots, stdlib and externals (resolve-py)', () => {
    check(['resolve-py'], [
      ['app/main.py', 'app', file('app/__init__.py')],
      ['app/main.py', 'app.services.auth', file('app/services/auth.py')],
      ['app/models/user.py', 'app.utils', file('app/utils.py')],
      ['app/main.py', 'srcpkg.core', file('src/srcpkg/core.py')], // src/ layout
      ['app/main.py', 'toolpkg.cli', file('projects/tool/src/toolpkg/cli.py')], // pyproject.toml project with src/
      ['projects/tool/src/toolpkg/cli.py', 'toolpkg', file('projects/tool/src/toolpkg/__init__.py')],
      ['scripts/run.py', 'helpers', file('scripts/helpers.py')], // a loose script's own directory
      ['app/main.py', 'helpers', external('helpers')], // ...which is not on app's path
      ['app/main.py', 'nspkg.sub.mod', file('nspkg/sub/mod.py')],
      ['app/main.py', 'nspkg.sub', unresolved('namespace package nspkg/sub')],
      ['app/main.py', 'app.generated', unresolved('app.generated not found in package app (app/__init__.py)')],
      ['app/main.py', 'os', builtin('os')],
      ['app/main.py', 'os.path', builtin('os.path')],
      ['app/main.py', 'sqlite3', builtin('sqlite3')],
      ['app/main.py', '__future__', builtin('__future__')],
      ['app/main.py', 'requests', external('requests')],
      ['app/main.py', 'requests.adapters', external('requests', 'adapters')],
      ['app/main.py', 'not a module', unresolved('invalid module name not a module')],
    ]);
  });

  describe('a workspace root that is itself a package (resolve-py-rootpkg/django)', () => {
    check(['resolve-py-rootpkg', 'django'], [
      ['db/models.py', 'django', file('__init__.py')],
      ['db/models.py', 'django.db', file('db/__init__.py')],
      ['db/__init__.py', 'django.db.models', file('db/models.py')],
      ['db/models.py', 'django.utils.text', file('utils/text.py')],
      ['db/models.py', '..utils.text', file('utils/text.py')],
      ['db/models.py', 'django.nothing', unresolved('django.nothing not found in package django (__init__.py)')],
    ]);
  });

  describe('the same tree opened one level up, dist-packages style (resolve-py-rootpkg)', () => {
    check(['resolve-py-rootpkg'], [
      ['django/db/models.py', 'django.db', file('django/db/__init__.py')],
      ['django/db/__init__.py', 'django.db.models', file('django/db/models.py')],
      ['django/db/models.py', 'django.utils.text', file('django/utils/text.py')],
    ]);
  });
});

describe('resolvePythonMember', () => {
  const { host } = fixtureWorkspace('resolve-py');
  const rows: MemberRow[] = [
    ['app/main.py', '.models', 'user', file('app/models/user.py')], // submodule
    ['app/main.py', '.models', 'User', undefined], // a class defined in models/__init__.py
    ['app/main.py', '.', 'utils', file('app/utils.py')],
    ['app/main.py', 'app', 'services', file('app/services/__init__.py')], // subpackage
    ['app/main.py', 'app', 'VERSION', undefined],
    ['app/main.py', 'app.utils', 'greet', undefined], // a module, not a package
    ['app/main.py', 'nspkg.sub', 'mod', file('nspkg/sub/mod.py')], // inside a namespace package
    ['nspkg/sub/mod.py', '.', 'mod', file('nspkg/sub/mod.py')],
    ['app/main.py', 'os', 'path', undefined], // stdlib: not in the repo
    ['app/main.py', 'requests', 'adapters', undefined],
  ];
  for (const [from, spec, name, expected] of rows) {
    it(`${from}: from '${spec}' import ${name}`, () => {
      deepStrictEqual(resolvePythonMember(from, spec, name, host), expected);
    });
  }
});
