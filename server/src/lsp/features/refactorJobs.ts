import { ResponseError, type CodeAction, type CodeActionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyResult } from '../../core/refactor/applyResult';
import { intentFromMessage } from '../../core/refactor/chatIntent';
import type { JobStatus } from '../../core/refactor/jobs';
import { RefactorWorkspace } from '../../core/refactor/refactorWorkspace';
import { runRefactor, type RefactorRequest } from '../../core/refactor/requests';
import { parseParamAdd } from '../../core/refactor/signature';
import { applyEdits } from '../../core/refactor/textEdits';
import { RefactorError, type RefactorResult } from '../../core/refactor/types';
import { symbolAt } from '../../core/query/symbolAt';
import {
  REFACTOR_COMMANDS,
  type RefactorJobResult,
  type RefactorProgressParams,
  type RefactorSubmitParams,
} from '../../../../shared/protocol';
import { toRange } from '../convert';
import type { Folder, ServerState } from '../serverState';

// Refactor jobs over LSP: submit answers with an id at once, progress goes out as
// notifications, the result comes back as a WorkspaceEdit whose every edit needs confirmation
// (VS Code opens its refactor preview) plus the new content of each file for a diff view.

const CONFIRM = 'sparkgraph.refactor';
const DEFINED = new Set(['class', 'interface', 'enum', 'type', 'function', 'method', 'constructor', 'getter', 'setter', 'variable']);

function invalid(message: string): ResponseError<void> {
  return new ResponseError(-32602, message);
}

/** The node id of the declaration or resolved use at a position. */
function symbolIdAt(state: ServerState, uri: string, position: { line: number; character: number }): string | undefined {
  const ref = state.fileOf(uri);
  const facts = ref && state.factsOf(ref);
  if (!ref || !facts) return undefined;
  const graph = ref.folder.index.graph.graph;
  const hit = symbolAt(graph, ref.path, facts, position);
  const t = hit?.targets.find((x) => x.resolution !== 'name' && graph.hasNode(x.id) && DEFINED.has(graph.getNodeAttribute(x.id, 'kind')) && graph.getNodeAttribute(x.id, 'file'));
  return t?.id;
}

function toRequest(state: ServerState, p: RefactorSubmitParams): RefactorRequest {
  const r = p.refactor;
  if (r.kind === 'migrate') return { kind: 'migrate', rule: r.rule };
  if (r.kind === 'message') return fromMessage(r.text);
  const symbol = p.symbol ?? (p.position ? symbolIdAt(state, p.textDocument.uri, p.position) : undefined);
  if (!symbol) throw invalid('no symbol at that position (or no symbol given)');
  switch (r.kind) {
    case 'rename':
      return { kind: 'rename', symbol, newName: r.newName, ...(r.keepExportNames ? { keepExportNames: true } : {}) };
    case 'move':
      return { kind: 'move', symbol, to: r.to };
    case 'signature':
      try {
        return { kind: 'signature', symbol, change: { add: (r.add ?? []).map(parseParamAdd), remove: r.remove ?? [], ...(r.order ? { order: r.order } : {}) } };
      } catch (e) {
        throw invalid((e as Error).message);
      }
    default:
      throw invalid(`unknown refactor ${(r as { kind: string }).kind}`);
  }
}

/** A chat request ("rename computeTotal to computeSum"); finding uses is a question, not a job. */
function fromMessage(text: string): RefactorRequest {
  let intent: ReturnType<typeof intentFromMessage>;
  try {
    intent = intentFromMessage(text);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  if (intent.kind === 'uses') throw invalid(`finding the uses of ${intent.symbol} changes nothing: ask "who calls ${intent.symbol}?" or run \`sparkgraph refactor uses ${intent.symbol}\``);
  return intent;
}

export function submitRefactor(state: ServerState, p: RefactorSubmitParams): { jobId: string } {
  const ref = state.fileOf(p.textDocument.uri);
  const folder = ref?.folder ?? (state.folders.size === 1 ? [...state.folders.values()][0] : undefined);
  if (!folder) throw invalid(`${p.textDocument.uri} is not in a workspace folder`);
  const request = toRequest(state, p);
  const jobId = state.refactorJobs.submit(request.kind, async (ctx) => {
    await folder.ready;
    await folder.index.whenCurrent();
    const ws = new RefactorWorkspace(folder.index);
    try {
      return await runRefactor(ws, request, ctx);
    } finally {
      ws.dispose();
    }
  });
  state.jobFolders.set(jobId, folder);
  return { jobId };
}

export function progressParams(s: JobStatus): RefactorProgressParams {
  return { jobId: s.id, state: s.state, done: s.progress.done, total: s.progress.total, ...(s.progress.message ? { message: s.progress.message } : {}) };
}

export function cancelRefactor(state: ServerState, jobId: string): { cancelled: boolean } {
  return { cancelled: state.refactorJobs.cancel(jobId) };
}

export async function refactorResult(state: ServerState, jobId: string): Promise<RefactorJobResult> {
  const folder = state.jobFolders.get(jobId);
  if (!folder || !state.refactorJobs.status(jobId)) throw invalid(`no refactor job ${jobId}`);
  const s = await state.refactorJobs.wait(jobId);
  if (s.state !== 'done' || !s.result) return { jobId, state: s.state, ...(s.error ? { error: s.error } : {}) };
  return { jobId, state: s.state, ...toProtocol(state, folder, s.result) };
}

export async function applyRefactor(state: ServerState, jobId: string): Promise<{ written: string[] }> {
  const folder = state.jobFolders.get(jobId);
  const s = folder && (await state.refactorJobs.wait(jobId).catch(() => undefined));
  if (!folder || !s) throw invalid(`no refactor job ${jobId}`);
  if (s.state !== 'done' || !s.result) throw invalid(`job ${jobId} has no result (${s.state}${s.error ? `: ${s.error}` : ''})`);
  try {
    return await applyResult(folder.root, s.result);
  } catch (e) {
    if (e instanceof RefactorError) throw new ResponseError(-32803, e.message);
    throw e;
  }
}

function toProtocol(state: ServerState, folder: Folder, r: RefactorResult): Omit<RefactorJobResult, 'jobId' | 'state'> {
  const uri = (path: string) => state.uriOf(folder, path);
  const edit: WorkspaceEdit = {
    changeAnnotations: { [CONFIRM]: { label: r.title, needsConfirmation: true, description: 'SparkGraph refactor' } },
    documentChanges: [],
  };
  const files = [];
  for (const fe of r.edits) {
    const u = uri(fe.path);
    if (fe.create) {
      edit.documentChanges!.push({ kind: 'create', uri: u, options: { overwrite: false, ignoreIfExists: false }, annotationId: CONFIRM });
      edit.documentChanges!.push({ textDocument: { uri: u, version: null }, edits: [{ range: toRange([0, 0, 0, 0]), newText: fe.edits[0].newText, annotationId: CONFIRM }] });
      files.push({ uri: u, path: fe.path, edits: 1, created: true, newText: fe.edits[0].newText });
      continue;
    }
    edit.documentChanges!.push({ textDocument: { uri: u, version: null }, edits: fe.edits.map((e) => ({ range: toRange(e.range), newText: e.newText, annotationId: CONFIRM })) });
    const current = folder.index.documentText(fe.path) ?? readText(join(folder.root, fe.path));
    files.push({ uri: u, path: fe.path, edits: fe.edits.length, newText: applyEdits(current, fe.edits) });
  }
  return {
    title: r.title,
    edit,
    patch: r.patch,
    files,
    risky: r.risky.map((x) => ({ uri: uri(x.path), path: x.path, line: x.range[0], character: x.range[1], kind: x.kind, message: x.message, lineText: x.lineText })),
    ...(r.matches ? { matches: r.matches.map((m) => ({ uri: uri(m.path), path: m.path, line: m.line - 1, lineText: m.lineText })) } : {}),
  };
}

function readText(abs: string): string {
  return readFileSync(abs, 'utf8');
}

/** Code actions on a symbol or a call: the workspace refactors, run by client commands that ask for the details. */
export function refactorCodeActions(state: ServerState, p: CodeActionParams): CodeAction[] {
  const at = p.range.start;
  const id = symbolIdAt(state, p.textDocument.uri, at);
  const out: CodeAction[] = [];
  const args = [p.textDocument.uri, at];
  if (id) {
    const g = state.fileOf(p.textDocument.uri)!.folder.index.graph.graph;
    const a = g.getNodeAttributes(id);
    out.push({ title: `Rename ${a.name} across the workspace…`, kind: 'refactor.rewrite.sparkgraph.rename', command: { title: 'Rename across workspace', command: REFACTOR_COMMANDS.rename, arguments: [...args, a.name] } });
    if (a.kind !== 'method' && a.kind !== 'constructor' && a.kind !== 'getter' && a.kind !== 'setter') {
      out.push({ title: `Move ${a.name} to another file…`, kind: 'refactor.move.sparkgraph', command: { title: 'Move to file', command: REFACTOR_COMMANDS.move, arguments: [...args, a.file] } });
    }
    if (['function', 'method', 'constructor'].includes(a.kind)) {
      out.push({ title: `Change the signature of ${a.name}…`, kind: 'refactor.rewrite.sparkgraph.signature', command: { title: 'Change signature', command: REFACTOR_COMMANDS.signature, arguments: [...args, a.signature ?? a.name] } });
    }
  }
  const pattern = callPatternAt(state, p.textDocument.uri, at);
  if (pattern) {
    out.push({ title: `Migrate all uses of ${pattern.callee}(…)…`, kind: 'refactor.rewrite.sparkgraph.migrate', command: { title: 'Migrate all uses of this call', command: REFACTOR_COMMANDS.migrate, arguments: [...args, pattern.pattern, pattern.language] } });
  }
  return out;
}

/** `db.query(sql, [id])` under the cursor → `db.query($A, $B)`, a rule to start from. */
function callPatternAt(state: ServerState, uri: string, pos: { line: number; character: number }): { callee: string; pattern: string; language: string } | undefined {
  const ref = state.fileOf(uri);
  const facts = ref && state.factsOf(ref);
  if (!ref || !facts) return undefined;
  const inside = (r: readonly number[]) => (pos.line > r[0] || (pos.line === r[0] && pos.character >= r[1])) && (pos.line < r[2] || (pos.line === r[2] && pos.character <= r[3]));
  const call = facts.calls.filter((c) => inside(c.range)).sort((a, b) => a.range[2] - a.range[0] - (b.range[2] - b.range[0]) || a.range[3] - a.range[1] - (b.range[3] - b.range[1]))[0];
  if (!call || call.callee.includes('?')) return undefined;
  const text = ref.folder.index.documentText(ref.path) ?? readText(join(ref.folder.root, ref.path));
  const lines = text.split('\n');
  const calleeText = call.range[0] === call.range[2] ? lines[call.range[0]].slice(call.range[1], call.range[3]) : call.callee.join('.');
  // Count the top-level arguments after the callee.
  const rest = text.slice(offset(lines, call.range[2], call.range[3]));
  const n = countArgs(rest);
  if (n === undefined) return undefined;
  const meta = Array.from({ length: n }, (_, i) => `$ARG${i + 1}`).join(', ');
  const language = facts.language;
  return { callee: calleeText, pattern: `${call.isNew ? 'new ' : ''}${calleeText}(${meta})`, language };
}

function offset(lines: string[], line: number, ch: number): number {
  let o = 0;
  for (let i = 0; i < line; i++) o += lines[i].length + 1;
  return o + ch;
}

function countArgs(rest: string): number | undefined {
  const m = /^\s*(?:<[^()]*>)?\s*\(/.exec(rest);
  if (!m) return undefined;
  // Commas at depth 0 separate arguments; a trailing comma adds none.
  let depth = 0;
  let n = 0;
  let any = false;
  let quote = '';
  for (let i = m[0].length; i < rest.length; i++) {
    const c = rest[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      any = true;
    } else if ('([{'.includes(c)) {
      depth++;
      any = true;
    } else if (')]}'.includes(c)) {
      if (depth === 0) return any ? n + 1 : n;
      depth--;
    } else if (c === ',' && depth === 0) {
      n++;
      any = false;
    } else if (!/\s/.test(c)) any = true;
  }
  return undefined;
}
