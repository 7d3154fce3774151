import { readCargoManifest } from './manifests/cargoToml';
import { readGoModManifest } from './manifests/goMod';
import { readPackageJsonManifest } from './manifests/packageJson';
import { readPipfileManifest } from './manifests/pipfile';
import { problemAt } from './manifests/problem';
import { readPyprojectManifest } from './manifests/pyproject';
import { readRequirementsManifest } from './manifests/requirements';
import { readSetupCfgManifest } from './manifests/setupCfg';
import type { Manifest } from './types';

// Picks the reader by file name. A reader never throws: whatever goes wrong becomes the
// manifest's one problem, and its declarations count as unknown.

export function readManifest(path: string, readText: (path: string) => string | undefined): Manifest | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  if (/\.(txt|in)$/.test(base)) return guard(path, () => readRequirementsManifest(path, readText), 'requirements', 'pypi', dir);
  const text = readText(path);
  if (text === undefined) return undefined;
  switch (base) {
    case 'package.json':
      return guard(path, () => readPackageJsonManifest(path, text), 'package.json', 'npm', dir, text);
    case 'pyproject.toml':
      return guard(path, () => readPyprojectManifest(path, text), 'pyproject.toml', 'pypi', dir, text);
    case 'setup.cfg':
      return guard(path, () => readSetupCfgManifest(path, text), 'setup.cfg', 'pypi', dir, text);
    case 'Pipfile':
      return guard(path, () => readPipfileManifest(path, text), 'Pipfile', 'pypi', dir, text);
    case 'Cargo.toml':
      return guard(path, () => readCargoManifest(path, text), 'Cargo.toml', 'cargo', dir, text);
    case 'go.mod':
      return guard(path, () => readGoModManifest(path, text), 'go.mod', 'go', dir, text);
  }
  return undefined;
}

function guard(path: string, read: () => Manifest, kind: Manifest['kind'], ecosystem: Manifest['ecosystem'], dir: string, text = ''): Manifest {
  try {
    return read();
  } catch (e) {
    return { path, dir, kind, ecosystem, dependencies: [], problem: problemAt(path, `cannot read ${kind}: ${(e as Error).message}`, 0, 0, text) };
  }
}
