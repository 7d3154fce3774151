// Caps file-system calls in flight: a wide tree would otherwise queue tens of thousands of
// requests at once (and opened handles can hit EMFILE). Only leaf calls go through it, never a
// task that waits on other limited tasks, so it cannot deadlock.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(max: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  // A finished task hands its slot straight to the next waiter, so a newcomer arriving in
  // between cannot push the count over the cap.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
