import { deepStrictEqual, ok } from 'node:assert/strict';
import { resolveJsImport } from '../../../server/src/core/resolve/jsResolver';
import { resolvePythonImport } from '../../../server/src/core/resolve/pythonResolver';
import { fixtureWorkspace } from './fixtureHost';

// The indexer re-resolves an import when a path it probed appears or disappears, so the
// probes must name every candidate that would have changed the answer.

describe('resolution probes', () => {
  it('records every candidate of a failed relative JS import, and a created file is then found', () => {
    const ws = fixtureWorkspace('resolve-ts');
    deepStrictEqual(resolveJsImport('src/index.ts', './later', ws.host).kind, 'unresolved');
    for (const candidate of ['src/later', 'src/later.ts', 'src/later.tsx', 'src/later.d.ts', 'src/later.js', 'src/later.cjs', 'src/later/index.ts', 'src/later/index.js']) {
      ok(ws.probes.includes(candidate), `missing probe ${candidate}`);
    }
    ws.files.add('src/later/index.tsx');
    deepStrictEqual(resolveJsImport('src/index.ts', './later', ws.host), { kind: 'file', path: 'src/later/index.tsx' });
  });

  it('records the TS source candidates of a .js specifier before the .js itself', () => {
    const ws = fixtureWorkspace('resolve-ts');
    resolveJsImport('src/esm.ts', './util.js', ws.host);
    deepStrictEqual(ws.probes, ['src/util.ts']);
    ws.probes.length = 0;
    resolveJsImport('src/esm.ts', './absent.js', ws.host);
    deepStrictEqual(ws.probes.slice(0, 4), ['src/absent.ts', 'src/absent.tsx', 'src/absent.d.ts', 'src/absent.js']);
  });

  it('records tsconfig paths substitutions in order', () => {
    const ws = fixtureWorkspace('resolve-ts');
    resolveJsImport('src/app/main.ts', '@lib/a', ws.host);
    const missing = ws.probes.indexOf('missing/a.ts');
    const found = ws.probes.indexOf('lib/a.ts');
    ok(missing >= 0 && found > missing, `probes: ${ws.probes.join(', ')}`);
  });

  it('records the dist output and the src candidates of a workspace package entry', () => {
    const ws = fixtureWorkspace('resolve-npm-ws');
    resolveJsImport('src/app.ts', 'legacy-pkg', ws.host);
    for (const candidate of ['packages/legacy/dist/index.d.ts', 'packages/legacy/dist/index.js', 'packages/legacy/index.ts', 'packages/legacy/src/index.ts']) {
      ok(ws.probes.includes(candidate), `missing probe ${candidate}`);
    }
  });

  it('records Python module candidates under every source root, then finds a new module', () => {
    const ws = fixtureWorkspace('resolve-py');
    deepStrictEqual(resolvePythonImport('app/main.py', 'newmod', ws.host), { kind: 'external', package: 'newmod' });
    for (const candidate of ['newmod/__init__.py', 'newmod.py', 'newmod.pyi', 'src/newmod.py', 'projects/tool/src/newmod.py', 'dir:newmod']) {
      ok(ws.probes.includes(candidate), `missing probe ${candidate}`);
    }
    ws.files.add('src/newmod.py');
    deepStrictEqual(resolvePythonImport('app/main.py', 'newmod', ws.host), { kind: 'file', path: 'src/newmod.py' });
  });

  it('records the package chain and the relative candidates of a Python import', () => {
    const ws = fixtureWorkspace('resolve-py');
    resolvePythonImport('app/models/user.py', '..services.missing', ws.host);
    deepStrictEqual(ws.probes, [
      'app/services/missing/__init__.py',
      'app/services/missing/__init__.pyi',
      'app/services/missing.py',
      'app/services/missing.pyi',
      'dir:app/services/missing',
    ]);
  });

  it('notices a directory that gains files after the host was created (namespace package)', () => {
    const ws = fixtureWorkspace('resolve-py');
    deepStrictEqual(resolvePythonImport('app/main.py', 'plugins', ws.host), { kind: 'external', package: 'plugins' });
    ws.files.add('plugins/extra/thing.py');
    deepStrictEqual(resolvePythonImport('app/main.py', 'plugins', ws.host), { kind: 'unresolved', reason: 'namespace package plugins' });
  });

  it('rebuilds the directory index on filesChanged() after a same-size change of the set', () => {
    const ws = fixtureWorkspace('resolve-py');
    deepStrictEqual(resolvePythonImport('app/main.py', 'plugins', ws.host), { kind: 'external', package: 'plugins' });
    ws.files.delete('scripts/helpers.py');
    ws.files.add('plugins/thing.py');
    ws.host.filesChanged();
    deepStrictEqual(resolvePythonImport('app/main.py', 'plugins', ws.host), { kind: 'unresolved', reason: 'namespace package plugins' });
  });
});
