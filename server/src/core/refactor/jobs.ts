import { RefactorError, type RefactorResult } from './types';

// Refactors run as jobs: submit returns an id at once, progress is observable, the result
// arrives later, and cancelling aborts the signal every refactor checks between files.

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  total: number;
  message?: string;
}

export interface JobStatus {
  id: string;
  kind: string;
  state: JobState;
  progress: JobProgress;
  result?: RefactorResult;
  error?: string;
  createdAt: number;
  finishedAt?: number;
}

export interface JobContext {
  signal: AbortSignal;
  progress(p: JobProgress): void;
}

export type JobRunner = (ctx: JobContext) => Promise<RefactorResult>;

interface Job {
  status: JobStatus;
  controller: AbortController;
  finished: Promise<JobStatus>;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private next = 1;
  private readonly listeners = new Set<(s: JobStatus) => void>();

  constructor(private readonly keep = 50) {}

  /** Called on every progress step and state change (the LSP layer forwards it as a notification). */
  onChange(listener: (s: JobStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  submit(kind: string, run: JobRunner): string {
    const id = `job-${this.next++}`;
    const controller = new AbortController();
    const status: JobStatus = { id, kind, state: 'queued', progress: { done: 0, total: 0 }, createdAt: Date.now() };
    const emit = () => {
      for (const l of this.listeners) l({ ...status });
    };
    const finished = (async () => {
      // Start on a later turn so submit always returns before any work happens.
      await new Promise<void>((r) => setImmediate(r));
      if (controller.signal.aborted) {
        status.state = 'cancelled';
      } else {
        status.state = 'running';
        emit();
        try {
          status.result = await run({
            signal: controller.signal,
            progress: (p) => {
              status.progress = p;
              emit();
            },
          });
          status.state = controller.signal.aborted ? 'cancelled' : 'done';
          if (status.state === 'cancelled') delete status.result;
        } catch (e) {
          if (controller.signal.aborted) status.state = 'cancelled';
          else {
            status.state = 'failed';
            status.error = e instanceof RefactorError ? e.message : `internal error: ${(e as Error).stack ?? e}`;
          }
        }
      }
      status.finishedAt = Date.now();
      emit();
      this.prune();
      return { ...status };
    })();
    this.jobs.set(id, { status, controller, finished });
    return id;
  }

  status(id: string): JobStatus | undefined {
    const j = this.jobs.get(id);
    return j && { ...j.status };
  }

  /** Resolves when the job has finished, whatever the outcome. */
  wait(id: string): Promise<JobStatus> {
    const j = this.jobs.get(id);
    if (!j) return Promise.reject(new RefactorError(`no job ${id}`));
    return j.finished;
  }

  cancel(id: string): boolean {
    const j = this.jobs.get(id);
    if (!j || j.status.state === 'done' || j.status.state === 'failed' || j.status.state === 'cancelled') return false;
    j.controller.abort(new CancelledError());
    return true;
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].map((j) => ({ ...j.status }));
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.finishedAt !== undefined);
    for (const j of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(j.status.id);
  }
}
