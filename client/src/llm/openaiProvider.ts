import { SseParser } from './sse';
import { ModelError, type CompletionRequest, type CompletionResult, type ModelProvider } from './types';

// Any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, llama.cpp, vLLM, LM Studio):
// temperature 0, streamed over server-sent events, an idle time-out, retries with exponential
// backoff on 429 and 5xx (honouring Retry-After) while nothing has streamed yet, and
// cancellation through an AbortSignal. No `vscode` here: the tests drive it against node:http.

export interface OpenAiOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Longest wait for the first byte and between two chunks. */
  timeoutMs: number;
  maxRetries: number;
  /** First backoff step; doubles on every retry (default 500 ms). */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for (default 60 s). */
  maxRetryAfterMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

class Retryable {
  constructor(
    readonly error: ModelError,
    readonly retryAfterMs?: number,
  ) {}
}

export function completionsUrl(baseUrl: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  return base.endsWith('/chat/completions') ? base : `${base}/chat/completions`;
}

/** Retry-After as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ModelError('cancelled', 'cancelled'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ModelError('cancelled', 'cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class OpenAiProvider implements ModelProvider {
  readonly id = 'openai';
  readonly model: string;
  private readonly url: string;

  constructor(private readonly options: OpenAiOptions) {
    this.model = options.model;
    this.url = completionsUrl(options.baseUrl);
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const sleep = this.options.sleep ?? abortableSleep;
    const base = this.options.backoffMs ?? 500;
    const maxRetryAfter = this.options.maxRetryAfterMs ?? 60_000;
    let streamed = false;
    const onDelta = (t: string) => {
      streamed = true;
      request.onDelta?.(t);
    };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(request, onDelta);
      } catch (e) {
        if (!(e instanceof Retryable)) throw e;
        // Text already shown cannot be taken back, so a stream broken midway is not retried.
        if (streamed || attempt >= this.options.maxRetries) throw e.error;
        if (e.retryAfterMs !== undefined && e.retryAfterMs > maxRetryAfter) throw e.error;
        await sleep(e.retryAfterMs ?? base * 2 ** attempt, request.signal);
      }
    }
  }

  private async once(request: CompletionRequest, onDelta: (t: string) => void): Promise<CompletionResult> {
    const { signal } = request;
    if (signal?.aborted) throw new ModelError('cancelled', 'cancelled');
    const controller = new AbortController();
    const cancel = () => controller.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.options.timeoutMs);
    };
    arm();
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream, application/json' };
      if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
      const response = await fetch(this.url, {
        method: 'POST',
        headers,
        signal: controller.signal,
        body: JSON.stringify({
          model: this.model,
          messages: request.messages,
          temperature: 0,
          stream: true,
          stream_options: { include_usage: true },
        }),
      });
      arm();
      if (!response.ok) {
        const detail = errorDetail(await response.text().catch(() => ''));
        const error = new ModelError('http', `${this.url} answered ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
        if (response.status === 429 || response.status >= 500) throw new Retryable(error, parseRetryAfter(response.headers.get('retry-after')));
        throw error;
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('text/event-stream') || !response.body) {
        // A server that ignores `stream: true` answers with one JSON object.
        const body = parseJson(await response.text());
        const text = body?.choices?.[0]?.message?.content;
        if (typeof text !== 'string') throw new ModelError('protocol', `${this.url} sent no chat completion (${oneLine(JSON.stringify(body) ?? '')})`);
        if (!text) throw new ModelError('protocol', 'the model returned an empty answer');
        onDelta(text);
        return { text, usage: usageOf(body) };
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      let text = '';
      let usage: CompletionResult['usage'];
      const handle = (payload: string) => {
        const chunk = parseJson(payload);
        if (!chunk) throw new ModelError('protocol', `unreadable stream event: ${oneLine(payload)}`);
        if (chunk.error) throw new ModelError('http', `the model failed: ${errorDetail(JSON.stringify(chunk))}`);
        const delta = chunk.choices?.[0]?.delta?.content ?? chunk.choices?.[0]?.message?.content;
        if (typeof delta === 'string' && delta) {
          text += delta;
          onDelta(delta);
        }
        usage = usageOf(chunk) ?? usage;
      };
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        for (const payload of parser.push(decoder.decode(value, { stream: true }))) handle(payload);
        if (parser.done) {
          await reader.cancel().catch(() => undefined);
          break;
        }
      }
      if (!parser.done) for (const payload of parser.push(decoder.decode()).concat(parser.end())) handle(payload);
      if (!text) throw new ModelError('protocol', 'the model returned an empty answer');
      return { text, usage };
    } catch (e) {
      if (e instanceof ModelError || e instanceof Retryable) throw e;
      if (signal?.aborted) throw new ModelError('cancelled', 'cancelled');
      if (timedOut) throw new ModelError('timeout', `no answer from ${this.url} within ${Math.round(this.options.timeoutMs / 100) / 10} s`);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new Retryable(new ModelError('network', `cannot reach ${this.url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function usageOf(body: Json): CompletionResult['usage'] {
  const u = body?.usage;
  if (!u || typeof u.prompt_tokens !== 'number' || typeof u.completion_tokens !== 'number') return undefined;
  return { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens };
}

function errorDetail(body: string): string {
  const json = parseJson(body);
  const message = json?.error?.message ?? json?.error ?? json?.message;
  return oneLine(typeof message === 'string' ? message : body);
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
