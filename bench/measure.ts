import { fork } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, release, totalmem, type as osType } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Measuring helpers for the benchmark. Peak memory is per process and never resets, so a
// phase whose peak matters runs in its own child (runInChild + runAsChild).

/** Median; NaN for an empty list. */
export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** The p-th percentile (0..100), interpolating linearly between ranks; NaN for an empty list. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within 0..100 (got ${p})`);
  const sorted = xs.slice().sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Wall-clock milliseconds of `fn`, awaited. */
export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

/** Peak resident set of this process so far, in MB (never goes down). */
export function maxRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Samples this process's RSS every `intervalMs` until stopped. Samples only land while the
 * event loop is free, so it sees the shape of the curve; for the true peak use maxRssMB.
 */
export function sampleRss(intervalMs = 20): { stop(): { peakMB: number; lastMB: number; samples: number } } {
  let peak = process.memoryUsage.rss();
  let last = peak;
  let samples = 1;
  const timer = setInterval(() => {
    last = process.memoryUsage.rss();
    if (last > peak) peak = last;
    samples++;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      last = process.memoryUsage.rss();
      if (last > peak) peak = last;
      return { peakMB: peak / 2 ** 20, lastMB: last / 2 ** 20, samples: samples + 1 };
    },
  };
}

/** Current and peak RSS of another process (e.g. the LSP server) from /proc; undefined off Linux or once it exited. */
export function readProcessMemory(pid: number): { rssMB: number; peakMB: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  const rss = kb('VmRSS');
  if (Number.isNaN(rss)) return undefined;
  return { rssMB: rss / 1024, peakMB: kb('VmHWM') / 1024 };
}

const CHILD_MESSAGE = 'sparkgraph-bench-child';

interface ChildMessage {
  kind: typeof CHILD_MESSAGE;
  ok: boolean;
  result?: unknown;
  error?: string;
  /** process.resourceUsage().maxRSS of the child, in kB. */
  maxRSS: number;
}

export interface ChildRun<T> {
  result: T;
  /** The child's own peak RSS, read by the child just before it reported. */
  maxRssMB: number;
  /** Wall clock from fork to the child's exit, process start-up included. */
  ms: number;
}

export interface ChildOptions {
  /** Kill the child and fail after this long. Default: no limit. */
  timeoutMs?: number;
  /** Extra flags for node; `--expose-gc` is always passed. */
  execArgv?: readonly string[];
}

function tsxLoader(): string {
  try {
    return pathToFileURL(createRequire(__filename).resolve('tsx')).href;
  } catch {
    throw new Error('runInChild: running a .ts script needs the tsx package (npm install); or run the bundled .js');
  }
}

/**
 * Runs `scriptPath` in a fresh node process (with --expose-gc; with tsx when it is a .ts file).
 * The script must report through runAsChild. Rejects if the child fails, dies or never reports.
 */
export function runInChild<T = any>(scriptPath: string, args: readonly string[] = [], opts: ChildOptions = {}): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    if (!existsSync(scriptPath)) {
      reject(new Error(`runInChild: ${scriptPath} does not exist`));
      return;
    }
    let execArgv: string[];
    try {
      execArgv = ['--expose-gc', ...(/\.[cm]?ts$/.test(scriptPath) ? ['--import', tsxLoader()] : []), ...(opts.execArgv ?? [])];
    } catch (err) {
      reject(err);
      return;
    }
    const start = performance.now();
    const child = fork(scriptPath, [...args], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    let report: ChildMessage | undefined;
    let failure: Error | undefined;
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            failure = new Error(`runInChild: ${scriptPath} did not finish within ${opts.timeoutMs} ms`);
            child.kill('SIGKILL');
          }, opts.timeoutMs);
    child.on('message', (msg: unknown) => {
      if (msg && typeof msg === 'object' && (msg as ChildMessage).kind === CHILD_MESSAGE) report = msg as ChildMessage;
    });
    child.on('error', (err) => {
      failure ??= err;
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const ms = performance.now() - start;
      if (failure) reject(failure);
      else if (!report) reject(new Error(`runInChild: ${scriptPath} exited (${signal ?? `code ${code}`}) without reporting a result; does it call runAsChild?`));
      else if (!report.ok) reject(new Error(`runInChild: ${scriptPath} failed: ${report.error}`));
      else resolve({ result: report.result as T, maxRssMB: report.maxRSS / 1024, ms });
    });
  });
}

/**
 * The child side of runInChild: runs `main` with the script's arguments, sends its result (or
 * error) and the process's peak RSS to the parent, then exits. Outside a fork it prints the
 * result as JSON, so a phase script can be run by hand.
 */
export function runAsChild<T>(main: (args: string[]) => T | Promise<T>): void {
  const finish = (msg: ChildMessage) => {
    if (process.send) process.send(msg, () => process.exit(msg.ok ? 0 : 1));
    else {
      if (msg.ok) console.log(JSON.stringify(msg.result, null, 2));
      else console.error(msg.error);
      process.exit(msg.ok ? 0 : 1);
    }
  };
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (result) => finish({ kind: CHILD_MESSAGE, ok: true, result, maxRSS: process.resourceUsage().maxRSS }),
      (err: unknown) =>
        finish({
          kind: CHILD_MESSAGE,
          ok: false,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
          maxRSS: process.resourceUsage().maxRSS,
        }),
    );
}

export interface LineCount {
  files: number;
  lines: number;
  bytes: number;
  byExtension: Record<string, { files: number; lines: number }>;
}

export const DEFAULT_SKIP_DIRS: readonly string[] = ['node_modules', '.git', 'dist', '__pycache__', '.venv'];

/** Lines in a buffer the way editors count them: a final line without a newline still counts. */
export function countBufferLines(buf: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return buf.length > 0 && buf[buf.length - 1] !== 10 ? n + 1 : n;
}

/** Every file under `dir` whose extension (lower-cased, with the dot) is listed; skips `skipDirs` and symlinks. */
export function listFiles(dir: string, extensions: readonly string[], skipDirs: readonly string[] = DEFAULT_SKIP_DIRS): string[] {
  const wanted = new Set(extensions.map((e) => e.toLowerCase()));
  const skip = new Set(skipDirs);
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped, not fatal
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(d, e.name);
      if (e.isDirectory()) {
        if (!skip.has(e.name)) walk(abs);
      } else if (e.isFile() && wanted.has(extname(e.name).toLowerCase())) out.push(abs);
    }
  };
  walk(dir);
  return out;
}

/** Files and lines under `dir` for the given extensions, e.g. `['.ts', '.tsx', '.py']`. */
export function countLines(dir: string, extensions: readonly string[], skipDirs: readonly string[] = DEFAULT_SKIP_DIRS): LineCount {
  const total: LineCount = { files: 0, lines: 0, bytes: 0, byExtension: {} };
  for (const abs of listFiles(dir, extensions, skipDirs)) {
    let buf: Buffer;
    try {
      buf = readFileSync(abs);
    } catch {
      continue;
    }
    const lines = countBufferLines(buf);
    const ext = extname(abs).toLowerCase();
    const slot = (total.byExtension[ext] ??= { files: 0, lines: 0 });
    slot.files++;
    slot.lines += lines;
    total.files++;
    total.lines += lines;
    total.bytes += buf.length;
  }
  return total;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryMB: number;
  node: string;
  /** Kernel and, on Linux, the distribution. */
  os: string;
}

export function machineInfo(): MachineInfo {
  let distro = '';
  try {
    distro = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {
    // not Linux, or no os-release: the kernel name is enough
  }
  return {
    cpuModel: cpus()[0]?.model.trim() || 'unknown CPU',
    cores: availableParallelism(),
    totalMemoryMB: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    os: `${osType()} ${release()} ${process.arch}${distro ? ` (${distro})` : ''}`,
  };
}
