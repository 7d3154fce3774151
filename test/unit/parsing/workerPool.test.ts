import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { defaultWorkerScript, ParsePool } from '../../../server/src/core/parsing/workerPool';
import type { FileJob, FileOutcome } from '../../../server/src/core/parsing/processFile';
import { findGrammarsDir } from '../../../server/src/core/parsing/treeSitter';
import { FIXTURES } from '../../helpers/fixtures';
import { canonicalGraph } from '../../helpers/graphText';
import { mixedWorkspace } from '../../helpers/workspaceMutator';

// A worker that dies takes only its batch with it: the pool replaces it, retries that batch
// file by file, and reports the file that kills a worker as 'parse-failed'.

const job = (path: string): FileJob => ({ path, abs: `/nonexistent/${path}`, language: 'typescript' });

/** A pool of stand-in workers (test/fixtures/workers/<script>), closed after `use`. */
async function withPool(script: string, options: { workers: number; batchTimeoutMs?: number }, use: (pool: ParsePool) => Promise<void>): Promise<void> {
  const pool = new ParsePool({ grammarsDir: findGrammarsDir(), maxFileSize: 1 << 20, workerScript: join(FIXTURES, 'workers', script), ...options });
  try {
    await use(pool);
  } finally {
    await pool.close();
  }
}

/** Each outcome as [path, skip reason]. */
const reasons = (outcomes: FileOutcome[]) => outcomes.map((o) => [o.path, o.status === 'skipped' && o.reason]);

describe('parse worker pool', function () {
  this.timeout(30_000);

  it('survives a crashing worker and names the file that crashed it', async () => {
    await withPool('crashOnMarker.js', { workers: 2 }, async (pool) => {
      const jobs = Array.from({ length: 60 }, (_, i) => job(i === 17 ? 'src/crash-me.ts' : `src/f${i}.ts`));
      const outcomes = await pool.run(jobs);
      assert.equal(outcomes.length, 60);
      const crashed = outcomes.find((o) => o.path === 'src/crash-me.ts')!;
      assert.equal(crashed.status, 'skipped');
      assert.deepEqual(crashed.status === 'skipped' && [crashed.reason, /crashed/.test(crashed.detail)], ['parse-failed', true]);
      // Every other file in the crashed batch was retried and answered.
      assert.ok(outcomes.filter((o) => o.path !== 'src/crash-me.ts').every((o) => o.status === 'skipped' && o.detail.startsWith('handled')));
      // The pool is still usable afterwards.
      const more = await pool.run([job('a.ts'), job('b.ts'), job('c.ts')]);
      assert.deepEqual(
        more.map((o) => o.status === 'skipped' && o.detail),
        ['handled a.ts', 'handled b.ts', 'handled c.ts'],
      );
    });
  });

  it('pins each crash on its own file when several batches die at once', async () => {
    await withPool('crashOnMarker.js', { workers: 2 }, async (pool) => {
      const crashing = new Set([5, 40, 41, 90, 150]);
      const jobs = Array.from({ length: 200 }, (_, i) => job(crashing.has(i) ? `src/crash-${i}.ts` : `src/f${i}.ts`));
      const outcomes = await pool.run(jobs);
      assert.deepEqual(outcomes.map((o) => o.path), jobs.map((j) => j.path));
      const failed = outcomes.filter((o) => o.status === 'skipped' && o.reason === 'parse-failed').map((o) => o.path);
      assert.deepEqual(failed, [...crashing].map((i) => `src/crash-${i}.ts`));
    });
  });

  it('keeps each worker to one language family while it has files of its own', async () => {
    await withPool('threadProbe.js', { workers: 2 }, async (pool) => {
      // Interleaved on purpose: 4 batches of TypeScript, 2 of Python.
      const jobs: FileJob[] = [];
      for (let i = 0; i < 96; i++) {
        jobs.push({ path: `src/t${i}.ts`, abs: '/nonexistent', language: 'typescript' });
        if (i < 48) jobs.push({ path: `py/p${i}.py`, abs: '/nonexistent', language: 'python' });
      }
      const outcomes = await pool.run(jobs);
      assert.deepEqual(outcomes.map((o) => o.path), jobs.map((j) => j.path), 'outcomes come back in the order of the jobs');
      const thread = (o: FileOutcome) => (o.status === 'skipped' ? o.detail : '');
      const py = new Set(outcomes.filter((o) => o.path.endsWith('.py')).map(thread));
      assert.equal(py.size, 1, 'every Python batch went to the same worker');
      // The smaller family's worker helps with the rest once its own files are done, but the
      // first TypeScript batches are the other worker's.
      const firstTs = outcomes.find((o) => o.path === 'src/t0.ts')!;
      assert.notEqual(thread(firstTs), [...py][0]);
    });
  });

  it('does not trust a reply that leaves files out: the batch is retried file by file', async () => {
    await withPool('crashOnMarker.js', { workers: 1 }, async (pool) => {
      const outcomes = await pool.run([job('a.ts'), job('short.ts'), job('b.ts')]);
      assert.deepEqual(reasons(outcomes), [
        ['a.ts', 'unreadable'],
        ['short.ts', 'parse-failed'],
        ['b.ts', 'unreadable'],
      ]);
      const short = outcomes[1]!;
      assert.match(short.status === 'skipped' ? short.detail : '', /1 files sent, 0 outcomes back/);
    });
  });

  it('kills a hung worker and reports the file that hung it', async () => {
    await withPool('crashOnMarker.js', { workers: 1, batchTimeoutMs: 500 }, async (pool) => {
      const outcomes = await pool.run([job('x.ts'), job('hang.ts'), job('y.ts')]);
      assert.deepEqual(reasons(outcomes), [
        ['x.ts', 'unreadable'],
        ['hang.ts', 'parse-failed'],
        ['y.ts', 'unreadable'],
      ]);
    });
  });
});

describe('parsing on worker threads', function () {
  this.timeout(60_000);

  it('gives the same graph and facts as parsing in-process (bodies travel as UTF-8 bytes)', async () => {
    assert.ok(defaultWorkerScript(), 'the parse worker bundle is missing: run `npm run build`');
    const ws = mixedWorkspace();
    const onWorkers = new WorkspaceIndex(ws.root, { cache: false, workers: 2 });
    const inProcess = new WorkspaceIndex(ws.root, { cache: false, workers: 0 });
    try {
      await onWorkers.build();
      await inProcess.build();
      assert.deepEqual(canonicalGraph(onWorkers.graph.graph), canonicalGraph(inProcess.graph.graph));
      // Batches come back in whatever order the workers finish them: compare file by file.
      const facts = (index: WorkspaceIndex) => JSON.parse(JSON.stringify([...index.allFacts()].sort(([a], [b]) => (a < b ? -1 : 1)))) as unknown;
      assert.deepEqual(facts(onWorkers), facts(inProcess));
    } finally {
      await onWorkers.dispose();
      await inProcess.dispose();
      ws.cleanup();
    }
  });
});
