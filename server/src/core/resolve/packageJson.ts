import { cachedForHost, isRecord } from './hostCache';
import { dirOf, inDir, joinRel } from './relPath';
import type { ResolveHost } from './resolveHost';

// package.json knowledge the JS resolver needs: which in-repo packages exist (npm/yarn
// `workspaces`, pnpm-workspace.yaml) and how a package maps a subpath to files (`exports`,
// `imports`, entry fields).

/** Entry fields of a package directory, in the order tsc and bundlers consult them. */
export const ENTRY_FIELDS = ['types', 'typings', 'main', 'module'] as const;

/** Conditions preferred when an `exports` target is a conditions object; other keys follow in file order. */
export const CONDITION_ORDER = ['types', 'import', 'require', 'node', 'default'] as const;

export function readPackageJson(host: ResolveHost, dir: string): Record<string, unknown> | undefined {
  const json = host.readJson(inDir(dir, 'package.json'));
  return isRecord(json) ? json : undefined;
}

/** `@scope/pkg/sub` → { name: '@scope/pkg', subpath: 'sub' }; undefined for malformed names. */
export function splitPackageSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const parts = specifier.split('/');
  const take = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < take || parts.slice(0, take).some((p) => p === '' || p === '.' || p === '..')) return undefined;
  if (take === 2 && parts[0] === '@') return undefined;
  return { name: parts.slice(0, take).join('/'), subpath: parts.slice(take).join('/') };
}

/**
 * In-repo packages by name → root-relative directory: every package matched by the root
 * package.json `workspaces` or pnpm-workspace.yaml `packages`, plus the root package itself
 * (a package may import itself by name). Duplicate names: the first directory in path order wins.
 */
export function workspacePackages(host: ResolveHost): ReadonlyMap<string, string> {
  return cachedForHost(host, 'workspacePackages', () => {
    const patterns = workspacePatterns(host);
    const include = patterns.filter((p) => !p.startsWith('!')).flatMap((p) => normalizePattern(p) ?? []);
    const exclude = patterns.filter((p) => p.startsWith('!')).flatMap((p) => normalizePattern(p.slice(1)) ?? []).map(globToRegExp);
    const dirs = new Set<string>();
    const listed = host.findConfigFiles?.('package.json').map(dirOf);
    for (const pattern of include) {
      if (!/[*?[{]/.test(pattern)) {
        dirs.add(pattern);
      } else if (listed) {
        const re = globToRegExp(pattern);
        for (const d of listed) if (re.test(d)) dirs.add(d);
      }
    }
    const out = new Map<string, string>();
    for (const dir of [...dirs].sort()) {
      if (dir.split('/').includes('node_modules') || exclude.some((re) => re.test(dir))) continue;
      const name = readPackageJson(host, dir)?.name;
      if (typeof name === 'string' && name !== '' && !out.has(name)) out.set(name, dir);
    }
    const rootName = readPackageJson(host, '')?.name;
    if (typeof rootName === 'string' && rootName !== '' && !out.has(rootName)) out.set(rootName, '');
    return out;
  });
}

function workspacePatterns(host: ResolveHost): string[] {
  const out: string[] = [];
  const ws = readPackageJson(host, '')?.workspaces;
  const list = Array.isArray(ws) ? ws : isRecord(ws) ? ws.packages : undefined;
  if (Array.isArray(list)) out.push(...list.filter((p): p is string => typeof p === 'string'));
  const pnpm = host.readJson('pnpm-workspace.yaml');
  if (isRecord(pnpm) && Array.isArray(pnpm.packages)) out.push(...pnpm.packages.filter((p): p is string => typeof p === 'string'));
  return out;
}

/** Root-relative form of a workspace pattern; undefined when it points outside the workspace. */
function normalizePattern(pattern: string): string | undefined {
  return joinRel(pattern.trim().replace(/\/+$/, ''));
}

/** Workspace globs: `*` is one path segment, `**` any number of segments, `?` one character. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      // `a/**` matches everything below a; `a/**/b` matches b at any depth below a.
      const slashAfter = glob[i + 2] === '/';
      re += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Targets an `exports` (or `imports`) field offers for a subpath ('.', './feature', '#internal'),
 * most preferred first, with `*` already substituted. Targets are as written (usually './…').
 * `undefined` means the field does not mention the subpath at all; `null` that it maps it to
 * null, hiding it on purpose.
 */
export function subpathTargets(field: unknown, subpath: string): string[] | null | undefined {
  const map = subpathMap(field);
  if (!map) return undefined;
  const exact = map.get(subpath);
  if (exact === null) return null;
  if (exact !== undefined) return expandTarget(exact, undefined);
  let best: { key: string; star: string; value: unknown; prefixLength: number } | undefined;
  for (const [key, value] of map) {
    const star = key.indexOf('*');
    if (star >= 0) {
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      if (subpath.length < key.length || !subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
      if (best && !isMoreSpecific(prefix.length, key, best)) continue;
      best = { key, star: subpath.slice(prefix.length, subpath.length - suffix.length), value, prefixLength: prefix.length };
    } else if (key.endsWith('/') && subpath.startsWith(key)) {
      // Legacy folder mapping: "./lib/": "./src/lib/".
      if (best && !isMoreSpecific(key.length, key, best)) continue;
      best = { key, star: subpath.slice(key.length), value: appendToTargets(value, subpath.slice(key.length)), prefixLength: key.length };
    }
  }
  if (!best) return undefined;
  if (best.value === null) return null;
  return expandTarget(best.value, best.key.includes('*') ? best.star : undefined);
}

function isMoreSpecific(prefixLength: number, key: string, than: { key: string; prefixLength: number }): boolean {
  return prefixLength > than.prefixLength || (prefixLength === than.prefixLength && key.length > than.key.length);
}

/** Normalize the shapes `exports` may take into a subpath → target map. */
function subpathMap(field: unknown): Map<string, unknown> | undefined {
  if (typeof field === 'string' || Array.isArray(field)) return new Map([['.', field]]);
  if (!isRecord(field)) return undefined;
  const keys = Object.keys(field);
  const isSubpathMap = keys.length > 0 && keys.every((k) => k.startsWith('.') || k.startsWith('#'));
  return isSubpathMap ? new Map(Object.entries(field)) : new Map([['.', field]]);
}

function expandTarget(target: unknown, star: string | undefined): string[] {
  const out: string[] = [];
  const visit = (t: unknown, depth: number): void => {
    if (depth > 16) return;
    if (typeof t === 'string') {
      const s = star === undefined ? t : t.split('*').join(star);
      if (!out.includes(s)) out.push(s);
    } else if (Array.isArray(t)) {
      for (const item of t) visit(item, depth + 1);
    } else if (isRecord(t)) {
      const keys = Object.keys(t);
      const ordered = [...CONDITION_ORDER.filter((c) => keys.includes(c)), ...keys.filter((k) => !(CONDITION_ORDER as readonly string[]).includes(k))];
      for (const k of ordered) visit(t[k], depth + 1);
    }
    // null blocks the subpath: nothing to offer.
  };
  visit(target, 0);
  return out;
}

function appendToTargets(target: unknown, rest: string): unknown {
  if (typeof target === 'string') return target + rest;
  if (Array.isArray(target)) return target.map((t) => appendToTargets(t, rest));
  if (isRecord(target)) return Object.fromEntries(Object.entries(target).map(([k, v]) => [k, appendToTargets(v, rest)]));
  return target;
}
