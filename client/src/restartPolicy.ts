// Decides whether a crashed server is started again: a few crashes are bad luck, a burst of
// them is a bug that restarting only turns into a loop.

export interface RestartDecision {
  restart: boolean;
  /** Crashes counted inside the window, this one included. */
  crashes: number;
  /** True for the very first crash of the session, the one the user is told about. */
  first: boolean;
}

export class RestartPolicy {
  private readonly times: number[] = [];
  private total = 0;

  constructor(
    readonly maxRestarts = 5,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  crashed(): RestartDecision {
    const t = this.now();
    this.total++;
    this.times.push(t);
    while (this.times.length && t - this.times[0] > this.windowMs) this.times.shift();
    return { restart: this.times.length <= this.maxRestarts, crashes: this.times.length, first: this.total === 1 };
  }
}
