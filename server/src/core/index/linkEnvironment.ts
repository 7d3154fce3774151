import { basename } from 'node:path';
import { languageForPath } from '../languages/registry';
import type { ResolverFamily } from '../languages/languageModule';
import type { LinkContext, SymbolRef } from '../link/linkContext';
import type { FileFacts, ImportFact } from '../model';
import { createFsResolveHost, type ConfigFingerprint, type FsResolveHost, type Resolution, type ResolveHost } from '../resolve/resolveHost';
import { resolveJsImport } from '../resolve/jsResolver';
import { resolvePythonImport } from '../resolve/pythonResolver';
import { emptyDeps, type LinkDeps } from './dependencyIndex';

// The workspace as the linker sees it, with every question recorded. Module resolutions are
// cached per (directory, specifier) together with the probes they made, so a cached answer
// still registers the same dependencies as a fresh one.

const CONFIG_FILES = new Set(['package.json', 'tsconfig.json', 'jsconfig.json', 'pnpm-workspace.yaml', 'pyproject.toml', 'setup.py', 'setup.cfg']);

export function isConfigFile(path: string): boolean {
  const name = basename(path);
  return CONFIG_FILES.has(name) || /^tsconfig\..*\.json$/.test(name);
}

const GUESS_KINDS = new Set(['function', 'method', 'constructor', 'class', 'getter', 'setter']);

interface CachedResolution {
  res: Resolution;
  /** Dependency key standing for all the paths this resolution probed. */
  group: string;
}

export class LinkEnvironment {
  private readonly files = new Set<string>();
  /** Guessable symbols by name, per language family (a guess never crosses languages). */
  private readonly names = new Map<string, Map<string, SymbolRef[]>>();
  /**
   * True after deferNames until the names are indexed: a warm start links nothing, so it
   * leaves them to the first link or to an idle moment of a long-lived host (~50k entries on
   * a 500k-line workspace).
   */
  private namesDeferred = false;
  private resolutions = new Map<string, CachedResolution>();
  /**
   * The same answers by import fact: the linker asks again for every call through an import,
   * and building the string key each time cost more than resolving did. `generation` follows
   * `resolutions`: an answer from before the last invalidation is not used.
   */
  private readonly byImport = new WeakMap<ImportFact, { from: string; generation: number; c: CachedResolution }>();
  private generation = 0;
  private packages = new Map<string, { pkg: { dir: string; name: string } | undefined; group: string }>();
  /**
   * Probe groups: a resolution is shared by every file of a directory, so files depend on the
   * resolution (one key) and the resolution on its probes. This keeps the dependency index
   * proportional to imports, not to the dozens of paths each import probes. Groups only grow:
   * a file not re-linked after a change still depends on every path its answer ever probed.
   */
  private readonly groupsByProbe = new Map<string, Set<string>>();
  /**
   * Groups made since probesFor last ran, not yet in groupsByProbe: a build resolves thousands
   * of imports and asks probesFor nothing, so it leaves the indexing to the first change.
   */
  private pendingGroups: [group: string, probes: Iterable<string>][] = [];
  /**
   * False after links were restored from a snapshot: the groups are then rebuilt the first
   * time they matter, when a file appears or disappears (a file that stays keeps every
   * resolution's answer, so its edits never need them).
   */
  private groupsComplete = true;
  /**
   * The fingerprint restored links were made under. Those links read configuration this
   * session's host never read, so it stays part of the fingerprint until a configuration
   * change re-links everything — else re-saving a restored index would forget it.
   */
  private inherited: ConfigFingerprint | undefined;
  private host!: ResolveHost;
  private inner!: FsResolveHost;
  private sink: Set<string> | undefined;

  constructor(
    private readonly root: string,
    private readonly entries: ReadonlyMap<string, { facts: FileFacts }>,
  ) {
    this.newHost();
  }

  private newHost(): void {
    this.inherited = undefined;
    const inner = createFsResolveHost(this.root, this.files, (probe) => this.sink?.add(probe));
    this.inner = inner;
    // A stable wrapper object: the resolvers cache config-derived facts per host object.
    this.host = {
      fileExists: (p) => inner.fileExists(p),
      dirExists: (p) => inner.dirExists(p),
      readJson: (p) => inner.readJson(p),
      findConfigFiles: (name) => inner.findConfigFiles?.(name) ?? [],
      rootPackage: inner.rootPackage,
    };
  }

  reset(): void {
    this.files.clear();
    this.names.clear();
    this.namesDeferred = false;
    this.groupsByProbe.clear();
    this.pendingGroups = [];
    this.groupsComplete = true;
    this.invalidate(true);
  }

  /** The configuration the current links were made under. */
  fingerprint(): ConfigFingerprint {
    const own = this.inner.fingerprint();
    return this.inherited ? mergeFingerprints(this.inherited, own) : own;
  }

  /** Links were put back from a snapshot (made under `fingerprint`) without resolving anything. */
  restoredLinks(fingerprint: ConfigFingerprint): void {
    this.groupsComplete = false;
    this.inherited = fingerprint;
  }

  /**
   * Makes `probesFor` complete again by resolving what the restored links resolved: every
   * file's imports and its enclosing package, over the file set the links were made with.
   */
  ensureGroups(): void {
    if (this.groupsComplete) return;
    this.groupsComplete = true;
    for (const [path, entry] of this.entries) {
      if (!this.files.has(path)) continue;
      for (const imp of entry.facts.imports) this.resolve(path, imp);
      this.packageOf(path);
    }
  }

  /** Forget cached resolutions; with `configs`, re-read tsconfig/package.json too. */
  invalidate(configs: boolean): void {
    this.resolutions = new Map();
    this.generation++;
    this.packages = new Map();
    if (configs) this.newHost();
    else this.inner.filesChanged();
  }

  /** Files added from now on have their names indexed only when names are first needed (or by indexNames). */
  deferNames(): void {
    this.namesDeferred = true;
    this.names.clear();
  }

  /** Index the names deferNames left out, from the files' current facts. */
  indexNames(): void {
    if (!this.namesDeferred) return;
    this.namesDeferred = false;
    for (const [path, e] of this.entries) if (this.files.has(path)) this.addNames(path, e.facts);
  }

  addNames(path: string, facts: FileFacts): void {
    this.files.add(path);
    if (this.namesDeferred) return;
    const names = this.namesOf(path);
    for (const s of facts.symbols) {
      if (!GUESS_KINDS.has(s.kind)) continue;
      let list = names.get(s.name);
      if (!list) names.set(s.name, (list = []));
      list.push({ path, qname: s.qname });
    }
  }

  removeNames(path: string, facts: FileFacts): void {
    this.files.delete(path);
    if (this.namesDeferred) return;
    const names = this.namesOf(path);
    for (const s of facts.symbols) {
      const list = names.get(s.name);
      if (!list) continue;
      const i = list.findIndex((r) => r.path === path && r.qname === s.qname);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) names.delete(s.name);
    }
  }

  /** The guessable names of `path`'s language family. */
  private namesOf(path: string): Map<string, SymbolRef[]> {
    this.indexNames();
    const family = familyOf(path) ?? '';
    let names = this.names.get(family);
    if (!names) this.names.set(family, (names = new Map()));
    return names;
  }

  /**
   * A file's new version: only the guessable names that differ are taken out and put in (as a
   * multiset, so the lists hold exactly what removeNames + addNames would leave).
   */
  replaceNames(path: string, before: FileFacts, after: FileFacts): void {
    // Deferred names will be read from the facts as they are then.
    if (this.namesDeferred) return;
    const count = (facts: FileFacts) => {
      const m = new Map<string, { name: string; qname: string; n: number }>();
      for (const s of facts.symbols) {
        if (!GUESS_KINDS.has(s.kind)) continue;
        const k = `${s.name}\0${s.qname}`;
        const e = m.get(k);
        if (e) e.n++;
        else m.set(k, { name: s.name, qname: s.qname, n: 1 });
      }
      return m;
    };
    const was = count(before);
    const now = count(after);
    const names = this.namesOf(path);
    for (const [k, s] of was) {
      let extra = s.n - (now.get(k)?.n ?? 0);
      const list = extra > 0 ? names.get(s.name) : undefined;
      if (!list) continue;
      for (let i = list.length - 1; i >= 0 && extra > 0; i--) {
        if (list[i].path === path && list[i].qname === s.qname) {
          list.splice(i, 1);
          extra--;
        }
      }
      if (list.length === 0) names.delete(s.name);
    }
    for (const [k, s] of now) {
      const missing = s.n - (was.get(k)?.n ?? 0);
      if (missing <= 0) continue;
      let list = names.get(s.name);
      if (!list) names.set(s.name, (list = []));
      for (let i = 0; i < missing; i++) list.push({ path, qname: s.qname });
    }
  }

  /**
   * Names whose set of guessable symbols differs between two versions of `path`, as the keys
   * links record them under (the name within the file's language family).
   */
  changedNames(path: string, before: FileFacts | undefined, after: FileFacts | undefined): Set<string> {
    const key = (f: FileFacts | undefined) => new Set((f?.symbols ?? []).filter((s) => GUESS_KINDS.has(s.kind)).map((s) => `${s.name}\0${s.qname}\0${s.kind}`));
    const a = key(before);
    const b = key(after);
    const family = familyKey(path);
    const out = new Set<string>();
    for (const k of a) if (!b.has(k)) out.add(family + k.slice(0, k.indexOf('\0')));
    for (const k of b) if (!a.has(k)) out.add(family + k.slice(0, k.indexOf('\0')));
    return out;
  }

  /** Probe keys a file's appearance or disappearance answers differently. */
  probesFor(path: string): string[] {
    const probes = [path];
    let dir = path;
    for (let i = dir.lastIndexOf('/'); i > 0; i = dir.lastIndexOf('/')) {
      dir = dir.slice(0, i);
      probes.push(`dir:${dir}`);
    }
    probes.push('dir:', 'dir:.');
    this.indexPendingGroups();
    const out = [...probes];
    for (const p of probes) for (const g of this.groupsByProbe.get(p) ?? []) out.push(g);
    return out;
  }

  private registerGroup(group: string, probes: Iterable<string>): void {
    this.pendingGroups.push([group, probes]);
  }

  private indexPendingGroups(): void {
    for (const [group, probes] of this.pendingGroups) {
      for (const p of probes) {
        let set = this.groupsByProbe.get(p);
        if (!set) this.groupsByProbe.set(p, (set = new Set()));
        set.add(group);
      }
    }
    this.pendingGroups = [];
  }

  contextFor(path: string): { ctx: LinkContext; deps: LinkDeps } {
    const deps = emptyDeps();
    const family = familyKey(path);
    const names = this.namesOf(path);
    const ctx: LinkContext = {
      facts: (p) => {
        if (p !== path) deps.files.add(p);
        return this.entries.get(p)?.facts;
      },
      family: (p) => familyOf(p),
      resolveImport: (from, imp) => {
        const c = this.resolve(from, imp);
        deps.probes.add(c.group);
        return c.res;
      },
      resolvePythonSubmodule: (_from, packageFile, name) => {
        const dir = packageFile.slice(0, packageFile.lastIndexOf('/') + 1);
        // A package shadows a same-named module, as in CPython.
        for (const candidate of [`${dir}${name}/__init__.py`, `${dir}${name}/__init__.pyi`, `${dir}${name}.py`, `${dir}${name}.pyi`]) {
          deps.probes.add(candidate);
          if (this.files.has(candidate)) return candidate;
        }
        return undefined;
      },
      // A guess stays within the caller's language: Python code never calls a JavaScript
      // function by name (django vendors select2 and XRegExp, whose `split` and `extend` were
      // guessed as targets of Python calls).
      symbolsNamed: (name) => {
        deps.names.add(family + name);
        return names.get(name) ?? [];
      },
      packageOf: (p) => {
        const c = this.packageOf(p);
        deps.probes.add(c.group);
        return c.pkg;
      },
    };
    return { ctx, deps };
  }

  private resolve(from: string, imp: ImportFact): CachedResolution {
    const known = this.byImport.get(imp);
    if (known && known.from === from && known.generation === this.generation) return known.c;
    const c = this.resolveByKey(from, imp);
    this.byImport.set(imp, { from, generation: this.generation, c });
    return c;
  }

  private resolveByKey(from: string, imp: ImportFact): CachedResolution {
    const family = familyOf(from);
    const dir = from.slice(0, from.lastIndexOf('/') + 1);
    // tsc maps `./x.js` to x.ts for TypeScript importers; Node keeps x.js for JavaScript ones.
    const ts = /\.[cm]?tsx?$/.test(from) ? 'ts' : '';
    const key = `${family}\0${ts}\0${dir}\0${imp.specifier}`;
    let c = this.resolutions.get(key);
    if (!c) {
      const probes = new Set<string>();
      this.sink = probes;
      try {
        const res =
          family === 'python' ? resolvePythonImport(from, imp.specifier, this.host) : family === 'js' ? resolveJsImport(from, imp.specifier, this.host) : ({ kind: 'unresolved', reason: 'no resolver' } as Resolution);
        c = { res, group: `g:${key}` };
      } catch (e) {
        c = { res: { kind: 'unresolved', reason: (e as Error).message }, group: `g:${key}` };
      } finally {
        this.sink = undefined;
      }
      this.registerGroup(c.group, probes);
      this.resolutions.set(key, c);
    }
    return c;
  }

  /** Nearest enclosing package: a Python package directory or an npm package with a name. */
  private packageOf(path: string): { pkg: { dir: string; name: string } | undefined; group: string } {
    const python = familyOf(path) === 'python';
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const key = `${python ? 'py' : 'js'}\0${dir}`;
    let c = this.packages.get(key);
    if (c) return c;
    const probes: string[] = [];
    let pkg: { dir: string; name: string } | undefined;
    if (python) {
      const parts: string[] = [];
      let top: string | undefined;
      for (let d = dir; d !== ''; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
        const init = `${d}/__init__.py`;
        probes.push(init, `${d}/__init__.pyi`);
        if (!this.files.has(init) && !this.files.has(`${d}/__init__.pyi`)) break;
        top ??= d;
        parts.unshift(d.slice(d.lastIndexOf('/') + 1));
      }
      if (top !== undefined) pkg = { dir: top, name: parts.join('.') };
    } else {
      for (let d = dir; ; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
        const json = this.host.readJson(d === '' ? 'package.json' : `${d}/package.json`);
        const name = json && typeof json === 'object' ? (json as { name?: unknown }).name : undefined;
        if (typeof name === 'string' && name) {
          pkg = { dir: d, name };
          break;
        }
        if (d === '') break;
      }
    }
    c = { pkg, group: `p:${key}` };
    this.registerGroup(c.group, probes);
    this.packages.set(key, c);
    return c;
  }
}

const families = new Map<string, ResolverFamily | undefined>();

/** Asked for on nearly every resolution step; the answer per path never changes. */
function familyOf(path: string): ResolverFamily | undefined {
  let f = families.get(path);
  if (f === undefined && !families.has(path)) {
    f = languageForPath(path)?.family;
    if (families.size > 200_000) families.clear();
    families.set(path, f);
  }
  return f;
}

/** The prefix of a name-table key: names are looked up within a language family. */
function familyKey(path: string): string {
  return `${familyOf(path) ?? ''}\0`;
}

/** Both fingerprints' reads and listings; where both have one, the newer (`b`) wins. */
function mergeFingerprints(a: ConfigFingerprint, b: ConfigFingerprint): ConfigFingerprint {
  const byPath = (x: [string, unknown], y: [string, unknown]) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  const reads = new Map(a.reads);
  for (const [path, hash] of b.reads) reads.set(path, hash);
  const listings = new Map(a.listings);
  for (const [name, paths] of b.listings) listings.set(name, paths);
  return { reads: [...reads].sort(byPath), listings: [...listings].sort(byPath), rootPackage: b.rootPackage };
}
