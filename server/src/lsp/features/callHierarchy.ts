import type {
  CallHierarchyIncomingCall,
  CallHierarchyIncomingCallsParams,
  CallHierarchyItem,
  CallHierarchyOutgoingCall,
  CallHierarchyOutgoingCallsParams,
  CallHierarchyPrepareParams,
} from 'vscode-languageserver';
import { callees, callers } from '../../core/query/callGraph';
import { symbolAt } from '../../core/query/symbolAt';
import { toCallHierarchyItem, toRange, type HierarchyData } from '../convert';
import type { ServerState } from '../serverState';

export function prepareCallHierarchy(state: ServerState, params: CallHierarchyPrepareParams): CallHierarchyItem[] {
  const ref = state.fileOf(params.textDocument.uri);
  const facts = ref && state.factsOf(ref);
  if (!ref || !facts) return [];
  const graph = ref.folder.index.graph.graph;
  const hit = symbolAt(graph, ref.path, facts, params.position);
  if (!hit) return [];
  const items: CallHierarchyItem[] = [];
  for (const t of hit.targets) {
    if (!graph.hasNode(t.id)) continue;
    const item = toCallHierarchyItem(state, ref.folder, t.id, graph.getNodeAttributes(t.id));
    if (item) items.push(item);
  }
  return items;
}

function lookup(state: ServerState, item: CallHierarchyItem) {
  const data = item.data as HierarchyData | undefined;
  const folder = data && state.folders.get(data.folder);
  if (!data || !folder || !folder.index.graph.graph.hasNode(data.id)) return undefined;
  return { folder, id: data.id, graph: folder.index.graph.graph };
}

export function incomingCalls(state: ServerState, params: CallHierarchyIncomingCallsParams): CallHierarchyIncomingCall[] {
  const found = lookup(state, params.item);
  if (!found) return [];
  const out: CallHierarchyIncomingCall[] = [];
  for (const link of callers(found.graph, found.id)) {
    const from = toCallHierarchyItem(state, found.folder, link.id, link.attrs);
    if (from) out.push({ from, fromRanges: (link.edge.sites ?? []).map(toRange) });
  }
  return out;
}

export function outgoingCalls(state: ServerState, params: CallHierarchyOutgoingCallsParams): CallHierarchyOutgoingCall[] {
  const found = lookup(state, params.item);
  if (!found) return [];
  const out: CallHierarchyOutgoingCall[] = [];
  for (const link of callees(found.graph, found.id)) {
    const to = toCallHierarchyItem(state, found.folder, link.id, link.attrs);
    if (to) out.push({ to, fromRanges: (link.edge.sites ?? []).map(toRange) });
  }
  return out;
}
