import type { Graph } from '../graph/codeGraph';
import type { EdgeAttrs, NodeAttrs } from '../graph/types';
import { compareIds } from './findSymbols';

// The whole graph for other tools: every node with its file and range, every edge with its
// kind, call sites and resolution. Sorted, so two exports of the same workspace are identical.

export interface ExportedGraph {
  format: 'sparkgraph-graph';
  version: 1;
  root: string;
  nodes: ({ id: string } & NodeAttrs)[];
  edges: ({ source: string; target: string } & EdgeAttrs)[];
}

export function exportJson(graph: Graph, root: string): ExportedGraph {
  const nodes: ExportedGraph['nodes'] = [];
  graph.forEachNode((id, attrs) => nodes.push({ id, ...attrs }));
  nodes.sort((a, b) => compareIds(a.id, b.id));
  const edges: ExportedGraph['edges'] = [];
  graph.forEachEdge((_key, attrs, source, target) => edges.push({ source, target, ...attrs }));
  edges.sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target) || compareIds(a.kind, b.kind) || compareIds(a.resolution ?? '', b.resolution ?? ''));
  return { format: 'sparkgraph-graph', version: 1, root, nodes, edges };
}

const NODE_KEYS: [keyof NodeAttrs, string][] = [
  ['kind', 'string'],
  ['name', 'string'],
  ['qname', 'string'],
  ['file', 'string'],
  ['range', 'string'],
  ['signature', 'string'],
  ['doc', 'string'],
  ['exported', 'boolean'],
  ['language', 'string'],
  ['space', 'string'],
];
const EDGE_KEYS: [keyof EdgeAttrs, string][] = [
  ['kind', 'string'],
  ['resolution', 'string'],
  ['confidence', 'double'],
  ['sites', 'string'],
  ['names', 'string'],
];

/** GraphML (yEd, Gephi, NetworkX). Arrays are written as JSON strings. */
export function* exportGraphml(graph: Graph, root: string): Generator<string> {
  const data = exportJson(graph, root);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n';
  for (const [k, t] of NODE_KEYS) yield `  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>\n`;
  for (const [k, t] of EDGE_KEYS) yield `  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>\n`;
  yield `  <graph id="${xml(root)}" edgedefault="directed">\n`;
  for (const n of data.nodes) {
    let s = `    <node id="${xml(n.id)}">`;
    for (const [k] of NODE_KEYS) if (n[k] !== undefined) s += `<data key="n_${k}">${xml(value(n[k]))}</data>`;
    yield `${s}</node>\n`;
  }
  let i = 0;
  for (const e of data.edges) {
    let s = `    <edge id="e${i++}" source="${xml(e.source)}" target="${xml(e.target)}">`;
    for (const [k] of EDGE_KEYS) if (e[k] !== undefined) s += `<data key="e_${k}">${xml(value(e[k]))}</data>`;
    yield `${s}</edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}

function value(v: unknown): string {
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function xml(s: string): string {
  // XML 1.0 cannot carry most control characters, even escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
