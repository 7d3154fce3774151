import type { CancellationToken } from 'vscode-languageserver';
import type { NodeAttrs } from '../../core/graph/types';
import type { ChainStep } from '../../core/query/callGraph';
import { entryChains, outgoingCrossFile } from '../../core/query/entryChains';
import { symbolAt } from '../../core/query/symbolAt';
import type { ChainsParams, ChainsResult, ChainStepInfo } from '../../../../shared/protocol';
import type { Folder, ServerState } from '../serverState';

// `sparkgraph/chains` and the chain part of hovers: how the symbol at a position is reached
// from entry points, and which calls leave its file.

const HOVERABLE = new Set(['function', 'method', 'constructor', 'getter', 'setter', 'class', 'variable']);

export function stepInfo(state: ServerState, folder: Folder, attrs: NodeAttrs, via?: { resolution?: string; confidence?: number }): ChainStepInfo {
  const info: ChainStepInfo = { name: attrs.kind === 'file' ? attrs.file! : attrs.name, qname: attrs.qname, kind: attrs.kind };
  const r = attrs.selection ?? attrs.range;
  if (attrs.file && r) info.location = { file: attrs.file, uri: state.uriOf(folder, attrs.file), line: attrs.kind === 'file' ? 0 : r[0], character: attrs.kind === 'file' ? 0 : r[1] };
  if (via?.resolution) info.resolution = via.resolution;
  if (via?.confidence !== undefined) info.confidence = via.confidence;
  return info;
}

export function chainsFor(
  state: ServerState,
  folder: Folder,
  id: string,
  options: { maxLength: number; maxChains: number; token?: CancellationToken },
): ChainsResult {
  const graph = folder.index.graph.graph;
  const attrs = graph.getNodeAttributes(id);
  const { chains, truncated } = entryChains(graph, id, {
    maxLength: options.maxLength,
    maxChains: options.maxChains,
    timeBudgetMs: 150,
    isCancelled: () => !!options.token?.isCancellationRequested,
  });
  const toInfo = (c: ChainStep[]) => c.map((s) => stepInfo(state, folder, s.attrs, s.via));
  return {
    symbol: stepInfo(state, folder, attrs),
    incoming: chains.map(toInfo),
    outgoing: outgoingCrossFile(graph, id).slice(0, 20).map((o) => stepInfo(state, folder, o.attrs, o.edge)),
    truncated,
  };
}

/** The node a position is about: a callable declaration or the resolved target of a use. */
export function chainTargetAt(state: ServerState, uri: string, position: { line: number; character: number }): { folder: Folder; id: string } | undefined {
  const ref = state.fileOf(uri);
  const facts = ref && state.factsOf(ref);
  if (!ref || !facts) return undefined;
  const graph = ref.folder.index.graph.graph;
  const hit = symbolAt(graph, ref.path, facts, position);
  const target = hit?.targets.find((t) => graph.hasNode(t.id) && HOVERABLE.has(graph.getNodeAttribute(t.id, 'kind')));
  return target ? { folder: ref.folder, id: target.id } : undefined;
}

export function chainsRequest(state: ServerState, params: ChainsParams, token?: CancellationToken): ChainsResult {
  const at = chainTargetAt(state, params.textDocument.uri, params.position);
  if (!at) return { incoming: [], outgoing: [], truncated: false };
  return chainsFor(state, at.folder, at.id, {
    maxLength: params.maxLength ?? at.folder.settings.chainMaxLength,
    maxChains: params.maxChains ?? 5,
    token,
  });
}
