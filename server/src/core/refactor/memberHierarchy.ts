import type { Node } from 'web-tree-sitter';
import { symbolId } from '../graph/ids';
import type { Range, SymbolFact } from '../model';
import type { RefactorWorkspace, SourceFile } from './refactorWorkspace';
import { offsetAt } from '../textPositions';

// A method is one name across its class hierarchy: the members it overrides or implements and
// those overriding it are renamed with it (as TypeScript does). The hierarchy is found from the
// graph's extends/implements edges: up to the topmost classes declaring the member, then down
// from those to every class that declares it again.

const MAX_CLASSES = 500;

export function hierarchyMembers(ws: RefactorWorkspace, path: string, symbol: SymbolFact): string[] {
  if (symbol.parent === undefined) return [];
  const g = ws.graph;
  const own = symbolId(path, symbol.parent);
  if (!g.hasNode(own)) return [];
  const memberOf = (cls: string): string | undefined => {
    const a = g.getNodeAttributes(cls);
    if (!a.file) return undefined;
    const id = symbolId(a.file, `${a.qname}.${symbol.name}`);
    return g.hasNode(id) ? id : undefined;
  };
  const heritage = (cls: string, dir: 'up' | 'down'): string[] => {
    const out: string[] = [];
    const each = dir === 'up' ? g.forEachOutEdge.bind(g) : g.forEachInEdge.bind(g);
    each(cls, (_e, a, source, target) => {
      if (a.kind === 'extends' || a.kind === 'implements') out.push(dir === 'up' ? target : source);
    });
    return out;
  };
  // Up: the topmost classes (or interfaces) that declare the member.
  const roots = new Set<string>();
  const seenUp = new Set<string>([own]);
  const up = [own];
  while (up.length && seenUp.size < MAX_CLASSES) {
    const c = up.pop()!;
    let higher = false;
    for (const b of heritage(c, 'up')) {
      if (seenUp.has(b)) continue;
      seenUp.add(b);
      if (memberOf(b)) higher = true;
      up.push(b);
    }
    if (!higher && memberOf(c)) roots.add(c);
  }
  // Down from each root: every class declaring the member again.
  const out = new Set<string>();
  const seenDown = new Set<string>(roots);
  const down = [...roots];
  while (down.length && seenDown.size < MAX_CLASSES) {
    const c = down.pop()!;
    const m = memberOf(c);
    if (m) out.add(m);
    for (const s of heritage(c, 'down')) {
      if (seenDown.has(s)) continue;
      seenDown.add(s);
      down.push(s);
    }
  }
  out.delete(symbolId(path, symbol.qname));
  return [...out].sort();
}

/** Name tokens of a method's overload signatures in its class body (TypeScript). */
export function overloadNames(root: Node, src: SourceFile, symbol: SymbolFact): Range[] {
  const at = offsetAt(src.starts, symbol.selection[0], symbol.selection[1]);
  let body: Node | null = root.descendantForIndex(at, at + symbol.name.length);
  while (body && body.type !== 'class_body' && body.type !== 'object_type' && body.type !== 'interface_body') body = body.parent;
  if (!body) return [];
  const out: Range[] = [];
  for (const c of body.namedChildren) {
    if (c.type !== 'method_signature' && c.type !== 'abstract_method_signature' && c.type !== 'method_definition') continue;
    const n = c.childForFieldName('name');
    if (n && n.text === symbol.name && n.startIndex !== at) out.push([n.startPosition.row, n.startPosition.column, n.endPosition.row, n.endPosition.column]);
  }
  return out;
}

/** `{@link Class#member}` / `{@link Class.member}` in the class's own file: the member token. */
export function memberLinks(src: SourceFile, className: string, name: string): [number, number][] {
  const esc = (s: string) => s.replace(/[$]/g, '\\$');
  const re = new RegExp(`\\{@link(?:code|plain)?\\s+${esc(className)}[#.](${esc(name)})(?![\\w$])`, 'g');
  const out: [number, number][] = [];
  for (const m of src.text.matchAll(re)) {
    const start = m.index! + m[0].length - name.length;
    out.push([start, start + name.length]);
  }
  return out;
}
