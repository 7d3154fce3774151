import { MultiDirectedGraph } from 'graphology';
import type { FileFacts, SymbolFact } from '../model';
import { fileId, symbolId } from './ids';
import type { EdgeAttrs, EdgeSpec, NodeAttrs } from './types';

// The graph keeps ownership explicit: a file owns its file node, its symbol nodes and every
// edge the linker produced for it. Packages and externals are shared and live exactly as long
// as some edge touches them. That is what makes "replace one file" exact.

export type Graph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export class CodeGraph {
  readonly graph: Graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: true });
  private readonly ownedEdges = new Map<string, string[]>();
  private readonly ownedSymbols = new Map<string, string[]>();

  hasFile(path: string): boolean {
    return this.ownedSymbols.has(path);
  }

  files(): IterableIterator<string> {
    return this.ownedSymbols.keys();
  }

  /** Put a file's nodes (and its intra-file `contains` edges) in the graph, replacing what it had. */
  setFileNodes(path: string, facts: FileFacts): void {
    const g = this.graph;
    const fid = fileId(path);
    const fileAttrs: NodeAttrs = { kind: 'file', name: baseName(path), qname: path, file: path, language: facts.language, range: [0, 0, facts.lineCount, 0] };
    if (g.hasNode(fid)) g.replaceNodeAttributes(fid, fileAttrs);
    else g.addNode(fid, fileAttrs);

    const next = new Set<string>();
    for (const s of facts.symbols) {
      const id = symbolId(path, s.qname);
      next.add(id);
      const attrs = symbolAttrs(path, facts, s);
      if (g.hasNode(id)) g.replaceNodeAttributes(id, attrs);
      else g.addNode(id, attrs);
    }
    for (const old of this.ownedSymbols.get(path) ?? []) if (!next.has(old) && g.hasNode(old)) g.dropNode(old);
    this.ownedSymbols.set(path, [...next]);

    // Containment is intra-file and re-derived from facts; drop the old set first.
    for (const id of [fid, ...next]) {
      for (const e of g.outEdges(id)) if (g.getEdgeAttribute(e, 'kind') === 'contains') g.dropEdge(e);
    }
    for (const s of facts.symbols) {
      const parent = s.parent !== undefined ? symbolId(path, s.parent) : fid;
      const child = symbolId(path, s.qname);
      const source = g.hasNode(parent) ? parent : fid;
      g.addEdge(source, child, { kind: 'contains' });
    }
  }

  /** Replace every linker-made edge owned by `path`. */
  setFileEdges(path: string, edges: readonly EdgeSpec[]): { dangling: number } {
    const g = this.graph;
    const touched = this.dropOwnedEdges(path);
    const keys: string[] = [];
    let dangling = 0;
    for (const e of edges) {
      // A shared node's attributes follow the latest file that names it (a package's dotted
      // name changes when an enclosing __init__.py appears or goes).
      if (e.shared) g.mergeNode(e.shared.id, e.shared.attrs);
      if (!g.hasNode(e.source) || !g.hasNode(e.target)) {
        dangling++;
        continue;
      }
      // The linker emits one spec per (kind, resolution, source, target), and every source is
      // this file's own node, so edges never collide across files: graphology's short generated
      // keys suffice (long deterministic keys cost memory on every edge).
      const { source, target, shared: _shared, ...attrs } = e;
      keys.push(g.addEdge(source, target, attrs));
    }
    this.ownedEdges.set(path, keys);
    this.dropOrphans(touched);
    return { dangling };
  }

  removeFile(path: string): void {
    const g = this.graph;
    const touched = this.dropOwnedEdges(path);
    this.ownedEdges.delete(path);
    for (const id of this.ownedSymbols.get(path) ?? []) {
      if (!g.hasNode(id)) continue;
      g.forEachNeighbor(id, (n) => touched.add(n));
      g.dropNode(id);
    }
    this.ownedSymbols.delete(path);
    const fid = fileId(path);
    if (g.hasNode(fid)) {
      g.forEachNeighbor(fid, (n) => touched.add(n));
      g.dropNode(fid);
    }
    this.dropOrphans(touched);
  }

  private dropOwnedEdges(path: string): Set<string> {
    const g = this.graph;
    const touched = new Set<string>();
    for (const key of this.ownedEdges.get(path) ?? []) {
      if (!g.hasEdge(key)) continue;
      touched.add(g.target(key));
      touched.add(g.source(key));
      g.dropEdge(key);
    }
    return touched;
  }

  /** Shared nodes (packages, externals) exist only while an edge needs them. */
  private dropOrphans(candidates: Iterable<string>): void {
    const g = this.graph;
    for (const id of candidates) {
      if (!g.hasNode(id)) continue;
      const kind = g.getNodeAttribute(id, 'kind');
      const shared = kind === 'package' || kind === 'external-module' || kind === 'external-symbol';
      if (shared && g.degree(id) === 0) g.dropNode(id);
    }
  }
}

function symbolAttrs(path: string, facts: FileFacts, s: SymbolFact): NodeAttrs {
  const attrs: NodeAttrs = {
    kind: s.kind,
    name: s.name,
    qname: s.qname,
    file: path,
    range: s.range,
    selection: s.selection,
    signature: s.signature,
    exported: s.exported,
    language: facts.language,
  };
  if (s.doc) attrs.doc = s.doc;
  return attrs;
}

function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
