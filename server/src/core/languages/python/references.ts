import type { Node } from 'web-tree-sitter';
import type { ReferenceFact } from '../../model';
import type { PythonGrammar } from './grammar';
import { followsDot, rangeFrom, scanChain } from './text';

// Identifiers are most of a tree's nodes, so they are never captured one by one. References
// only need names imported or defined at the top of the file; the text says where those are
// spelled, and the tree is asked about just those spots to rule out strings, comments and
// positions that bind rather than read.

export interface ScopeSpan {
  qname: string;
  start: number;
  end: number;
}

const NAME = /(?<![\w\u0080-\uffff])[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g;

/**
 * Non-call uses of `roots`. `notRead` holds start indices of names the extractor has already
 * accounted for (callees, definition names, assignment targets, bases, aliased values);
 * `importSpans` is [start, end) pairs of import statements and `scopes` every scope by start.
 * `from` and `to` bound the text searched (one statement of it, say); `root` must span them.
 */
export function findReferences(
  root: Node,
  g: PythonGrammar,
  src: string,
  roots: ReadonlySet<string>,
  notRead: ReadonlySet<number>,
  importSpans: readonly number[],
  scopes: readonly ScopeSpan[],
  from = 0,
  to = src.length,
): ReferenceFact[] {
  const references: ReferenceFact[] = [];
  if (roots.size === 0) return references;
  const open: ScopeSpan[] = [];
  let nextScope = 0;
  let nextImport = 0;
  NAME.lastIndex = from;
  for (let m = NAME.exec(src); m !== null && m.index < to; m = NAME.exec(src)) {
    const at = m.index;
    if (!roots.has(m[0]) || notRead.has(at) || followsDot(src, at)) continue;
    while (nextImport < importSpans.length && importSpans[nextImport + 1]! <= at) nextImport += 2;
    if (nextImport < importSpans.length && importSpans[nextImport]! <= at) continue;
    const node = readingIdentifier(root, g, at);
    if (!node) continue;
    while (nextScope < scopes.length && scopes[nextScope]!.start <= at) {
      const s = scopes[nextScope++]!;
      while (open.length > 0 && open[open.length - 1]!.end <= s.start) open.pop();
      open.push(s);
    }
    while (open.length > 0 && open[open.length - 1]!.end <= at) open.pop();
    const chain = scanChain(src, at);
    const pos = node.startPosition;
    references.push({
      from: open.length > 0 ? open[open.length - 1]!.qname : null,
      path: chain.path,
      range: rangeFrom(src, at, pos.row, pos.column, chain.end),
    });
  }
  return references;
}

/** The identifier starting at `at` when it reads a value (not a string, comment or binding). */
function readingIdentifier(root: Node, g: PythonGrammar, at: number): Node | null {
  const node = root.descendantForIndex(at);
  if (!node || node.startIndex !== at || node.typeId !== g.identifier) return null;
  const parent = node.parent;
  if (!parent) return node;
  const t = parent.typeId;
  if (g.binders.has(t)) return null;
  if (g.bindsFirst.has(t)) return parent.startIndex === at ? null : node;
  if (t === g.forStatement || t === g.forInClause) {
    const left = parent.childForFieldId(g.fLeft);
    return left && left.startIndex === at ? null : node;
  }
  return node;
}
