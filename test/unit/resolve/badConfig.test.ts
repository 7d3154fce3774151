import { deepStrictEqual } from 'node:assert/strict';
import { resolveJsImport } from '../../../server/src/core/resolve/jsResolver';
import { resolvePythonImport, resolvePythonMember } from '../../../server/src/core/resolve/pythonResolver';
import type { ResolveHost } from '../../../server/src/core/resolve/resolveHost';

// Config files that parse but have the wrong shape must not break resolution: the odd
// fields are ignored and everything else still resolves.

function memoryHost(files: string[], configs: Record<string, unknown>): ResolveHost {
  const set = new Set(files);
  return {
    fileExists: (p) => set.has(p),
    dirExists: (p) => [...set].some((f) => f.startsWith(`${p}/`)),
    readJson: (p) => configs[p],
    findConfigFiles: (name) => Object.keys(configs).filter((p) => p === name || p.endsWith(`/${name}`)).sort(),
  };
}

describe('resolution with malformed configs', () => {
  const host = memoryHost(['src/a.ts', 'pkg/index.ts', 'pkg/src/x.ts'], {
    'tsconfig.json': { extends: [42, null, './self.json'], compilerOptions: { baseUrl: 7, paths: { '@x/*': 'not-a-list', '*': [1, 'src/*'], 'a*b*': ['src/a.ts'] } } },
    'self.json': { extends: './tsconfig.json' }, // a cycle
    'package.json': { workspaces: 5, imports: ['not', 'a', 'map'] },
    'pnpm-workspace.yaml': { packages: [null, 3, 'pkg', '../outside'] },
    'pkg/package.json': { name: 'pkg', exports: { '.': { import: { deeper: [null, 12, { default: null }] } }, './x': 42 }, main: ['array'] },
  });

  const rows: [from: string, spec: string, expected: ReturnType<typeof resolveJsImport>][] = [
    ['src/a.ts', 'a', { kind: 'file', path: 'src/a.ts' }], // '*' still works through its string entry
    ['src/a.ts', '@x/y', { kind: 'external', package: '@x/y' }],
    ['src/a.ts', 'pkg', { kind: 'file', path: 'pkg/index.ts' }], // exports offer nothing usable: index
    ['src/a.ts', 'pkg/x', { kind: 'file', path: 'pkg/src/x.ts' }],
    ['src/a.ts', '#thing', { kind: 'unresolved', reason: 'no package.json imports field maps #thing' }],
  ];
  for (const [from, spec, expected] of rows) {
    it(`${from}: '${spec}'`, () => deepStrictEqual(resolveJsImport(from, spec, host), expected));
  }

  it('python resolution ignores odd specifiers and names', () => {
    deepStrictEqual(resolvePythonImport('src/a.py', '', host), { kind: 'unresolved', reason: 'invalid module name ' });
    deepStrictEqual(resolvePythonImport('src/a.py', '.a-b', host), { kind: 'unresolved', reason: 'invalid module name .a-b' });
    deepStrictEqual(resolvePythonMember('src/a.py', '.', '../etc', host), undefined);
  });
});
