import type { Stats } from 'node:fs';

// A file's stat signature, so that reopening a workspace can tell an untouched file without
// reading and hashing it (git's stat cache does the same). Both times are kept: tools that
// restore an old modification time (tar, rsync -t) still move the change time. A file touched
// within `stampPolicy.racyMs` of being read gets no stamp: a later write inside the same timestamp tick
// could otherwise go unseen, so such a file is always hashed.

export type Stamp = [mtimeMs: number, ctimeMs: number, size: number];

/** How recent a change must be for a stamp not to be trusted (tests set it per thread). */
export const stampPolicy = { racyMs: 2000 };

export function stampOf(st: Pick<Stats, 'mtimeMs' | 'ctimeMs' | 'size'>, now = Date.now()): Stamp | undefined {
  if (now - Math.max(st.mtimeMs, st.ctimeMs) <= stampPolicy.racyMs) return undefined;
  return [st.mtimeMs, st.ctimeMs, st.size];
}

export function sameStamp(a: Stamp | undefined, st: Pick<Stats, 'mtimeMs' | 'ctimeMs' | 'size'>): boolean {
  return !!a && a[0] === st.mtimeMs && a[1] === st.ctimeMs && a[2] === st.size;
}

export function isStamp(v: unknown): v is Stamp {
  return Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}
