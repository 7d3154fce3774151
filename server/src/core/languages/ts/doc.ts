import type { Node } from 'web-tree-sitter';
import { cleanJsDoc, cleanLineComments, isDirectiveComment, textOf } from './text';

// The documentation of a declaration is the comment right above it: a `/** … */` block, or
// a run of `//` lines on consecutive lines. Comments are tree-sitter "extras", so they are
// siblings of the declaration (or of the decorators in front of it).

/** True when code precedes `node` on its first line (a trailing comment belongs to that code). */
function followsCode(src: string, node: Node): boolean {
  for (let i = node.startIndex - 1; i >= 0; i--) {
    const c = src.charCodeAt(i);
    if (c === 10) return false;
    if (c !== 32 && c !== 9 && c !== 13) return true;
  }
  return false;
}

export function docBefore(src: string, anchor: Node): string | undefined {
  let top = anchor;
  let prev = anchor.previousSibling;
  while (prev && prev.type === 'decorator') {
    top = prev;
    prev = prev.previousSibling;
  }
  if (!prev || prev.type !== 'comment') return undefined;
  if (prev.endPosition.row < top.startPosition.row - 1) return undefined;
  const text = textOf(src, prev);
  if (text.startsWith('/**') && text !== '/**/') return cleanJsDoc(text) || undefined;
  if (!text.startsWith('//')) return undefined;

  const lines: string[] = [];
  let cur: Node | null = prev;
  let row = prev.startPosition.row;
  while (cur && cur.type === 'comment') {
    const t = textOf(src, cur);
    if (!t.startsWith('//') || followsCode(src, cur)) break;
    if (!isDirectiveComment(t)) lines.push(t);
    const next: Node | null = cur.previousSibling;
    if (!next || next.type !== 'comment' || next.startPosition.row !== row - 1) break;
    cur = next;
    row--;
  }
  return lines.length > 0 ? cleanLineComments(lines.reverse()) || undefined : undefined;
}
