import { isPythonStdlib } from './builtins';
import { cachedForHost } from './hostCache';
import { dirOf, inDir, selfAndAncestors } from './relPath';
import type { Resolution, ResolveHost } from './resolveHost';

// Python import resolution over the indexed file set. Relative imports follow the importing
// file's directory; absolute imports search source roots the way sys.path would be set up for
// the project (the importing file's own package root, project directories, the workspace root,
// `src/`). Regular packages and modules win over the standard library, which wins over
// namespace packages (PEP 420), which win over "it must be installed from PyPI".

const PROJECT_FILES = ['pyproject.toml', 'setup.py', 'setup.cfg'] as const;

type Lookup =
  | { kind: 'file'; path: string }
  | { kind: 'namespace'; dirs: string[] }
  | { kind: 'builtin'; module: string }
  | { kind: 'external'; package: string; subpath?: string }
  | { kind: 'unresolved'; reason: string };

/** A directory searched for absolute imports; `strip` is the dotted name the directory itself has. */
interface SourceRoot {
  dir: string;
  strip?: string;
}

// Python 3 identifiers may be non-ASCII (PEP 3131).
const DOTTED = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u;

export function resolvePythonImport(fromFile: string, specifier: string, host: ResolveHost): Resolution {
  try {
    const found = lookupModule(fromFile, specifier, host);
    return found.kind === 'namespace' ? { kind: 'unresolved', reason: `namespace package ${found.dirs[0] || '.'}` } : found;
  } catch (e) {
    // A resolver bug must not take the indexer down with it.
    return { kind: 'unresolved', reason: `resolver error: ${(e as Error).message}` };
  }
}

/**
 * `from <specifier> import <name>`: the submodule file when `name` is a module of the package
 * (`pkg/name.py`, `pkg/name/__init__.py`, also inside namespace packages), undefined when `name`
 * can only be an attribute of the module `resolvePythonImport` finds or that module is not in the repo.
 */
export function resolvePythonMember(fromFile: string, specifier: string, name: string, host: ResolveHost): Resolution | undefined {
  try {
    if (!DOTTED.test(name) || name.includes('.')) return undefined;
    const found = lookupModule(fromFile, specifier, host);
    let dirs: string[];
    if (found.kind === 'namespace') dirs = found.dirs;
    else if (found.kind === 'file' && /(^|\/)__init__\.pyi?$/.test(found.path)) dirs = [dirOf(found.path)];
    else return undefined;
    for (const dir of dirs) {
      const sub = moduleAt(inDir(dir, name), host);
      if (sub !== undefined) return { kind: 'file', path: sub };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function lookupModule(fromFile: string, specifier: string, host: ResolveHost): Lookup {
  return specifier.startsWith('.') ? lookupRelative(fromFile, specifier, host) : lookupAbsolute(fromFile, specifier, host);
}

function lookupRelative(fromFile: string, specifier: string, host: ResolveHost): Lookup {
  const dots = /^\.+/.exec(specifier)![0].length;
  const rest = specifier.slice(dots);
  if (rest !== '' && !DOTTED.test(rest)) return { kind: 'unresolved', reason: `invalid module name ${specifier}` };
  // One dot is the importing file's own directory; each further dot goes up one level.
  let base = dirOf(fromFile);
  for (let i = 1; i < dots; i++) {
    if (base === '') return { kind: 'unresolved', reason: `${specifier} goes above the workspace root` };
    base = dirOf(base);
  }
  if (rest === '') {
    const init = packageInit(base, host);
    return init !== undefined ? { kind: 'file', path: init } : { kind: 'namespace', dirs: [base] };
  }
  const target = inDir(base, rest.replace(/\./g, '/'));
  const found = moduleAt(target, host);
  if (found !== undefined) return { kind: 'file', path: found };
  if (host.dirExists(target)) return { kind: 'namespace', dirs: [target] };
  return { kind: 'unresolved', reason: `no module for ${specifier} (looked for ${target}.py and ${target}/__init__.py)` };
}

function lookupAbsolute(fromFile: string, specifier: string, host: ResolveHost): Lookup {
  if (!DOTTED.test(specifier)) return { kind: 'unresolved', reason: `invalid module name ${specifier}` };
  const roots = sourceRoots(fromFile, host);
  const candidates: string[] = [];
  for (const root of roots) {
    const path = pathUnder(root, specifier);
    if (path === undefined) continue;
    const found = path === '' ? packageInit('', host) : moduleAt(path, host);
    if (found !== undefined) return { kind: 'file', path: found };
    candidates.push(path);
  }
  const top = specifier.split('.')[0];
  if (top !== specifier) {
    // A regular package of that name is in the repo: the submodule is missing (generated,
    // ignored, or a typo), not something to look for on PyPI.
    for (const root of roots) {
      const path = pathUnder(root, top);
      const found = path === undefined ? undefined : path === '' ? packageInit('', host) : moduleAt(path, host);
      if (found !== undefined) return { kind: 'unresolved', reason: `${specifier} not found in package ${top} (${found})` };
    }
  }
  if (isPythonStdlib(specifier)) return { kind: 'builtin', module: specifier };
  const namespaceDirs = candidates.filter((c) => c !== '' && host.dirExists(c));
  if (namespaceDirs.length > 0) return { kind: 'namespace', dirs: namespaceDirs };
  const rest = specifier.slice(top.length + 1);
  return rest ? { kind: 'external', package: top, subpath: rest } : { kind: 'external', package: top };
}

/** Where a dotted name lives under a source root; undefined when the root can't hold it. */
function pathUnder(root: SourceRoot, dotted: string): string | undefined {
  let rel = dotted;
  if (root.strip !== undefined) {
    if (dotted === root.strip) return root.dir;
    if (!dotted.startsWith(`${root.strip}.`)) return undefined;
    rel = dotted.slice(root.strip.length + 1);
  }
  return inDir(root.dir, rel.replace(/\./g, '/'));
}

/**
 * Search order for absolute imports: the root of the importing file's own package tree (or
 * its directory for a loose script, as `python script.py` would), the Python projects
 * (pyproject.toml/setup.py/setup.cfg) it sits in and their `src/`, the workspace root and
 * `src/`, then every other project in the workspace.
 */
function sourceRoots(fromFile: string, host: ResolveHost): SourceRoot[] {
  const roots: SourceRoot[] = [];
  const add = (root: SourceRoot) => {
    if (!roots.some((r) => r.dir === root.dir && r.strip === root.strip)) roots.push(root);
  };
  const fromDir = dirOf(fromFile);
  let top: string | undefined;
  for (let d = fromDir; packageInit(d, host) !== undefined; d = dirOf(d)) {
    top = d;
    if (d === '') break;
  }
  if (top === undefined) add({ dir: fromDir });
  else if (top !== '') add({ dir: dirOf(top) });
  // The workspace root is itself a package (opened at site-packages/django): `django.db` is `db/`.
  if (host.rootPackage && packageInit('', host) !== undefined) add({ dir: '', strip: host.rootPackage });

  const projects = projectDirs(host);
  const own = selfAndAncestors(fromDir).filter((d) => projects.has(d) || host.fileExists(inDir(d, 'setup.py')));
  for (const d of own) {
    add({ dir: d });
    add({ dir: inDir(d, 'src') });
  }
  add({ dir: '' });
  add({ dir: 'src' });
  for (const d of projects) {
    add({ dir: d });
    add({ dir: inDir(d, 'src') });
  }
  return roots;
}

/** Directories holding a Python project file, from the host's config listing (cached per host). */
function projectDirs(host: ResolveHost): ReadonlySet<string> {
  return cachedForHost(host, 'pythonProjectDirs', () => {
    const dirs = PROJECT_FILES.flatMap((name) => host.findConfigFiles?.(name) ?? []).map(dirOf);
    return new Set(dirs.sort());
  });
}

/** `x/__init__.py(i)` or `x.py(i)`: a package wins over a same-named module, as in CPython. */
function moduleAt(path: string, host: ResolveHost): string | undefined {
  for (const candidate of [`${path}/__init__.py`, `${path}/__init__.pyi`, `${path}.py`, `${path}.pyi`]) {
    if (host.fileExists(candidate)) return candidate;
  }
  return undefined;
}

function packageInit(dir: string, host: ResolveHost): string | undefined {
  for (const candidate of [inDir(dir, '__init__.py'), inDir(dir, '__init__.pyi')]) {
    if (host.fileExists(candidate)) return candidate;
  }
  return undefined;
}
