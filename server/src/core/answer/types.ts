// What the answer engine returns. Plain data: the CLI prints it, the language server converts
// locations to URIs, and the markdown is already rendered (deterministic, with file links).

export interface AnswerHit {
  /** Graph node id (`s:file#qname`, `f:file`), or `route:file:line` for a route registration. */
  id: string;
  name: string;
  qname: string;
  kind: string;
  /** Root-relative path. */
  file: string;
  /** 0-based. */
  line: number;
  character: number;
  score: number;
  reason: string;
}

export type IntentName = 'where' | 'callers' | 'callees' | 'chain' | 'deps' | 'config' | 'convention' | 'explain';

export interface Answer {
  question: string;
  intent: IntentName;
  hits: AnswerHit[];
  /** What the answer says before its list (how the question was read, why nothing was found). */
  note?: string;
  markdown: string;
}

export interface AskOptions {
  /** How many locations (default 10). */
  k?: number;
  /** Where the editor is: what "explain" (with no name) is about. 0-based. */
  context?: { file: string; line: number; character: number };
}
