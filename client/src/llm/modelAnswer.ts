import type { AskHit } from '../../../shared/protocol';
import { buildMessages } from './prompt';
import { cacheKey, type ResponseCache } from './responseCache';
import { ModelError, type ModelProvider, type TokenUsage } from './types';
import { costOf, usageOf, type Prices, type SessionTally } from './usage';

// One model answer under a graph answer: from the cache when the question, the context and the
// model are unchanged; otherwise streamed from the provider. Every failure becomes a note
// shown under the graph answer (which is always there), never an empty panel or a throw.

export interface ModelAnswerInput {
  question: string;
  hits: readonly AskHit[];
  context: { text: string; hash: string };
  provider: ModelProvider;
  cache?: ResponseCache;
  prices: Prices;
  session: SessionTally;
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
}

export type ModelOutcome =
  | { kind: 'answer'; text: string; usage: TokenUsage; cost: number; cached: boolean; model: string }
  | { kind: 'fallback' | 'cancelled'; note: string; partial: string };

export async function answerWithModel(input: ModelAnswerInput): Promise<ModelOutcome> {
  const { provider } = input;
  const cache = provider.cacheable === false ? undefined : input.cache;
  const key = cacheKey(input.question, input.context.hash, provider.id, provider.model);
  const hit = await cache?.get(key);
  if (hit) {
    input.onDelta?.(hit.text);
    return { kind: 'answer', text: hit.text, usage: hit.usage, cost: 0, cached: true, model: hit.model };
  }
  const messages = buildMessages(input.question, input.hits, input.context.text);
  let partial = '';
  try {
    const result = await provider.complete({
      messages,
      signal: input.signal,
      onDelta: (t) => {
        partial += t;
        input.onDelta?.(t);
      },
    });
    const usage = usageOf(messages, result);
    const cost = costOf(usage, input.prices);
    input.session.add(usage, cost);
    await cache?.set(key, { text: result.text, usage, model: provider.model });
    return { kind: 'answer', text: result.text, usage, cost, cached: false, model: provider.model };
  } catch (e) {
    if (e instanceof ModelError && e.kind === 'cancelled') return { kind: 'cancelled', note: 'Model answer cancelled; the graph answer above stands.', partial };
    const reason = e instanceof ModelError ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    return { kind: 'fallback', note: `The model could not answer (${reason}); showing the graph answer only.`, partial };
  }
}
