import type { CancellationToken } from 'vscode-languageserver';
import type { AnswerEngine } from '../../core/answer/engine';
import { engineFor } from '../../core/answer/forIndex';
import type { Answer } from '../../core/answer/types';
import { yieldToEventLoop, type WorkspaceIndex } from '../../core/index/workspaceIndex';
import type { AskHit, AskParams, AskResult } from '../../../../shared/protocol';
import type { Folder, ServerState } from '../serverState';

// `sparkgraph/ask`: the graph answer to a plain-language question. Each folder's index gets
// one answer engine (its derived data lives as long as the index); with several folders the
// hits are merged by score, the folder of the editor's current file first on ties.

const engines = new WeakMap<WorkspaceIndex, AnswerEngine>();

function engineOf(folder: Folder): AnswerEngine {
  let e = engines.get(folder.index);
  if (!e) engines.set(folder.index, (e = engineFor(folder.index)));
  return e;
}

/** Tokenize what changed in every folder first, in batches, so a first question on a big workspace does not stall other requests. */
async function prepareAll(state: ServerState): Promise<void> {
  for (const folder of state.folders.values()) await engineOf(folder).prepareAsync(yieldToEventLoop);
}

export async function ask(state: ServerState, params: AskParams, token?: CancellationToken): Promise<AskResult> {
  await prepareAll(state);
  return answer(state, params, token);
}

function answer(state: ServerState, raw: AskParams | null | undefined, token?: CancellationToken): AskResult {
  // Params come from any client: anything missing or of the wrong type falls back to a default.
  const params: Partial<AskParams> = raw && typeof raw === 'object' ? raw : {};
  const question = typeof params.question === 'string' ? params.question : '';
  const k = typeof params.k === 'number' && Number.isInteger(params.k) && params.k > 0 ? Math.min(params.k, 100) : 10;
  const uri = typeof params.context?.uri === 'string' ? params.context.uri : undefined;
  const current = uri ? state.fileOf(uri)?.folder : undefined;
  const folders = [...state.folders.values()].sort((a, b) => (a === current ? -1 : b === current ? 1 : a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  if (!folders.length) return { question, intent: 'where', hits: [], markdown: 'No workspace folder is open.\n' };
  const answers: { folder: Folder; answer: Answer }[] = [];
  for (const folder of folders) {
    if (token?.isCancellationRequested) break;
    const at = folder === current && uri ? state.fileOf(uri) : undefined;
    const start = params.context?.selection?.start;
    const context = at && start && Number.isInteger(start.line) && Number.isInteger(start.character) ? { file: at.path, line: start.line, character: start.character } : undefined;
    answers.push({ folder, answer: engineOf(folder).ask(question, { k, context }) });
  }
  const withHits = answers.filter((a) => a.answer.hits.length);
  const chosen = withHits.length ? withHits : answers.slice(0, 1);
  const hits = chosen
    .flatMap(({ folder, answer }, order) => answer.hits.map((h) => ({ order, hit: toHit(state, folder, h) })))
    .sort((a, b) => b.hit.score - a.hit.score || a.order - b.order)
    .slice(0, k)
    .map((x) => x.hit);
  const markdown = chosen.length === 1 ? chosen[0].answer.markdown : chosen.map(({ folder, answer }) => `### ${folder.root}\n\n${answer.markdown}`).join('\n');
  return { question, intent: chosen[0]?.answer.intent ?? 'where', hits, markdown };
}

function toHit(state: ServerState, folder: Folder, h: Answer['hits'][number]): AskHit {
  return {
    name: h.name,
    qname: h.qname,
    kind: h.kind,
    location: { file: h.file, uri: state.uriOf(folder, h.file), line: h.line, character: h.character },
    score: h.score,
    reason: h.reason,
  };
}
