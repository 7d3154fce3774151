import type { ResolveHost } from './resolveHost';

// Config-derived facts (tsconfig chains, workspace package maps, Python project roots) are
// cached per host object. Hosts are replaced when config files change, so the cache never
// outlives what it was computed from. Only config reads feed these caches: anything that
// depends on the file set is recomputed so its probes are recorded on every resolution.

const caches = new WeakMap<ResolveHost, Map<string, unknown>>();

/** The value cached under `key` for this host, computed by `make` on first use. */
export function cachedForHost<T>(host: ResolveHost, key: string, make: () => T): T {
  let cache = caches.get(host);
  if (!cache) caches.set(host, (cache = new Map()));
  if (cache.has(key)) return cache.get(key) as T;
  const value = make();
  cache.set(key, value);
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
