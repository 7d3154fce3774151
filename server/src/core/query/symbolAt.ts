import { fileId, symbolId } from '../graph/ids';
import type { Graph } from '../graph/codeGraph';
import type { FileFacts, Range } from '../model';

// What is under the cursor: a declaration name, or a use (call, reference, heritage) whose
// edge the linker resolved. Uses report every target of their edge(s), guesses included but
// marked, so the editor never jumps to a guess without saying so.

export interface Position0 {
  line: number;
  character: number;
}

export interface SymbolHit {
  /** Node ids the position refers to (one for a declaration; one or more for a use). */
  targets: { id: string; resolution?: string; confidence?: number }[];
  /** The range of the name or use under the cursor. */
  range: Range;
  role: 'declaration' | 'use';
}

export function contains(r: Range, p: Position0): boolean {
  if (p.line < r[0] || p.line > r[2]) return false;
  if (p.line === r[0] && p.character < r[1]) return false;
  if (p.line === r[2] && p.character > r[3]) return false;
  return true;
}

function sameRange(a: Range, b: Range): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

export function symbolAt(graph: Graph, path: string, facts: FileFacts, pos: Position0): SymbolHit | undefined {
  // Uses first: the cursor on `foo` in `foo()` means the callee, even inside foo's own body.
  const uses: { range: Range; from: string | null }[] = [];
  for (const c of facts.calls) if (contains(c.range, pos)) uses.push({ range: c.range, from: c.caller });
  for (const r of facts.references) if (contains(r.range, pos)) uses.push({ range: r.range, from: r.from });
  for (const h of facts.heritage) if (contains(h.range, pos)) uses.push({ range: h.range, from: h.symbol });
  // The innermost (smallest) use wins: `a.b(c())` with the cursor on c.
  uses.sort((a, b) => span(a.range) - span(b.range));
  for (const use of uses) {
    const source = use.from !== null && graph.hasNode(symbolId(path, use.from)) ? symbolId(path, use.from) : fileId(path);
    const targets: SymbolHit['targets'] = [];
    if (!graph.hasNode(source)) continue;
    graph.forEachOutEdge(source, (_e, attrs, _s, target) => {
      if (attrs.kind === 'contains' || attrs.kind === 'imports') return;
      if (attrs.sites?.some((r) => sameRange(r, use.range))) targets.push({ id: target, resolution: attrs.resolution, confidence: attrs.confidence });
    });
    if (targets.length) {
      targets.sort((a, b) => (a.resolution === 'name' ? 1 : 0) - (b.resolution === 'name' ? 1 : 0) || (a.id < b.id ? -1 : 1));
      return { targets, range: use.range, role: 'use' };
    }
  }
  let best: { qname: string; range: Range } | undefined;
  for (const s of facts.symbols) {
    if (contains(s.selection, pos) && (!best || span(s.selection) < span(best.range))) best = { qname: s.qname, range: s.selection };
  }
  if (best) return { targets: [{ id: symbolId(path, best.qname) }], range: best.range, role: 'declaration' };
  return undefined;
}

/** The innermost declared symbol whose whole range holds the position (for "where am I"). */
export function enclosingSymbol(path: string, facts: FileFacts, pos: Position0): string | undefined {
  let best: { qname: string; range: Range } | undefined;
  for (const s of facts.symbols) {
    if (contains(s.range, pos) && (!best || span(s.range) < span(best.range))) best = { qname: s.qname, range: s.range };
  }
  return best ? symbolId(path, best.qname) : undefined;
}

function span(r: Range): number {
  return (r[2] - r[0]) * 100000 + (r[3] - r[1]);
}
