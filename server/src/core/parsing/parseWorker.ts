import { parentPort, workerData } from 'node:worker_threads';
import { processFile, type FileJob, type FileOutcome } from './processFile';
import { TreeSitterHost } from './treeSitter';
import { LANGUAGES } from '../languages/registry';
import { detachBody } from '../lazyFacts';
import type { FileFacts } from '../model';

// Worker entry: parses batches of files and posts their facts back. The grammars directory
// comes from the pool so the worker never has to guess where it was bundled.

export interface WorkerRequest {
  id: number;
  jobs: FileJob[];
  maxFileSize: number;
}

export interface WorkerResponse {
  id: number;
  /**
   * The outcomes as JSON: facts are plain data, and JSON.parse on the receiving side costs
   * about half of what deserializing a structured clone does — and the receiving side is the
   * main thread, which everything else waits on. Facts come without their body (calls and
   * references): that is in `bodies`, the UTF-8 JSON of each parsed outcome's body in order,
   * ending at `bodyEnds`, in one buffer the worker hands over without a copy. The main thread
   * keeps each body as those bytes until linking reads it (see lazyFacts).
   */
  outcomes: string;
  bodies: ArrayBuffer;
  bodyEnds: number[];
}

const host = new TreeSitterHost((workerData as { grammarsDir: string }).grammarsDir);
// Compile every grammar while the main thread is still walking the workspace.
const warm = host.warm(LANGUAGES).catch(() => undefined);

// The pool may queue a second batch while this one parses; replies must keep the order the
// requests came in, so each waits for the one before it. A batch that throws must not leave
// the next one waiting on a rejected chain: it is rethrown outside the chain, which ends the
// worker, and the pool retries everything the worker held.
let previous: Promise<unknown> = warm;
parentPort?.on('message', (req: WorkerRequest) => {
  previous = previous
    .then(() => answer(req))
    .catch((e: unknown) => {
      setImmediate(() => {
        throw e;
      });
    });
});

async function answer(req: WorkerRequest): Promise<void> {
  const outcomes: FileOutcome[] = [];
  const bodies: string[] = [];
  for (const job of req.jobs) {
    const o = await processFile(host, job, req.maxFileSize);
    if (o.status === 'parsed') {
      const { rest, body } = detachBody(o.facts);
      outcomes.push({ ...o, facts: rest as FileFacts });
      bodies.push(body);
    } else outcomes.push(o);
  }
  const { buffer, ends } = packBodies(bodies);
  const res: WorkerResponse = { id: req.id, outcomes: JSON.stringify(outcomes), bodies: buffer, bodyEnds: ends };
  parentPort!.postMessage(res, [buffer]);
}

/** The texts as UTF-8, one after another in a buffer of their own (a pooled one cannot be handed over). */
function packBodies(bodies: readonly string[]): { buffer: ArrayBuffer; ends: number[] } {
  let total = 0;
  for (const b of bodies) total += Buffer.byteLength(b, 'utf8');
  const out = Buffer.allocUnsafeSlow(total);
  const ends: number[] = [];
  let at = 0;
  for (const b of bodies) {
    at += out.write(b, at, 'utf8');
    ends.push(at);
  }
  return { buffer: out.buffer as ArrayBuffer, ends };
}
