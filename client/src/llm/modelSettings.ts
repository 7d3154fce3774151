import type { Prices } from './usage';

// The `sparkgraph.model.*` settings, read by the client only (the server never talks to a
// model). Typed and defaulted here; package.json must contribute exactly these.

export type ModelProviderId = 'none' | 'vscode' | 'openai';

export interface ModelSettings {
  provider: ModelProviderId;
  baseUrl: string;
  name: string;
  timeoutMs: number;
  maxRetries: number;
  contextTokens: number;
  pricePer1kInputTokens: number;
  pricePer1kOutputTokens: number;
}

export const MODEL_SETTINGS_SECTION = 'sparkgraph.model';

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  provider: 'none',
  baseUrl: 'http://localhost:11434/v1',
  name: '',
  timeoutMs: 60000,
  maxRetries: 2,
  contextTokens: 3000,
  pricePer1kInputTokens: 0,
  pricePer1kOutputTokens: 0,
};

/** Settings only the user (not a workspace a repository ships) may set: they decide where code is sent. */
export const USER_ONLY_MODEL_SETTINGS: readonly (keyof ModelSettings)[] = ['provider', 'baseUrl'];

export function normalizeModelSettings(raw: unknown): ModelSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ModelSettings, unknown>>;
  const d = DEFAULT_MODEL_SETTINGS;
  const num = (v: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fallback);
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v.trim() : fallback);
  return {
    provider: r.provider === 'vscode' || r.provider === 'openai' || r.provider === 'none' ? r.provider : d.provider,
    baseUrl: str(r.baseUrl, d.baseUrl) || d.baseUrl,
    name: str(r.name, d.name),
    timeoutMs: Math.floor(num(r.timeoutMs, d.timeoutMs, 1000)),
    maxRetries: Math.floor(num(r.maxRetries, d.maxRetries, 0, 10)),
    contextTokens: Math.floor(num(r.contextTokens, d.contextTokens, 200, 200000)),
    pricePer1kInputTokens: num(r.pricePer1kInputTokens, d.pricePer1kInputTokens, 0),
    pricePer1kOutputTokens: num(r.pricePer1kOutputTokens, d.pricePer1kOutputTokens, 0),
  };
}

export function pricesOf(s: ModelSettings): Prices {
  return { inputPer1k: s.pricePer1kInputTokens, outputPer1k: s.pricePer1kOutputTokens };
}

/** Why the configured provider cannot be used as it is, or undefined when it can. */
export function settingsProblem(s: ModelSettings): string | undefined {
  if (s.provider !== 'openai') return undefined;
  if (!s.name) return 'set sparkgraph.model.name to the model to ask (for example "llama3.1" on Ollama)';
  try {
    const u = new URL(s.baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `sparkgraph.model.baseUrl must be an http(s) URL, not ${s.baseUrl}`;
  } catch {
    return `sparkgraph.model.baseUrl is not a URL: ${s.baseUrl}`;
  }
  return undefined;
}
