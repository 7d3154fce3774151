import type { ChatMessage, CompletionResult, TokenUsage } from './types';

// Token counts (the provider's, or ≈ 4 characters per token when it reports none), the cost
// they come to at the configured prices, and the running total of a session.

export interface Prices {
  /** Currency units per 1,000 prompt tokens. */
  inputPer1k: number;
  /** Currency units per 1,000 completion tokens. */
  outputPer1k: number;
}

const estimate = (chars: number) => Math.ceil(chars / 4);

export function usageOf(messages: readonly ChatMessage[], result: CompletionResult): TokenUsage {
  if (result.usage) return { ...result.usage, estimated: false };
  return { promptTokens: estimate(messages.reduce((n, m) => n + m.content.length, 0)), completionTokens: estimate(result.text.length), estimated: true };
}

export function costOf(usage: TokenUsage, prices: Prices): number {
  return (usage.promptTokens / 1000) * prices.inputPer1k + (usage.completionTokens / 1000) * prices.outputPer1k;
}

export function formatCost(cost: number): string {
  if (cost === 0) return '$0';
  return cost < 0.01 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}

export class SessionTally {
  answers = 0;
  promptTokens = 0;
  completionTokens = 0;
  cost = 0;

  add(usage: TokenUsage, cost: number): void {
    this.answers++;
    this.promptTokens += usage.promptTokens;
    this.completionTokens += usage.completionTokens;
    this.cost += cost;
  }
}

/** One line under an answer: this answer's tokens and cost, then the session's. */
export function usageLine(usage: TokenUsage, cost: number, cached: boolean, session: SessionTally, pricesSet: boolean): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const tokens = `${n(usage.promptTokens)} prompt + ${n(usage.completionTokens)} completion tokens${usage.estimated ? ' (estimated)' : ''}`;
  const price = pricesSet ? ` · ≈ ${formatCost(cost)}` : '';
  const here = cached ? `cached answer (originally ${tokens}) · no cost` : `${tokens}${price}`;
  const total = `session: ${session.answers} model answer${session.answers === 1 ? '' : 's'}, ${n(session.promptTokens + session.completionTokens)} tokens${pricesSet ? `, ≈ ${formatCost(session.cost)}` : ''}`;
  return `${here} · ${total}`;
}
