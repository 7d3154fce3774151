import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { buildModelContext, type ContextHit, type ContextWorkspace } from '../../core/llm/modelContext';
import type { ModelContextParams, ModelContextResult } from '../../../../shared/protocol';
import type { Folder, ServerState } from '../serverState';

// `sparkgraph/modelContext`: the hits of a graph answer, mapped back to their folders' graphs,
// rendered as the compact code views a language model is given.

/** Far above any model's window; only guards against a budget that would read the whole workspace. */
const MAX_BUDGET = 200_000;

export function modelContext(state: ServerState, params: ModelContextParams): ModelContextResult {
  if (!params || !Array.isArray(params.hits) || typeof params.tokenBudget !== 'number' || !Number.isFinite(params.tokenBudget)) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'sparkgraph/modelContext needs { question, hits: AskHit[], tokenBudget: number }');
  }
  const workspaces = new Map<Folder, ContextWorkspace>();
  const hits: ContextHit[] = [];
  for (const h of params.hits) {
    const ref = h?.location?.uri ? state.fileOf(h.location.uri) : undefined;
    if (!ref) continue;
    let workspace = workspaces.get(ref.folder);
    if (!workspace) {
      const folder = ref.folder;
      workspace = { graph: folder.index.graph.graph, readText: (path) => folder.index.documentText(path) ?? readDisk(join(folder.root, path)) };
      workspaces.set(folder, workspace);
    }
    hits.push({ workspace, qname: String(h.qname ?? ''), file: ref.path, line: Number(h.location.line) || 0 });
  }
  const budget = Math.min(MAX_BUDGET, Math.max(0, params.tokenBudget));
  const { text, hash, tokens } = buildModelContext(hits, budget, { question: typeof params.question === 'string' ? params.question : '' });
  return { text, hash, tokens };
}

function readDisk(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
