import type { Graph } from '../graph/codeGraph';
import type { EdgeAttrs, NodeAttrs } from '../graph/types';
import { compareIds } from './findSymbols';

// Who calls what, read straight off the graph's `calls` edges: each answer carries its call
// sites and how the edge was resolved, so a name-only guess is always visible as one.

export interface CallLink {
  id: string;
  attrs: NodeAttrs;
  edge: EdgeAttrs;
}

export function callers(graph: Graph, id: string): CallLink[] {
  if (!graph.hasNode(id)) return [];
  const out: CallLink[] = [];
  graph.forEachInEdge(id, (_e, edge, source, _t, sourceAttrs) => {
    if (edge.kind === 'calls') out.push({ id: source, attrs: sourceAttrs, edge });
  });
  return out.sort(byStrength);
}

export function callees(graph: Graph, id: string): CallLink[] {
  if (!graph.hasNode(id)) return [];
  const out: CallLink[] = [];
  graph.forEachOutEdge(id, (_e, edge, _s, target, _sa, targetAttrs) => {
    if (edge.kind === 'calls') out.push({ id: target, attrs: targetAttrs, edge });
  });
  return out.sort(byStrength);
}

const ALIASABLE = new Set(['function', 'method', 'constructor', 'class', 'variable', 'getter', 'setter']);

/**
 * What a variable that only names another symbol (`export const map = internal.map`) stands
 * for. The linker sends calls through such an alias to its target, so the alias itself has no
 * callers; asking about it means asking about the target.
 */
export function aliasTarget(graph: Graph, id: string): string | undefined {
  if (!graph.hasNode(id) || graph.getNodeAttribute(id, 'kind') !== 'variable') return undefined;
  let target: string | undefined;
  let other = false;
  graph.forEachOutEdge(id, (_e, edge, _s, t, _sa, ta) => {
    if (edge.kind === 'references' && ALIASABLE.has(ta.kind) && target === undefined) target = t;
    else other = true;
  });
  return other ? undefined : target;
}

/**
 * Who calls `id` — or, for an alias nobody calls directly, who calls what it names (where the
 * linker put those calls), with that target as `alias`.
 */
export function callersThroughAlias(graph: Graph, id: string): { links: CallLink[]; alias?: string } {
  const links = callers(graph, id);
  const alias = links.length === 0 ? aliasTarget(graph, id) : undefined;
  return alias ? { links: callers(graph, alias), alias } : { links };
}

function byStrength(a: CallLink, b: CallLink): number {
  const guessA = a.edge.resolution === 'name' ? 1 : 0;
  const guessB = b.edge.resolution === 'name' ? 1 : 0;
  return guessA - guessB || compareIds(a.id, b.id);
}

export interface ChainStep {
  id: string;
  attrs: NodeAttrs;
  /** The edge that led here from the previous step; absent for the first step. */
  via?: EdgeAttrs;
}

export interface ChainOptions {
  maxLength?: number;
  maxChains?: number;
  /** Stop searching after this long; the answer says it was cut short. */
  timeBudgetMs?: number;
  includeGuesses?: boolean;
}

export interface ChainResult {
  chains: ChainStep[][];
  truncated: boolean;
}

/**
 * Shortest call chains from any of `from` to any of `to`. Breadth-first over `calls` edges, so
 * every chain returned is a real path in the graph and no chain is longer than a shorter one
 * that was skipped; all shortest chains are collected (up to maxChains) by keeping every parent
 * that reaches a node at its shortest distance.
 */
export function shortestChains(graph: Graph, from: readonly string[], to: readonly string[], options: ChainOptions = {}): ChainResult {
  const maxLength = options.maxLength ?? 8;
  const maxChains = options.maxChains ?? 5;
  const deadline = performance.now() + (options.timeBudgetMs ?? 200);
  const includeGuesses = options.includeGuesses ?? true;
  const targets = new Set(to.filter((t) => graph.hasNode(t)));
  const dist = new Map<string, number>();
  const parents = new Map<string, { id: string; edge: EdgeAttrs }[]>();
  let frontier = [...new Set(from.filter((f) => graph.hasNode(f)))].sort(compareIds);
  for (const f of frontier) dist.set(f, 0);
  let found = frontier.filter((f) => targets.has(f));
  let truncated = false;
  for (let depth = 0; found.length === 0 && frontier.length > 0 && depth < maxLength; depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      if (performance.now() > deadline) {
        truncated = true;
        break;
      }
      graph.forEachOutEdge(node, (_e, edge, _s, target) => {
        if (edge.kind !== 'calls' || (!includeGuesses && edge.resolution === 'name')) return;
        const d = dist.get(target);
        if (d === undefined) {
          dist.set(target, depth + 1);
          parents.set(target, [{ id: node, edge }]);
          next.push(target);
        } else if (d === depth + 1) {
          parents.get(target)!.push({ id: node, edge });
        }
      });
    }
    if (truncated) break;
    next.sort(compareIds);
    frontier = next;
    found = next.filter((n) => targets.has(n));
  }
  const chains: ChainStep[][] = [];
  const build = (node: string, suffix: ChainStep[]): void => {
    if (chains.length >= maxChains) return;
    const ps = parents.get(node);
    const attrs = graph.getNodeAttributes(node);
    if (!ps || dist.get(node) === 0) {
      chains.push([{ id: node, attrs }, ...suffix]);
      return;
    }
    // Prefer resolved hops over guesses when several parents tie.
    const ordered = [...ps].sort((a, b) => (a.edge.resolution === 'name' ? 1 : 0) - (b.edge.resolution === 'name' ? 1 : 0) || compareIds(a.id, b.id));
    for (const p of ordered) {
      if (chains.length >= maxChains) return;
      const step: ChainStep = { id: node, attrs, via: p.edge };
      build(p.id, [step, ...suffix]);
    }
  };
  for (const t of found) build(t, []);
  return { chains, truncated };
}
