import { normalizePythonName, requirementName } from '../pep503';
import type { DependencyGroup, Manifest } from '../types';
import { dirOf } from './packageJson';
import { problemAt } from './problem';

// setup.cfg (setuptools' declarative config): `[options] install_requires`, `tests_require`,
// `setup_requires` and `[options.extras_require]`. Values continue on indented lines.

export function readSetupCfgManifest(path: string, text: string): Manifest {
  const manifest: Manifest = { path, dir: dirOf(path), kind: 'setup.cfg', ecosystem: 'pypi', dependencies: [] };
  let section = '';
  let key: string | undefined;
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const groupOf = (): DependencyGroup | undefined => {
    if (section === 'options') {
      if (key === 'install_requires') return 'prod';
      if (key === 'tests_require' || key === 'setup_requires') return 'dev';
      return undefined;
    }
    if (section === 'options.extras_require') return 'optional';
    return undefined;
  };
  const addSpecs = (value: string, line: number) => {
    const group = groupOf();
    if (!group) return;
    // One requirement per line: `;` starts an environment marker, commas join version ranges.
    const spec = value.replace(/(^|\s)#.*$/, '').trim();
    const name = spec ? requirementName(spec) : undefined;
    if (name) manifest.dependencies.push({ name, key: normalizePythonName(name), group, line });
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw.trim());
    if (/^\S/.test(raw) && raw.trim().startsWith('[')) {
      if (!header) {
        manifest.problem ??= problemAt(path, `setup.cfg: unclosed section header`, i, 0, text);
        continue;
      }
      section = header[1].trim();
      key = undefined;
      continue;
    }
    if (/^\s/.test(raw)) {
      if (key !== undefined) addSpecs(raw.trim(), i);
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv) {
      if (section === 'options' || section === 'options.extras_require') manifest.problem ??= problemAt(path, `setup.cfg: expected "key = value"`, i, 0, text);
      key = undefined;
      continue;
    }
    key = kv[1].trim();
    if (section === 'metadata' && key === 'name') manifest.ownName = kv[2].trim();
    if (kv[2].trim()) addSpecs(kv[2].trim(), i);
  }
  return manifest;
}
