import { posix } from 'node:path';

// Root-relative posix paths as the resolvers use them: '' is the workspace root, never '.',
// never a leading './' or a trailing '/'. Anything that climbs above the root is undefined,
// because resolution only answers with files the index knows.

/** Join and normalize; undefined when the result would leave the workspace root. */
export function joinRel(...parts: string[]): string | undefined {
  const joined = posix.normalize(parts.filter((p) => p !== '').join('/') || '.');
  if (joined === '.' || joined === './') return '';
  if (joined.startsWith('/') || joined === '..' || joined.startsWith('../')) return undefined;
  return joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** Directory of a root-relative path ('' for files at the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Last segment of a path. */
export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `dir/name`, or just `name` at the root. */
export function inDir(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The directory and each of its ancestors up to and including the root (''). */
export function selfAndAncestors(dir: string): string[] {
  const out = [dir];
  for (let d = dir; d !== ''; ) {
    d = dirOf(d);
    out.push(d);
  }
  return out;
}
