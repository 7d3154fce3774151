import type { Node } from 'web-tree-sitter';
import type { Range } from '../../model';

// Text helpers for the JS/TS extractor. Tree-sitter indices for a JS string are UTF-16 code
// units, the unit of string indices and of LSP columns, so slicing the source by node
// indices is exact and cheaper than `node.text`.

export function rangeOf(node: Node): Range {
  const s = node.startPosition;
  const e = node.endPosition;
  return [s.row, s.column, e.row, e.column];
}

export function textOf(src: string, node: Node): string {
  return src.slice(node.startIndex, node.endIndex);
}

export function countLines(src: string): number {
  if (src.length === 0) return 0;
  let n = 0;
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) n++;
  return src.charCodeAt(src.length - 1) === 10 ? n : n + 1;
}

const SIGNATURE_MAX = 200;

/** `src[start, end)` as one line: whitespace collapsed, no padding inside brackets, no trailing `;`/`{`, ≤ 200 chars. */
export function signatureText(src: string, start: number, end: number, prefix = ''): string {
  // A declaration can span thousands of lines; only its head can reach the signature.
  const raw = src.slice(start, Math.min(end, start + SIGNATURE_MAX * 4));
  let s = (prefix + raw).replace(/\s+/g, ' ').trim();
  s = s.replace(/([([{<]) /g, '$1').replace(/ ([)\]}>])/g, '$1').replace(/,([)\]}>])/g, '$1');
  s = s.replace(/\s*[;{]$/, '');
  return s.length > SIGNATURE_MAX ? s.slice(0, SIGNATURE_MAX - 1) + '…' : s;
}

/** The contents of a string literal or a template literal without substitutions; undefined otherwise. */
export function literalText(src: string, node: Node): string | undefined {
  const t = node.type;
  if (t === 'string') return src.slice(node.startIndex + 1, node.endIndex - 1);
  if (t === 'template_string') {
    for (const c of node.namedChildren) if (c.type === 'template_substitution') return undefined;
    return src.slice(node.startIndex + 1, node.endIndex - 1);
  }
  return undefined;
}

/** Name of a property key: identifiers as written, string keys without quotes, computed keys as written. */
export function keyText(src: string, node: Node): string {
  return node.type === 'string' ? src.slice(node.startIndex + 1, node.endIndex - 1) : textOf(src, node);
}

export function cleanJsDoc(text: string): string {
  const body = text.slice(3, text.endsWith('*/') ? -2 : undefined);
  const lines = body.split(/\r?\n/).map((l) => l.replace(/^\s*\*? ?/, '').trimEnd());
  return lines.join('\n').trim();
}

export function cleanLineComments(texts: readonly string[]): string {
  return texts
    .map((t) => t.replace(/^\/\/\s?/, '').trimEnd())
    .join('\n')
    .trim();
}

/** Line comments that are tool directives, not documentation. */
export function isDirectiveComment(text: string): boolean {
  return /^\/\/(\/\s*<|\s*(eslint|tslint|@ts-|prettier-|istanbul |c8 |#(end)?region))/.test(text);
}
