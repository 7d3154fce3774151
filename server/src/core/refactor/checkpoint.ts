// Between files a job checks for cancellation and, every few files, lets the event loop run:
// in the language server that is what lets a cancel request (or any other request) be read
// while a long refactor is computing.

let counter = 0;

export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  if (++counter % 8 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) throw signal.reason ?? new Error('cancelled');
}
