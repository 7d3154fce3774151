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
   * references): that is in `bodies`, one JSON text per parsed outcome in order, which the
   * main thread keeps as text until linking reads it (see index/lazyFacts).
   */
  outcomes: string;
  bodies: string[];
}

const host = new TreeSitterHost((workerData as { grammarsDir: string }).grammarsDir);
// Compile every grammar while the main thread is still walking the workspace.
const warm = host.warm(LANGUAGES).catch(() => undefined);

parentPort?.on('message', async (req: WorkerRequest) => {
  await warm;
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
  const res: WorkerResponse = { id: req.id, outcomes: JSON.stringify(outcomes), bodies };
  parentPort!.postMessage(res);
});
