import { MultiDirectedGraph } from 'graphology';
import type { FileFacts, SymbolFact } from '../model';
import { useDictionaryAdjacency } from './dictionaryAdjacency';
import { useCompactEdgeKeys } from './edgeKeys';
import { fileId, forgetIds, symbolId } from './ids';
import { edgeAttrs, type EdgeAttrs, type EdgeSpec, type NodeAttrs, type RestoredEdges } from './types';

// The graph keeps ownership explicit: a file owns its file node, its symbol nodes and every
// edge the linker produced for it. Packages and externals are shared and live exactly as long
// as some edge touches them. That is what makes "replace one file" exact.

export type Graph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

function newGraph(): Graph {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: true });
  useDictionaryAdjacency(graph);
  useCompactEdgeKeys(graph);
  return graph;
}

export class CodeGraph {
  readonly graph: Graph = newGraph();
  private readonly ownedEdges = new Map<string, string[]>();
  private readonly ownedSymbols = new Map<string, string[]>();
  /** Bumped by every change of nodes or edges, so derived data knows when to recompute. */
  version = 0;
  /**
   * Bumped only when a node or an edge is added or dropped: what depends on the shape of the
   * graph alone (centrality) need not be recomputed after an edit that only moved ranges or
   * call sites, as most keystrokes do.
   */
  structureVersion = 0;

  hasFile(path: string): boolean {
    return this.ownedSymbols.has(path);
  }

  files(): IterableIterator<string> {
    return this.ownedSymbols.keys();
  }

  /** Keys of the linker-made edges `path` owns, in the order the linker emitted them. */
  ownedEdgeKeys(path: string): readonly string[] {
    return this.ownedEdges.get(path) ?? [];
  }

  /** Put a file's nodes (and its intra-file `contains` edges) in the graph, replacing what it had. */
  setFileNodes(path: string, facts: FileFacts): void {
    this.version++;
    const g = this.graph;
    const fid = fileId(path);
    const fresh = !this.ownedSymbols.has(path) && !g.hasNode(fid);
    const fileAttrs: NodeAttrs = { kind: 'file', name: baseName(path), qname: path, file: path, language: facts.language, range: [0, 0, facts.lineCount, 0] };
    if (fresh) return this.addFileNodes(path, fid, fileAttrs, facts);
    g.replaceNodeAttributes(fid, fileAttrs);

    const next = new Set<string>();
    for (const s of facts.symbols) {
      const id = symbolId(path, s.qname);
      next.add(id);
      const attrs = symbolAttrs(path, facts, s);
      // A keystroke leaves most of a big file's symbols as they were: keep those nodes untouched.
      if (g.hasNode(id)) {
        if (!sameNodeAttrs(g.getNodeAttributes(id), attrs)) g.replaceNodeAttributes(id, attrs);
      } else {
        g.addNode(id, attrs);
        this.structureVersion++;
      }
    }
    // A symbol that is gone takes its edges along; a package or external only it pointed at
    // must go too, or the graph would differ from one built from scratch.
    const touched = new Set<string>();
    for (const old of this.ownedSymbols.get(path) ?? []) {
      if (next.has(old) || !g.hasNode(old)) continue;
      g.forEachNeighbor(old, (n) => touched.add(n));
      g.dropNode(old);
      this.structureVersion++;
    }
    this.dropOrphans(touched);
    this.ownedSymbols.set(path, [...next]);

    // Containment is intra-file and re-derived from facts. Most edits keep it as it was, so
    // only the difference is applied (a keystroke must not rebuild every edge of a big file).
    const wanted = this.containment(path, fid, facts);
    for (const id of [fid, ...next]) {
      g.forEachOutEdge(id, (e, a, source, target) => {
        if (a.kind !== 'contains') return;
        if (wanted.get(target) === source) wanted.delete(target);
        else {
          g.dropEdge(e);
          this.structureVersion++;
        }
      });
    }
    if (wanted.size) this.structureVersion++;
    for (const [child, source] of wanted) g.addEdge(source, child, { kind: 'contains' });
  }

  /**
   * setFileNodes for a file the graph does not have: there is nothing to compare with, so
   * nothing is looked up but parents. A warm start puts every file of the workspace in so.
   */
  private addFileNodes(path: string, fid: string, fileAttrs: NodeAttrs, facts: FileFacts): void {
    const g = this.graph;
    this.structureVersion++;
    g.addNode(fid, fileAttrs);
    const ids: string[] = [];
    for (const s of facts.symbols) {
      const id = symbolId(path, s.qname);
      // Qnames are unique within a file (the extractors number repeats); were one not, the
      // later symbol would win, as in setFileNodes.
      if (g.hasNode(id)) g.replaceNodeAttributes(id, symbolAttrs(path, facts, s));
      else {
        g.addNode(id, symbolAttrs(path, facts, s));
        ids.push(id);
      }
    }
    this.ownedSymbols.set(path, ids);
    for (const [child, source] of this.containment(path, fid, facts)) g.addEdge(source, child, { kind: 'contains' });
  }

  /** Each symbol node of the file with the node that contains it: its parent, else the file. */
  private containment(path: string, fid: string, facts: FileFacts): Map<string, string> {
    const g = this.graph;
    const wanted = new Map<string, string>();
    for (const s of facts.symbols) {
      const parent = s.parent !== undefined ? symbolId(path, s.parent) : fid;
      wanted.set(symbolId(path, s.qname), g.hasNode(parent) ? parent : fid);
    }
    return wanted;
  }

  /**
   * Replace every linker-made edge owned by `path`. Edges that survive unchanged keep their
   * identity; only what differs is added, updated or dropped.
   */
  setFileEdges(path: string, edges: readonly EdgeSpec[]): { dangling: number; keys: (string | undefined)[] } {
    this.version++;
    const g = this.graph;
    // The file's edges by source, then target (the ids are interned, so these lookups hash
    // nothing): a key string per edge, built twice on every re-link, cost more than the rest
    // of matching. A pair has one edge per kind and resolution, rarely more than two.
    const previous = new Map<string, Map<string, string[]>>();
    let unmatched = 0;
    for (const key of this.ownedEdges.get(path) ?? []) {
      if (!g.hasEdge(key)) continue;
      const source = g.source(key);
      let byTarget = previous.get(source);
      if (!byTarget) previous.set(source, (byTarget = new Map()));
      const target = g.target(key);
      const list = byTarget.get(target);
      if (list) list.push(key);
      else byTarget.set(target, [key]);
      unmatched++;
    }
    const take = (e: EdgeSpec): string | undefined => {
      const list = previous.get(e.source)?.get(e.target);
      if (!list) return undefined;
      for (let i = 0; i < list.length; i++) {
        const a = g.getEdgeAttributes(list[i]);
        if (a.kind !== e.kind || a.resolution !== e.resolution) continue;
        unmatched--;
        return list.splice(i, 1)[0];
      }
      return undefined;
    };
    const keys: string[] = [];
    const aligned: (string | undefined)[] = [];
    let dangling = 0;
    for (const e of edges) {
      // A shared node's attributes follow the latest file that names it (a package's dotted
      // name changes when an enclosing __init__.py appears or goes).
      if (e.shared) {
        if (!g.hasNode(e.shared.id)) this.structureVersion++;
        g.mergeNode(e.shared.id, e.shared.attrs);
      }
      let key = unmatched ? take(e) : undefined;
      // An edge still in the graph has both its ends.
      if (key === undefined && (!g.hasNode(e.source) || !g.hasNode(e.target))) {
        dangling++;
        aligned.push(undefined);
        continue;
      }
      const { source, target } = e;
      const attrs = edgeAttrs(e.kind, e.resolution, e.confidence, e.sites, e.names);
      if (key !== undefined) {
        if (!sameAttrs(g.getEdgeAttributes(key), attrs)) g.replaceEdgeAttributes(key, attrs);
      } else {
        // The linker emits one spec per (kind, resolution, source, target), and every source is
        // this file's own node, so edges never collide across files: graphology's short
        // generated keys suffice (long deterministic keys would cost memory on every edge).
        key = g.addEdge(source, target, attrs);
        this.structureVersion++;
      }
      keys.push(key);
      aligned.push(key);
    }
    const touched = new Set<string>();
    for (const byTarget of unmatched ? previous.values() : []) {
      for (const list of byTarget.values()) {
        for (const key of list) {
          touched.add(g.target(key));
          touched.add(g.source(key));
          g.dropEdge(key);
          this.structureVersion++;
        }
      }
    }
    this.ownedEdges.set(path, keys);
    this.dropOrphans(touched);
    return { dangling, keys: aligned };
  }

  /**
   * Put back the edges a file had when its index was saved (see index/linkSnapshot), into a
   * graph where the file has none yet. Shared endpoints arrive with their final attributes.
   * The saved ends are numbered from the very facts the nodes were made from, so every end is
   * there; if one is not, nothing of the file's link is kept and this throws, so the caller
   * links the file instead.
   */
  restoreFileEdges(path: string, edges: RestoredEdges): void {
    this.version++;
    this.structureVersion++;
    const g = this.graph;
    const added: string[] = [];
    const keys: string[] = [];
    try {
      for (const { id, attrs } of edges.shared) {
        if (g.hasNode(id)) continue;
        g.addNode(id, { ...attrs });
        added.push(id);
      }
      const { sources, targets, attrs } = edges;
      for (let i = 0; i < sources.length; i++) keys.push(g.addEdge(sources[i], targets[i], attrs[i]));
    } catch (e) {
      for (const key of keys) g.dropEdge(key);
      for (const id of added) g.dropNode(id);
      throw e;
    }
    this.ownedEdges.set(path, keys);
  }

  /** Move the call sites of edges already in the graph (keys from setFileEdges). */
  moveEdgeSites(updates: readonly { key: string; sites: EdgeAttrs['sites'] }[]): void {
    for (const u of updates) if (this.graph.hasEdge(u.key)) this.graph.setEdgeAttribute(u.key, 'sites', u.sites);
  }

  removeFile(path: string): void {
    this.version++;
    this.structureVersion++;
    forgetIds(path);
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
      if (shared && g.degree(id) === 0) {
        g.dropNode(id);
        this.structureVersion++;
      }
    }
  }
}

function sameAttrs(a: EdgeAttrs, b: EdgeAttrs): boolean {
  if (a.kind !== b.kind || a.resolution !== b.resolution || a.confidence !== b.confidence) return false;
  if ((a.names ?? []).join('\0') !== (b.names ?? []).join('\0')) return false;
  const x = a.sites ?? [];
  const y = b.sites ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const r = x[i];
    const t = y[i];
    if (r[0] !== t[0] || r[1] !== t[1] || r[2] !== t[2] || r[3] !== t[3]) return false;
  }
  return true;
}

function sameRange(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameNodeAttrs(a: NodeAttrs, b: NodeAttrs): boolean {
  const keys = Object.keys(b) as (keyof NodeAttrs)[];
  if (Object.keys(a).length !== keys.length) return false;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!sameRange(x as number[] | undefined, y as number[] | undefined)) return false;
    } else if (x !== y) return false;
  }
  return true;
}

function symbolAttrs(path: string, facts: FileFacts, s: SymbolFact): NodeAttrs {
  // One literal per shape: a `doc` added afterwards would give every documented node a
  // separate property store.
  if (s.doc) {
    return { kind: s.kind, name: s.name, qname: s.qname, file: path, range: s.range, selection: s.selection, signature: s.signature, exported: s.exported, language: facts.language, doc: s.doc };
  }
  return { kind: s.kind, name: s.name, qname: s.qname, file: path, range: s.range, selection: s.selection, signature: s.signature, exported: s.exported, language: facts.language };
}

function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
