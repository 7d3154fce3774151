import { setTimeout as delay } from 'node:timers/promises';

// Every wait in the editor tier goes through here: poll a real signal until it holds or the
// deadline passes, and say what was last seen when it does not.

export class DeadlineError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastSeen: string,
  ) {
    super(`timed out after ${(timeoutMs / 1000).toFixed(0)}s waiting for ${what}${lastSeen ? `; last seen: ${lastSeen}` : ''}`);
    this.name = 'DeadlineError';
  }
}

export interface PollOptions {
  /** Pause between probes. */
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns something other than undefined, or throws DeadlineError.
 * `probe` gets a `seen` callback to report what it observed, for the timeout message; a probe
 * that throws counts as "not yet" and its message becomes what was last seen.
 */
export async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  probe: (seen: (observation: string) => void) => Promise<T | undefined>,
  options: PollOptions = {},
): Promise<T> {
  const interval = options.intervalMs ?? 250;
  const end = Date.now() + timeoutMs;
  let lastSeen = '';
  const seen = (observation: string) => {
    lastSeen = observation;
  };
  for (;;) {
    try {
      const value = await probe(seen);
      if (value !== undefined) return value;
    } catch (err) {
      lastSeen = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
    if (Date.now() >= end) throw new DeadlineError(what, timeoutMs, lastSeen);
    await delay(Math.min(interval, Math.max(0, end - Date.now())));
  }
}
