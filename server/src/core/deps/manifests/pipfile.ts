import { normalizePythonName } from '../pep503';
import { parseToml, TomlError, type TomlTable, type TomlValue } from '../toml';
import type { DependencyGroup, Manifest } from '../types';
import { dirOf } from './packageJson';
import { escapeRegExp, lineMatching, problemAt } from './problem';
import { lowestPython } from '../pythonVersion';

// Pipfile (pipenv): `[packages]` and `[dev-packages]`, each a table of distribution names.

export function readPipfileManifest(path: string, text: string): Manifest {
  const manifest: Manifest = { path, dir: dirOf(path), kind: 'Pipfile', ecosystem: 'pypi', dependencies: [], tools: ['pipenv'] };
  let doc: TomlTable;
  try {
    doc = parseToml(text).value;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    manifest.problem = problemAt(path, `Pipfile is not valid TOML: ${e.message}`, e.line, e.column, text);
    return manifest;
  }
  const read = (section: string, group: DependencyGroup) => {
    const t = doc[section] as TomlValue | undefined;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) return;
    const from = lineMatching(text, new RegExp(`^\\s*\\[${escapeRegExp(section)}\\]`)) ?? 0;
    for (const name of Object.keys(t)) {
      const line = lineMatching(text, new RegExp(`^\\s*["']?${escapeRegExp(name)}["']?\\s*=`), from);
      manifest.dependencies.push({ name, key: normalizePythonName(name), group, line });
    }
  };
  read('packages', 'prod');
  read('dev-packages', 'dev');
  const requires = doc.requires as TomlValue | undefined;
  if (typeof requires === 'object' && requires !== null && !Array.isArray(requires)) {
    const v = requires.python_version ?? requires.python_full_version;
    const lowest = typeof v === 'string' ? lowestPython(v) : undefined;
    if (lowest) manifest.pythonVersion = lowest;
  }
  return manifest;
}
