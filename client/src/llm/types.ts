// The language-model layer's vocabulary, free of `vscode` so the HTTP side is testable in Node.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** True when the provider reported no usage and the counts are ≈ 4 characters per token. */
  estimated: boolean;
}

export interface CompletionRequest {
  messages: ChatMessage[];
  signal?: AbortSignal;
  /** Called with each piece of text as it streams in. */
  onDelta?: (text: string) => void;
}

export interface CompletionResult {
  text: string;
  usage?: { promptTokens: number; completionTokens: number };
}

export interface ModelProvider {
  /** `openai` or `vscode`; part of the cache key. */
  readonly id: string;
  /** The model's name as the user configured it; part of the cache key. */
  readonly model: string;
  /** False when `model` does not pin one model (VS Code's "first available"): answers are not cached. */
  readonly cacheable?: boolean;
  complete(request: CompletionRequest): Promise<CompletionResult>;
}

export type ModelErrorKind = 'cancelled' | 'timeout' | 'http' | 'network' | 'protocol' | 'unavailable';

/** Every failure of a provider, with a message fit to show the user. */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
