import type { Node } from 'web-tree-sitter';

/** Where a declaration sits: the node that carries its range and doc, and how it is exported. */
export interface DeclContext {
  outer: Node;
  exported: boolean;
  /** `export default <declaration>`; the `default` keyword is the fallback name token. */
  defaultKeyword: Node | null;
}

export function plain(outer: Node): DeclContext {
  return { outer, exported: false, defaultKeyword: null };
}

export function lastNamed(kids: Node[]): Node | undefined {
  return kids[kids.length - 1];
}
