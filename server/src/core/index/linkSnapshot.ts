import type { CodeGraph } from '../graph/codeGraph';
import { edgeAttrs, type EdgeAttrs, type EdgeKind, type NodeAttrs, type Resolution } from '../graph/types';
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

/**
 * A file's edges as one flat list of numbers, per edge:
 *   source, target, kind, resolution, confidence, n, n sites of 4 numbers, m, m names
 * where source, target and names index the snapshot's string table, kind and resolution index
 * EDGE_KINDS and RESOLUTIONS (resolution 0: none), and −1 stands for no confidence, no sites or
 * no names (which differ from an empty list). Numbers parse several times faster than nested
 * arrays of strings, and a warm start reads ~150k edges.
 */
type EncodedEdges = number[];

/** What the link read, as string-table indexes: files, resolution probes, guessed names. */
type EncodedDeps = [files: number[], probes: number[], names: number[]];

export type EncodedLink = [edges: EncodedEdges, stats: number[], deps: EncodedDeps];

const EDGE_KINDS: readonly EdgeKind[] = ['contains', 'imports', 'calls', 'extends', 'implements', 'references'];
const RESOLUTIONS: readonly (Resolution | undefined)[] = [undefined, 'import', 'scope', 'this', 'instantiation', 'name'];
const KIND_CODE = new Map(EDGE_KINDS.map((k, i) => [k, i]));
const RESOLUTION_CODE = new Map(RESOLUTIONS.map((r, i) => [r, i]));

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
  /** Every string a link names (node ids, import names, dependency paths and probes), once: links refer to them by position. */
  ids: string[];
}

/**
 * Strings by position. A 500k-line workspace has ~200k edges over ~50k nodes and its files'
 * dependencies name the same paths again and again: naming each string once keeps the snapshot
 * small and makes everything restored share one string per node or path (a node id is hashed
 * once by the graph, not once per edge).
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
  const edges: EncodedEdges = [];
  for (const key of graph.ownedEdgeKeys(path)) {
    if (!g.hasEdge(key)) continue;
    const a = g.getEdgeAttributes(key);
    edges.push(ids.indexOf(g.source(key)), ids.indexOf(g.target(key)), KIND_CODE.get(a.kind)!, RESOLUTION_CODE.get(a.resolution) ?? 0, a.confidence ?? -1);
    const sites = a.sites;
    edges.push(sites ? sites.length : -1);
    for (const r of sites ?? []) edges.push(r[0], r[1], r[2], r[3]);
    const names = a.names;
    edges.push(names ? names.length : -1);
    for (const n of names ?? []) edges.push(ids.indexOf(n));
  }
  const st = [stats.calls, stats.resolvedCalls, stats.guessedCalls, stats.unresolvedCalls, stats.imports, stats.unresolvedImports];
  const indexes = (set: ReadonlySet<string>) => Array.from(set, (x) => ids.indexOf(x));
  return [edges, st, [indexes(deps.files), indexes(deps.probes), indexes(deps.names)]];
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
  const string = (i: number | undefined): string => {
    const v = i === undefined ? undefined : ids[i];
    if (v === undefined) throw new Error('link names a string outside the table');
    return v;
  };
  const count = (i: number): number => {
    const n = encoded[i];
    if (n === undefined || !Number.isInteger(n) || n < -1) throw new Error('link has a malformed count');
    return n;
  };
  const edges: RestoredEdge[] = [];
  let i = 0;
  while (i < encoded.length) {
    const source = string(encoded[i]);
    const target = string(encoded[i + 1]);
    const kind = EDGE_KINDS[encoded[i + 2]!];
    const resolution = RESOLUTIONS[encoded[i + 3]!];
    const confidence = encoded[i + 4]!;
    if (kind === undefined || (resolution === undefined && encoded[i + 3] !== 0)) throw new Error('edge of an unknown kind');
    i += 5;
    let sites: Range[] | undefined;
    const siteCount = count(i++);
    if (siteCount >= 0) {
      sites = new Array<Range>(siteCount);
      for (let k = 0; k < siteCount; k++, i += 4) sites[k] = [encoded[i]!, encoded[i + 1]!, encoded[i + 2]!, encoded[i + 3]!];
    }
    let edgeNames: string[] | undefined;
    const nameCount = count(i++);
    if (nameCount >= 0) {
      edgeNames = new Array<string>(nameCount);
      for (let k = 0; k < nameCount; k++) edgeNames[k] = string(encoded[i++]);
    }
    if (i > encoded.length) throw new Error('link ends early');
    const attrs = edgeAttrs(kind, resolution, confidence === -1 ? undefined : confidence, sites, edgeNames);
    const e: RestoredEdge = { source, target, attrs };
    const sharedEnd = shared[target] ? target : shared[source] ? source : undefined;
    if (sharedEnd !== undefined) e.shared = { id: sharedEnd, attrs: shared[sharedEnd]! };
    edges.push(e);
  }
  const stats: LinkStats = { calls: st[0]!, resolvedCalls: st[1]!, guessedCalls: st[2]!, unresolvedCalls: st[3]!, imports: st[4]!, unresolvedImports: st[5]! };
  const strings = (xs: number[]) => new Set(xs.map(string));
  return { edges, stats, deps: { files: strings(files), probes: strings(probes), names: strings(names) } };
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
