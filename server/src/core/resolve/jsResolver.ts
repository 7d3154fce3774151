import { nodeBuiltin } from './builtins';
import { isRecord } from './hostCache';
import { ENTRY_FIELDS, readPackageJson, splitPackageSpecifier, subpathTargets, workspacePackages } from './packageJson';
import { dirOf, inDir, joinRel, selfAndAncestors } from './relPath';
import type { Resolution, ResolveHost } from './resolveHost';
import { pathCandidates, pathMappingFor } from './tsconfig';

// JavaScript/TypeScript module resolution over the indexed file set, following what tsc,
// Node and bundlers agree on: relative paths with extension probing and index files,
// tsconfig paths/baseUrl, in-repo workspace packages through `exports`, Node built-ins,
// and everything else is an npm package.

/** Extensions probed after a path without one, in tsc's order of preference. */
export const JS_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** TS ESM style: `./x.js` in source means `./x.ts` before compilation. */
const TS_SOURCE_FOR: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.d.ts'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts', '.d.mts'],
  '.cjs': ['.cts', '.d.cts'],
};

/** Build output extensions stripped when mapping an output file back to its source. */
const OUTPUT_EXTENSION = /(\.d\.[mc]?ts|\.[mc]?js|\.jsx)$/;

const TS_IMPORTER = /\.(ts|tsx|mts|cts)$/;

export function resolveJsImport(fromFile: string, specifier: string, host: ResolveHost): Resolution {
  try {
    return resolve(fromFile, specifier, host);
  } catch (e) {
    // A resolver bug must not take the indexer down with it.
    return { kind: 'unresolved', reason: `resolver error: ${(e as Error).message}` };
  }
}

function resolve(fromFile: string, specifier: string, host: ResolveHost): Resolution {
  const r = new Probe(host, TS_IMPORTER.test(fromFile));
  if (specifier === '') return { kind: 'unresolved', reason: 'empty specifier' };
  if (isRelative(specifier)) return resolveRelative(fromFile, specifier, r);
  if (specifier.startsWith('/')) return { kind: 'unresolved', reason: `absolute path ${specifier}` };
  if (specifier.startsWith('node:')) {
    const builtin = nodeBuiltin(specifier);
    return builtin ? { kind: 'builtin', module: builtin } : { kind: 'unresolved', reason: `invalid built-in ${specifier}` };
  }
  if (specifier.startsWith('#')) return resolvePackageImport(fromFile, specifier, r);
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return { kind: 'unresolved', reason: `unsupported URL or protocol specifier ${specifier}` };
  return resolveBare(fromFile, specifier, r);
}

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

function resolveRelative(fromFile: string, specifier: string, r: Probe): Resolution {
  // Bundler query suffixes (`./worker?worker`) are not part of the path.
  const bare = specifier.includes('?') ? specifier.slice(0, specifier.indexOf('?')) : specifier;
  const target = joinRel(dirOf(fromFile), bare);
  if (target === undefined) return { kind: 'unresolved', reason: `${specifier} points outside the workspace` };
  // `.`, `..` and a trailing slash name a directory, never a file.
  const dirOnly = bare === '.' || bare === '..' || bare.endsWith('/') || bare.endsWith('/.') || bare.endsWith('/..');
  const found = (dirOnly ? undefined : r.file(target)) ?? r.directory(target);
  return found !== undefined ? file(found) : { kind: 'unresolved', reason: `no indexed file for ${specifier}` };
}

function resolveBare(fromFile: string, specifier: string, r: Probe): Resolution {
  const mapping = pathMappingFor(fromFile, r.host);
  if (mapping) {
    for (const candidate of pathCandidates(mapping, specifier)) {
      const found = r.fileOrDirectory(candidate);
      if (found !== undefined) return file(found);
    }
    if (mapping.baseUrl !== undefined) {
      const candidate = joinRel(mapping.baseUrl, specifier);
      const found = candidate === undefined ? undefined : r.fileOrDirectory(candidate);
      if (found !== undefined) return file(found);
    }
  }
  const split = splitPackageSpecifier(specifier);
  if (!split) return { kind: 'unresolved', reason: `invalid package specifier ${specifier}` };
  const pkgDir = workspacePackages(r.host).get(split.name);
  if (pkgDir !== undefined) {
    const found = resolveInPackage(pkgDir, split.subpath, r);
    return found !== undefined ? file(found) : { kind: 'unresolved', reason: `workspace package ${split.name} (${pkgDir || '.'}) has no file for ${specifier}` };
  }
  const builtin = nodeBuiltin(specifier);
  if (builtin) return { kind: 'builtin', module: builtin };
  return split.subpath ? { kind: 'external', package: split.name, subpath: split.subpath } : { kind: 'external', package: split.name };
}

/** A file of an in-repo package: `exports` first, then entry fields/index, then the path itself. */
function resolveInPackage(pkgDir: string, subpath: string, r: Probe): string | undefined {
  const pkg = readPackageJson(r.host, pkgDir);
  const targets = pkg && 'exports' in pkg ? subpathTargets(pkg.exports, subpath === '' ? '.' : `./${subpath}`) : undefined;
  // `"./internal/*": null` hides a subpath on purpose.
  if (targets === null) return undefined;
  for (const t of targets ?? []) {
    const p = joinRel(pkgDir, t);
    if (p === undefined || !t.startsWith('./')) continue;
    const found = r.fileOrDirectory(p) ?? r.sourceForOutput(pkgDir, p);
    if (found !== undefined) return found;
  }
  // Not exported (or the targets aren't indexed): be lenient and look where the path points.
  if (subpath === '') return r.directory(pkgDir);
  const p = joinRel(pkgDir, subpath);
  if (p === undefined) return undefined;
  return r.fileOrDirectory(p) ?? r.sourceForOutput(pkgDir, p);
}

/** `#internal/x` through the `imports` field of the nearest package.json that has one. */
function resolvePackageImport(fromFile: string, specifier: string, r: Probe): Resolution {
  for (const dir of selfAndAncestors(dirOf(fromFile))) {
    const pkg = readPackageJson(r.host, dir);
    if (!pkg || !isRecord(pkg.imports)) continue;
    const targets = subpathTargets(pkg.imports, specifier) ?? [];
    for (const t of targets) {
      if (t.startsWith('./')) {
        const p = joinRel(dir, t);
        const found = p === undefined ? undefined : (r.fileOrDirectory(p) ?? r.sourceForOutput(dir, p));
        if (found !== undefined) return file(found);
      } else if (!t.startsWith('#') && !t.startsWith('/') && !isRelative(t)) {
        // Targets may name another package: "#dep": "some-package".
        return resolveBare(fromFile, t, r);
      }
    }
    return { kind: 'unresolved', reason: `${specifier} is not mapped by ${inDir(dir, 'package.json')} imports` };
  }
  return { kind: 'unresolved', reason: `no package.json imports field maps ${specifier}` };
}

function file(path: string): Resolution {
  return { kind: 'file', path };
}

/** Probing helpers bound to one resolution: the host and whether the importer is TypeScript. */
class Probe {
  constructor(
    readonly host: ResolveHost,
    private readonly preferTsSource: boolean,
  ) {}

  /** The path as a file: exact, TS source for a JS extension, then with each extension appended. */
  file(path: string): string | undefined {
    if (path === '') return undefined;
    const ext = /\.(js|jsx|mjs|cjs)$/.exec(path)?.[0];
    const sources = ext ? TS_SOURCE_FOR[ext].map((e) => path.slice(0, -ext.length) + e) : [];
    // tsc (TS importers) prefers `x.ts` over a compiled `x.js` next to it; Node (JS importers) takes the file named.
    const ordered = this.preferTsSource ? [...sources, path] : [path, ...sources];
    for (const candidate of ordered) if (this.host.fileExists(candidate)) return candidate;
    for (const e of JS_EXTENSIONS) if (this.host.fileExists(path + e)) return path + e;
    return undefined;
  }

  /** The path as a directory: package.json entry fields, then `index`, then output→source mapping. */
  directory(dir: string): string | undefined {
    const pkg = readPackageJson(this.host, dir);
    const entries: string[] = [];
    for (const field of ENTRY_FIELDS) {
      const value = pkg?.[field];
      if (typeof value !== 'string' || value === '') continue;
      const p = joinRel(dir, value);
      if (p === undefined || p === dir || entries.includes(p)) continue;
      entries.push(p);
      const found = this.file(p) ?? this.index(p);
      if (found !== undefined) return found;
    }
    const index = this.index(dir);
    if (index !== undefined) return index;
    for (const p of entries) {
      const found = this.sourceForOutput(dir, p);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  fileOrDirectory(path: string): string | undefined {
    return this.file(path) ?? this.directory(path);
  }

  private index(dir: string): string | undefined {
    for (const e of JS_EXTENSIONS) {
      const p = inDir(dir, `index${e}`);
      if (this.host.fileExists(p)) return p;
    }
    return undefined;
  }

  /**
   * A build output that isn't indexed (`dist/index.js`, `lib/esm/x.d.ts`) mapped to the source
   * it was compiled from under the package's `src/`: leading output directories are dropped
   * one at a time and the output extension replaced by source extensions.
   */
  sourceForOutput(pkgDir: string, output: string): string | undefined {
    const prefix = pkgDir === '' ? '' : `${pkgDir}/`;
    if (!output.startsWith(prefix)) return undefined;
    const segments = output.slice(prefix.length).replace(OUTPUT_EXTENSION, '').split('/');
    if (segments[0] === 'src' || segments.some((s) => s === '')) return undefined;
    const candidates: string[] = [];
    const add = (rel: string) => {
      const p = prefix + rel;
      if (!candidates.includes(p)) candidates.push(p);
    };
    if (segments.length === 1) add(`src/${segments[0]}`);
    for (let k = 1; k < segments.length; k++) {
      const rest = segments.slice(k).join('/');
      if (rest.startsWith('src/')) add(rest);
      add(`src/${rest}`);
    }
    for (const c of candidates) {
      const found = this.file(c) ?? this.index(c);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}
