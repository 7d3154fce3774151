import type { AbstractGraph } from 'graphology-types';

// graphology names generated edges `geid_<instance>_<n>`: past 12 characters V8 builds such a
// string as a rope, flattens it into a second string the first time the edge map hashes it, and
// both stay alive as long as the edge — two strings per edge, 400k on a 500k-line workspace,
// copied by every young-generation collection while the graph is built. A base-36 counter is
// one short flat string, and just as unique within the graph.

/**
 * Make `graph` generate short edge keys. Relies on graphology's per-graph `_edgeKeyGenerator`
 * (0.25–0.26); with any other shape the graph keeps its own generator.
 */
export function useCompactEdgeKeys(graph: AbstractGraph): void {
  const internals = graph as unknown as { _edgeKeyGenerator?: () => string; _edges?: Map<string, unknown> };
  const edges = internals._edges;
  if (typeof internals._edgeKeyGenerator !== 'function' || !(edges instanceof Map)) return;
  let next = 0;
  internals._edgeKeyGenerator = () => {
    let key: string;
    // Keys given explicitly (addEdgeWithKey) may have taken a counter value already.
    do key = (next++).toString(36);
    while (edges.has(key));
    return key;
  };
}
