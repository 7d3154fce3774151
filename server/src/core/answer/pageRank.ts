import type { Graph } from '../graph/codeGraph';
import { compareIds } from '../query/findSymbols';

// Centrality of every symbol and file over the edges that say "depends on": calls, imports,
// references, extends/implements. A function many others (transitively) rely on ranks high.
// Computed once per graph version; nodes are visited in id order so the result never depends
// on the order the graph was built in.

const DAMPING = 0.85;
const ITERATIONS = 30;
const USED = new Set(['calls', 'imports', 'references', 'extends', 'implements']);

export interface Centrality {
  /** Score per node id, scaled so the average node has 1. */
  score: Map<string, number>;
  /** 1-based rank among nodes that live in files. */
  rank: Map<string, number>;
}

export function pageRank(graph: Graph): Centrality {
  const ids: string[] = [];
  graph.forEachNode((id, a) => {
    if (a.file) ids.push(id);
  });
  ids.sort(compareIds);
  const n = ids.length;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  // CSR adjacency (incoming lists) with out-degrees.
  const outDeg = new Float64Array(n);
  const inStart = new Int32Array(n + 1);
  const pairs: number[] = [];
  // mark[j] === i + 1: the edge i → j is already counted (several edges may join two nodes).
  const mark = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let deg = 0;
    graph.forEachOutEdge(ids[i], (_e, attrs, _s, target) => {
      if (!USED.has(attrs.kind)) return;
      const j = index.get(target);
      if (j === undefined || j === i || mark[j] === i + 1) return;
      mark[j] = i + 1;
      deg++;
      pairs.push(j, i);
    });
    outDeg[i] = deg;
  }
  for (let k = 0; k < pairs.length; k += 2) inStart[pairs[k] + 1]++;
  for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
  const fill = inStart.slice(0, n);
  const inFrom = new Int32Array(pairs.length / 2);
  // Pairs are appended in source order, so each incoming list is in a fixed order.
  for (let k = 0; k < pairs.length; k += 2) inFrom[fill[pairs[k]]++] = pairs[k + 1];

  let pr = new Float64Array(n).fill(n ? 1 / n : 0);
  let next = new Float64Array(n);
  for (let it = 0; it < ITERATIONS; it++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (outDeg[i] === 0) dangling += pr[i];
    const base = (1 - DAMPING) / n + (DAMPING * dangling) / n;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = inStart[i]; k < inStart[i + 1]; k++) {
        const j = inFrom[k];
        s += pr[j] / outDeg[j];
      }
      next[i] = base + DAMPING * s;
    }
    [pr, next] = [next, pr];
  }
  const score = new Map<string, number>();
  for (let i = 0; i < n; i++) score.set(ids[i], pr[i] * n);
  const order = [...ids.keys()].sort((a, b) => pr[b] - pr[a] || compareIds(ids[a], ids[b]));
  const rank = new Map<string, number>();
  order.forEach((i, r) => rank.set(ids[i], r + 1));
  return { score, rank };
}
