import type { CodeGraph } from '../graph/codeGraph';
import { fileId, symbolId } from '../graph/ids';
import { edgeAttrs, type EdgeKind, type NodeAttrs, type Resolution, type RestoredEdges } from '../graph/types';
import type { LinkStats } from '../link/linkFile';
import type { FileFacts, Range } from '../model';
import type { ConfigFingerprint } from '../resolve/resolveHost';
import type { LinkDeps } from './dependencyIndex';

// What linking produced, saved beside the facts so that reopening an unchanged workspace puts
// the graph back instead of linking every file again. Each file keeps its edges (as the linker
// emitted them), its call statistics and what its link depended on; the snapshot as a whole
// keeps the attributes of the shared nodes (packages, externals) and the fingerprint of the
// configuration the links were made under. Only a consistent state is ever saved: no pending
// re-links, no build in progress.
//
// Edges are numbers in one binary block rather than JSON: a 500k-line workspace has ~200k of
// them, and parsing them as JSON arrays, then the arrays into edges, cost a warm start a fifth
// of its time and ~17 MB of arrays that were garbage at once. An edge's ends are numbered
// nodes, not strings: the nodes of the files the cache holds, in the order it holds them (each
// file node, then its symbols), then the shared nodes. Numbering them again from the cached
// facts gives the very id strings the graph keys its nodes with, so putting an edge back
// hashes no string and compares none.

/**
 * Per edge, in `words`: source, target, flags, n, n sites of 4 numbers, m, m names, where
 * flags holds the kind (index in EDGE_KINDS, bits 0–2), the resolution (index in RESOLUTIONS,
 * bits 3–5, 0: none) and whether the edge has a confidence (bit 6, the value being the next
 * of `confidences`); names index the string table, and −1 stands for no sites or no names
 * (which differ from an empty list).
 */
const KIND_BITS = 0b111;
const RESOLUTION_SHIFT = 3;
const HAS_CONFIDENCE = 1 << 6;

const EDGE_KINDS: readonly EdgeKind[] = ['contains', 'imports', 'calls', 'extends', 'implements', 'references'];
const RESOLUTIONS: readonly (Resolution | undefined)[] = [undefined, 'import', 'scope', 'this', 'instantiation', 'name'];
const KIND_CODE = new Map(EDGE_KINDS.map((k, i) => [k, i]));
const RESOLUTION_CODE = new Map(RESOLUTIONS.map((r, i) => [r, i]));

/** What the link read, as string-table indexes: files, resolution probes, guessed names. */
type EncodedDeps = [files: number[], probes: number[], names: number[]];

/** A file's link: its statistics, its dependencies, and where its edges are in the blocks. */
export type EncodedLink = [stats: number[], deps: EncodedDeps, firstWord: number, wordCount: number, firstConfidence: number];

export interface FileLink {
  edges: RestoredEdges;
  stats: LinkStats;
  deps: LinkDeps;
}

export interface LinkSnapshot {
  fingerprint: ConfigFingerprint;
  /** Every package and external node, with its attributes as the graph had them: numbered after the files' nodes. */
  shared: [string, NodeAttrs][];
  files: Map<string, EncodedLink>;
  /** Every string a link names (import names, dependency paths, probes and names), once. */
  strings: string[];
  words: Int32Array;
  confidences: Float64Array;
}

/** The ids of a file's nodes in the order the snapshot numbers them. */
export function forEachFileNode(path: string, facts: FileFacts, visit: (id: string) => void): void {
  visit(fileId(path));
  for (const s of facts.symbols) visit(symbolId(path, s.qname));
}

/** Strings by position: dependencies name the same paths again and again. */
class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  indexOf(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** A growable block of numbers. */
class Block<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(private data: T) {}

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const SHARED_KINDS = new Set(['package', 'external-module', 'external-symbol']);

/** Encodes the links of a graph's files, in the order the cache saves their facts. */
export class LinkWriter {
  readonly shared: [string, NodeAttrs][] = [];
  private readonly numbers = new Map<string, number>();
  private readonly table = new StringTable();
  private readonly words = new Block(new Int32Array(1 << 16));
  private readonly confidences = new Block(new Float64Array(1 << 12));

  constructor(
    private readonly graph: CodeGraph,
    files: Iterable<[string, { facts: FileFacts }]>,
  ) {
    // By position, as the reader numbers them: an id met twice (a qname a file repeats) keeps
    // its last number, and either number reads back as that id.
    let next = 0;
    const number = (id: string) => this.numbers.set(id, next++);
    for (const [path, { facts }] of files) forEachFileNode(path, facts, number);
    graph.graph.forEachNode((id, a) => {
      if (!SHARED_KINDS.has(a.kind)) return;
      number(id);
      this.shared.push([id, a]);
    });
  }

  /** The link of one file, read back from the graph; undefined if an edge ends at a node outside the numbering. */
  fileLink(path: string, stats: LinkStats, deps: LinkDeps): EncodedLink | undefined {
    const g = this.graph.graph;
    const { words, confidences, numbers } = this;
    const firstWord = words.length;
    const firstConfidence = confidences.length;
    for (const key of this.graph.ownedEdgeKeys(path)) {
      if (!g.hasEdge(key)) continue;
      const a = g.getEdgeAttributes(key);
      const source = numbers.get(g.source(key));
      const target = numbers.get(g.target(key));
      if (source === undefined || target === undefined) {
        words.length = firstWord;
        confidences.length = firstConfidence;
        return undefined;
      }
      words.push(source);
      words.push(target);
      const hasConfidence = a.confidence !== undefined;
      words.push(KIND_CODE.get(a.kind)! | ((RESOLUTION_CODE.get(a.resolution) ?? 0) << RESOLUTION_SHIFT) | (hasConfidence ? HAS_CONFIDENCE : 0));
      if (hasConfidence) confidences.push(a.confidence!);
      const sites = a.sites;
      words.push(sites ? sites.length : -1);
      for (const r of sites ?? []) for (let k = 0; k < 4; k++) words.push(r[k]);
      const names = a.names;
      words.push(names ? names.length : -1);
      for (const n of names ?? []) words.push(this.table.indexOf(n));
    }
    const st = [stats.calls, stats.resolvedCalls, stats.guessedCalls, stats.unresolvedCalls, stats.imports, stats.unresolvedImports];
    const indexes = (set: ReadonlySet<string>) => Array.from(set, (x) => this.table.indexOf(x));
    return [st, [indexes(deps.files), indexes(deps.probes), indexes(deps.names)], firstWord, words.length - firstWord, firstConfidence];
  }

  /** What the links written so far index into. */
  blocks(): { strings: string[]; words: Int32Array; confidences: Float64Array } {
    return { strings: this.table.strings, words: this.words.view(), confidences: this.confidences.view() };
  }
}

/**
 * Decodes saved links against the node ids of the cached files (numbered by forEachFileNode,
 * in the cache's order). Throws on anything that does not add up: such a link is not used.
 */
export class LinkReader {
  private readonly ids: string[];
  private readonly fileNodes: number;

  constructor(
    private readonly snapshot: LinkSnapshot,
    fileNodeIds: readonly string[],
  ) {
    this.fileNodes = fileNodeIds.length;
    this.ids = [...fileNodeIds, ...snapshot.shared.map(([id]) => id)];
  }

  decode(link: EncodedLink): FileLink {
    const [st, [files, probes, names], firstWord, wordCount, firstConfidence] = link;
    const { words, confidences, strings, shared } = this.snapshot;
    const { ids, fileNodes } = this;
    const end = firstWord + wordCount;
    if (!(Number.isInteger(firstWord) && Number.isInteger(wordCount) && firstWord >= 0 && wordCount >= 0 && end <= words.length)) throw new Error('link outside the edge block');
    const string = (i: number): string => {
      const v = strings[i];
      if (v === undefined) throw new Error('link names a string outside the table');
      return v;
    };
    const node = (i: number): string => {
      const v = ids[i];
      if (v === undefined) throw new Error('edge ends at a node outside the numbering');
      return v;
    };
    const count = (i: number): number => {
      if (i >= end) throw new Error('link ends early');
      const n = words[i]!;
      if (n < -1) throw new Error('link has a malformed count');
      return n;
    };
    const edges: RestoredEdges = { sources: [], targets: [], attrs: [], shared: [] };
    const sharedSeen = new Set<number>();
    const needShared = (n: number) => {
      if (n < fileNodes || sharedSeen.has(n)) return;
      sharedSeen.add(n);
      const [id, attrs] = shared[n - fileNodes]!;
      edges.shared.push({ id, attrs });
    };
    let c = firstConfidence;
    let i = firstWord;
    while (i < end) {
      if (i + 3 > end) throw new Error('link ends early');
      const s = words[i]!;
      const t = words[i + 1]!;
      const flags = words[i + 2]!;
      const kind = EDGE_KINDS[flags & KIND_BITS];
      const r = (flags >> RESOLUTION_SHIFT) & KIND_BITS;
      if (kind === undefined || r >= RESOLUTIONS.length || flags >> 7 !== 0) throw new Error('edge of an unknown kind');
      let confidence: number | undefined;
      if (flags & HAS_CONFIDENCE) {
        if (c >= confidences.length) throw new Error('link outside the confidence block');
        confidence = confidences[c++];
      }
      i += 3;
      let sites: Range[] | undefined;
      const siteCount = count(i++);
      if (siteCount >= 0) {
        if (i + 4 * siteCount > end) throw new Error('link ends early');
        sites = new Array<Range>(siteCount);
        for (let k = 0; k < siteCount; k++, i += 4) sites[k] = [words[i]!, words[i + 1]!, words[i + 2]!, words[i + 3]!];
      }
      let edgeNames: string[] | undefined;
      const nameCount = count(i++);
      if (nameCount >= 0) {
        if (i + nameCount > end) throw new Error('link ends early');
        edgeNames = new Array<string>(nameCount);
        for (let k = 0; k < nameCount; k++) edgeNames[k] = string(words[i++]!);
      }
      edges.sources.push(node(s));
      edges.targets.push(node(t));
      needShared(s);
      needShared(t);
      edges.attrs.push(edgeAttrs(kind, RESOLUTIONS[r], confidence, sites, edgeNames));
    }
    const stats: LinkStats = { calls: st[0]!, resolvedCalls: st[1]!, guessedCalls: st[2]!, unresolvedCalls: st[3]!, imports: st[4]!, unresolvedImports: st[5]! };
    const set = (xs: number[]) => new Set(xs.map(string));
    return { edges, stats, deps: { files: set(files), probes: set(probes), names: set(names) } };
  }
}

/** The part of a snapshot read from its JSON lines, before the blocks; anything odd and it is not used. */
export function isLinkHeadShape(v: unknown): v is Pick<LinkSnapshot, 'fingerprint' | 'shared'> {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const f = s.fingerprint as Record<string, unknown> | undefined;
  return (
    !!f &&
    Array.isArray(f.reads) &&
    Array.isArray(f.listings) &&
    (f.rootPackage === null || typeof f.rootPackage === 'string') &&
    Array.isArray(s.shared) &&
    s.shared.every((e) => Array.isArray(e) && typeof e[0] === 'string' && !!e[1] && typeof e[1] === 'object')
  );
}
