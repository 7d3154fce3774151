import { NotificationType, RequestType, RequestType0, type WorkspaceEdit } from 'vscode-languageserver-protocol';

// Every custom message between the SparkGraph client and server, declared once. Both halves
// import these objects; the comment on each says which side sends it.

export interface Location1 {
  /** Root-relative path. */
  file: string;
  /** File URI the client can open. */
  uri: string;
  /** 0-based, LSP style. */
  line: number;
  character: number;
}

export interface ChainStepInfo {
  name: string;
  qname: string;
  kind: string;
  location?: Location1;
  /** How the edge into this step was resolved; `name` marks a name-only guess. */
  resolution?: string;
  confidence?: number;
}

export interface IndexStats {
  state: 'starting' | 'indexing' | 'ready' | 'error';
  folders: {
    root: string;
    files: number;
    lines: number;
    nodes: number;
    edges: number;
    byLanguage: Record<string, { files: number; lines: number }>;
    edgesByKind: Record<string, number>;
    calls: { total: number; resolved: number; guessed: number; unresolved: number };
    skipped: { path: string; reason: string; detail: string }[];
    ignored: number;
    ms: number;
    fromCache: number;
  }[];
  message?: string;
}

/** Client → server: counts and skipped files of every indexed folder. */
export const StatsRequest = new RequestType0<IndexStats, void>('sparkgraph/stats');

export interface ChainsParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
  maxLength?: number;
  maxChains?: number;
}

export interface ChainsResult {
  symbol?: ChainStepInfo;
  /** Shortest chains from entry points down to the symbol (first step = the entry point). */
  incoming: ChainStepInfo[][];
  /** Calls the symbol makes that leave its file. */
  outgoing: ChainStepInfo[];
  truncated: boolean;
}

/** Client → server: cross-file call chains for the symbol at a position. */
export const ChainsRequest = new RequestType<ChainsParams, ChainsResult, void>('sparkgraph/chains');

/** Client → server: drop the index (and its cache) of every folder and rebuild it. */
export const ReindexRequest = new RequestType0<IndexStats, void>('sparkgraph/reindex');

export interface StatusParams {
  state: IndexStats['state'];
  /** 0–100 while indexing. */
  percent?: number;
  files?: number;
  nodes?: number;
  edges?: number;
  message?: string;
}

/** Server → client: index state for the status bar, sent on every state change. */
export const StatusNotification = new NotificationType<StatusParams>('sparkgraph/status');

// ---- Question answering (issue #4). The server answers from the graph alone; the client may
// hand the graph context to a language model. ----

export interface AskParams {
  question: string;
  /** How many locations to return (default 10). */
  k?: number;
  /** The editor's current file and selection, offered as context (`/explain`). */
  context?: { uri?: string; selection?: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

export interface AskHit {
  name: string;
  qname: string;
  kind: string;
  location: Location1;
  score: number;
  /** One line saying why this place was chosen. */
  reason: string;
}

export interface AskResult {
  question: string;
  /** What the question was taken to ask: where, callers, chain, deps, config, convention, explain. */
  intent: string;
  hits: AskHit[];
  /** The deterministic graph answer as markdown; links are `file://` URIs with `#L<line>`. */
  markdown: string;
}

/** Client → server: answer a plain-language question from the graph. */
export const AskRequest = new RequestType<AskParams, AskResult, void>('sparkgraph/ask');

export interface ModelContextParams {
  question: string;
  /** The hits the graph answer ranked, whose neighbourhood becomes the model's context. */
  hits: AskHit[];
  /** Upper bound for the rendered context, in tokens (≈ 4 characters each). */
  tokenBudget: number;
}

export interface ModelContextResult {
  /** Compact code views of the hits and their callers, callees and imports. */
  text: string;
  /** Stable hash of `text`, part of the response-cache key. */
  hash: string;
  tokens: number;
}

/** Client → server: the graph context handed to a language model for a question. */
export const ModelContextRequest = new RequestType<ModelContextParams, ModelContextResult, void>('sparkgraph/modelContext');

// ---- Dependencies (issue #5): imports no manifest declares, and how to install them. ----

/** Client command named by the server's "Install <pkg> with `<command>`" code action. */
export const INSTALL_DEPENDENCY_COMMAND = 'sparkgraph.installDependency';

/** Arguments of INSTALL_DEPENDENCY_COMMAND: the client asks the user, then runs `command` in `cwd`. */
export interface InstallDependencyArgs {
  package: string;
  command: string;
  /** File URI of the folder the command must run in. */
  cwd: string;
  /** File URI of the manifest the command changes. */
  manifest: string;
}

export interface MissingDependencyInfo {
  package: string;
  ecosystem: 'npm' | 'pypi' | 'cargo' | 'go';
  dev: boolean;
  imports: Location1[];
  install: { tool: string; command: string; cwd: string; manifest: string };
}

export interface DependenciesResult {
  folders: {
    root: string;
    missing: MissingDependencyInfo[];
    /** Undeclared packages imported only inside try (the code runs without them). */
    optional: MissingDependencyInfo[];
    unused: { package: string; manifest: string; group: string }[];
    problems: { manifest: string; message: string; line: number }[];
  }[];
  /** The missing packages and their commands as markdown (what the chat `/deps` shows). */
  markdown: string;
}

/** Client → server: missing and unused dependencies of every folder. */
export const DependenciesRequest = new RequestType0<DependenciesResult, void>('sparkgraph/dependencies');

export interface SnippetDependenciesParams {
  /** Code that is not in the workspace yet: a chat answer's code block, a pasted snippet. */
  code: string;
  language: 'typescript' | 'javascript' | 'python';
  /** The file the code would go into (its manifests govern); a folder URI means its root. */
  uri?: string;
}

export interface SnippetDependenciesResult {
  missing: MissingDependencyInfo[];
  /** One install line per package, for under the answer; empty when nothing is missing. */
  markdown: string;
}

/** Client → server: packages a piece of code imports that the project does not declare. */
export const SnippetDependenciesRequest = new RequestType<SnippetDependenciesParams, SnippetDependenciesResult, void>('sparkgraph/snippetDependencies');

// ---- Workspace refactors as jobs (issue #6). The server computes the change (never writes it
// unless asked with RefactorApplyRequest); the client previews it and applies it. ----

export type RefactorSpec =
  | { kind: 'rename'; newName: string; keepExportNames?: boolean }
  | { kind: 'move'; to: string }
  | { kind: 'signature'; add?: string[]; remove?: string[]; order?: string[] }
  | { kind: 'migrate'; rule: { language: 'typescript' | 'tsx' | 'javascript' | 'python'; pattern: string; rewrite?: string; message?: string } }
  /** A plain-language request in the forms the chat and the HTTP API accept: "rename a to b", "move a to src/x.ts", … */
  | { kind: 'message'; text: string };

export interface RefactorSubmitParams {
  /** A document of the workspace folder to refactor in. */
  textDocument: { uri: string };
  /** The symbol: at this position, or by name (`Repo.save`, `src/a.ts:fn`). Migrations need neither. */
  position?: { line: number; character: number };
  symbol?: string;
  refactor: RefactorSpec;
}

/** Client → server: start a refactor job; answers at once with its id. */
export const RefactorSubmitRequest = new RequestType<RefactorSubmitParams, { jobId: string }, void>('sparkgraph/refactor/submit');

export type RefactorJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RefactorProgressParams {
  jobId: string;
  state: RefactorJobState;
  done: number;
  total: number;
  message?: string;
}

/** Server → client: a job's progress and state changes. */
export const RefactorProgressNotification = new NotificationType<RefactorProgressParams>('sparkgraph/refactor/progress');

/** Client → server: cancel a job (checked between files); false when it had already finished. */
export const RefactorCancelRequest = new RequestType<{ jobId: string }, { cancelled: boolean }, void>('sparkgraph/refactor/cancel');

export interface RefactorFileChange {
  uri: string;
  path: string;
  edits: number;
  created?: boolean;
  /** The whole new content, for a per-file diff view. */
  newText: string;
}

export interface RefactorRiskySpot {
  uri: string;
  path: string;
  line: number;
  character: number;
  kind: string;
  message: string;
  lineText: string;
}

export interface RefactorJobResult {
  jobId: string;
  state: RefactorJobState;
  error?: string;
  title?: string;
  /** The change as a workspace edit; every edit carries a change annotation that needs confirmation. */
  edit?: WorkspaceEdit;
  patch?: string;
  files?: RefactorFileChange[];
  risky?: RefactorRiskySpot[];
  matches?: { uri: string; path: string; line: number; lineText: string }[];
}

/** Client → server: the job's result, once it has finished (waits for it). */
export const RefactorResultRequest = new RequestType<{ jobId: string }, RefactorJobResult, void>('sparkgraph/refactor/result');

/**
 * Client → server: write a finished job's change to disk, all files or none (for editors
 * without a refactor preview). Fails naming the file when a target changed since the job started.
 */
export const RefactorApplyRequest = new RequestType<{ jobId: string }, { written: string[] }, void>('sparkgraph/refactor/apply');

/** Client-side commands the server's code actions invoke (arguments: uri, position, and for migrate a prefilled pattern). */
export const REFACTOR_COMMANDS = {
  rename: 'sparkgraph.refactor.rename',
  move: 'sparkgraph.refactor.move',
  signature: 'sparkgraph.refactor.signature',
  migrate: 'sparkgraph.refactor.migrate',
} as const;
