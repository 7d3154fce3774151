import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { attachBody } from '../lazyFacts';
import { languageById } from '../languages/registry';
import { processFile, type FileJob, type FileOutcome } from './processFile';
import type { WorkerRequest, WorkerResponse } from './parseWorker';
import { TreeSitterHost } from './treeSitter';

// Parses files on worker threads sized to the machine. A worker that dies takes only its
// batch with it: the pool replaces the worker and retries that batch file by file, and a
// file that kills a worker twice is reported as 'parse-failed' instead of stopping the index.

const BATCH = 24;
/**
 * Batches a worker holds at once. With one, a worker that finishes waits for the main thread to
 * take its reply and send more — and the main thread is often busy absorbing the other worker's
 * facts or collecting garbage. A second batch queued on the worker keeps it parsing meanwhile.
 */
const DEPTH = 2;
/** A batch that takes this long is a hung parser; its worker is killed and the batch retried. */
const BATCH_TIMEOUT_MS = 120_000;

export interface PoolOptions {
  /** 0 parses on the calling thread. Default: the machine's parallelism. */
  workers?: number;
  grammarsDir: string;
  maxFileSize: number;
  /** Where parseWorker.js lives (the bundle). Without it the pool parses in-process. */
  workerScript?: string;
  /** A batch taking longer is treated as a hung parser. Default 120 s. */
  batchTimeoutMs?: number;
}

interface Pending {
  req: WorkerRequest;
  resolve: (o: FileOutcome[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  dead?: boolean;
  /** Requests posted to the worker, in the order it answers them; the first is being parsed. */
  inflight: Pending[];
  /** The hung-parser timer of the first request in flight. */
  timer?: ReturnType<typeof setTimeout>;
  /** Holding a retry, which must run alone: nothing is queued behind it. */
  alone?: boolean;
}

export function defaultWorkerScript(): string | undefined {
  // Bundled: dist/server/parseWorker.js next to this code; from source the bundle may exist too.
  for (const candidate of [join(__dirname, 'parseWorker.js'), join(__dirname, '..', 'server', 'parseWorker.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  const fromSource = join(__dirname, '..', '..', '..', '..', 'dist', 'server', 'parseWorker.js');
  return existsSync(fromSource) ? fromSource : undefined;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  /** Callers waiting for room on a worker (their own, or any idle one for a retry). */
  private readonly queue: (() => void)[] = [];
  private nextId = 1;
  private host?: TreeSitterHost;
  private closed = false;
  readonly size: number;

  constructor(private readonly options: PoolOptions) {
    const script = options.workerScript ?? defaultWorkerScript();
    const wanted = options.workers ?? Math.max(1, availableParallelism());
    this.size = script ? wanted : 0;
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn(script!));
  }

  private spawn(script: string): Slot {
    const worker = new Worker(script, { workerData: { grammarsDir: this.options.grammarsDir } });
    const slot: Slot = { worker, inflight: [] };
    worker.on('message', (res: WorkerResponse) => {
      const head = slot.inflight[0];
      if (!head || head.req.id !== res.id) return;
      slot.inflight.shift();
      this.armTimer(slot);
      this.wake();
      let outcomes: FileOutcome[];
      try {
        outcomes = JSON.parse(res.outcomes) as FileOutcome[];
        if (!Array.isArray(outcomes) || outcomes.length !== head.req.jobs.length) throw new Error(`${head.req.jobs.length} files sent, ${Array.isArray(outcomes) ? outcomes.length : 'no list of'} outcomes back`);
        const bytes = new Uint8Array(res.bodies);
        let b = 0;
        let start = 0;
        for (const o of outcomes) {
          if (o.status !== 'parsed') continue;
          const end = res.bodyEnds[b++];
          if (end === undefined || end < start || end > bytes.length) throw new Error('a parsed file came without its calls and references');
          o.facts = attachBody(o.facts, bytes.subarray(start, end));
          start = end;
        }
      } catch (e) {
        head.reject(new Error(`parse worker sent an unreadable reply: ${(e as Error).message}`));
        return;
      }
      head.resolve(outcomes);
    });
    const fail = (err: Error) => {
      if (slot.dead) return;
      slot.dead = true;
      clearTimeout(slot.timer);
      const lost = slot.inflight.splice(0);
      if (this.closed) return;
      // Replace the dead worker in place so the pool keeps its size.
      const i = this.slots.indexOf(slot);
      const fresh = this.spawn(script);
      if (i >= 0) this.slots[i] = fresh;
      this.wake();
      // Every batch the worker held fails; each is retried file by file.
      for (const p of lost) p.reject(err);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slot.inflight.length > 0 || (!this.closed && code !== 0)) fail(new Error(`parse worker exited with code ${code}`));
    });
    worker.unref();
    return slot;
  }

  /** Time the batch the worker is parsing now: one that takes too long means a hung parser. */
  private armTimer(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = slot.inflight.length ? setTimeout(() => void slot.worker.terminate(), this.options.batchTimeoutMs ?? BATCH_TIMEOUT_MS) : undefined;
  }

  /** Waiters re-check whether their worker has room; those still without it wait again. */
  private wake(): void {
    for (const resume of this.queue.splice(0)) resume();
  }

  /** Worker `at` if it is alive and has room for another batch. */
  private slotWithRoom(at: number): Slot | undefined {
    const s = this.slots[at];
    return s && !s.dead && !s.alone && s.inflight.length < DEPTH ? s : undefined;
  }

  /** A live worker with nothing in flight. */
  private idleSlot(): Slot | undefined {
    return this.slots.find((s) => !s.dead && !s.alone && s.inflight.length === 0);
  }

  /**
   * Post a batch to worker `at`; without one (a retry after a crash) wait for an idle worker and
   * keep others off it until it is answered: a file that kills its worker then takes nothing
   * else with it, and the crash is pinned on the right file.
   */
  private async runOn(jobs: FileJob[], at?: number): Promise<FileOutcome[]> {
    const alone = at === undefined;
    const pick = () => (alone ? this.idleSlot() : this.slotWithRoom(at));
    let slot = pick();
    while (!slot) {
      await new Promise<void>((resolve) => this.queue.push(resolve));
      slot = pick();
    }
    const req: WorkerRequest = { id: this.nextId++, jobs, maxFileSize: this.options.maxFileSize };
    const target = slot;
    if (alone) target.alone = true;
    const settle = <T>(f: (v: T) => void) => (v: T) => {
      if (alone) {
        target.alone = false;
        this.wake();
      }
      f(v);
    };
    return new Promise((resolve, reject) => {
      target.inflight.push({ req, resolve: settle(resolve), reject: settle(reject) });
      if (target.inflight.length === 1) this.armTimer(target);
      target.worker.postMessage(req);
    });
  }

  private async runBatch(jobs: FileJob[], at: number): Promise<FileOutcome[]> {
    try {
      return await this.runOn(jobs, at);
    } catch {
      const out: FileOutcome[] = [];
      for (const job of jobs) {
        try {
          out.push(...(await this.runOn([job])));
        } catch (e) {
          out.push({ path: job.path, status: 'skipped', reason: 'parse-failed', detail: `the parser crashed on this file: ${(e as Error).message}` });
        }
      }
      return out;
    }
  }

  /**
   * Parse every job; `onOutcome` sees each result as it arrives (for progress). Outcomes come
   * back in the order of `jobs`.
   *
   * Each worker keeps to one language family while it has files of its own: a worker that
   * parses both TypeScript and Python optimizes both extractors and warms both grammars'
   * tables, and every worker does that again. Kept apart, the 500k-line monorepo's cold index
   * spends ~0.6 s less CPU on two cores. A worker out of its own family's files takes batches
   * from the end of the biggest other queue, so no worker idles while files are left.
   */
  async run(jobs: FileJob[], onOutcome?: (o: FileOutcome) => void): Promise<FileOutcome[]> {
    if (this.size === 0 || jobs.length <= 2) return this.runInProcess(jobs, onOutcome);
    const queues = familyQueues(jobs);
    const take = (worker: number): FileJob[] | undefined => {
      const own = queues[worker % queues.length]!;
      if (own.length) return own.shift();
      let biggest: FileJob[][] | undefined;
      for (const q of queues) if (q.length && (!biggest || q.length > biggest.length)) biggest = q;
      return biggest?.pop();
    };
    const byJob = new Map<FileJob, FileOutcome>();
    const lane = async (worker: number) => {
      for (let batch = take(worker); batch; batch = take(worker)) {
        // One outcome per job, in the batch's order (a reply, or the file-by-file retry).
        const outcomes = await this.runBatch(batch, worker);
        outcomes.forEach((o, i) => byJob.set(batch![i]!, o));
        if (onOutcome) for (const o of outcomes) onOutcome(o);
      }
    };
    const lanes: Promise<void>[] = [];
    for (let w = 0; w < this.size; w++) for (let d = 0; d < DEPTH; d++) lanes.push(lane(w));
    await Promise.all(lanes);
    return jobs.map((j) => byJob.get(j)!);
  }

  private async runInProcess(jobs: FileJob[], onOutcome?: (o: FileOutcome) => void): Promise<FileOutcome[]> {
    this.host ??= new TreeSitterHost(this.options.grammarsDir);
    const out: FileOutcome[] = [];
    for (const job of jobs) {
      const o = await processFile(this.host, job, this.options.maxFileSize);
      onOutcome?.(o);
      out.push(o);
      // Parsing on the calling thread must not starve its event loop (editor requests).
      if (out.length % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** The jobs in batches, one queue per language family, biggest family first; order kept within each. */
function familyQueues(jobs: readonly FileJob[]): FileJob[][][] {
  const byFamily = new Map<string, FileJob[]>();
  for (const job of jobs) {
    const family = languageById(job.language).family;
    let list = byFamily.get(family);
    if (!list) byFamily.set(family, (list = []));
    list.push(job);
  }
  return [...byFamily.values()]
    .sort((a, b) => b.length - a.length)
    .map((list) => {
      const batches: FileJob[][] = [];
      for (let i = 0; i < list.length; i += BATCH) batches.push(list.slice(i, i + BATCH));
      return batches;
    });
}
