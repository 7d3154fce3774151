import type { CancellationToken, Location, ReferenceParams } from 'vscode-languageserver';
import { symbolAt } from '../../core/query/symbolAt';
import { toLocation, toRange } from '../convert';
import type { ServerState } from '../serverState';

const USE_KINDS = new Set(['calls', 'references', 'extends', 'implements']);

/** Every resolved use of the symbol under the cursor, across files (guessed calls excluded). */
export function references(state: ServerState, params: ReferenceParams, token?: CancellationToken): Location[] {
  const ref = state.fileOf(params.textDocument.uri);
  const facts = ref && state.factsOf(ref);
  if (!ref || !facts) return [];
  const graph = ref.folder.index.graph.graph;
  const hit = symbolAt(graph, ref.path, facts, params.position);
  if (!hit) return [];
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const t of hit.targets.filter((x) => x.resolution !== 'name')) {
    if (!graph.hasNode(t.id) || token?.isCancellationRequested) continue;
    const target = graph.getNodeAttributes(t.id);
    if (params.context.includeDeclaration) {
      const loc = toLocation(state, ref.folder, target);
      if (loc) push(loc);
    }
    graph.forEachInEdge(t.id, (_e, edge, _s, _t, sourceAttrs) => {
      if (!USE_KINDS.has(edge.kind) || edge.resolution === 'name' || !sourceAttrs.file) return;
      const uri = state.uriOf(ref.folder, sourceAttrs.file);
      for (const site of edge.sites ?? []) push({ uri, range: toRange(site) });
    });
  }
  function push(loc: Location) {
    const key = `${loc.uri}:${loc.range.start.line}:${loc.range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(loc);
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}
