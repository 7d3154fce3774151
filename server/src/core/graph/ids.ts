// Node ids are derived from what a node is, never from insertion order, so an index built
// incrementally and one built from scratch name every node the same way.

export const fileId = (path: string): string => `f:${path}`;
export const symbolId = (path: string, qname: string): string => `s:${path}#${qname}`;
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
