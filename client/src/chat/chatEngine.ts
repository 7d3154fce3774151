import type {
  AskHit,
  AskParams,
  AskResult,
  ChainsParams,
  ChainsResult,
  ChainStepInfo,
  DependenciesResult,
  ModelContextParams,
  ModelContextResult,
  SnippetDependenciesParams,
  SnippetDependenciesResult,
} from '../../../shared/protocol';
import { answerWithModel } from '../llm/modelAnswer';
import type { ResponseCache } from '../llm/responseCache';
import type { ModelProvider } from '../llm/types';
import { usageLine, type Prices, type SessionTally } from '../llm/usage';
import { parseInput } from './slashCommands';

// One turn of the conversation, shared by the chat panel and the `@sparkgraph` participant:
// the graph answer first (instant, offline, deterministic), then — when a model is configured —
// the graph context for the hits and the model's answer streamed under it. Free of `vscode`:
// the editor side hands in the requests and renders each update.

export interface EditorContext {
  uri: string;
  /** Path shown to the user. */
  label: string;
  selection?: { start: { line: number; character: number }; end: { line: number; character: number } };
  selectedText?: string;
}

export interface ModelTurn {
  name: string;
  text: string;
  state: 'streaming' | 'done' | 'cancelled' | 'failed';
  note?: string;
  usage?: string;
  /** Install commands for packages the answer's code imports and the project does not declare. */
  installHints?: string;
}

export interface ChatTurn {
  id: string;
  prompt: string;
  /** The question put to the graph. */
  question?: string;
  state: 'asking' | 'done';
  graph?: { intent: string; markdown: string; hits: AskHit[] };
  notice?: string;
  model?: ModelTurn;
  /** Root-relative path → URI of every file the answer may cite. */
  fileLinks: Record<string, string>;
}

export interface ModelChoice {
  provider?: ModelProvider;
  /** Why a configured provider cannot be used. */
  problem?: string;
  prices: Prices;
  contextTokens: number;
}

export interface ChatDeps {
  ask(params: AskParams): Promise<AskResult>;
  /** The dependency report's markdown (`/deps`). */
  dependencies?(): Promise<DependenciesResult>;
  /** Packages a code block would need installed, judged beside the editor's file. */
  snippetDependencies?(params: SnippetDependenciesParams): Promise<SnippetDependenciesResult>;
  /** Runs a refactor job from a plain-language request and offers its preview; returns a summary. */
  refactor?(request: string, editor: EditorContext | undefined): Promise<{ markdown: string; fileLinks?: Record<string, string> }>;
  modelContext(params: ModelContextParams): Promise<ModelContextResult>;
  chains(params: ChainsParams): Promise<ChainsResult>;
  model(): Promise<ModelChoice>;
  cache?: ResponseCache;
  session: SessionTally;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runTurn(id: string, prompt: string, editor: EditorContext | undefined, deps: ChatDeps, update: (turn: ChatTurn) => void, signal?: AbortSignal): Promise<ChatTurn> {
  const turn: ChatTurn = { id, prompt, state: 'asking', fileLinks: {} };
  const finish = () => {
    turn.state = 'done';
    update(turn);
    return turn;
  };
  update(turn);
  const parsed = parseInput(prompt);
  if (parsed.kind === 'notice') {
    turn.notice = parsed.message;
    return finish();
  }

  if (parsed.kind === 'deps' || parsed.kind === 'refactor') {
    const what = parsed.kind === 'deps' ? 'the dependency report' : 'the refactor';
    try {
      if (parsed.kind === 'deps') {
        if (!deps.dependencies) throw new Error('not available from this server');
        const r = await deps.dependencies();
        for (const f of r.folders) for (const m of [...f.missing, ...f.optional]) for (const i of m.imports) turn.fileLinks[i.file] ??= i.uri;
        turn.graph = { intent: 'deps', markdown: r.markdown.trim() || 'Every package the code imports is declared by its manifest.', hits: [] };
      } else {
        if (!deps.refactor) throw new Error('not available from this server');
        const r = await deps.refactor(parsed.request, editor);
        Object.assign(turn.fileLinks, r.fileLinks ?? {});
        turn.graph = { intent: 'refactor', markdown: r.markdown, hits: [] };
      }
    } catch (e) {
      turn.notice = `SparkGraph could not produce ${what}: ${message(e)}`;
    }
    return finish();
  }

  let extraHits: AskHit[] = [];
  let extraMarkdown = '';
  let context: AskParams['context'];
  if (parsed.kind === 'explain') {
    if (!editor?.selection) {
      turn.notice = '/explain explains the code selected in the editor: select a function (or put the cursor in it) and ask again.';
      return finish();
    }
    context = { uri: editor.uri, selection: editor.selection };
    let chains: ChainsResult | undefined;
    try {
      chains = await deps.chains({ textDocument: { uri: editor.uri }, position: editor.selection.start });
    } catch (e) {
      extraMarkdown = `\n\n_Call chains unavailable: ${message(e)}_`;
    }
    const subject = parsed.subject || chains?.symbol?.name || firstWords(editor.selectedText ?? '') || editor.label;
    turn.question = `explain ${subject}`;
    if (chains) {
      extraMarkdown = chainsMarkdown(chains);
      const sym = chains.symbol;
      if (sym?.location) extraHits = [{ name: sym.name, qname: sym.qname, kind: sym.kind, location: sym.location, score: 0, reason: 'the selected code' }];
    }
  } else {
    turn.question = parsed.question;
    if (editor) context = { uri: editor.uri, ...(editor.selection ? { selection: editor.selection } : {}) };
  }

  let result: AskResult;
  try {
    result = await deps.ask({ question: turn.question!, k: 8, ...(context ? { context } : {}) });
  } catch (e) {
    if (extraMarkdown && extraHits.length) {
      result = { question: turn.question!, intent: 'explain', hits: [], markdown: `_The graph answer engine failed (${message(e)})._` };
    } else {
      turn.notice = `SparkGraph could not answer from the graph: ${message(e)}`;
      return finish();
    }
  }
  const hits = dedupeHits([...extraHits, ...result.hits]);
  turn.graph = { intent: result.intent, markdown: [result.markdown, extraMarkdown].filter(Boolean).join('\n\n'), hits };
  addFileLinks(turn.fileLinks, hits, '');
  update(turn);
  if (signal?.aborted) return finish();

  let choice: ModelChoice;
  try {
    choice = await deps.model();
  } catch (e) {
    choice = { problem: message(e), prices: { inputPer1k: 0, outputPer1k: 0 }, contextTokens: 0 };
  }
  if (!choice.provider) {
    if (choice.problem) turn.model = { name: 'model', text: '', state: 'failed', note: `The model was not asked: ${choice.problem}. Showing the graph answer only.` };
    return finish();
  }
  const provider = choice.provider;
  turn.model = { name: provider.model || provider.id, text: '', state: 'streaming' };
  update(turn);
  let ctx: ModelContextResult;
  try {
    ctx = await deps.modelContext({ question: turn.question!, hits, tokenBudget: choice.contextTokens });
  } catch (e) {
    turn.model.state = 'failed';
    turn.model.note = `The model was not asked: the graph context failed (${message(e)}). Showing the graph answer only.`;
    return finish();
  }
  addFileLinks(turn.fileLinks, hits, ctx.text);
  const model = turn.model;
  const outcome = await answerWithModel({
    question: turn.question!,
    hits,
    context: ctx,
    provider,
    cache: deps.cache,
    prices: choice.prices,
    session: deps.session,
    signal,
    onDelta: (t) => {
      model.text += t;
      update(turn);
    },
  });
  if (outcome.kind === 'answer') {
    model.text = outcome.text;
    model.state = 'done';
    const pricesSet = choice.prices.inputPer1k > 0 || choice.prices.outputPer1k > 0;
    model.usage = usageLine(outcome.usage, outcome.cost, outcome.cached, deps.session, pricesSet);
    const hints = await installHints(outcome.text, editor, deps);
    if (hints) model.installHints = hints;
  } else {
    model.text = outcome.partial;
    model.state = outcome.kind === 'cancelled' ? 'cancelled' : 'failed';
    model.note = outcome.note;
  }
  return finish();
}

const CODE_LANGUAGES: Readonly<Record<string, SnippetDependenciesParams['language']>> = {
  ts: 'typescript',
  tsx: 'typescript',
  typescript: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  javascript: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  python: 'python',
};

/** Install lines for what the answer's fenced code imports and the project does not declare. */
export async function installHints(text: string, editor: EditorContext | undefined, deps: ChatDeps): Promise<string | undefined> {
  if (!deps.snippetDependencies) return undefined;
  const lines = new Set<string>();
  for (const m of text.matchAll(/^```[ \t]*([\w+-]+)[^\n]*\n([\s\S]*?)^```/gm)) {
    const language = CODE_LANGUAGES[m[1].toLowerCase()];
    if (!language) continue;
    try {
      const r = await deps.snippetDependencies({ code: m[2], language, ...(editor ? { uri: editor.uri } : {}) });
      for (const l of r.markdown.split('\n')) if (l.startsWith('- ')) lines.add(l);
    } catch {
      // Hints are a courtesy: an answer never fails for want of them.
    }
  }
  if (lines.size === 0) return undefined;
  return `This code imports ${lines.size === 1 ? 'a package' : 'packages'} the project does not declare:\n${[...lines].join('\n')}`;
}

function dedupeHits(hits: AskHit[]): AskHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.location.uri}#${h.qname}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function firstWords(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

/** The URI of a workspace folder, from a hit's URI and its root-relative path. */
function rootUri(hit: AskHit): string | undefined {
  const segments = hit.location.file.split('/').length;
  const parts = hit.location.uri.split('/');
  return parts.length > segments + 2 ? parts.slice(0, parts.length - segments).join('/') : undefined;
}

/** Files the answer may cite — the hits' and those the context shows — mapped to URIs. */
export function addFileLinks(links: Record<string, string>, hits: readonly AskHit[], contextText: string): void {
  for (const h of hits) links[h.location.file] ??= h.location.uri;
  const root = hits.map(rootUri).find(Boolean);
  if (!root) return;
  for (const m of contextText.matchAll(/^### (.+?)(?::\d+ | imports$)/gm)) {
    links[m[1]] ??= `${root}/${m[1].split('/').map(encodeURIComponent).join('/')}`;
  }
}

function stepLink(s: ChainStepInfo): string {
  const label = `\`${s.kind === 'file' ? s.name : s.qname}\``;
  return s.location ? `[${label}](${s.location.uri}#L${s.location.line + 1})` : label;
}

export function chainsMarkdown(chains: ChainsResult): string {
  if (!chains.symbol) return '_No function or method at the selection, so no call chains._';
  const name = `\`${chains.symbol.qname}\``;
  const lines = [`**How ${name} is reached** (shortest chains from entry points):`];
  if (chains.incoming.length) chains.incoming.forEach((c, i) => lines.push(`${i + 1}. ${c.map(stepLink).join(' → ')}`));
  else lines.push('- no caller in another file reaches it from an entry point');
  if (chains.truncated) lines.push('- _(search cut short)_');
  if (chains.outgoing.length) lines.push('', `**Calls leaving its file:** ${chains.outgoing.map(stepLink).join(', ')}`);
  return lines.join('\n');
}

/** Turns read back from storage: a turn cut off when the window closed says so. */
export function restoreTurns(raw: unknown, max = 50): ChatTurn[] {
  if (!Array.isArray(raw)) return [];
  const turns = raw.filter((t): t is ChatTurn => !!t && typeof t === 'object' && typeof t.id === 'string' && typeof t.prompt === 'string');
  for (const t of turns) {
    t.fileLinks ??= {};
    if (t.state !== 'done') {
      t.state = 'done';
      t.notice ??= 'This question was interrupted when the window closed.';
    }
    if (t.model?.state === 'streaming') {
      t.model.state = 'cancelled';
      t.model.note = 'The model answer was interrupted when the window closed.';
    }
  }
  return turns.slice(-max);
}
