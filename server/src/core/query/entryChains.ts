import type { Graph } from '../graph/codeGraph';
import type { EdgeAttrs, NodeAttrs } from '../graph/types';
import type { ChainStep } from './callGraph';
import { compareIds } from './findSymbols';

// How a symbol is reached: the shortest chains from entry points down to it. An entry point is
// where execution starts without a caller in the repository — module-level code (route
// registrations, `main` guards, CLI scripts), exported APIs nobody in the repo calls, and
// other roots — never test code. Chains follow real `calls` edges (plus a module's reference to
// a handler it registers), walking backwards breadth-first, so each is a true, shortest path.

export interface EntryChainOptions {
  maxLength?: number;
  maxChains?: number;
  timeBudgetMs?: number;
  isCancelled?: () => boolean;
}

export interface EntryChains {
  chains: ChainStep[][];
  truncated: boolean;
}

const TEST_PATH = /(^|\/)(__tests__|__mocks__|tests?|spec|specs)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.pyi?$|_test\.pyi?$|(^|\/)conftest\.py$/;

export function isTestFile(path: string | undefined): boolean {
  return !!path && TEST_PATH.test(path);
}

/** Edges that carry control into a node: calls, and a module-level reference (handler registration). */
function entersFrom(graph: Graph, edge: EdgeAttrs, source: string): boolean {
  if (edge.kind === 'calls') return true;
  return edge.kind === 'references' && graph.getNodeAttribute(source, 'kind') === 'file';
}

export function entryChains(graph: Graph, target: string, options: EntryChainOptions = {}): EntryChains {
  const maxLength = options.maxLength ?? 6;
  const maxChains = options.maxChains ?? 3;
  const deadline = performance.now() + (options.timeBudgetMs ?? 100);
  if (!graph.hasNode(target)) return { chains: [], truncated: false };

  // Reverse BFS: next[n] are the nodes one step closer to the target, with the edge used.
  const dist = new Map<string, number>([[target, 0]]);
  const next = new Map<string, { id: string; edge: EdgeAttrs }[]>();
  const roots: string[] = [];
  let frontier = [target];
  let truncated = false;
  for (let depth = 0; frontier.length && depth < maxLength; depth++) {
    const level: string[] = [];
    for (const node of frontier) {
      if (performance.now() > deadline || options.isCancelled?.()) {
        truncated = true;
        break;
      }
      let callers = 0;
      graph.forEachInEdge(node, (_e, edge, source, _t, sourceAttrs: NodeAttrs) => {
        if (!entersFrom(graph, edge, source) || isTestFile(sourceAttrs.file) || source === node) return;
        callers++;
        const d = dist.get(source);
        if (d === undefined) {
          dist.set(source, depth + 1);
          next.set(source, [{ id: node, edge }]);
          level.push(source);
        } else if (d === depth + 1) next.get(source)!.push({ id: node, edge });
      });
      if (callers === 0 && node !== target) roots.push(node);
    }
    if (truncated) break;
    if (roots.length >= maxChains) break;
    level.sort(compareIds);
    frontier = level;
  }
  // Nodes still in the last frontier have callers beyond the length bound; they are entries
  // only if nothing closer was found.
  const ends = roots.length ? roots : [];
  const chains: ChainStep[][] = [];
  const walk = (node: string, prefix: ChainStep[]): void => {
    if (chains.length >= maxChains) return;
    if (node === target) {
      chains.push(prefix);
      return;
    }
    const steps = [...(next.get(node) ?? [])].sort((a, b) => (a.edge.resolution === 'name' ? 1 : 0) - (b.edge.resolution === 'name' ? 1 : 0) || compareIds(a.id, b.id));
    for (const s of steps) {
      if (chains.length >= maxChains) return;
      walk(s.id, [...prefix, { id: s.id, attrs: graph.getNodeAttributes(s.id), via: s.edge }]);
    }
  };
  for (const r of ends.sort((a, b) => dist.get(a)! - dist.get(b)! || compareIds(a, b))) {
    walk(r, [{ id: r, attrs: graph.getNodeAttributes(r) }]);
  }
  return { chains, truncated };
}

/** Calls a symbol makes whose targets live in another file (or outside the repository). */
export function outgoingCrossFile(graph: Graph, id: string): { id: string; attrs: NodeAttrs; edge: EdgeAttrs }[] {
  if (!graph.hasNode(id)) return [];
  const file = graph.getNodeAttribute(id, 'file');
  const out: { id: string; attrs: NodeAttrs; edge: EdgeAttrs }[] = [];
  graph.forEachOutEdge(id, (_e, edge, _s, target, _sa, targetAttrs) => {
    if (edge.kind === 'calls' && targetAttrs.file !== file) out.push({ id: target, attrs: targetAttrs, edge });
  });
  return out.sort((a, b) => (a.edge.resolution === 'name' ? 1 : 0) - (b.edge.resolution === 'name' ? 1 : 0) || compareIds(a.id, b.id));
}
