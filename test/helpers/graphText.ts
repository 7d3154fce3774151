import type { Graph } from '../../server/src/core/graph/codeGraph';

// Graphs as readable lines, so expected results in fixtures are plain text a person can check.

export function nodeText(id: string): string {
  if (id.startsWith('s:') || id.startsWith('f:')) return id.slice(2);
  if (id.startsWith('x:')) return id.slice(2);
  if (id.startsWith('p:')) return `pkg:${id.slice(2)}`;
  return id;
}

export function edgeLines(graph: Graph, kinds: ReadonlySet<string>): string[] {
  const out: string[] = [];
  graph.forEachEdge((_k, a, s, t) => {
    if (!kinds.has(a.kind)) return;
    out.push(`${a.kind} ${nodeText(s)} -> ${nodeText(t)}${a.resolution && a.kind !== 'imports' ? ` [${a.resolution}]` : ''}`);
  });
  return out.sort();
}

export function readExpected(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .sort();
}

/** A canonical dump of the whole graph: every node and edge with all attributes. */
export function canonicalGraph(graph: Graph): string[] {
  const lines: string[] = [];
  graph.forEachNode((id, a) => lines.push(`N ${id} ${JSON.stringify(sortKeys(a))}`));
  graph.forEachEdge((_k, a, s, t) => {
    const attrs = { ...a, sites: a.sites ? [...a.sites].map((r) => r.join(',')).sort() : undefined };
    lines.push(`E ${s} ${t} ${JSON.stringify(sortKeys(attrs))}`);
  });
  return lines.sort();
}

function sortKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}
