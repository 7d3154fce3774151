import type { CodeGraph } from '../graph/codeGraph';
import type { EdgeAttrs, EdgeKind, NodeAttrs, Resolution } from '../graph/types';
import type { LinkStats } from '../link/linkFile';
import type { Range } from '../model';
import type { ConfigFingerprint } from '../resolve/resolveHost';
import type { LinkDeps } from './dependencyIndex';

// What linking produced, saved beside the facts so that reopening an unchanged workspace puts
// the graph back instead of linking every file again. Each file keeps its edges (as the linker
// emitted them), its call statistics and what its link depended on; the snapshot as a whole
// keeps the attributes of the shared nodes (packages, externals) and the fingerprint of the
// configuration the links were made under. Only a consistent state is ever saved: no pending
// re-links, no build in progress.

/** [source, target, kind, resolution, confidence, sites, names]; source and target index the snapshot's id table. */
type EncodedEdge = [number, number, EdgeKind, Resolution | 0, number | null, Range[] | 0, string[] | 0];

export type EncodedLink = [edges: EncodedEdge[], stats: number[], deps: [files: string[], probes: string[], names: string[]]];

/** An edge ready for the graph: endpoints, attributes, and the shared endpoint's attributes if it has one. */
export interface RestoredEdge {
  source: string;
  target: string;
  attrs: EdgeAttrs;
  shared?: { id: string; attrs: NodeAttrs };
}

export interface FileLink {
  edges: RestoredEdge[];
  stats: LinkStats;
  deps: LinkDeps;
}

export interface LinkSnapshot {
  fingerprint: ConfigFingerprint;
  /** Attributes of every package and external node, as the graph has them. */
  shared: Record<string, NodeAttrs>;
  files: Map<string, EncodedLink>;
  /** Every node id an edge names, once: edges refer to them by position. */
  ids: string[];
}

/**
 * Node ids by position. A 500k-line workspace has ~200k edges over ~50k nodes: naming each
 * endpoint once keeps the snapshot small and makes every restored edge share one string per
 * node (hashed once by the graph, not once per edge).
 */
export class IdTable {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  indexOf(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    return i;
  }
}

const SHARED_KINDS = new Set(['package', 'external-module', 'external-symbol']);

/** The link of one file, read back from the graph it was put in. */
export function encodeFileLink(graph: CodeGraph, path: string, stats: LinkStats, deps: LinkDeps, ids: IdTable): EncodedLink {
  const g = graph.graph;
  const edges: EncodedEdge[] = [];
  for (const key of graph.ownedEdgeKeys(path)) {
    if (!g.hasEdge(key)) continue;
    const a = g.getEdgeAttributes(key);
    edges.push([ids.indexOf(g.source(key)), ids.indexOf(g.target(key)), a.kind, a.resolution ?? 0, a.confidence ?? null, a.sites ?? 0, a.names ?? 0]);
  }
  const st = [stats.calls, stats.resolvedCalls, stats.guessedCalls, stats.unresolvedCalls, stats.imports, stats.unresolvedImports];
  return [edges, st, [[...deps.files], [...deps.probes], [...deps.names]]];
}

/** Attributes of the graph's shared nodes, for `LinkSnapshot.shared`. */
export function sharedNodeAttrs(graph: CodeGraph): Record<string, NodeAttrs> {
  const out: Record<string, NodeAttrs> = {};
  graph.graph.forEachNode((id, a) => {
    if (SHARED_KINDS.has(a.kind)) out[id] = a;
  });
  return out;
}

/** Throws on an index outside the id table: a snapshot that does not add up is not used. */
export function decodeFileLink(link: EncodedLink, snapshot: Pick<LinkSnapshot, 'ids' | 'shared'>): FileLink {
  const [encoded, st, [files, probes, names]] = link;
  const { ids, shared } = snapshot;
  const edges: RestoredEdge[] = [];
  for (const [s, t, kind, resolution, confidence, sites, names] of encoded) {
    const source = ids[s];
    const target = ids[t];
    if (source === undefined || target === undefined) throw new Error('edge names a node outside the id table');
    const attrs: EdgeAttrs = { kind };
    if (resolution) attrs.resolution = resolution;
    if (confidence !== null) attrs.confidence = confidence;
    if (sites) attrs.sites = sites;
    if (names) attrs.names = names;
    const e: RestoredEdge = { source, target, attrs };
    const sharedEnd = shared[target] ? target : shared[source] ? source : undefined;
    if (sharedEnd !== undefined) e.shared = { id: sharedEnd, attrs: shared[sharedEnd]! };
    edges.push(e);
  }
  const stats: LinkStats = { calls: st[0]!, resolvedCalls: st[1]!, guessedCalls: st[2]!, unresolvedCalls: st[3]!, imports: st[4]!, unresolvedImports: st[5]! };
  return { edges, stats, deps: { files: new Set(files), probes: new Set(probes), names: new Set(names) } };
}

/** A snapshot read from disk is only as good as its shape; anything odd and it is not used. */
export function isLinkSnapshotShape(v: unknown): v is { fingerprint: ConfigFingerprint; shared: Record<string, NodeAttrs>; files: [string, EncodedLink][]; ids: string[] } {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const f = s.fingerprint as Record<string, unknown> | undefined;
  return (
    !!f &&
    Array.isArray(f.reads) &&
    Array.isArray(f.listings) &&
    (f.rootPackage === null || typeof f.rootPackage === 'string') &&
    !!s.shared &&
    typeof s.shared === 'object' &&
    Array.isArray(s.files) &&
    Array.isArray(s.ids)
  );
}
