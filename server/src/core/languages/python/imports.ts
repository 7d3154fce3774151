import type { Node } from 'web-tree-sitter';
import type { ImportBinding } from '../../model';
import type { PythonGrammar } from './grammar';
import { identAt, scanChain } from './text';

export interface ReadImport {
  specifier: string;
  bindings: ImportBinding[];
}

/**
 * `import a.b.c` binds `a` but keeps the whole specifier, so the linker can resolve
 * `a.b.c.f()`; `import a.b as x` binds `x` to a.b itself.
 */
export function readImport(g: PythonGrammar, src: string, node: Node): ReadImport[] {
  const out: ReadImport[] = [];
  for (const item of node.namedChildren) {
    const t = item.typeId;
    let specifier: string;
    let local: string;
    if (t === g.dottedName) {
      specifier = scanChain(src, item.startIndex).path.join('.');
      local = identAt(src, item.startIndex);
    } else if (t === g.aliasedImport) {
      const name = item.childForFieldId(g.fName);
      const alias = item.childForFieldId(g.fAlias);
      if (!name || !alias) continue;
      specifier = scanChain(src, name.startIndex).path.join('.');
      local = identAt(src, alias.startIndex);
    } else continue;
    if (specifier && local) out.push({ specifier, bindings: [{ imported: '*', local }] });
  }
  return out;
}

/** `from ..pkg.mod import a, b as c` / `from . import x` / `from x import *`. */
export function readFromImport(g: PythonGrammar, src: string, node: Node): ReadImport | null {
  const module = node.childForFieldId(g.fModuleName);
  if (!module) return null;
  const moduleStart = module.startIndex;
  const specifier = src.slice(moduleStart, module.endIndex).replace(/[\s\\]+/g, '');
  if (!specifier) return null;
  const bindings: ImportBinding[] = [];
  for (const item of node.namedChildren) {
    const t = item.typeId;
    if (t === g.wildcardImport) bindings.push({ imported: '*', local: '*' });
    else if (t === g.dottedName && item.startIndex !== moduleStart) {
      const name = scanChain(src, item.startIndex).path.join('.');
      bindings.push({ imported: name, local: name });
    } else if (t === g.aliasedImport) {
      const name = item.childForFieldId(g.fName);
      const alias = item.childForFieldId(g.fAlias);
      if (!name || !alias) continue;
      bindings.push({ imported: scanChain(src, name.startIndex).path.join('.'), local: identAt(src, alias.startIndex) });
    }
  }
  return { specifier, bindings };
}
