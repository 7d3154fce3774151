import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { toDocumentSymbols } from '../convert';
import type { ServerState } from '../serverState';

export function documentSymbols(state: ServerState, params: DocumentSymbolParams): DocumentSymbol[] {
  const ref = state.fileOf(params.textDocument.uri);
  const facts = ref && state.factsOf(ref);
  return facts ? toDocumentSymbols(facts.symbols) : [];
}
