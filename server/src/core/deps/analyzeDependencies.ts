import { isPythonStdlib, nodeBuiltin } from '../resolve/builtins';
import { splitPackageSpecifier } from '../resolve/packageJson';
import { isDevPath } from './devPaths';
import { crateKey } from './manifests/cargoToml';
import { configsMention, binsOf, isImplicitNpm, isPythonTool, scriptsUse } from './nonImportUses';
import { ancestors, commandFor, type ToolingView } from './packageManager';
import { normalizePythonName } from './pep503';
import { importNamesOf, pythonDistributionFor } from './pythonImportNames';
import { goModuleOf } from './rustGoImports';
import { replacementForRemovedStdlib, type PythonVersion } from './pythonVersion';
import type { DependencyReport, Ecosystem, ExternalImport, Manifest, MissingDependency, UnusedDependency } from './types';

// Decides, for every import of something outside the repository, whether the manifest that
// governs the importing file (the nearest one of its ecosystem, or one above it: Node and a
// workspace root resolve upward) declares it; and, for every declared dependency, whether
// anything uses it. Pure over its input, so tests give it data and the CLI and the server give
// it the workspace.

export interface DependencyWorkspace {
  manifests: readonly Manifest[];
  imports: readonly ExternalImport[];
  /** Lockfiles and workspace files present (root-relative). */
  toolFiles: ReadonlySet<string>;
  /** Tool configuration files and their text. */
  configs: readonly { path: string; text: string }[];
  /** Commands an installed npm package provides (node_modules/<pkg>/package.json `bin`), when installed. */
  installedBins?: (pkg: string, dir: string) => readonly string[] | undefined;
  /** Whether an import is guarded (inside try, failure handled): the package is optional. Asked only for imports about to be reported. */
  isOptional?: (imp: ExternalImport) => boolean;
  /** Whether a Python module is a file or package of the project folder itself (`<dir>/<module>.py`, `<dir>/src/<module>/`). */
  localPythonModule?: (dir: string, module: string) => boolean;
  /** Whether an npm package sits in a node_modules folder between the importing file and its manifest. */
  vendored?: (file: string, pkg: string, manifestDir: string) => boolean;
}

/**
 * Python modules no pip install provides: Python 2's standard library (compatibility code
 * imports it under try/except) and typing-only modules that exist for type checkers.
 */
const NEVER_INSTALLED_PYTHON = new Set([
  '__builtin__', 'StringIO', 'cStringIO', 'cPickle', 'urllib2', 'urlparse', 'httplib', 'ConfigParser', 'Queue', 'SocketServer',
  'HTMLParser', 'htmlentitydefs', 'Cookie', 'cookielib', 'xmlrpclib', 'SimpleXMLRPCServer', 'BaseHTTPServer', 'SimpleHTTPServer',
  'CGIHTTPServer', 'commands', 'sets', 'md5', 'sha', 'thread', 'dummy_thread', 'exceptions', 'new', 'UserDict', 'UserList',
  'UserString', 'copy_reg', 'anydbm', 'dbhash', 'whichdb', 'robotparser', 'Tkinter', 'tkMessageBox', 'tkFileDialog', 'ttk',
  'compiler', 'parser', 'symbol', 'formatter', 'imp', 'asynchat', 'asyncore', 'distutils', 'smtpd', 'future_builtins',
  'repr', 'popen2', 'mimetools', 'rfc822', 'mhlib', 'multifile', 'htmllib', 'sgmllib', 'dircache', 'statvfs',
  '_typeshed'
]);

const GO_PATH = /^[A-Za-z0-9][A-Za-z0-9._~+-]*(\/[A-Za-z0-9._~+-]+)*$/;

const NPM_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9_][a-z0-9._~-]*$/i;

interface Identified {
  /** What to install: npm name, PyPI distribution, crate, Go module. */
  pkg: string;
  /** Keys under which a manifest may declare it. */
  keys: string[];
  mapped?: boolean;
  /** Python: top-level module, for matching declared distributions by their import names. */
  module?: string;
}

export function analyzeDependencies(ws: DependencyWorkspace): DependencyReport {
  const byDir = new Map<string, Manifest[]>();
  for (const m of ws.manifests) {
    let list = byDir.get(m.dir);
    if (!list) byDir.set(m.dir, (list = []));
    list.push(m);
  }
  const view: ToolingView = {
    exists: (p) => ws.toolFiles.has(p) || ws.manifests.some((m) => m.path === p),
    manifestsIn: (d) => byDir.get(d) ?? [],
  };
  const chainCache = new Map<string, Manifest[]>();
  const chainFor = (dir: string, eco: Ecosystem): Manifest[] => {
    const key = `${eco}\0${dir}`;
    let c = chainCache.get(key);
    if (!c) chainCache.set(key, (c = ancestors(dir).flatMap((d) => (byDir.get(d) ?? []).filter((m) => m.ecosystem === eco))));
    return c;
  };
  const own = ownNames(ws.manifests);

  const missing = new Map<string, MissingDependency & { prodUse: boolean }>();
  const optional = new Map<string, MissingDependency & { prodUse: boolean }>();
  const used = new Map<Manifest, Set<string>>();
  const use = (m: Manifest, key: string) => {
    let s = used.get(m);
    if (!s) used.set(m, (s = new Set()));
    s.add(key);
  };

  for (const imp of ws.imports) {
    const dir = imp.file.includes('/') ? imp.file.slice(0, imp.file.lastIndexOf('/')) : '';
    const chain = chainFor(dir, imp.ecosystem);
    if (chain.length === 0) continue;
    let id = identify(imp, own, chain.find((m) => m.pythonVersion)?.pythonVersion);
    if (!id) continue;
    if (imp.ecosystem === 'npm') {
      // The `browser` field replaces the module in bundles: by a file (nothing to install) or by
      // another package. `false` only empties it for browsers; Node code still needs it.
      const alias = chain.map((m) => m.aliases?.[id!.pkg]).find((a) => typeof a === 'string');
      if (typeof alias === 'string') {
        id = identify({ ...imp, specifier: alias }, own);
        if (!id) continue;
      }
    }
    const found = id;
    for (const m of chain) for (const k of found.keys) use(m, k);
    if (found.module) for (const m of chain) use(m, `module:${found.module}`);
    if (chain.some((m) => declares(m, found, imp))) continue;
    // A manifest that could not be read may well declare it: say nothing rather than guess.
    if (chain.some((m) => m.problem)) continue;
    if (imp.ecosystem === 'npm' && ws.vendored?.(imp.file, id.pkg, chain[0].dir)) continue;
    // The folder holding the Python manifest is on sys.path when the project runs.
    if (imp.ecosystem === 'pypi' && found.module && chain.some((m) => ws.localPythonModule?.(m.dir, found.module!))) continue;
    // Guarded imports (inside try, failure handled) go to their own list: the code runs without them.
    const into = ws.isOptional?.(imp) ? optional : missing;
    const target = chain[0].dir;
    const key = `${imp.ecosystem}\0${target}\0${id.pkg}`;
    const dev = isDevPath(imp.file) || imp.typeOnly === true;
    let entry = into.get(key);
    if (!entry) {
      entry = { package: id.pkg, ecosystem: imp.ecosystem, dev, imports: [], install: commandFor(imp.ecosystem, id.pkg, dev, target, view), prodUse: !dev };
      if (id.mapped) entry.mapped = true;
      into.set(key, entry);
    }
    entry.imports.push({ file: imp.file, specifier: imp.specifier, range: imp.range });
    if (!dev && !entry.prodUse) {
      entry.prodUse = true;
      entry.dev = false;
      entry.install = commandFor(imp.ecosystem, id.pkg, false, target, view);
    }
  }

  const unused: UnusedDependency[] = [];
  for (const m of ws.manifests) {
    if (m.problem) continue;
    const keys = used.get(m) ?? new Set<string>();
    const configs = ws.configs.filter((c) => under(c.path, m.dir)).map((c) => c.text);
    if (m.configText) configs.push(m.configText);
    const scripts = ancestors(m.dir).flatMap((d) => (byDir.get(d) ?? []).flatMap((x) => x.scripts ?? []));
    for (const d of m.dependencies) {
      if (d.group === 'peer' || d.group === 'optional') continue;
      // Workspace packages are linked, and the graph resolved their imports to files.
      if (m.ecosystem === 'npm' && own.npm.has(d.key)) continue;
      if (isUsed(m, d.key, d.name, keys, configs, scripts, ws)) continue;
      const u: UnusedDependency = { package: d.name, manifest: m.path, group: d.group };
      if (d.line !== undefined) u.line = d.line;
      unused.push(u);
    }
  }

  // A package also imported without a guard is simply missing.
  for (const key of missing.keys()) optional.delete(key);
  unused.sort((a, b) => cmp(a.manifest, b.manifest) || cmp(a.package, b.package));
  return {
    missing: finish(missing),
    optional: finish(optional),
    unused,
    problems: ws.manifests.flatMap((m) => (m.problem ? [m.problem] : [])),
    manifests: ws.manifests.map((m) => m.path),
  };
}

function finish(entries: Map<string, MissingDependency & { prodUse: boolean }>): MissingDependency[] {
  const list = [...entries.values()].map(({ prodUse: _p, ...rest }) => rest);
  for (const e of list) e.imports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range[0] - b.range[0]));
  return list.sort((a, b) => cmp(a.install.manifest, b.install.manifest) || cmp(a.package, b.package));
}

function ownNames(manifests: readonly Manifest[]): Record<Ecosystem, Set<string>> {
  const out: Record<Ecosystem, Set<string>> = { npm: new Set(), pypi: new Set(), cargo: new Set(), go: new Set() };
  for (const m of manifests) {
    if (!m.ownName) continue;
    if (m.ecosystem === 'pypi') out.pypi.add(normalizePythonName(m.ownName));
    else if (m.ecosystem === 'cargo') out.cargo.add(crateKey(m.ownName));
    else out[m.ecosystem].add(m.ownName);
  }
  return out;
}

/** What an import needs installed, or undefined when it needs nothing (built-in, in-repo, not a package name). */
export function identify(imp: ExternalImport, own: Record<Ecosystem, Set<string>>, python?: PythonVersion): Identified | undefined {
  const spec = imp.specifier;
  switch (imp.ecosystem) {
    case 'npm': {
      if (/^[./#~]/.test(spec) || spec.includes(':') || nodeBuiltin(spec)) return undefined;
      const name = splitPackageSpecifier(spec)?.name;
      if (!name || !NPM_NAME.test(name) || own.npm.has(name)) return undefined;
      return { pkg: name, keys: [name] };
    }
    case 'pypi': {
      // `import distutils` in a project for Python ≥ 3.12 needs setuptools.
      const replacement = replacementForRemovedStdlib(spec.split('.')[0], python);
      if (replacement) return { pkg: replacement, keys: [normalizePythonName(replacement)], mapped: true };
      if (!/^[A-Za-z_][\w.]*$/.test(spec) || isPythonStdlib(spec) || NEVER_INSTALLED_PYTHON.has(spec.split('.')[0])) return undefined;
      const module = spec.split('.')[0];
      if (own.pypi.has(normalizePythonName(module))) return undefined;
      const { distribution, mapped } = pythonDistributionFor(spec);
      return { pkg: distribution, keys: [normalizePythonName(distribution)], mapped, module };
    }
    case 'cargo': {
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(spec) || own.cargo.has(crateKey(spec))) return undefined;
      return { pkg: spec.replace(/_/g, '-'), keys: [crateKey(spec)] };
    }
    case 'go': {
      // The name ends up in a shell command: only what a Go import path may hold.
      if (!GO_PATH.test(spec)) return undefined;
      for (const o of own.go) if (spec === o || spec.startsWith(`${o}/`)) return undefined;
      return { pkg: goModuleOf(spec), keys: [spec] };
    }
  }
}

function declares(m: Manifest, id: Identified, imp: ExternalImport): boolean {
  switch (m.ecosystem) {
    case 'npm': {
      const types = `@types/${id.pkg.startsWith('@') ? id.pkg.slice(1).replace('/', '__') : id.pkg}`;
      return m.provides?.includes(id.pkg) === true || m.dependencies.some((d) => d.key === id.pkg || (imp.typeOnly === true && d.key === types));
    }
    case 'pypi': {
      const want = id.keys[0];
      return m.dependencies.some(
        (d) =>
          d.key === want ||
          // opencv-python-headless, tensorflow-cpu: variants of the distribution the table names.
          d.key.startsWith(`${want}-`) ||
          (id.module !== undefined && importNamesOf(d.key, normalizePythonName).includes(id.module)),
      );
    }
    case 'cargo':
      return m.dependencies.some((d) => d.key === id.keys[0]);
    case 'go':
      return m.dependencies.some((d) => id.keys[0] === d.key || id.keys[0].startsWith(`${d.key}/`));
  }
}

function isUsed(m: Manifest, key: string, name: string, keys: Set<string>, configs: string[], scripts: string[], ws: DependencyWorkspace): boolean {
  if (keys.has(key)) return true;
  switch (m.ecosystem) {
    case 'npm': {
      if (isImplicitNpm(name)) return true;
      if (scriptsUse(scripts, binsOf(name, ws.installedBins?.(name, m.dir)))) return true;
      return configsMention(configs, name);
    }
    case 'pypi': {
      if (isPythonTool(key)) return true;
      for (const module of importNamesOf(key, normalizePythonName)) if (keys.has(`module:${module}`)) return true;
      for (const k of keys) if (!k.startsWith('module:') && key.startsWith(`${k}-`)) return true;
      return configsMention(configs, name);
    }
    case 'cargo':
      return false;
    case 'go':
      for (const k of keys) if (k === key || k.startsWith(`${key}/`)) return true;
      return false;
  }
}

function under(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
