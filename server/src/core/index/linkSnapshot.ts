import type { CodeGraph } from '../graph/codeGraph';
import { fileId } from '../graph/ids';
import type { EdgeKind, EdgeSpec, NodeAttrs, Resolution } from '../graph/types';
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

/** [source, target, kind, resolution, confidence, sites, names]; source '' is the file, '#q' one of its symbols. */
type EncodedEdge = [string, string, EdgeKind, Resolution | 0, number | null, Range[] | 0, string[] | 0];

export type EncodedLink = [edges: EncodedEdge[], stats: number[], deps: [files: string[], probes: string[], names: string[]]];

export interface FileLink {
  edges: EdgeSpec[];
  stats: LinkStats;
  deps: LinkDeps;
}

export interface LinkSnapshot {
  fingerprint: ConfigFingerprint;
  /** Attributes of every package and external node, as the graph has them. */
  shared: Record<string, NodeAttrs>;
  files: Map<string, EncodedLink>;
}

const SHARED_KINDS = new Set(['package', 'external-module', 'external-symbol']);

/** The link of one file, read back from the graph it was put in. */
export function encodeFileLink(graph: CodeGraph, path: string, stats: LinkStats, deps: LinkDeps): EncodedLink {
  const g = graph.graph;
  const fid = fileId(path);
  const own = `s:${path}#`;
  const edges: EncodedEdge[] = [];
  for (const key of graph.ownedEdgeKeys(path)) {
    if (!g.hasEdge(key)) continue;
    const a = g.getEdgeAttributes(key);
    const source = g.source(key);
    const s = source === fid ? '' : source.startsWith(own) ? `#${source.slice(own.length)}` : source;
    edges.push([s, g.target(key), a.kind, a.resolution ?? 0, a.confidence ?? null, a.sites ?? 0, a.names ?? 0]);
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

export function decodeFileLink(path: string, link: EncodedLink, shared: Record<string, NodeAttrs>): FileLink {
  const [encoded, st, [files, probes, names]] = link;
  const fid = fileId(path);
  const own = `s:${path}#`;
  const edges: EdgeSpec[] = [];
  for (const [s, target, kind, resolution, confidence, sites, names] of encoded) {
    const source = s === '' ? fid : s.startsWith('#') ? own + s.slice(1) : s;
    const e: EdgeSpec = { kind, source, target };
    if (resolution) e.resolution = resolution;
    if (confidence !== null) e.confidence = confidence;
    if (sites) e.sites = sites;
    if (names) e.names = names;
    const sharedEnd = shared[target] ? target : shared[source] ? source : undefined;
    if (sharedEnd !== undefined) e.shared = { id: sharedEnd, attrs: shared[sharedEnd]! };
    edges.push(e);
  }
  const stats: LinkStats = { calls: st[0]!, resolvedCalls: st[1]!, guessedCalls: st[2]!, unresolvedCalls: st[3]!, imports: st[4]!, unresolvedImports: st[5]! };
  return { edges, stats, deps: { files: new Set(files), probes: new Set(probes), names: new Set(names) } };
}

/** A snapshot read from disk is only as good as its shape; anything odd and it is not used. */
export function isLinkSnapshotShape(v: unknown): v is { fingerprint: ConfigFingerprint; shared: Record<string, NodeAttrs>; files: [string, EncodedLink][] } {
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
    Array.isArray(s.files)
  );
}
