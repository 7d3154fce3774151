import type { Node } from 'web-tree-sitter';
import type { SymbolKind } from '../../model';
import type { PythonGrammar } from './grammar';
import { cleanDocstring, scanChain } from './text';

/**
 * Kind of a def directly in a class body: `__init__` constructs, `@property` (and
 * `cached_property`, `x.getter`) reads, `@x.setter` writes; static and class methods are methods.
 */
export function methodKind(g: PythonGrammar, src: string, name: string, decorated: Node | null): SymbolKind {
  if (name === '__init__') return 'constructor';
  if (decorated) {
    for (const d of decorated.namedChildren) {
      if (d.typeId !== g.decorator) continue;
      const chain = scanChain(src, d.startIndex + 1);
      const rest = src.slice(chain.end, d.endIndex).trim();
      if (chain.path.length === 0 || (rest !== '' && !rest.startsWith('#'))) continue;
      const last = chain.path[chain.path.length - 1]!;
      if (last === 'setter') return 'setter';
      if (last === 'getter' || last.endsWith('property')) return 'getter';
    }
  }
  return 'method';
}

/** The docstring of a def or class: its body's first statement when that is a string literal. */
export function docstringOf(g: PythonGrammar, src: string, def: Node): string | undefined {
  const body = def.childForFieldId(g.fBody);
  if (!body || !startsWithString(src, body.startIndex)) return undefined;
  let stmt = body.firstNamedChild;
  while (stmt && stmt.typeId === g.comment) stmt = stmt.nextNamedSibling;
  if (!stmt || stmt.typeId !== g.expressionStatement) return undefined;
  const literal = stmt.firstNamedChild;
  if (!literal || literal.typeId !== g.string) return undefined;
  const end = literal.endIndex;
  if (end !== stmt.endIndex) return undefined;
  return cleanDocstring(src.slice(literal.startIndex, end));
}

/** Cheap text test that spares the tree walk for the many bodies without a docstring. */
function startsWithString(src: string, i: number): boolean {
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) i++;
    else if (c === 35) {
      const nl = src.indexOf('\n', i);
      if (nl === -1) return false;
      i = nl + 1;
    } else break;
  }
  // At most two prefix letters (r, u, b, f in either case) before the quote.
  for (let k = 0; k < 3; k++) {
    const c = src.charCodeAt(i + k);
    if (c === 34 || c === 39) return true;
    const lower = c | 32;
    if (lower !== 114 && lower !== 117 && lower !== 98 && lower !== 102) return false;
  }
  return false;
}
