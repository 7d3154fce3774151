import type {
  CallHierarchyIncomingCall,
  CallHierarchyIncomingCallsParams,
  CallHierarchyItem,
  CallHierarchyOutgoingCall,
  CallHierarchyOutgoingCallsParams,
  CallHierarchyPrepareParams,
} from 'vscode-languageserver';
import type { Range } from '../../core/model';
import { callees, callers, type CallLink } from '../../core/query/callGraph';
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

/** One entry per other end: a caller may reach the target through several edges (resolutions). */
function grouped(links: CallLink[]): { id: string; attrs: CallLink['attrs']; sites: Range[] }[] {
  const byId = new Map<string, { id: string; attrs: CallLink['attrs']; sites: Range[] }>();
  for (const l of links) {
    const g = byId.get(l.id) ?? { id: l.id, attrs: l.attrs, sites: [] };
    g.sites.push(...(l.edge.sites ?? []));
    byId.set(l.id, g);
  }
  return [...byId.values()];
}

export function incomingCalls(state: ServerState, params: CallHierarchyIncomingCallsParams): CallHierarchyIncomingCall[] {
  const found = lookup(state, params.item);
  if (!found) return [];
  const out: CallHierarchyIncomingCall[] = [];
  for (const g of grouped(callers(found.graph, found.id))) {
    const from = toCallHierarchyItem(state, found.folder, g.id, g.attrs);
    if (from) out.push({ from, fromRanges: g.sites.map(toRange) });
  }
  return out;
}

export function outgoingCalls(state: ServerState, params: CallHierarchyOutgoingCallsParams): CallHierarchyOutgoingCall[] {
  const found = lookup(state, params.item);
  if (!found) return [];
  const out: CallHierarchyOutgoingCall[] = [];
  for (const g of grouped(callees(found.graph, found.id))) {
    const to = toCallHierarchyItem(state, found.folder, g.id, g.attrs);
    if (to) out.push({ to, fromRanges: g.sites.map(toRange) });
  }
  return out;
}
