import type { Location, TextDocumentPositionParams } from 'vscode-languageserver';
import { symbolAt } from '../../core/query/symbolAt';
import { toLocation } from '../convert';
import type { ServerState } from '../serverState';

/** Resolved targets of the use under the cursor; name-only guesses only when nothing resolved. */
export function definition(state: ServerState, params: TextDocumentPositionParams): Location[] {
  const ref = state.fileOf(params.textDocument.uri);
  const facts = ref && state.factsOf(ref);
  if (!ref || !facts) return [];
  const graph = ref.folder.index.graph.graph;
  const hit = symbolAt(graph, ref.path, facts, params.position);
  if (!hit) return [];
  const resolved = hit.targets.filter((t) => t.resolution !== 'name');
  const chosen = resolved.length ? resolved : hit.targets;
  const out: Location[] = [];
  for (const t of chosen) {
    if (!graph.hasNode(t.id)) continue;
    const loc = toLocation(state, ref.folder, graph.getNodeAttributes(t.id));
    if (loc) out.push(loc);
  }
  return out;
}
