import type { CancellationToken, SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver';
import { findSymbols } from '../../core/query/findSymbols';
import { toSymbolInformation } from '../convert';
import type { ServerState } from '../serverState';

const DECLARED = new Set(['class', 'interface', 'enum', 'type', 'function', 'method', 'constructor', 'getter', 'setter', 'variable']);
const LIMIT = 200;

export function workspaceSymbols(state: ServerState, params: WorkspaceSymbolParams, token?: CancellationToken): SymbolInformation[] {
  const out: { info: SymbolInformation; score: number }[] = [];
  for (const folder of state.folders.values()) {
    if (token?.isCancellationRequested) break;
    for (const m of findSymbols(folder.index.graph.graph, params.query, LIMIT, DECLARED)) {
      const info = toSymbolInformation(state, folder, m.attrs);
      if (info) out.push({ info, score: m.score });
    }
  }
  return out.sort((a, b) => b.score - a.score).slice(0, LIMIT).map((x) => x.info);
}
