import type { Graph } from '../graph/codeGraph';
import { findSymbols, MODULE_MEMBER_SCORE, type SymbolMatch } from './findSymbols';

// What a person means by a symbol on the command line: `handleLogin`, `Repo.save`,
// `src/auth/login.ts:handleLogin`, `express.Router`, and a module-qualified name as code that
// imports the module writes it — `Effect.map` for `map` in Effect.ts, `services.tax.rate` for
// `rate` in services/tax.py. Exact matches only; near misses become suggestions rather than
// silently answering about a different symbol.

const CALLABLE = new Set(['function', 'method', 'constructor', 'getter', 'setter', 'class', 'external-symbol', 'variable']);

export interface SymbolQueryResult {
  matches: SymbolMatch[];
  suggestions: SymbolMatch[];
}

export function resolveSymbolQuery(graph: Graph, query: string): SymbolQueryResult {
  const colon = query.lastIndexOf(':');
  if (colon > 0) {
    const file = query.slice(0, colon);
    const qname = query.slice(colon + 1);
    const id = `s:${file}#${qname}`;
    if (graph.hasNode(id)) return { matches: [{ id, attrs: graph.getNodeAttributes(id), score: 100 }], suggestions: [] };
  }
  if (graph.hasNode(query)) return { matches: [{ id: query, attrs: graph.getNodeAttributes(query), score: 100 }], suggestions: [] };
  const found = findSymbols(graph, query, 200, CALLABLE);
  const exact = found.filter((m) => m.score >= 90);
  if (exact.length === 0) {
    const inModule = found.filter((m) => m.score === MODULE_MEMBER_SCORE);
    if (inModule.length) return { matches: inModule, suggestions: [] };
  }
  return { matches: exact, suggestions: exact.length ? [] : found.slice(0, 5) };
}
