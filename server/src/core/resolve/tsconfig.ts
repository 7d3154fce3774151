import { cachedForHost, isRecord } from './hostCache';
import { splitPackageSpecifier, workspacePackages } from './packageJson';
import { dirOf, inDir, joinRel, selfAndAncestors } from './relPath';
import type { ResolveHost } from './resolveHost';

// The part of tsconfig.json / jsconfig.json that changes module resolution: baseUrl and
// paths, gathered through `extends` chains the way tsc merges them (a later/own value
// replaces an inherited one; each value stays relative to the config that wrote it).

export interface PathMapping {
  /** The config file that applies (the nearest one above the importing file). */
  configPath: string;
  /** compilerOptions.baseUrl as a root-relative directory. */
  baseUrl?: string;
  /** compilerOptions.paths, when any config in the chain sets it. */
  paths?: ReadonlyMap<string, readonly string[]>;
  /** What `paths` targets are relative to: baseUrl when set, else the directory of the config that defines paths. */
  pathsBase: string;
}

interface Options {
  baseUrl?: string;
  paths?: { map: ReadonlyMap<string, readonly string[]>; dir: string };
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'] as const;

/** The mapping of the nearest tsconfig.json/jsconfig.json above a file; undefined without one. */
export function pathMappingFor(fromFile: string, host: ResolveHost): PathMapping | undefined {
  const byDir = cachedForHost(host, 'tsconfigByDir', () => new Map<string, PathMapping | null>());
  const walked: string[] = [];
  let found: PathMapping | null = null;
  for (const dir of selfAndAncestors(dirOf(fromFile))) {
    const cached = byDir.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    walked.push(dir);
    const configPath = CONFIG_NAMES.map((n) => inDir(dir, n)).find((p) => isRecord(host.readJson(p)));
    if (configPath) {
      found = mappingOf(configPath, host);
      break;
    }
  }
  for (const dir of walked) byDir.set(dir, found);
  return found ?? undefined;
}

function mappingOf(configPath: string, host: ResolveHost): PathMapping {
  let options = loadOptions(configPath, host, new Set());
  // A solution-style config (`files: []` + `references`) leaves the real options to the
  // referenced projects; borrow the first one that maps paths.
  if (!options.baseUrl && !options.paths) {
    for (const ref of referencedConfigs(configPath, host)) {
      const refOptions = loadOptions(ref, host, new Set());
      if (refOptions.baseUrl || refOptions.paths) {
        options = refOptions;
        break;
      }
    }
  }
  return {
    configPath,
    baseUrl: options.baseUrl,
    paths: options.paths?.map,
    pathsBase: options.baseUrl ?? options.paths?.dir ?? dirOf(configPath),
  };
}

function loadOptions(configPath: string, host: ResolveHost, seen: Set<string>): Options {
  const config = host.readJson(configPath);
  if (!isRecord(config) || seen.has(configPath)) return {};
  seen.add(configPath);
  const dir = dirOf(configPath);
  let merged: Options = {};
  const ext = config.extends;
  for (const spec of typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext : []) {
    if (typeof spec !== 'string') continue;
    const base = extendedConfigPath(dir, spec, host);
    if (base) merged = { ...merged, ...definedOnly(loadOptions(base, host, seen)) };
  }
  const co = config.compilerOptions;
  if (isRecord(co)) {
    if (typeof co.baseUrl === 'string') {
      const baseUrl = joinRel(dir, co.baseUrl);
      if (baseUrl !== undefined) merged.baseUrl = baseUrl;
    }
    if (isRecord(co.paths)) {
      const map = new Map<string, readonly string[]>();
      for (const [pattern, targets] of Object.entries(co.paths)) {
        if (Array.isArray(targets)) map.set(pattern, targets.filter((t): t is string => typeof t === 'string'));
      }
      merged.paths = { map, dir };
    }
  }
  return merged;
}

function definedOnly(options: Options): Options {
  const out: Options = {};
  if (options.baseUrl !== undefined) out.baseUrl = options.baseUrl;
  if (options.paths !== undefined) out.paths = options.paths;
  return out;
}

/**
 * Where an `extends` entry points: relative paths from the extending config, or a config
 * inside an in-repo workspace package (`@repo/tsconfig/base.json`). Packages that would live in
 * node_modules are not part of the index and are skipped.
 */
function extendedConfigPath(dir: string, spec: string, host: ResolveHost): string | undefined {
  let candidates: string[];
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    const p = joinRel(dir, spec);
    if (p === undefined) return undefined;
    candidates = [p, `${p}.json`, inDir(p, 'tsconfig.json')];
  } else {
    const split = splitPackageSpecifier(spec);
    const pkgDir = split && workspacePackages(host).get(split.name);
    if (pkgDir === undefined || !split) return undefined;
    const p = joinRel(pkgDir, split.subpath);
    if (p === undefined) return undefined;
    candidates = split.subpath === '' ? [inDir(pkgDir, 'tsconfig.json')] : [p, `${p}.json`, inDir(p, 'tsconfig.json')];
  }
  return candidates.find((c) => isRecord(host.readJson(c)));
}

function referencedConfigs(configPath: string, host: ResolveHost): string[] {
  const config = host.readJson(configPath);
  if (!isRecord(config) || !Array.isArray(config.references)) return [];
  const out: string[] = [];
  for (const ref of config.references) {
    if (!isRecord(ref) || typeof ref.path !== 'string') continue;
    const p = joinRel(dirOf(configPath), ref.path);
    if (p === undefined) continue;
    out.push(p.endsWith('.json') ? p : inDir(p, 'tsconfig.json'));
  }
  return out;
}

/**
 * Candidate root-relative paths for a bare specifier under `paths`: tsc picks one pattern (an
 * exact key, else the `*` pattern with the longest prefix) and tries its substitutions in order.
 */
export function pathCandidates(mapping: PathMapping, specifier: string): string[] {
  if (!mapping.paths) return [];
  let targets = specifier.includes('*') ? undefined : mapping.paths.get(specifier);
  let star = '';
  if (!targets) {
    let bestPrefix = -1;
    for (const [pattern, subs] of mapping.paths) {
      const i = pattern.indexOf('*');
      if (i < 0 || pattern.indexOf('*', i + 1) >= 0) continue;
      const prefix = pattern.slice(0, i);
      const suffix = pattern.slice(i + 1);
      if (prefix.length <= bestPrefix || specifier.length < prefix.length + suffix.length) continue;
      if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
      bestPrefix = prefix.length;
      targets = subs;
      star = specifier.slice(prefix.length, specifier.length - suffix.length);
    }
  }
  const out: string[] = [];
  for (const t of targets ?? []) {
    const p = joinRel(mapping.pathsBase, t.replace('*', star));
    if (p !== undefined && !out.includes(p)) out.push(p);
  }
  return out;
}
