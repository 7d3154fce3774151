import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

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
