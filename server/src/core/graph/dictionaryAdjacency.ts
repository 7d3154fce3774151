import type { AbstractGraph } from 'graphology-types';

// graphology keeps each node's neighbours in plain objects keyed by neighbour id (`in`, `out`),
// created as `{}` and filled one key at a time. V8 gives such an object a new hidden class for
// every key it gains until it gives up and turns it into a dictionary — on a graph of 50k
// nodes and 200k edges that is hundreds of thousands of short-lived hidden classes, a quarter
// of the time spent adding edges and tens of megabytes. Starting every adjacency object in
// dictionary mode (an object made without a prototype is one) skips all of it.
//
// graphology calls `hasOwnProperty` on them, so each gets that method as an own,
// non-enumerable property: its loops over neighbours do not see it, and the engine's node ids
// start with a kind prefix (`s:`, `f:`, …), so none is named so. Putting Object.prototype back
// instead would give every one of these objects a hidden class of its own, ~100k of them
// (8 MB) on that graph.

type NodeDataClass = new (key: string, attributes: unknown) => { clear(): void };

const ADJACENCY = ['in', 'out', 'undirected'] as const;

const OWN = { value: Object.prototype.hasOwnProperty };

function dictionary(): Record<string, unknown> {
  return Object.defineProperty(Object.create(null), 'hasOwnProperty', OWN) as Record<string, unknown>;
}

/**
 * Make `graph` create its nodes' adjacency objects in dictionary mode. Relies on graphology's
 * per-graph `NodeDataClass` (0.25–0.26); with any other shape the graph is left as it is.
 */
export function useDictionaryAdjacency(graph: AbstractGraph): void {
  const internals = graph as unknown as { NodeDataClass?: NodeDataClass };
  const Base = internals.NodeDataClass;
  if (typeof Base !== 'function' || typeof Base.prototype?.clear !== 'function') return;
  internals.NodeDataClass = class extends Base {
    override clear(): void {
      super.clear();
      const self = this as unknown as Record<string, unknown>;
      for (const k of ADJACENCY) if (self[k] !== undefined) self[k] = dictionary();
    }
  };
}
