// Node ids are derived from what a node is, never from insertion order, so an index built
// incrementally and one built from scratch name every node the same way.

// Ids are interned: the same id is the same string object every time it is asked for, so its
// hash is computed once and every graph lookup with it (hundreds of thousands while linking)
// skips re-hashing a freshly concatenated string.
const fileIds = new Map<string, string>();
const symbolIds = new Map<string, Map<string, string>>();

export function fileId(path: string): string {
  let id = fileIds.get(path);
  if (id === undefined) fileIds.set(path, (id = `f:${path}`));
  return id;
}

export function symbolId(path: string, qname: string): string {
  let byName = symbolIds.get(path);
  if (!byName) symbolIds.set(path, (byName = new Map()));
  let id = byName.get(qname);
  if (id === undefined) byName.set(qname, (id = `s:${path}#${qname}`));
  return id;
}

/** Forget the interned ids of a file that left the index (they would only cost memory). */
export function forgetIds(path: string): void {
  fileIds.delete(path);
  symbolIds.delete(path);
}
export const packageId = (dir: string): string => `p:${dir}`;

/** npm packages, PyPI packages, Node built-ins, Python stdlib and the languages' own globals. */
export type ExternalSpace = 'npm' | 'pypi' | 'node' | 'python' | 'js-global' | 'py-builtin';

export const externalModuleId = (space: ExternalSpace, module: string): string => `x:${space}:${module}`;
export const externalMemberId = (space: ExternalSpace, module: string, member: string): string =>
  `x:${space}:${module}#${member}`;

export function pathOfNodeId(id: string): string | undefined {
  if (id.startsWith('f:')) return id.slice(2);
  if (id.startsWith('s:')) return id.slice(2, id.indexOf('#'));
  return undefined;
}
