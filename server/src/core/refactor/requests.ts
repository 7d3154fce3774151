import { resolveSymbolQuery } from '../query/resolveSymbolQuery';
import { findSymbols } from '../query/findSymbols';
import type { JobContext } from './jobs';
import type { RefactorWorkspace } from './refactorWorkspace';
import { renameSymbol } from './rename';
import { changeSignature, type SignatureChange } from './signature';
import { migrate } from './migrate';
import { moveSymbol } from './move';
import type { MigrationRule } from './ruleFile';
import { RefactorError, type RefactorResult } from './types';

// One description of "what refactor to compute" shared by the CLI, the language server and
// the HTTP API, and the one function that runs it inside a job.

export type RefactorRequest =
  | { kind: 'rename'; symbol: string; newName: string; keepExportNames?: boolean }
  | { kind: 'signature'; symbol: string; change: SignatureChange }
  | { kind: 'migrate'; rule: MigrationRule }
  | { kind: 'move'; symbol: string; to: string };

const DEFINED = new Set(['class', 'interface', 'enum', 'type', 'function', 'method', 'constructor', 'getter', 'setter', 'variable']);

/** The one workspace symbol a query names (`computeTotal`, `Cart.add`, `src/a.ts:fn`); ambiguity is an error. */
export function resolveOneSymbol(ws: RefactorWorkspace, query: string): string {
  const { matches, suggestions } = resolveSymbolQuery(ws.graph, query);
  let defined = matches.filter((m) => DEFINED.has(m.attrs.kind) && m.attrs.file);
  if (defined.length === 0 && matches.length === 0) {
    // Types and interfaces are not in the callable set the query resolver searches.
    defined = findSymbols(ws.graph, query, 20, DEFINED).filter((m) => m.score >= 90 && m.attrs.file);
  }
  if (defined.length === 1) return defined[0].id;
  if (defined.length > 1) {
    throw new RefactorError(`${query} names ${defined.length} symbols; say which with file:qname:\n${defined.map((m) => `  ${m.attrs.file}:${m.attrs.qname}`).join('\n')}`);
  }
  const hint = suggestions.length ? `; did you mean: ${suggestions.map((s) => s.attrs.qname).join(', ')}` : '';
  throw new RefactorError(`no symbol named ${query} in this workspace${hint}`);
}

export async function runRefactor(ws: RefactorWorkspace, req: RefactorRequest, ctx: JobContext): Promise<RefactorResult> {
  const onProgress = (done: number, total: number) => ctx.progress({ done, total, message: 'reading files' });
  switch (req.kind) {
    case 'rename':
      return renameSymbol(ws, resolveOneSymbol(ws, req.symbol), req.newName, { signal: ctx.signal, onProgress, keepExportNames: req.keepExportNames });
    case 'signature':
      return changeSignature(ws, resolveOneSymbol(ws, req.symbol), req.change, ctx.signal);
    case 'migrate':
      return (await migrate(ws, req.rule, ctx.signal, onProgress)).result;
    case 'move':
      return moveSymbol(ws, resolveOneSymbol(ws, req.symbol), req.to);
  }
}
